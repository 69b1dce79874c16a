// The user's own files (offer files, templates, saved offers): read within a cap with a clear message,
// written atomically.
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { isUsageError, OutputError, UsageError } from './errors.js';
import { errnoText } from './text/errno.js';
import { escapeName } from './text/escape.js';

/** Offer files, templates and compared offers are small; a larger one is refused before it is read past the cap. */
export const MAX_USER_FILE_BYTES = 1024 * 1024;
/** Letters and postings (PDF, Word) may be larger. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * Reads a file the user named with a flag or argument (`-`: standard input) as bytes: it must exist, be a
 * regular file (not a folder, device, pipe or socket: `--offer /dev/zero` is refused before any read) and
 * hold at most `maxBytes`; no more than `maxBytes + 1` bytes are ever read. Problems are usage errors
 * naming the argument.
 */
export function readBoundedBytes(path: string, what: string, maxBytes = MAX_USER_FILE_BYTES): Buffer {
  const shown = `${what} ${escapeName(path)}`;
  const tooLarge = (size: string) => new UsageError(`${shown} is too large (${size}; at most ${mib(maxBytes)})`);
  let fd: number | undefined;
  try {
    // Without blocking: opening a FIFO for reading would wait for a writer.
    fd = path === '-' ? 0 : openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UsageError(`${shown} cannot be read: it is a folder`);
    if (path !== '-' && !st.isFile())
      throw new UsageError(`${shown} is not a regular file (a device, pipe or socket)`, [
        'name a file, or - to read standard input',
      ]);
    if (st.isFile() && st.size > maxBytes) throw tooLarge(`${st.size} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (err) {
        // A non-blocking stdin with nothing yet (a slow pipe): wait a little for it, without spinning.
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        throw err;
      }
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge(`more than ${maxBytes} bytes`);
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (isUsageError(err)) throw err;
    throw new UsageError(`${shown} cannot be read: ${errnoText(err)}`);
  } finally {
    if (fd !== undefined && fd !== 0) closeSync(fd);
  }
}

/** readBoundedBytes as UTF-8 text. */
export function readBoundedFile(path: string, what: string, maxBytes = MAX_USER_FILE_BYTES): string {
  return readBoundedBytes(path, what, maxBytes).toString('utf8');
}

/** The former name of readBoundedFile (1 MiB cap). */
export const readUserFile = (path: string, what: string): string => readBoundedFile(path, what);

// Temporary files: `.negotiate-<pid>-<random>.tmp`, short whatever the final name (a 250-byte name still
// saves), and recognisable, so that a run removes the ones a killed run left (see removeStaleTemps).
const TEMP_NAME = /^\.negotiate-([0-9a-z]+)-[0-9a-z]+\.tmp$/;
/** A temporary file older than this is stale even if its process number is in use again. */
const STALE_MS = 24 * 3600 * 1000;

/** A fresh temporary name in `dir`. */
export function tempPathIn(dir: string): string {
  return join(dir, `.negotiate-${process.pid.toString(36)}-${Math.floor(Math.random() * 36 ** 6).toString(36)}.tmp`);
}

/**
 * Removes the temporary files in `dir` that a run of ours left behind (killed before it could rename or
 * remove them): ours (same user), and whose process is gone or that are a day old. Never fails.
 */
export function removeStaleTemps(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    try {
      const st = lstatSync(path);
      if (!st.isFile() || (process.getuid && st.uid !== process.getuid())) continue;
      const pid = parseInt(m[1], 36);
      if (pid !== process.pid && (!isAlive(pid) || now - st.mtimeMs > STALE_MS)) unlinkSync(path);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes a file atomically: a temporary file beside it (short name), flushed, then moved into place, so the
 * final file is never half-written. Without `force` an existing file is never replaced (the final link
 * fails instead of overwriting, even if the file appeared meanwhile). Stale temporary files of earlier
 * runs in the same folder are removed first. Reusable for every file the tool saves (--save, --output).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, { force = false, mode = 0o644 } = {}): void {
  if (path === '') throw new UsageError('the file name is empty', ['give a file name, e.g. offer.yaml']);
  const dir = dirname(path);
  removeStaleTemps(dir);
  const tmp = tempPathIn(dir);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
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
      throw new UsageError(`${escapeName(path)} already exists; not overwriting it`, [OVERWRITE_HINT]);
    }
    // A full disk or a failing device is exit 74, like stdout's; a bad name or folder is the user's to fix (2).
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'ENOSPC' || code === 'EIO' || code === 'EDQUOT')
      throw new OutputError(`cannot write ${escapeName(path)}: ${errnoText(err)}`);
    throw new UsageError(`cannot write ${escapeName(path)}: ${errnoText(err)}`);
  }
}

const OVERWRITE_HINT = 'pass --force to replace it, or choose another file name';

/** Refuses early when a file name is empty or the file exists (writeFileAtomic still refuses if it appears meanwhile). */
export function refuseExisting(path: string, flag: string): void {
  if (path === '')
    throw new UsageError(`${flag}: the file name is empty`, [`give a file name, e.g. ${flag} offer.yaml`]);
  if (existsSync(path))
    throw new UsageError(`${flag}: ${escapeName(path)} already exists; not overwriting it`, [OVERWRITE_HINT]);
}
