// The one errno text (src/text/errno.ts) and the one date check (src/text/date.ts) every module uses.
import { describe, expect, test } from 'vitest';
import { isRealDate } from '../src/text/date.js';
import { errnoText } from '../src/text/errno.js';

describe('errnoText', () => {
  const err = (code?: string, message = `${code}: boom, open '/secret\x1b[2J'`) =>
    Object.assign(new Error(message), code ? { code } : {});
  test.each([
    ['ENOENT', 'it does not exist'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EISDIR', 'it is a folder'],
    ['ENOTDIR', 'not a folder'],
    ['EEXIST', 'it already exists'],
    ['ENOSPC', 'no space left on device'],
    ['ENAMETOOLONG', 'the name is too long'],
    ['ELOOP', 'too many symbolic links'],
    ['EIO', 'input/output error'],
    // An unknown code is shown as itself, never the message (which holds the path, unescaped).
    ['EMFILE', 'EMFILE'],
  ])('%s: %s', (code, text) => {
    expect(errnoText(err(code))).toBe(text);
  });
  test('an error without a code: its message', () => {
    expect(errnoText(new Error('odd'))).toBe('odd');
  });
});

describe('isRealDate', () => {
  test.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-2-3', false],
    [' 2026-02-03', false],
    ['2026-02-03T00:00', false],
  ])('%s: %s', (text, real) => {
    expect(isRealDate(text)).toBe(real);
  });
});
