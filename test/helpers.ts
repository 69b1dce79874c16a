// Test helpers: run the CLI in-process with fake streams, or spawn the built binary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../src/cli.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const BIN = join(ROOT, 'bin', 'negotiate.cjs');
export const SEED = join(FIXTURES, 'seed', '000_00960e55b59b0de2.txt');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The index cache of this test file's runs: a fresh temporary folder, never the user's own cache. */
export const TEST_CACHE_DIR = mkdtempSync(join(tmpdir(), 'negotiate-cache-'));

/**
 * A clean environment: no colour hints, today pinned, nothing from the developer's shell, a private cache,
 * and a home of its own: every call gets a fresh empty HOME and XDG_DATA_HOME, so no run reads guides from
 * the real user's folder (~/.local/share/negotiate/guides) or writes into it (`negotiate new`). A test that
 * wants a user folder passes its own XDG_DATA_HOME (or HOME).
 */
export function testEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const home = mkdtempSync(join(tmpdir(), 'negotiate-home-'));
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    NEGOTIATE_TODAY: '2026-11-29',
    NEGOTIATE_CACHE_DIR: TEST_CACHE_DIR,
    ...extra,
  };
}

export async function runCli(
  argv: string[],
  opts: { env?: Record<string, string | undefined>; tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env: testEnv(opts.env),
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false },
    stdinIsTTY: opts.tty ?? false,
    dataDir: join(ROOT, 'data'),
  });
  return { code, stdout, stderr };
}

/** Spawns the built binary (npm test builds it first). stdin is closed unless input is given. */
export function spawnCli(
  argv: string[],
  opts: { env?: Record<string, string | undefined>; input?: string | Buffer; cwd?: string; bin?: string } = {},
): CliResult {
  const r = spawnSync(process.execPath, [opts.bin ?? BIN, ...argv], {
    env: testEnv(opts.env) as NodeJS.ProcessEnv,
    input: opts.input ?? '',
    encoding: 'utf8',
    cwd: opts.cwd ?? ROOT,
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes files (path → content) into a fresh temporary folder and returns it. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'negotiate-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** A small valid guide, with front-matter overrides as YAML lines. */
export function guideText(
  opts: { company?: string; role?: string; extra?: string; bands?: string; body?: string } = {},
): string {
  const bands =
    opts.bands ??
    `  - region: Zürich
    currency: CHF
    base_low: 150000
    base_high: 190000
    stock_low: 80000
    stock_high: 120000
    bonus_pct: 15
    total_comp_low: 192500
    total_comp_high: 248500`;
  return `---
company: ${opts.company ?? 'acme-corp'}
company_display: Acme Corp
role: ${opts.role ?? 'data-engineer'}
role_display: Data Engineer
last_updated: 2026-10-01
next_review_due: 2027-01-01
compensation:
${bands}
data_sources:
  - Synthetic test data
${opts.extra ?? ''}---
${opts.body ?? '### Data Engineer | Acme Corp\n\n**Global Levers**\n\n1. **Scale:** "I run pipelines at scale."\n'}`;
}
