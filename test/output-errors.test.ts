// A file that cannot be written for want of space (or an I/O error) exits 74, as stdout does (SPEC §6);
// a name or folder the user got wrong stays a usage error (2). The disk is filled by a mock, not for real.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';

const state = vi.hoisted(() => ({ fail: null as string | null }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeSync: (...args: Parameters<typeof fs.writeSync>) => {
      if (state.fail) throw Object.assign(new Error(state.fail), { code: state.fail });
      return (fs.writeSync as (...a: unknown[]) => number)(...args);
    },
  };
});

const { writeFileAtomic } = await import('../src/files.js');
const { EXIT } = await import('../src/errors.js');

describe('writeFileAtomic on a failing disk', () => {
  test.each([
    ['ENOSPC', EXIT.output, /no space left on device/],
    ['EIO', EXIT.output, /input\/output error/],
    ['EACCES', EXIT.usage, /cannot write/],
  ])('%s → exit %d, and no temporary file is left', (code, exit, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'negotiate-full-'));
    state.fail = code;
    let error: { exitCode?: number; message?: string } | undefined;
    try {
      writeFileAtomic(join(dir, 'chart.svg'), '<svg/>');
    } catch (err) {
      error = err as typeof error;
    } finally {
      state.fail = null;
    }
    expect(error?.exitCode).toBe(exit);
    expect(error?.message).toMatch(message);
    expect(readdirSync(dir)).toEqual([]);
  });
});
