// What search reads of every guide, kept beside the index cache: one file per data folder holding the
// distinct words of its usable guides' search texts (index/search.ts searchText) as a vocabulary, each word
// once with the entries (guides) holding it, so that a query reads the vocabulary and only the entry lists
// of the words it needs, and opens only the guides that can match. Same contract as the index cache: an
// entry is used only while its guide's size and times are those the index confirmed in this run, and they
// were settled when the entry was made; a missing, damaged or foreign file is no file (rebuilt by the
// search that finds it so).
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { tempPathIn } from '../files.js';
import { CACHE_VERSION, type CacheOptions, checksum, modelSum, RACY_MS } from './cache.js';
import type { GuideMeta } from '../guides/types.js';
import type { LoadedGuide } from './load.js';
import { searchText } from './search.js';

const FORMAT = 'negotiate-search-words';
/** The most the header line may take (it holds the folder's path): a bounded first read. */
const HEADER_MAX = 65536;

/**
 * The first line of the file. After it: the head (checked as a whole by `checksum`), then the entry lists.
 * The head is, in order: each entry's size, mtime and ctimeDelta (Float64, 3 per entry); for each word and
 * one past the last, where it starts in the vocabulary, where its list starts, and its list's own check
 * (Uint32, 3 per word); the entries' guide paths (within the folder: relative to it) joined by NUL; the words, each followed by a newline.
 * A word's list is its entries' numbers, ascending, as differences in LEB128 varints.
 */
interface Header {
  format: string;
  version: number;
  root: string;
  builtAt: number;
  entries: number;
  words: number;
  /** Byte lengths of the paths, the vocabulary and the lists. */
  paths: number;
  vocab: number;
  lists: number;
  checksum: string;
}

/** What search reads of a guide (its names, summary, level mapping and body) as its search text. */
export function guideSearchText(m: GuideMeta, body: string): string {
  return searchText([m.company, m.role, m.companyName, m.roleName, m.summary ?? '', m.levelMapping.raw ?? '', body]);
}

/** The search-text file of one data folder. */
export function searchTextFile(dir: string, root: string): string {
  return join(dir, `search-${checksum(Buffer.from(resolve(root))).slice(0, 16)}.txt`);
}

/** A search-text file as read: its head; entry lists are read when a word needs them. */
interface Stored {
  fd: number;
  builtAt: number;
  paths: string[];
  /** size, mtime, ctimeDelta of each entry, three a row. */
  stamps: Float64Array;
  /** vocabulary start, list start, list check of each word, three a row (and the ends after the last). */
  refs: Uint32Array;
  vocab: Buffer;
  /** Where the lists start in the file. */
  listsAt: number;
  words: number;
}

function readAt(fd: number, length: number, position: number): Buffer | undefined {
  // Its own memory (not the shared pool): the typed views over it need it aligned.
  const bytes = Buffer.from(new ArrayBuffer(length));
  let read = 0;
  while (read < length) {
    const n = readSync(fd, bytes, read, length - read, position + read);
    if (n === 0) return undefined;
    read += n;
  }
  return bytes;
}

/** A search-text file's head, open for its lists; undefined when it is missing, damaged, of another version or folder. */
function openSearchTexts(file: string, root: string): Stored | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    const first = readAt(fd, Math.min(st.size, HEADER_MAX), 0);
    const eol = first?.indexOf(10) ?? -1;
    if (!first || eol < 0) return undefined;
    const h = JSON.parse(first.subarray(0, eol).toString('utf8')) as Partial<Header>;
    const n = h.entries ?? -1;
    const w = h.words ?? -1;
    const sizes = [n, w, h.paths ?? -1, h.vocab ?? -1, h.lists ?? -1];
    if (
      h.format !== FORMAT ||
      h.version !== CACHE_VERSION ||
      h.root !== resolve(root) ||
      typeof h.builtAt !== 'number' ||
      !sizes.every((x) => Number.isSafeInteger(x) && x >= 0)
    )
      return undefined;
    const headLength = 24 * n + 12 * (w + 1) + h.paths! + h.vocab!;
    if (eol + 1 + headLength + h.lists! !== st.size) return undefined;
    const head = readAt(fd, headLength, eol + 1);
    if (!head || checksum(head) !== h.checksum) return undefined;
    const stamps = new Float64Array(head.buffer, 0, 3 * n);
    const refs = new Uint32Array(head.buffer, 24 * n, 3 * (w + 1));
    const pathsAt = 24 * n + 12 * (w + 1);
    const paths = n
      ? head
          .subarray(pathsAt, pathsAt + h.paths!)
          .toString('utf8')
          .split('\0')
      : [];
    const vocab = head.subarray(pathsAt + h.paths!);
    if (paths.length !== n || refs[3 * w] !== vocab.length || refs[3 * w + 1] !== h.lists) return undefined;
    const stored = { fd, builtAt: h.builtAt, paths, stamps, refs, vocab, listsAt: eol + 1 + headLength, words: w };
    fd = undefined;
    return stored;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The entries of word `w` (ascending), from the file or from `lists` (all lists, read at once); undefined when damaged. */
function readList(stored: Stored, w: number, lists?: Buffer): number[] | undefined {
  const { refs } = stored;
  const start = refs[3 * w + 1];
  const end = refs[3 * w + 4];
  if (end < start) return undefined;
  const bytes = lists ? lists.subarray(start, end) : readAt(stored.fd, end - start, stored.listsAt + start);
  if (!bytes || bytes.length !== end - start || modelSum(bytes) !== refs[3 * w + 2]) return undefined;
  const ids: number[] = [];
  let id = -1;
  for (let i = 0; i < bytes.length; ) {
    let delta = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++];
      delta += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80 && i < bytes.length);
    id += delta;
    if (b & 0x80 || delta === 0 || id >= stored.paths.length) return undefined;
    ids.push(id);
  }
  return ids;
}

/** The word whose place in the vocabulary holds byte `at` (the last that starts at or before it). */
function wordAt(refs: Uint32Array, words: number, at: number): number {
  let lo = 0;
  let hi = words - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (refs[3 * mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The word at `w` of the vocabulary. */
const wordOf = (stored: Stored, w: number): string =>
  stored.vocab.subarray(stored.refs[3 * w], stored.refs[3 * w + 3] - 1).toString('utf8');

/** Each entry's count of the wanted words it holds (a word counts when it is part of a vocabulary word); undefined when a list is damaged. */
function countWords(stored: Stored, wanted: string[]): Uint16Array | undefined {
  // Each wanted word's vocabulary words: their lists are read one by one, or all at once when they are many.
  const matched = wanted.map((word) => {
    const bytes = Buffer.from(word);
    const found: number[] = [];
    for (let at = stored.vocab.indexOf(bytes); at >= 0; ) {
      const w = wordAt(stored.refs, stored.words, at);
      found.push(w);
      at = stored.vocab.indexOf(bytes, stored.refs[3 * w + 3]);
    }
    return found;
  });
  const all =
    matched.reduce((n, found) => n + found.length, 0) > MANY_LISTS
      ? readAt(stored.fd, stored.refs[3 * stored.words + 1], stored.listsAt)
      : undefined;
  const hits = new Uint16Array(stored.paths.length);
  const lastWord = new Int32Array(stored.paths.length).fill(-1);
  for (const [q, found] of matched.entries()) {
    for (const w of found) {
      const ids = readList(stored, w, all);
      if (!ids) return undefined;
      for (const k of ids) {
        if (lastWord[k] === q) continue;
        lastWord[k] = q;
        hits[k]++;
      }
    }
  }
  return hits;
}

/** Past this many lists, a query reads the lists section whole (one read) rather than list by list. */
const MANY_LISTS = 64;

/** Writes a search-text file (a temporary file renamed into place); a failure is no file, silently. */
function writeSearchTexts(
  file: string,
  root: string,
  builtAt: number,
  paths: string[],
  stamps: Float64Array,
  lists: Map<string, number[]>,
): void {
  const tmp = tempPathIn(dirname(file));
  let fd: number | undefined;
  try {
    const words = [...lists.keys()];
    const refs = new Uint32Array(3 * (words.length + 1));
    const vocabParts: Buffer[] = [];
    const listParts: Buffer[] = [];
    let vocabAt = 0;
    let listAt = 0;
    for (const [w, word] of words.entries()) {
      const wordBytes = Buffer.from(`${word}\n`);
      const list = encodeList(lists.get(word)!);
      refs.set([vocabAt, listAt, modelSum(list)], 3 * w);
      vocabParts.push(wordBytes);
      listParts.push(list);
      vocabAt += wordBytes.length;
      listAt += list.length;
    }
    refs.set([vocabAt, listAt, 0], 3 * words.length);
    const pathBytes = Buffer.from(paths.join('\0'));
    const vocab = Buffer.concat(vocabParts);
    const head = Buffer.concat([
      Buffer.from(stamps.buffer, stamps.byteOffset, stamps.byteLength),
      Buffer.from(refs.buffer, refs.byteOffset, refs.byteLength),
      pathBytes,
      vocab,
    ]);
    const header: Header = {
      format: FORMAT,
      version: CACHE_VERSION,
      root: resolve(root),
      builtAt,
      entries: paths.length,
      words: words.length,
      paths: pathBytes.length,
      vocab: vocab.length,
      lists: listAt,
      // Checked where it is read: its own memory, aligned.
      checksum: checksum(new Uint8Array(head)),
    };
    fd = openSync(tmp, 'wx', 0o600);
    writeSync(fd, `${JSON.stringify(header)}\n`);
    writeSync(fd, head);
    for (const p of listParts) writeSync(fd, p);
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

/** Ascending entry numbers as differences (the first from −1) in LEB128 varints. */
function encodeList(ids: number[]): Buffer {
  const out: number[] = [];
  let last = -1;
  for (const id of ids) {
    let d = id - last;
    last = id;
    while (d >= 0x80) {
      out.push((d & 0x7f) | 0x80);
      d = Math.floor(d / 128);
    }
    out.push(d);
  }
  return Buffer.from(out);
}

/**
 * The guides (in order) whose search text holds every word (null: every guide). Texts come from the file of
 * the guide's data folder while its entry holds, else `make` makes them (reading the guide); a folder's file
 * is rewritten when any was made or an entry went. A query reads the vocabulary and the lists of the words
 * that hold one of its words, as bytes, never decoded: a word's UTF-8 bytes occur in another's only where
 * the word does.
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
    const stored = file ? openSearchTexts(file, index.root) : undefined;
    // Paths within the folder are kept relative to it, however the folder was named (--data sub or /abs/sub).
    const rootPath = resolve(index.root);
    const within = rootPath + sep;
    const storedPath = (path: string) =>
      path.startsWith(within) ? path.slice(within.length) : relative(rootPath, resolve(path));
    try {
      await searchFolder(stored);
    } finally {
      if (stored) closeSync(stored.fd);
    }

    async function searchFolder(stored: Stored | undefined): Promise<void> {
      const settled = (stored?.builtAt ?? 0) - racyMs;
      const builtAt = Date.now();
      const f = index.files;
      // Each member's stored entry, or the text made now. Entries are in the members' order unless guides came or went.
      let byPath: Map<string, number> | undefined;
      const entry = new Int32Array(members.length).fill(-1);
      const madeTexts = new Map<number, string>();
      const paths = members.map((i) => storedPath(guides[i].path));
      for (let m = 0; m < members.length; m++) {
        const i = members[m];
        const g = guides[i];
        const row = g.model.row;
        let k: number | undefined;
        if (stored?.paths[m] === paths[m]) k = m;
        else if (stored) {
          byPath ??= new Map(stored.paths.map((p, e) => [p, e]));
          k = byPath.get(paths[m]);
        }
        if (
          k !== undefined &&
          stored!.stamps[3 * k] === f.size[row] &&
          stored!.stamps[3 * k + 1] === f.mtime[row] &&
          stored!.stamps[3 * k + 2] === f.ctimeDelta[row] &&
          f.mtime[row] + Math.max(0, f.ctimeDelta[row]) < settled
        ) {
          entry[m] = k;
        } else {
          const text = await make(g);
          keep[i] = wanted === null || wanted.every((w) => text.includes(w));
          madeTexts.set(m, text);
        }
      }
      const hits = stored && wanted ? countWords(stored, wanted) : undefined;
      if (stored && wanted && !hits) {
        // A damaged list: the file is no file; every text is made again, and the file rewritten.
        await searchFolder(undefined);
        return;
      }
      for (let m = 0; m < members.length; m++)
        if (entry[m] >= 0) keep[members[m]] = wanted === null || hits![entry[m]] === wanted.length;
      if (file && (madeTexts.size > 0 || stored?.paths.length !== members.length)) {
        const lists = stored ? storedLists(stored, entry) : new Map<string, number[]>();
        if (!lists) {
          await searchFolder(undefined);
          return;
        }
        for (const [m, text] of madeTexts)
          for (const word of text ? text.split(' ') : []) {
            const list = lists.get(word);
            if (list) list.push(m);
            else lists.set(word, [m]);
          }
        for (const list of lists.values()) list.sort((a, b) => a - b);
        const stamps = new Float64Array(3 * members.length);
        members.forEach((i, m) => {
          const row = guides[i].model.row;
          stamps.set([f.size[row], f.mtime[row], f.ctimeDelta[row]], 3 * m);
        });
        writeSearchTexts(file, index.root, builtAt, paths, stamps, lists);
      }
    }
  }
  return guides.filter((_g, i) => keep[i]);
}

/** The stored words' lists of the entries kept, renumbered to their members (`entry`: member → stored entry); undefined when a list is damaged. */
function storedLists(stored: Stored, entry: Int32Array): Map<string, number[]> | undefined {
  const member = new Int32Array(stored.paths.length).fill(-1);
  entry.forEach((k, m) => {
    if (k >= 0) member[k] = m;
  });
  const all = readAt(stored.fd, stored.refs[3 * stored.words + 1], stored.listsAt);
  if (!all) return undefined;
  const lists = new Map<string, number[]>();
  for (let w = 0; w < stored.words; w++) {
    const ids = readList(stored, w, all);
    if (!ids) return undefined;
    const list = ids.map((k) => member[k]).filter((m) => m >= 0);
    if (list.length) lists.set(wordOf(stored, w), list);
  }
  return lists;
}
