// The file reader: walks data folders and reads guide files as text. With parser.ts (readGuide), the only I/O under guides/.
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { DataError, isDataError } from '../errors.js';
import { decodeName, fsPath } from '../file-names.js';
import { errnoText } from '../text/errno.js';
import { escapeName } from '../text/escape.js';

export const GUIDE_EXTENSIONS = /\.(md|markdown|txt)$/i;
/** Guides are small; anything larger is refused before it is read whole. */
export const MAX_GUIDE_BYTES = 1024 * 1024;

export interface WalkResult {
  files: string[];
  /**
   * Entries that could not be read (permissions, broken links), as "path: reason"; `skipped` for those
   * left out on purpose (a link leading outside, a loop, too deep): a note, not an error, to validate.
   */
  problems: { path: string; message: string; skipped?: boolean }[];
}

// The pieces of a walk, shared with the cache's scan (src/index/cache.ts), which must find the same files,
// in the same order, with the same problems.

/** Stats a data folder's root: a DataError (exit 3) when it cannot be read or is not a folder. */
export function statDataRoot(root: string): Stats {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(fsPath(root));
  } catch (err) {
    throw unreadableRoot(root, err);
  }
  if (!st.isDirectory())
    throw new DataError(`data folder ${escapeName(root)} is not a folder`, {
      file: root,
      hints: ['pass a folder of guide files to --data'],
    });
  return st;
}

function unreadableRoot(root: string, err: unknown): DataError {
  return new DataError(`data folder ${escapeName(root)} cannot be read: ${errnoText(err)}`, { file: root });
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

/** Folders nest at most this deep under a data folder; deeper ones are skipped with a note. */
export const MAX_FOLDER_DEPTH = 32;

/**
 * Where a walk is: the data folder's real path (the folder named may itself be a link: links inside it
 * are followed only while they stay under this), and how deep the folder being listed is (the data folder: 0).
 */
export interface WalkPlace {
  rootReal: string;
  depth: number;
}

/** The real path of a data folder's root, where a walk starts (see WalkPlace). */
export function rootPlace(root: string): WalkPlace {
  try {
    return { rootReal: realPath(root), depth: 0 };
  } catch (err) {
    throw unreadableRoot(root, err);
  }
}

/** A path's real path (links resolved), as a name string (bytes that are not UTF-8 carried, see file-names.ts). */
export function realPath(path: string): string {
  return decodeName(realpathSync(fsPath(path), { encoding: 'buffer' }));
}

const isInside = (real: string, rootReal: string) =>
  real === rootReal || real.startsWith(rootReal.endsWith('/') ? rootReal : `${rootReal}/`);

/** The note for a link whose target is outside the data folder. */
export const OUTSIDE_NOTE = 'a link that leads outside the data folder';

/**
 * For an entry that stat says is a guide or a folder: null when it may be followed, else why not (a link
 * whose target is outside the data folder). `isLink` when the caller knows it (readdir's file types);
 * otherwise the entry is lstat-ed.
 */
export function linkProblem(path: string, place: WalkPlace, isLink?: boolean): string | null {
  try {
    if (!(isLink ?? lstatSync(fsPath(path)).isSymbolicLink())) return null;
    return isInside(realPath(path), place.rootReal) ? null : OUTSIDE_NOTE;
  } catch (err) {
    return `cannot be read: ${errnoText(err)}`;
  }
}

/** Stats an entry (following links); names that are not UTF-8 go to the file system as their bytes. */
export const statEntry = (path: string): Stats => statSync(fsPath(path));

/**
 * A folder's entry names, sorted, the first time its real path is met; null when it is not entered: visited
 * already (a loop, or a second link to it), a link that leads outside the data folder, deeper than
 * MAX_FOLDER_DEPTH (each with a note), or unreadable. The data folder itself unreadable is a data error
 * (exit 3); a folder inside it, a problem. Names are read as bytes: a name that is not UTF-8 still loads.
 * `links`: the names that are symbolic links (from readdir's file types, no extra call).
 */
export function listFolderOnce(
  dir: string,
  root: string,
  seen: Set<string>,
  problems: WalkResult['problems'],
  place: WalkPlace,
): { real: string; names: string[]; links: Set<string> } | null {
  try {
    if (place.depth > MAX_FOLDER_DEPTH) {
      problems.push({ path: dir, message: `nested deeper than ${MAX_FOLDER_DEPTH} folders`, skipped: true });
      return null;
    }
    const real = dir === root ? place.rootReal : realPath(dir);
    if (!isInside(real, place.rootReal)) {
      problems.push({ path: dir, message: OUTSIDE_NOTE, skipped: true });
      return null;
    }
    if (!enterOnce(seen, real)) {
      problems.push({ path: dir, message: 'a folder loaded already (a loop, or a second link to it)', skipped: true });
      return null;
    }
    const links = new Set<string>();
    const names = readdirSync(fsPath(dir), { encoding: 'buffer', withFileTypes: true }).map((d) => {
      const name = decodeName(d.name as unknown as Buffer);
      if (d.isSymbolicLink()) links.add(name);
      return name;
    });
    return { real, names: names.sort(), links };
  } catch (err) {
    if (dir === root) throw unreadableRoot(root, err);
    problems.push({ path: dir, message: `folder cannot be read: ${errnoText(err)}` });
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
  const { rootReal } = rootPlace(root);
  const result: WalkResult = { files: [], problems: [] };
  const seen = new Set<string>();
  const visit = (dir: string, depth: number) => {
    const listing = listFolderOnce(dir, root, seen, result.problems, { rootReal, depth });
    if (!listing) return;
    for (const name of listing.names) {
      if (!isWalkedEntry(name)) continue;
      const path = join(dir, name);
      let st: ReturnType<typeof statEntry>;
      try {
        st = statEntry(path);
      } catch (err) {
        result.problems.push({ path, message: `cannot be read: ${errnoText(err)}` });
        continue;
      }
      if (st.isDirectory()) visit(path, depth + 1);
      else if (isGuideFile(name, st)) {
        const problem = listing.links.has(name) ? linkProblem(path, { rootReal, depth }, true) : null;
        if (problem) result.problems.push({ path, message: problem, skipped: problem === OUTSIDE_NOTE });
        else result.files.push(path);
      }
    }
  };
  visit(root, 0);
  return result;
}

/** Reads a file as text, refusing files over the size limit. Throws a DataError naming the file. */
export function readTextFile(path: string, maxBytes = MAX_GUIDE_BYTES): string {
  let fd: number | undefined;
  try {
    fd = openSync(fsPath(path), 'r');
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      throw new DataError(
        `${escapeName(path)}: the file is ${(size / 1024 / 1024).toFixed(1)} MiB, over the ${maxBytes / 1024 / 1024} MiB limit for a guide`,
        { file: path },
      );
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
    if (isDataError(err)) throw err;
    throw new DataError(`${escapeName(path)}: cannot be read: ${errnoText(err)}`, { file: path });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
