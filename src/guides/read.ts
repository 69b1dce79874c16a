// The file reader: walks data folders and reads guide files as text. With parser.ts (readGuide), the only I/O under guides/.
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';

export const GUIDE_EXTENSIONS = /\.(md|markdown|txt)$/i;
/** Guides are small; anything larger is refused before it is read whole. */
export const MAX_GUIDE_BYTES = 1024 * 1024;

export interface WalkResult {
  files: string[];
  /** Entries that could not be read (permissions, broken links), as "path: reason". */
  problems: { path: string; message: string }[];
}

// The pieces of a walk, shared with the cache's scan (src/index/cache.ts), which must find the same files,
// in the same order, with the same problems.

/** Stats a data folder's root: a DataError (exit 3) when it cannot be read or is not a folder. */
export function statDataRoot(root: string): Stats {
  let st;
  try {
    st = statSync(root);
  } catch (err) {
    throw unreadableRoot(root, err);
  }
  if (!st.isDirectory()) throw new DataError(`data folder ${root} is not a folder`, { file: root, hints: ['pass a folder of guide files to --data'] });
  return st;
}

function unreadableRoot(root: string, err: unknown): DataError {
  return new DataError(`data folder ${root} cannot be read: ${reason(err)}`, { file: root });
}

/** False for the entries a walk skips: dot entries (.git, editors' files) and node_modules. */
export function isWalkedEntry(name: string): boolean {
  return !name.startsWith('.') && name !== 'node_modules';
}

/** True for a walked entry that is a guide: a file (or a link to one) with a guide extension. */
export function isGuideFile(name: string, st: Stats): boolean {
  return st.isFile() && GUIDE_EXTENSIONS.test(name);
}

/** Marks a folder (by its real path) as visited; false when it already was, so a symbolic-link loop ends. */
export function enterOnce(seen: Set<string>, real: string): boolean {
  if (seen.has(real)) return false;
  seen.add(real);
  return true;
}

/**
 * A folder's entry names, sorted, the first time its real path is met; null when it was already visited
 * or cannot be read. The data folder itself unreadable is a data error (exit 3); a folder inside it, a problem.
 */
export function listFolderOnce(dir: string, root: string, seen: Set<string>, problems: WalkResult['problems']): { real: string; names: string[] } | null {
  try {
    const real = realpathSync(dir);
    if (!enterOnce(seen, real)) return null;
    return { real, names: readdirSync(dir).sort() };
  } catch (err) {
    if (dir === root) throw unreadableRoot(root, err);
    problems.push({ path: dir, message: `folder cannot be read: ${reason(err)}` });
    return null;
  }
}

/**
 * Lists guide files under a folder, recursively, in a stable order. Follows symbolic links but never
 * enters a folder twice (loops end), skips dot-entries, and reports unreadable entries instead of failing.
 * A root that does not exist or is not a folder is a data error.
 */
export function walkGuideFiles(root: string): WalkResult {
  statDataRoot(root);
  const result: WalkResult = { files: [], problems: [] };
  const seen = new Set<string>();
  const visit = (dir: string) => {
    const listing = listFolderOnce(dir, root, seen, result.problems);
    if (!listing) return;
    for (const name of listing.names) {
      if (!isWalkedEntry(name)) continue;
      const path = join(dir, name);
      let st;
      try {
        st = statSync(path);
      } catch (err) {
        result.problems.push({ path, message: `cannot be read: ${reason(err)}` });
        continue;
      }
      if (st.isDirectory()) visit(path);
      else if (isGuideFile(name, st)) result.files.push(path);
    }
  };
  visit(root);
  return result;
}

export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'ENOTDIR') return 'not a folder';
  return code ?? (err as Error).message;
}

/** Reads a file as text, refusing files over the size limit. Throws a DataError naming the file. */
export function readTextFile(path: string, maxBytes = MAX_GUIDE_BYTES): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      throw new DataError(`${path}: the file is ${(size / 1024 / 1024).toFixed(1)} MiB, over the ${maxBytes / 1024 / 1024} MiB limit for a guide`, { file: path });
    }
    const buf = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read).toString('utf8');
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError(`${path}: cannot be read: ${reason(err)}`, { file: path });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
