// Spawn tests of the built binary (npm test builds it first): exit codes, streams, pipes.
import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { BIN, guideText, spawnCli, tempTree } from './helpers.js';

describe('the built binary', () => {
  test('exit 0: lookup --json is one JSON document on stdout; the warning is on stderr', () => {
    const r = spawnCli(['lookup', 'cloudflare-workers', 'ml-ai-engineer', '--region', 'London', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).bands[0].base).toEqual({ low: 132000, high: 170000 });
    expect(r.stderr).toBe('warning: the data is past its review date (2026-05-23)\n');
  });

  test('exit 1: unknown company, with a suggestion and no stack trace', () => {
    const r = spawnCli(['lookup', 'cloudflair', 'ml-ai-engineer', '--region', 'londn']);
    expect(r.code).toBe(0); // a close misspelling of the company is accepted
    const miss = spawnCli(['lookup', 'cloudfire-workerz-inc', 'ml']);
    expect(miss.code).toBe(1);
    expect(miss.stderr).toBe(
      'negotiate: error: unknown company "cloudfire-workerz-inc"\n  did you mean cloudflare-workers?\n',
    );
    expect(miss.stdout).toBe('');
  });

  test('exit 2: usage errors', () => {
    for (const argv of [
      ['lookup'],
      ['lookup', 'a', 'b', '--currency', 'ABC'],
      ['nonsense'],
      ['list', '--color', 'x'],
    ]) {
      const r = spawnCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('exit 3: an unreadable data folder, and an invalid guide that is asked for', () => {
    expect(spawnCli(['list', '--data', '/no/such/folder']).code).toBe(3);
    const dir = tempTree({ 'bad.md': guideText().replace('currency: CHF', 'currency: ZZZ') });
    const r = spawnCli(['lookup', 'acme', 'data-engineer', '--data', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/is not a known ISO 4217 currency code/);
  });

  test('NEGOTIATE_DEBUG=1 shows a stack for a user error', () => {
    const r = spawnCli(['lookup', 'nope', 'nope'], { env: { NEGOTIATE_DEBUG: '1' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NotFoundError: unknown company[\s\S]*\n\s+at /);
  });

  test('a closed pipe ends quietly', async () => {
    const dir = tempTree({
      'big.md': guideText({
        body: `### Big\n\n${'A paragraph of text that goes on. '.repeat(20).concat('\n\n').repeat(600)}`,
      }),
    });
    const child = spawn(process.execPath, [BIN, 'show', 'acme', 'data-engineer', '--data', dir, '-q'], {
      env: { PATH: process.env.PATH },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Read one chunk, then close our end of the pipe, as `| head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('never waits on a closed stdin, and prints no colour into a pipe', () => {
    const r = spawnCli(['lookup', 'cloudflare', 'ml', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b/);
  });
});
