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

// The pieces of the one folder walk (walkFolder, below), which walkGuideFiles and the index cache's scan
// (src/index/cache.ts) both use, so that they find the same files, in the same order, with the same problems.

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
function isGuideFile(name: string, st: Stats): boolean {
  return st.isFile() && GUIDE_EXTENSIONS.test(name);
}

/** Marks a folder (by its real path) as visited; false when it already was, so a symbolic-link loop ends. */
function enterOnce(seen: Set<string>, real: string): boolean {
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
interface WalkPlace {
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
function realPath(path: string): string {
  return decodeName(realpathSync(fsPath(path), { encoding: 'buffer' }));
}

const isInside = (real: string, rootReal: string) =>
  real === rootReal || real.startsWith(rootReal.endsWith('/') ? rootReal : `${rootReal}/`);

/** The note for a link whose target is outside the data folder. */
const OUTSIDE_NOTE = 'a link that leads outside the data folder';

/**
 * For an entry that stat says is a guide or a folder: null when it may be followed, else why not (a link
 * whose target is outside the data folder). `isLink` when the caller knows it (readdir's file types);
 * otherwise the entry is lstat-ed.
 */
function linkProblem(path: string, place: WalkPlace, isLink?: boolean): string | null {
  try {
    if (!(isLink ?? lstatSync(fsPath(path)).isSymbolicLink())) return null;
    return isInside(realPath(path), place.rootReal) ? null : OUTSIDE_NOTE;
  } catch (err) {
    return `cannot be read: ${errnoText(err)}`;
  }
}

/** Stats an entry (following links); names that are not UTF-8 go to the file system as their bytes. */
const statEntry = (path: string): Stats => statSync(fsPath(path));

/**
 * A folder's entry names, sorted, the first time its real path is met; null when it is not entered: visited
 * already (a loop, or a second link to it), a link that leads outside the data folder, deeper than
 * MAX_FOLDER_DEPTH (each with a note), or unreadable. The data folder itself unreadable is a data error
 * (exit 3); a folder inside it, a problem. Names are read as bytes: a name that is not UTF-8 still loads.
 * `links`: the names that are symbolic links (from readdir's file types, no extra call).
 */
function listFolderOnce(
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

/** A folder's entry names (sorted), its real path, and which names are links when it was read from disk. */
export interface FolderListing {
  real: string;
  names: string[];
  /** The names that are symbolic links (readdir's file types); undefined when not read (a cache's listing). */
  links?: Set<string>;
}

/** What walkFolder offers the step that enters a folder. */
export interface FolderEntry {
  /** Lists the folder from disk under the walk's rules (loop, link leading outside, depth, unreadable: null, with a problem). */
  read(): FolderListing | null;
  /** Marks a folder listed another way (a cache) as entered; false when it was already (a loop). */
  enterOnce(real: string): boolean;
}

/**
 * What a walk does at each step; F is the caller's value for a folder. A step that returns false stops the
 * walk (walkFolder then returns false): a cache's quick check stops at its first difference.
 */
export interface WalkSteps<F> {
  /**
   * Enters a folder (the data folder first, name ''; `parent`: the folder and entry number it is in): its
   * listing, from `entry.read()` or the caller's own, and the caller's value for it; null when not entered.
   */
  enter(
    dir: string,
    name: string,
    st: Stats,
    depth: number,
    entry: FolderEntry,
    parent?: { folder: F; k: number },
  ): { listing: FolderListing; folder: F } | null | false;
  /** An entry the caller vouches for without a stat (a cache): 'stop' stops the walk. */
  vouch?(folder: F, name: string, path: string, k: number): boolean | 'stop';
  /** True when the caller knows a guide entry is no link leading outside (its cache saw it inside). */
  inside?(folder: F, k: number): boolean;
  /** A guide file. */
  guide(folder: F, name: string, path: string, st: Stats, k: number): boolean | undefined;
  /** A walked entry that is neither a guide nor a folder entered (unreadable, a link leading outside, a loop…). */
  other(folder: F, name: string, k: number): boolean | undefined;
  /** A sub-folder entered, once its entries are done. */
  entered?(folder: F, k: number, child: F): boolean | undefined;
  /** A folder's entries are done. */
  leave?(folder: F): void;
}

/**
 * The one folder walk: every guide file under a data folder, in a stable order (names sorted, depth first),
 * under the walk's rules: links followed only while they stay inside the data folder, no folder entered
 * twice (loops end), at most MAX_FOLDER_DEPTH deep, dot entries and node_modules skipped, names that are
 * not UTF-8 carried as bytes, what cannot be read a problem (the data folder itself: a DataError).
 * `steps` says what to do with each folder and entry (walkGuideFiles lists them; the index cache reuses
 * what it knows). False when a step stopped it.
 */
export function walkFolder<F>(
  root: string,
  steps: WalkSteps<F>,
  problems: WalkResult['problems'],
  rootStat: Stats = statDataRoot(root),
  rootReal: string = rootPlace(root).rootReal,
): boolean {
  const seen = new Set<string>();
  const enterOnceSeen = (real: string) => enterOnce(seen, real);
  const visit = (dir: string, name: string, st: Stats, depth: number, parent?: { folder: F; k: number }) => {
    const read = () => listFolderOnce(dir, root, seen, problems, { rootReal, depth });
    const entered = steps.enter(dir, name, st, depth, { read, enterOnce: enterOnceSeen }, parent);
    if (!entered) return entered;
    const { listing, folder } = entered;
    const place: WalkPlace = { rootReal, depth: depth + 1 };
    for (let k = 0; k < listing.names.length; k++) {
      const entry = listing.names[k];
      if (!isWalkedEntry(entry)) continue;
      // join() for the data folder's entries only: deeper paths are built from normalised ones.
      const path = dir === root ? join(root, entry) : `${dir}/${entry}`;
      const vouched = steps.vouch?.(folder, entry, path, k) ?? false;
      if (vouched === 'stop') return false;
      if (vouched) continue;
      let est: Stats;
      try {
        est = statEntry(path);
      } catch (err) {
        problems.push({ path, message: `cannot be read: ${errnoText(err)}` });
        if (steps.other(folder, entry, k) === false) return false;
        continue;
      }
      let go: boolean | undefined;
      if (est.isDirectory()) {
        const child = visit(path, entry, est, depth + 1, { folder, k });
        if (child === false) return false;
        go = child === null ? steps.other(folder, entry, k) : steps.entered?.(folder, k, child);
      } else if (isGuideFile(entry, est)) {
        // A link to a guide is followed only when it leads inside the data folder.
        const isLink = listing.links ? listing.links.has(entry) : steps.inside?.(folder, k) ? false : undefined;
        const outside = isLink === false ? null : linkProblem(path, place, isLink);
        if (outside) {
          problems.push({ path, message: outside, skipped: outside === OUTSIDE_NOTE });
          go = steps.other(folder, entry, k);
        } else go = steps.guide(folder, entry, path, est, k);
      } else go = steps.other(folder, entry, k);
      if (go === false) return false;
    }
    steps.leave?.(folder);
    return folder;
  };
  return visit(root, '', rootStat, 0) !== false;
}

/**
 * Lists guide files under a folder, recursively, in a stable order (walkFolder's rules). A root that does
 * not exist or is not a folder is a data error.
 */
export function walkGuideFiles(root: string): WalkResult {
  const result: WalkResult = { files: [], problems: [] };
  walkFolder<null>(
    root,
    {
      enter: (_dir, _name, _st, _depth, entry) => {
        const listing = entry.read();
        return listing && { listing, folder: null };
      },
      guide: (_folder, _name, path) => {
        result.files.push(path);
        return true;
      },
      other: () => true,
    },
    result.problems,
  );
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
