// A closed stdout pipe (`negotiate … | head -1`) and a closed stdin: no error message, only SPEC exit codes.
import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { BIN, guideText, spawnCli, tempTree, testEnv } from '../helpers.js';

const big = tempTree({
  'big.md': guideText({ body: `### Big\n\n${'A paragraph of text that goes on and on. '.repeat(20)}\n\n`.repeat(800) }),
});

/** Spawns the binary, reads one chunk of stdout, closes the pipe (as `head -1` does), and reports. */
function closeAfterFirstChunk(argv: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, '--no-bundled', '--data', big, ...argv], {
    env: testEnv() as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.once('data', () => child.stdout.destroy());
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a closed stdout pipe ends quietly', () => {
  test.each([
    [['show', 'acme', 'data']],
    [['show', 'acme', 'data', '--json']],
    [['validate', big]],
    [['list']],
    [['search', 'paragraph']],
  ])('%j', async (argv) => {
    const r = await closeAfterFirstChunk(argv);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect([0, 3]).toContain(r.code);
  });
});

describe('a closed stdin never hangs or errors', () => {
  test.each([
    [['evaluate'], 2],
    [['evaluate', 'acme', 'data'], 2],
    [['draft'], 2],
    [['lookup', 'acme', 'data'], 0],
    [['show', 'acme', 'data'], 0],
  ])('%j → exit %i', (argv, code) => {
    const r = spawnCli(['--no-bundled', '--data', big, '-q', ...(argv as string[])], { input: '' });
    expect(r.code).toBe(code);
    expect(r.stderr).not.toMatch(/EPIPE|EOF|internal error|\n\s+at /);
  });
});
