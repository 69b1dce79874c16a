// What search reads of every guide, kept beside the index cache: one file per data folder holding each
// usable guide's search text (index/search.ts searchText), so that a query reads one file and opens only
// the guides that can match. Same contract as the index cache: an entry is used only while its guide's
// size and times are those the index confirmed in this run, and they were settled when the entry was made;
// a missing, damaged or foreign file is no file (rebuilt by the search that finds it so).
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempPathIn } from '../files.js';
import { CACHE_VERSION, checksum, type CacheOptions, RACY_MS } from './cache.js';
import type { LoadedGuide } from './load.js';

const FORMAT = 'negotiate-search';

interface Header {
  format: string;
  version: number;
  root: string;
  builtAt: number;
  /** Byte lengths of the keys (JSON) and of the texts (one a line) that follow the header line. */
  keys: number;
  texts: number;
  checksum: string;
}

/** Each entry's guide path, and its size and times when its text was made. */
interface Keys {
  path: string[];
  size: number[];
  mtime: number[];
  ctimeDelta: number[];
}

/** The search-text file of one data folder. */
export function searchTextFile(dir: string, root: string): string {
  return join(dir, `search-${checksum(Buffer.from(resolve(root))).slice(0, 16)}.txt`);
}

/** The entries of a search-text file by path; undefined when it is missing, damaged, of another version or folder. */
function readSearchTexts(
  file: string,
  root: string,
): { builtAt: number; byPath: Map<string, number>; keys: Keys; texts: string[] } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    const bytes = Buffer.allocUnsafe(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, bytes, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    const eol = bytes.indexOf(10);
    if (read !== st.size || eol < 0) return undefined;
    const header = JSON.parse(bytes.subarray(0, eol).toString('utf8')) as Partial<Header>;
    const rest = bytes.subarray(eol + 1);
    if (
      header.format !== FORMAT ||
      header.version !== CACHE_VERSION ||
      header.root !== resolve(root) ||
      typeof header.builtAt !== 'number' ||
      header.keys === undefined ||
      header.keys + (header.texts ?? -1) !== rest.length ||
      header.checksum !== checksum(rest)
    )
      return undefined;
    const keys = JSON.parse(rest.subarray(0, header.keys).toString('utf8')) as Keys;
    const texts = rest.subarray(header.keys).toString('utf8').split('\n');
    const n = keys.path?.length;
    if (![keys.size, keys.mtime, keys.ctimeDelta, texts].every((c) => Array.isArray(c) && c.length === n))
      return undefined;
    const byPath = new Map(keys.path.map((p, i) => [p, i]));
    return { builtAt: header.builtAt, byPath, keys, texts };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes a search-text file (a temporary file renamed into place); a failure is no file, silently. */
function writeSearchTexts(file: string, root: string, builtAt: number, keys: Keys, texts: string[]): void {
  const tmp = tempPathIn(resolve(file, '..'));
  let fd: number | undefined;
  try {
    const rest = Buffer.concat([Buffer.from(JSON.stringify(keys)), Buffer.from(texts.join('\n'))]);
    const keyBytes = Buffer.byteLength(JSON.stringify(keys));
    const header: Header = {
      format: FORMAT,
      version: CACHE_VERSION,
      root: resolve(root),
      builtAt,
      keys: keyBytes,
      texts: rest.length - keyBytes,
      checksum: checksum(rest),
    };
    fd = openSync(tmp, 'wx', 0o600);
    writeSync(fd, `${JSON.stringify(header)}\n`);
    writeSync(fd, rest);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}

/**
 * The search text of each guide (in order): from the file of its data folder when the entry still holds,
 * else made by `make` (which reads the guide); a folder's file is rewritten when any of its texts was made.
 */
export async function loadSearchTexts(
  guides: LoadedGuide[],
  cache: CacheOptions,
  make: (g: LoadedGuide) => Promise<string>,
): Promise<string[]> {
  const out = new Array<string>(guides.length);
  // By data folder: each guide's row is in its folder's index.
  const folders = new Map<LoadedGuide['model']['index'], number[]>();
  guides.forEach((g, i) => {
    const at = folders.get(g.model.index);
    if (at) at.push(i);
    else folders.set(g.model.index, [i]);
  });
  const racyMs = cache.racyMs ?? RACY_MS;
  for (const [index, members] of folders) {
    const file = cache.dir ? searchTextFile(cache.dir, index.root) : undefined;
    const stored = file ? readSearchTexts(file, index.root) : undefined;
    const settled = (stored?.builtAt ?? 0) - racyMs;
    const builtAt = Date.now();
    const f = index.files;
    const keys: Keys = { path: [], size: [], mtime: [], ctimeDelta: [] };
    let made = 0;
    for (const i of members) {
      const g = guides[i];
      const row = g.model.row;
      const k = stored?.byPath.get(g.path);
      const same =
        k !== undefined &&
        stored!.keys.size[k] === f.size[row] &&
        stored!.keys.mtime[k] === f.mtime[row] &&
        stored!.keys.ctimeDelta[k] === f.ctimeDelta[row] &&
        f.mtime[row] + Math.max(0, f.ctimeDelta[row]) < settled;
      if (same) out[i] = stored!.texts[k];
      else {
        out[i] = await make(g);
        made++;
      }
      keys.path.push(g.path);
      keys.size.push(f.size[row]);
      keys.mtime.push(f.mtime[row]);
      keys.ctimeDelta.push(f.ctimeDelta[row]);
    }
    if (file && (made > 0 || stored?.keys.path.length !== members.length))
      writeSearchTexts(
        file,
        index.root,
        builtAt,
        keys,
        members.map((i) => out[i]),
      );
  }
  return out;
}
