// The program as npm installs it (bin/, dist/, data/ without node_modules): extract on every letter fixture
// prints one JSON document and nothing a library prints (pdf.js without @napi-rs/canvas, mammoth). In the
// slow project: one spawned run per letter.
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, ROOT, spawnCli } from './helpers.js';

const LETTERS = join(FIXTURES, 'letters');
const letter = (name: string) => join(LETTERS, name);

describe('installed without optional packages: nothing a library prints reaches stdout', { timeout: 120_000 }, () => {
  test('extract --json prints one JSON document on every letter, with @napi-rs/canvas absent', () => {
    // The program as npm installs it (bin/, dist/, data/), with no node_modules anywhere above it.
    const app = mkdtempSync(join(tmpdir(), 'negotiate-app-'));
    for (const part of ['bin', 'dist', 'data', 'package.json'])
      cpSync(join(ROOT, part), join(app, part), { recursive: true });
    const files = readdirSync(LETTERS).filter((f) => /\.(txt|md|eml|html|pdf|docx)$/.test(f) && f !== 'README.md');
    for (const name of files) {
      const r = spawnCli(['extract', letter(name), '--json'], { bin: join(app, 'bin', 'negotiate.cjs'), cwd: app });
      expect([0, 1], `${name}: ${r.stderr}`).toContain(r.code);
      expect(
        () => JSON.parse(r.stdout),
        `${name}: stdout is not one JSON document:\n${r.stdout.slice(0, 300)}`,
      ).not.toThrow();
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });
});
