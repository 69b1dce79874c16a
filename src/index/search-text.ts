// What search reads of every guide, kept beside the index cache: one file per data folder holding each
// usable guide's search text (index/search.ts searchText), so that a query reads one file and opens only
// the guides that can match. Same contract as the index cache: an entry is used only while its guide's
// size and times are those the index confirmed in this run, and they were settled when the entry was made;
// a missing, damaged or foreign file is no file (rebuilt by the search that finds it so).
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { tempPathIn } from '../files.js';
import { CACHE_VERSION, type CacheOptions, checksum, RACY_MS } from './cache.js';
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

/** A search-text file as read: its texts stay bytes (one a line), each entry's place in them by line. */
interface Stored {
  builtAt: number;
  keys: Keys;
  byPath: Map<string, number>;
  blob: Buffer;
  starts: number[];
  ends: number[];
}

/** A check of the file's bytes (corruption, not tampering): CRC-32 where Node has it (20.15+), else MD5. */
function digest(parts: Buffer[]): string {
  if (crc32) return `crc32:${parts.reduce((c, p) => crc32!(p, c), 0)}`;
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return `md5:${h.digest('hex')}`;
}
const crc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

/** A search-text file; undefined when it is missing, damaged, of another version or folder. */
function readSearchTexts(file: string, root: string): Stored | undefined {
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
      header.checksum !== digest([rest])
    )
      return undefined;
    const keys = JSON.parse(rest.subarray(0, header.keys).toString('utf8')) as Keys;
    const blob = rest.subarray(header.keys);
    const n = keys.path?.length;
    if (![keys.size, keys.mtime, keys.ctimeDelta].every((c) => Array.isArray(c) && c.length === n)) return undefined;
    const starts: number[] = [];
    const ends: number[] = [];
    for (let at = 0; starts.length < n; ) {
      const end = blob.indexOf(10, at);
      starts.push(at);
      ends.push(end < 0 ? blob.length : end);
      if (end < 0) break;
      at = end + 1;
    }
    if (starts.length !== n || (n ? ends[n - 1] : 0) !== blob.length) return undefined;
    return { builtAt: header.builtAt, keys, byPath: new Map(keys.path.map((p, i) => [p, i])), blob, starts, ends };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes a search-text file (a temporary file renamed into place); a failure is no file, silently. */
function writeSearchTexts(file: string, root: string, builtAt: number, keys: Keys, texts: Buffer[]): void {
  const tmp = tempPathIn(dirname(file));
  let fd: number | undefined;
  try {
    const keyBytes = Buffer.from(JSON.stringify(keys));
    const parts: Buffer[] = [keyBytes];
    texts.forEach((t, i) => {
      if (i > 0) parts.push(NEWLINE);
      parts.push(t);
    });
    const header: Header = {
      format: FORMAT,
      version: CACHE_VERSION,
      root: resolve(root),
      builtAt,
      keys: keyBytes.length,
      texts: parts.reduce((n, p) => n + p.length, 0) - keyBytes.length,
      checksum: digest(parts),
    };
    fd = openSync(tmp, 'wx', 0o600);
    writeSync(fd, `${JSON.stringify(header)}\n`);
    for (const p of parts) writeSync(fd, p);
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

const NEWLINE = Buffer.from('\n');

/**
 * The guides (in order) whose search text holds every word (null: every guide). Texts come from the file of
 * the guide's data folder while its entry holds, else `make` makes them (reading the guide); a folder's file
 * is rewritten when any was made. Stored texts are matched as bytes, never decoded: a word's UTF-8 bytes
 * occur in a text's only where the word does.
 */
export async function searchCandidates(
  guides: LoadedGuide[],
  words: string[] | null,
  cache: CacheOptions,
  make: (g: LoadedGuide) => Promise<string>,
): Promise<LoadedGuide[]> {
  const wanted = words && [...new Set(words.filter(Boolean))];
  const keep = new Array<boolean>(guides.length).fill(false);
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
    // Each member's stored entry, or the text made now.
    const entry = new Array<number>(members.length).fill(-1);
    const madeTexts = new Map<number, Buffer>();
    for (const [m, i] of members.entries()) {
      const g = guides[i];
      const row = g.model.row;
      const k = stored?.byPath.get(g.path);
      if (
        k !== undefined &&
        stored!.keys.size[k] === f.size[row] &&
        stored!.keys.mtime[k] === f.mtime[row] &&
        stored!.keys.ctimeDelta[k] === f.ctimeDelta[row] &&
        f.mtime[row] + Math.max(0, f.ctimeDelta[row]) < settled
      ) {
        entry[m] = k;
      } else {
        const text = await make(g);
        keep[i] = wanted === null || wanted.every((w) => text.includes(w));
        madeTexts.set(m, Buffer.from(text));
      }
    }
    if (stored) {
      // Each word's entries: from one occurrence, the scan jumps to the next entry.
      const hits = new Uint16Array(stored.starts.length);
      for (const w of wanted ?? []) {
        const bytes = Buffer.from(w);
        for (let at = stored.blob.indexOf(bytes); at >= 0; ) {
          const k = entryAt(stored.starts, at);
          hits[k]++;
          at = stored.blob.indexOf(bytes, stored.ends[k] + 1);
        }
      }
      for (const [m, i] of members.entries())
        if (entry[m] >= 0) keep[i] = wanted === null || hits[entry[m]] === wanted.length;
    }
    if (file && (madeTexts.size > 0 || stored?.keys.path.length !== members.length)) {
      const rows = members.map((i) => guides[i].model.row);
      const keys: Keys = {
        path: members.map((i) => guides[i].path),
        size: rows.map((r) => f.size[r]),
        mtime: rows.map((r) => f.mtime[r]),
        ctimeDelta: rows.map((r) => f.ctimeDelta[r]),
      };
      const texts = members.map(
        (_i, m) => madeTexts.get(m) ?? stored!.blob.subarray(stored!.starts[entry[m]], stored!.ends[entry[m]]),
      );
      writeSearchTexts(file, index.root, builtAt, keys, texts);
    }
  }
  return guides.filter((_g, i) => keep[i]);
}

/** The entry whose text holds byte `at` (the last that starts at or before it). */
function entryAt(starts: number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
