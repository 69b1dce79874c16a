// The user's own files (offer files, saved offers): read with a clear message, written atomically.
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors.js';

/** User files are small; a larger one is refused before it is read. */
export const MAX_USER_FILE_BYTES = 1024 * 1024;

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EEXIST') return 'it already exists';
  return (err as Error)?.message ?? String(err);
}

/** Reads a text file the user named with a flag or argument; problems are usage errors naming it. */
export function readUserFile(path: string, what: string): string {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (st.size > MAX_USER_FILE_BYTES) throw new UsageError(`${what} ${path} is too large (${st.size} bytes; at most ${MAX_USER_FILE_BYTES})`);
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${what} ${path} cannot be read: ${reason(err)}`);
  }
}

/**
 * Writes a file atomically: a temporary file next to it, flushed, then moved into place. Without
 * `force` an existing file is never replaced (the final link fails instead of overwriting, even if
 * the file appeared meanwhile).
 */
export function writeFileAtomic(path: string, text: string, { force = false } = {}): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (force) renameSync(tmp, path);
    else {
      linkSync(tmp, path);
      unlinkSync(tmp);
    }
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already moved or never created
    }
    if ((err as NodeJS.ErrnoException)?.code === 'EEXIST' && !force) {
      throw new UsageError(`${path} already exists; not overwriting it`, [OVERWRITE_HINT]);
    }
    throw new UsageError(`cannot write ${path}: ${reason(err)}`);
  }
}

const OVERWRITE_HINT = 'pass --force to replace it, or choose another file name';

/** Refuses early when a file exists (writeFileAtomic still refuses if it appears meanwhile). */
export function refuseExisting(path: string, flag: string): void {
  if (existsSync(path)) throw new UsageError(`${flag}: ${path} already exists; not overwriting it`, [OVERWRITE_HINT]);
}
