// The persistent index: one file per data folder under the user's cache directory, so that a query reads
// what it needs of thousands of guides without parsing them. It holds the folder tree as it was walked
// (each folder's change and modification times and inode, each guide's size, times and summary), and is
// trusted only as far as the file system confirms it: see scanSource. Written atomically (temporary file
// + rename), versioned and check-summed: a corrupt, truncated or foreign file is ignored and rebuilt.
// A cache that cannot be read or written is no cache, silently; a model found damaged when a query reads
// it removes the file, and the query reads the guide instead: see load.ts loadModel.
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { removeStaleTemps, tempPathIn } from '../files.js';
import { escapeName } from '../text/escape.js';
import { rootPlace, statDataRoot, walkFolder, type FolderListing } from '../guides/read.js';
import type { Finding, GuideMeta } from '../guides/types.js';
import type { GuideSummary } from '../guides/summary.js';

/** Bumped whenever the layout below, or what a summary or finding means, changes. */
export const CACHE_VERSION = 7; // 6: GuideMeta.levelMapping.body; 7: models' checks are 32 bits of checksum() (issue 27)
const FORMAT = 'negotiate-index';
/**
 * File times are coarse (a clock tick on Linux, 1–2 s elsewhere): anything changed this close to the
 * moment the cache was built may change again with the same times, so it is checked again next run.
 */
export const RACY_MS = 3000;

export interface CacheOptions {
  /** Folder of the cache files; null: no cache. */
  dir: string | null;
  /**
   * How much of the tree each query confirms. "files" (the default): every folder and every guide file
   * is stat-ed, so any edit shows in the next answer. "folders": only folders (and broken or recent
   * guides): adding, deleting and renaming guides show, and so does every editor that saves by rename,
   * but an in-place edit of a guide may not, until its folder changes.
   */
  check: 'files' | 'folders';
  /**
   * The "too recent to trust" window (RACY_MS). Tests shorten it (NEGOTIATE_CACHE_RACY_MS) instead of
   * sleeping across it; a shorter window is only safe where nothing edits a guide within it of a run.
   */
  racyMs?: number;
}

/** Where the cache lives: NEGOTIATE_CACHE_DIR, else $XDG_CACHE_HOME/negotiate, else ~/.cache/negotiate. */
export function cacheOptions(env: Record<string, string | undefined>): CacheOptions {
  const check = env.NEGOTIATE_CACHE_CHECK === 'folders' ? 'folders' : 'files';
  const racy = env.NEGOTIATE_CACHE_RACY_MS;
  const racyMs = racy !== undefined && /^\d{1,5}$/.test(racy) ? Number(racy) : RACY_MS;
  const at = (dir: string | null): CacheOptions => ({ dir, check, racyMs });
  if (env.NEGOTIATE_NO_CACHE && env.NEGOTIATE_NO_CACHE !== '0') return at(null);
  if (env.NEGOTIATE_CACHE_DIR) return at(resolve(env.NEGOTIATE_CACHE_DIR));
  if (env.XDG_CACHE_HOME?.startsWith('/')) return at(join(env.XDG_CACHE_HOME, 'negotiate'));
  if (env.HOME) return at(join(env.HOME, '.cache', 'negotiate'));
  return at(null);
}

/**
 * Makes the cache folder ready for this run: created private (0700) when missing, its stale temporary
 * files (a killed run's) removed. A folder another user can write to (not ours, or group- or
 * world-writable) is not used at all: whoever can write there could plant a file that changes answers.
 * Returns the options to load with, and a note when the cache is bypassed.
 */
export function prepareCacheDir(opts: CacheOptions): { options: CacheOptions; note?: string } {
  const dir = opts.dir;
  if (!dir) return { options: opts };
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    const uid = process.getuid?.();
    const othersWrite = (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0;
    if (!st.isDirectory() || othersWrite) {
      const fix =
        st.isDirectory() && uid !== undefined && st.uid === uid
          ? `chmod 700 ${escapeName(dir)}`
          : 'set NEGOTIATE_CACHE_DIR to a folder of your own';
      return {
        options: { ...opts, dir: null },
        note: `not using the index cache ${escapeName(dir)}: ${st.isDirectory() ? 'another user can write to it' : 'it is not a folder'} (${fix})`,
      };
    }
    removeStaleTemps(dir);
    return { options: opts };
  } catch {
    // Cannot be made or read: no cache, silently (as when it cannot be written).
    return { options: { ...opts, dir: null } };
  }
}

/** 0: no front matter (ignored), 1: usable, 2: broken with front matter, 3: broken without. */
export type Kind = 0 | 1 | 2 | 3;

/** Where a guide's model is in the model section: [at, length, checksum]. */
export type MetaRef = [at: number, length: number, checksum: number];

/**
 * The guide files of an index, one array per field (columns, not objects: 100,000 guides are read as a few
 * arrays of numbers, quickly, in little memory). Names, companies, roles and dates are indexes into the
 * index's name table (-1: none); metaAt -1: the file gave no model (no front matter, or no company and role).
 */
export interface FileColumns {
  name: number[];
  size: number[];
  mtime: number[];
  /** ctimeMs − mtimeMs (0 for most files: short to write, quick to read). */
  ctimeDelta: number[];
  kind: Kind[];
  company: number[];
  companyName: number[];
  role: number[];
  roleName: number[];
  lastUpdated: number[];
  metaAt: number[];
  metaLength: number[];
  metaSum: number[];
}

/** The folders of an index, in walk order (0: the data folder itself). */
export interface DirColumns {
  /** Name in its parent (name table index). */
  name: number[];
  ctime: number[];
  mtime: number[];
  ino: number[];
  /** Real path (symbolic links resolved): no folder is entered twice. */
  real: string[];
  /** Its entries: entries[first] … entries[first + count − 1]. */
  first: number[];
  count: number[];
}

/** An entry of a folder, in walk order: a guide file, a sub-folder, or another name (stat-ed again every run). */
const FILE = 0;
const DIR = 1;
const OTHER = 2;
const code = (kind: number, i: number) => i * 3 + kind;
/** A folder entry's kind (FILE, DIR or OTHER), and its number, as `code` made them. */
const kindOf = (c: number) => c % 3;
const numberOf = (c: number) => (c - (c % 3)) / 3;

export interface CachePayload {
  root: string;
  builtAt: number;
  /** Every name the index holds: folder and file names, companies, roles and their display names, dates. */
  names: string[];
  dirs: DirColumns;
  /** Folder entries (see `code`): 3·f a guide file, 3·d + 1 a folder, 3·n + 2 another name. */
  entries: number[];
  files: FileColumns;
  /** The errors of broken guides, by file number (a query names a broken guide's first error; validate reads files itself). */
  errors: Record<number, Finding[]>;
}

const FILE_FIELDS = [
  'name',
  'size',
  'mtime',
  'ctimeDelta',
  'kind',
  'company',
  'companyName',
  'role',
  'roleName',
  'lastUpdated',
  'metaAt',
  'metaLength',
  'metaSum',
] as const;
const DIR_FIELDS = ['name', 'ctime', 'mtime', 'ino', 'real', 'first', 'count'] as const;

const emptyFiles = (): FileColumns => ({
  name: [],
  size: [],
  mtime: [],
  ctimeDelta: [],
  kind: [],
  company: [],
  companyName: [],
  role: [],
  roleName: [],
  lastUpdated: [],
  metaAt: [],
  metaLength: [],
  metaSum: [],
});
const emptyDirs = (): DirColumns => ({ name: [], ctime: [], mtime: [], ino: [], real: [], first: [], count: [] });

/** True when every column is an array of the same length (a cache of another layout is not). */
function columnsAgree(table: unknown, fields: readonly string[]): boolean {
  if (!table || typeof table !== 'object') return false;
  const cols = fields.map((f) => (table as Record<string, unknown>)[f]);
  return cols.every((c) => Array.isArray(c) && c.length === (cols[0] as unknown[]).length);
}

/**
 * The models of an index: read one at a time, by position, when a query asks for one, through the
 * descriptor of the very file the index was read from (or that this run wrote). Another run may put a new
 * cache file in place meanwhile; that replaces the name, not the file this one reads.
 */
export interface MetaStore {
  file: string;
  /** Open for reading; undefined until there is a file (a first build writes one). */
  fd?: number;
  /** The file's inode: a damaged cache file is removed only while its name still points at it. */
  ino?: number;
}

/** Points a store at an open cache file (closing the one it had). */
export function attachStore(store: MetaStore, fd: number): void {
  const old = store.fd;
  store.fd = fd;
  store.ino = fstatSync(fd).ino;
  if (old !== undefined && old !== fd) closeStore({ file: store.file, fd: old });
}

/** Closes a store's file: its models can no longer be read (the run that loaded it closes it when done). */
export function closeStore(store: MetaStore): void {
  if (store.fd === undefined) return;
  try {
    closeSync(store.fd);
  } catch {
    // already closed
  }
  store.fd = undefined;
}

/**
 * A 64-bit FNV-1a-style hash over the bytes, four at a time, as hex: detects corruption (not tampering; the
 * cache is the user's own). Any one changed byte changes it: each step is a bijection of the state.
 */
export function checksum(bytes: Uint8Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const whole = bytes.length & ~3;
  // Words in the platform's byte order (the cache never leaves the machine); copied when unaligned.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Uint8Array.prototype.slice.call(bytes, 0, whole);
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, whole >> 2);
  for (let i = 0; i < words.length; i++) {
    h1 = Math.imul(h1 ^ words[i], 0x01000193);
    h2 = Math.imul(h2 ^ words[i], 0x5bd1e995);
  }
  for (let i = whole; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i], 0x01000193);
    h2 = Math.imul(h2 ^ bytes[i], 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Each guide model's own check, over its bytes as written: 32 bits of its checksum (a number, like the other columns). */
const modelSum = (bytes: Uint8Array): number => Number.parseInt(checksum(bytes).slice(8), 16);

/** The cache file of one data folder. */
export function cacheFile(dir: string, root: string): string {
  return join(dir, `index-${checksum(Buffer.from(resolve(root))).slice(0, 16)}.json`);
}

/**
 * The file's layout: a fixed-size header (JSON padded with spaces, then a newline), the model section
 * (each guide's model as JSON, one after another: written while the guides are read, so a first build of
 * 100,000 guides never holds them all), then the index itself (JSON). The header gives both sections'
 * places and the index's checksum; each model's own checksum is in its index entry.
 */
export const HEADER_BYTES = 256;
interface Header {
  format: string;
  version: number;
  metas: [at: number, length: number];
  index: [at: number, length: number];
  checksum: string;
}

/** Reads `length` bytes at `at`; fewer when the file is shorter. */
function readAt(fd: number, at: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buf, read, length - read, at + read);
    if (n === 0) break;
    read += n;
  }
  return read === length ? buf : buf.subarray(0, read);
}

/** A cache as read: the index, and where its models are. */
export type CacheRead = CachePayload & { metas: MetaStore };

/** Reads a cache file's index; undefined when missing, unreadable, truncated, corrupt, of another version or another folder. */
export function readCache(file: string, root: string): CacheRead | undefined {
  let fd: number | undefined;
  try {
    // Never through a link, never waiting on a FIFO; only a regular file is read.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    const size = st.size;
    const head = readAt(fd, 0, HEADER_BYTES);
    if (head.length !== HEADER_BYTES || head[HEADER_BYTES - 1] !== 10) return undefined;
    const header = JSON.parse(head.toString('utf8')) as Partial<Header>;
    if (header.format !== FORMAT || header.version !== CACHE_VERSION || !isSpan(header.metas) || !isSpan(header.index))
      return undefined;
    const [at, length] = header.index;
    if (header.metas[0] !== HEADER_BYTES || header.metas[0] + header.metas[1] !== at || at + length !== size)
      return undefined;
    const payload = readAt(fd, at, length);
    if (payload.length !== length || header.checksum !== checksum(payload)) return undefined;
    const data = JSON.parse(payload.toString('utf8')) as CachePayload;
    if (
      data.root !== resolve(root) ||
      typeof data.builtAt !== 'number' ||
      !Array.isArray(data.names) ||
      !Array.isArray(data.entries)
    )
      return undefined;
    if (
      !columnsAgree(data.files, FILE_FIELDS) ||
      !columnsAgree(data.dirs, DIR_FIELDS) ||
      data.dirs.name.length === 0 ||
      !data.errors ||
      typeof data.errors !== 'object'
    )
      return undefined;
    const metas: MetaStore = { file };
    attachStore(metas, fd);
    fd = undefined; // the store keeps it open
    return Object.assign(data, { metas });
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const isSpan = (x: unknown): x is [number, number] =>
  Array.isArray(x) && x.length === 2 && x.every((n) => Number.isSafeInteger(n) && n >= 0);

/** One guide's model from a cache file; undefined when it cannot be read or its bytes are not what was written. */
export function readMeta(store: MetaStore, ref: MetaRef): GuideMeta | undefined {
  if (store.fd === undefined) return undefined;
  try {
    const bytes = readAt(store.fd, HEADER_BYTES + ref[0], ref[1]);
    if (bytes.length !== ref[1] || modelSum(bytes) !== ref[2]) return undefined;
    return JSON.parse(bytes.toString('utf8')) as GuideMeta;
  } catch {
    return undefined;
  }
}

/**
 * Removes a cache file found damaged after it was read (if its name still points at it), so that the next
 * run rebuilds it. Another run may put a new file in place between the check and the removal: then that
 * file is removed too, and the next run rebuilds it (no answer is wrong, one build is wasted).
 */
export function discardCache(store: MetaStore): void {
  try {
    if (statSync(store.file).ino === store.ino) unlinkSync(store.file);
  } catch {
    // already gone, or replaced by another run: the next run's checks decide
  }
}

/**
 * Writes a cache file: models as they come (`add`), then the index (`finish`), into a temporary file that
 * replaces the old one by rename, so a reader sees the old file or the new one, never a mix. Any failure
 * makes it a no-op, silently: `finish` returns false and nothing is replaced.
 */
export class CacheWriter {
  #fd: number | undefined;
  #tmp: string;
  #at = 0;
  /** Models not yet written: encoded straight into this buffer (1 MiB), written when it is full. */
  #pending = Buffer.allocUnsafe(1 << 20);
  #pendingBytes = 0;

  constructor(readonly file: string) {
    // A short name the next run recognises and removes if this one is killed (files.ts removeStaleTemps).
    this.#tmp = tempPathIn(dirname(file));
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      // Read and write, created new (never through a planted link): once in place, the file is where
      // this run reads its models from.
      this.#fd = openSync(this.#tmp, 'wx+', 0o600);
      writeSync(this.#fd, Buffer.alloc(HEADER_BYTES, 32));
    } catch {
      this.#fail();
    }
  }

  get ok(): boolean {
    return this.#fd !== undefined;
  }

  /** Adds a model; returns where it is, or null when the writer has failed. */
  add(meta: GuideMeta): MetaRef | null {
    return this.addJson(JSON.stringify(meta));
  }

  /** Adds a model already written as JSON. */
  addJson(text: string): MetaRef | null {
    if (!this.ok) return null;
    const length = Buffer.byteLength(text);
    if (this.#pendingBytes + length > this.#pending.length) this.#flush();
    if (length > this.#pending.length) {
      const bytes = Buffer.from(text);
      return this.#addBytes(bytes, modelSum(bytes));
    }
    const at = this.#pendingBytes;
    this.#pending.write(text, at);
    this.#pendingBytes += length;
    return this.#placed(length, modelSum(this.#pending.subarray(at, at + length)));
  }

  /** Adds a model as written before (its bytes, from the old cache file, checked against its checksum). */
  copy(from: MetaStore, ref: MetaRef): MetaRef | null {
    if (!this.ok || from.fd === undefined) return null;
    try {
      const bytes = readAt(from.fd, HEADER_BYTES + ref[0], ref[1]);
      if (bytes.length !== ref[1] || modelSum(bytes) !== ref[2]) return null;
      return this.#addBytes(bytes, ref[2]);
    } catch {
      return null;
    }
  }

  #addBytes(bytes: Buffer, sum: number): MetaRef | null {
    if (this.#pendingBytes + bytes.length > this.#pending.length) this.#flush();
    if (bytes.length > this.#pending.length) {
      this.#write(bytes);
      this.#pendingBytes = 0;
    } else {
      bytes.copy(this.#pending, this.#pendingBytes);
      this.#pendingBytes += bytes.length;
    }
    return this.#placed(bytes.length, sum);
  }

  /** The place of the model just added (the models are laid end to end). */
  #placed(length: number, sum: number): MetaRef | null {
    const ref: MetaRef = [this.#at, length, sum];
    this.#at += length;
    return this.ok ? ref : null;
  }

  #flush(): void {
    if (this.#pendingBytes > 0) this.#write(this.#pending.subarray(0, this.#pendingBytes));
    this.#pendingBytes = 0;
  }

  #write(bytes: Buffer): void {
    if (!this.ok) return;
    try {
      writeSync(this.#fd!, bytes);
    } catch {
      this.#fail();
    }
  }

  /**
   * Writes the index and the header, and puts the file in place; the store then reads its models from the
   * new file (its descriptor, kept open). False, with nothing replaced, when anything failed.
   */
  finish(payload: CachePayload, store: MetaStore): boolean {
    this.#flush();
    if (!this.ok) return false;
    try {
      const body = Buffer.from(JSON.stringify(payload));
      const metasEnd = HEADER_BYTES + this.#at;
      const header: Header = {
        format: FORMAT,
        version: CACHE_VERSION,
        metas: [HEADER_BYTES, this.#at],
        index: [metasEnd, body.length],
        checksum: checksum(body),
      };
      const head = Buffer.alloc(HEADER_BYTES, 32);
      head.write(JSON.stringify(header));
      head[HEADER_BYTES - 1] = 10;
      writeSync(this.#fd!, body, 0, body.length, metasEnd);
      writeSync(this.#fd!, head, 0, HEADER_BYTES, 0);
      renameSync(this.#tmp, this.file);
    } catch {
      this.#fail();
      return false;
    }
    attachStore(store, this.#fd!);
    this.#fd = undefined;
    return true;
  }

  /** Gives up: no file is replaced. */
  abandon(): void {
    this.#fail();
  }

  #fail(): void {
    if (this.#fd !== undefined) {
      try {
        closeSync(this.#fd);
      } catch {
        // nothing to do
      }
      this.#fd = undefined;
    }
    try {
      unlinkSync(this.#tmp);
    } catch {
      // nothing was written
    }
  }
}

export interface ScanResult {
  problems: { path: string; message: string; skipped?: boolean }[];
  /**
   * The index as found now, in walk order: unchanged guides' rows copied from the cache, new and changed
   * ones holding only their size and times (the caller reads those files and fills their rows in).
   */
  index: CachePayload;
  /** True when anything differs from the cache (so it is worth writing). */
  changed: boolean;
  /** A name's number in the new index's table (added when new). */
  intern: (text: string) => number;
}

/**
 * Called for each guide file, in walk order, with its row in the new index: `reused` when the cached row
 * was confirmed (the file is unchanged), else the row holds only its size and times.
 */
export type GuideVisitor = (path: string, row: number, reused: boolean, index: CachePayload) => void;

/** A deep copy that shares no memory with the text it came from (a parsed string is a slice of its file's text). */
const ownCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * A name's number in a table, added when new (the table is looked up through a map made on first use). A
 * new name is stored as a copy: a name parsed from a file is a slice of the file's text and would keep all
 * of it alive (100,000 files' worth, in a first build).
 */
function interner(names: string[]): (text: string) => number {
  let known: Map<string, number> | undefined;
  return (text) => {
    known ??= new Map(names.map((n, i) => [n, i]));
    let i = known.get(text);
    if (i === undefined) {
      const copy = ownCopy(text);
      i = names.push(copy) - 1;
      known.set(copy, i);
    }
    return i;
  };
}

/** A cached guide row is trusted when it is settled, and has its model if it names a company. */
const trustedRow = (files: FileColumns, f: number, settled: number) =>
  files.mtime[f] + Math.max(0, files.ctimeDelta[f]) < settled && (files.metaAt[f] >= 0 || files.company[f] < 0);

/** With the folders check, a guide that was fine and settled is trusted without a stat (its folder unchanged). */
const trustedUnseen = (files: FileColumns, f: number, check: CacheOptions['check'], settled: number) =>
  check === 'folders' && files.kind[f] < 2 && trustedRow(files, f, settled);

/** A cached folder is unchanged when its times and inode are, and they were settled when the cache was built. */
const sameFolder = (dirs: DirColumns, d: number, st: Stats, settled: number) =>
  dirs.ctime[d] === st.ctimeMs &&
  dirs.mtime[d] === st.mtimeMs &&
  dirs.ino[d] === st.ino &&
  Math.max(st.ctimeMs, st.mtimeMs) < settled;

/** A cached guide is unchanged when its size and times are, and its row is trusted. */
const sameGuide = (files: FileColumns, f: number, st: Stats, settled: number) =>
  files.size[f] === st.size &&
  files.mtime[f] === st.mtimeMs &&
  files.ctimeDelta[f] === st.ctimeMs - st.mtimeMs &&
  trustedRow(files, f, settled);

/** A cached folder entry: its kind, its number (guide row, folder row, or name), its name. */
function cachedEntry(cache: CachePayload, c: number): { kind: number; i: number; name: string } {
  const kind = kindOf(c);
  const i = numberOf(c);
  return { kind, i, name: cache.names[kind === FILE ? cache.files.name[i] : kind === DIR ? cache.dirs.name[i] : i] };
}

/**
 * The quick path of scanSource: confirms that the folder is exactly as cached (every folder and guide
 * stat-ed as the full scan would, the same problems found), building nothing. Null at the first difference.
 */
function confirmUnchanged(
  root: string,
  rootStat: Stats,
  rootReal: string,
  cache: CachePayload,
  check: CacheOptions['check'],
  settled: number,
): { paths: string[]; problems: ScanResult['problems'] } | null {
  const { files, dirs, entries } = cache;
  const paths: string[] = new Array<string>(files.name.length);
  const problems: ScanResult['problems'] = [];
  let nextFile = 0;
  let nextDir = 0;
  type Entry = ReturnType<typeof cachedEntry>;
  const walked = walkFolder<Entry[]>(
    root,
    {
      enter: (_dir, _name, st, _depth, entry, parent) => {
        let d = 0;
        if (parent) {
          const { kind, i } = parent.folder[parent.k];
          // A folder kept as a name was not entered: visited already through a link, or unreadable. Still so
          // (the same problem reported again), or a difference.
          if (kind === OTHER) return entry.read() === null ? null : false;
          if (kind !== DIR) return false;
          d = i;
        }
        // Folders are numbered in walk order; an unchanged one is entered once, from its cached real path.
        if (d !== nextDir++ || !sameFolder(dirs, d, st, settled) || !entry.enterOnce(dirs.real[d])) return false;
        const cached = entries.slice(dirs.first[d], dirs.first[d] + dirs.count[d]).map((c) => cachedEntry(cache, c));
        return { listing: { real: dirs.real[d], names: cached.map((e) => e.name) }, folder: cached };
      },
      vouch: (folder, _name, path, k) => {
        const { kind, i } = folder[k];
        if (kind !== FILE || !trustedUnseen(files, i, check, settled)) return false;
        if (i !== nextFile++) return 'stop';
        paths[i] = path;
        return true;
      },
      inside: (folder, k) => folder[k].kind === FILE,
      guide: (folder, _name, path, st, k) => {
        const { kind, i } = folder[k];
        if (kind !== FILE || i !== nextFile++ || !sameGuide(files, i, st, settled)) return false;
        paths[i] = path;
        return true;
      },
      // Unreadable, a link leading outside, not a guide: so it was last time (kept as a name), or a difference.
      other: (folder, _name, k) => folder[k].kind === OTHER,
    },
    problems,
    rootStat,
    rootReal,
  );
  return walked && nextFile === files.name.length && nextDir === dirs.name.length ? { paths, problems } : null;
}

/**
 * Walks a data folder like walkGuideFiles (same files, same order, same problems), reusing the cache
 * where the file system confirms it: a folder whose ctime, mtime and inode are unchanged still has the
 * same entries (no readdir); a guide whose size, mtime and ctime are unchanged still has the same summary
 * (no read, no parse). Anything changed within `racyMs` (RACY_MS) of the cache's build is checked again.
 *
 * The new index keeps the old one's name table and adds to it (the rows it copies keep their name
 * numbers); names no longer used are dropped when they are most of the table (see compactNames).
 */
export function scanSource(
  root: string,
  cache: CachePayload | undefined,
  check: CacheOptions['check'],
  guide: GuideVisitor,
  builtAt = Date.now(),
  racyMs = RACY_MS,
): ScanResult {
  const rootStat = statDataRoot(root);
  const { rootReal } = rootPlace(root);
  const settled = (cache?.builtAt ?? 0) - racyMs;
  // Most runs change nothing: confirmed first, without building anything; the first difference means a full scan.
  const unchanged = cache && confirmUnchanged(root, rootStat, rootReal, cache, check, settled);
  if (unchanged) {
    for (const [row, path] of unchanged.paths.entries()) guide(path, row, true, cache);
    return { problems: unchanged.problems, index: cache, changed: false, intern: interner(cache.names) };
  }
  const names = cache ? [...cache.names] : [];
  const index: CachePayload = {
    root: resolve(root),
    builtAt,
    names,
    dirs: emptyDirs(),
    entries: [],
    files: emptyFiles(),
    errors: {},
  };
  const intern = interner(names);
  const result: ScanResult = { problems: [], index, changed: !cache, intern };
  const old = cache?.files;
  const oldDirs = cache?.dirs;
  const cachedEntryName = (c: number) => cachedEntry(cache!, c).name;

  const files = index.files;
  /** Copies a confirmed guide's row (runs that change something only: an unchanged run builds nothing). */
  const copyRow = (f: number): number => {
    for (const field of FILE_FIELDS) (files[field] as number[]).push(old![field][f]);
    const row = files.name.length - 1;
    const errors = cache!.errors[f];
    if (errors) index.errors[row] = errors;
    return row;
  };
  const newRow = (name: string, st: Stats): number => {
    const row = files.name.push(intern(name)) - 1;
    files.size.push(st.size);
    files.mtime.push(st.mtimeMs);
    files.ctimeDelta.push(st.ctimeMs - st.mtimeMs);
    files.kind.push(3);
    for (const field of ['company', 'companyName', 'role', 'roleName', 'lastUpdated', 'metaAt'] as const)
      files[field].push(-1);
    files.metaLength.push(0);
    files.metaSum.push(0);
    return row;
  };

  const addFile = (path: string, name: string, st: Stats, f: number | undefined): number => {
    if (f !== undefined && sameGuide(old!, f, st, settled)) {
      const row = copyRow(f);
      guide(path, row, true, index);
      return row;
    }
    result.changed = true;
    const row = newRow(name, st);
    guide(path, row, false, index);
    return row;
  };

  /** The code of an entry kept as a name (not a guide, not a folder entered): a change if it was one last time. */
  const keptAsName = (name: string, prevKind: number) => {
    if (prevKind === FILE || prevKind === DIR) result.changed = true;
    return code(OTHER, intern(name));
  };

  /** A folder as the scan builds it: its row, its cached entries by entry number (undefined: none), its codes. */
  interface Folder {
    row: number;
    same: boolean;
    prevs: (number | undefined)[];
    codes: number[];
  }
  const prevKind = (f: Folder, k: number) => (f.prevs[k] === undefined ? -1 : kindOf(f.prevs[k]));
  const prevIndex = (f: Folder, k: number) => (f.prevs[k] === undefined ? -1 : numberOf(f.prevs[k]));

  walkFolder<Folder>(
    root,
    {
      enter: (_dir, name, st, _depth, entry, parent) => {
        const d = parent
          ? prevKind(parent.folder, parent.k) === DIR
            ? prevIndex(parent.folder, parent.k)
            : undefined
          : cache
            ? 0
            : undefined;
        const same = d !== undefined && sameFolder(oldDirs!, d, st, settled);
        let listing: FolderListing;
        // An unchanged folder is walked from its cached entries; a changed one from readdir, each name matched
        // to its cached entry. Either way: entry names, and the cached entries they were (undefined: none).
        let prevs: (number | undefined)[];
        if (same) {
          const real = oldDirs!.real[d];
          if (!entry.enterOnce(real)) return null;
          prevs = cache!.entries.slice(oldDirs!.first[d], oldDirs!.first[d] + oldDirs!.count[d]);
          listing = { real, names: prevs.map((c) => cachedEntryName(c!)) };
        } else {
          const fresh = entry.read();
          if (!fresh) return null;
          result.changed = true;
          listing = fresh;
          const before = new Map<string, number>();
          if (d !== undefined) {
            for (let k = oldDirs!.first[d], end = k + oldDirs!.count[d]; k < end; k++) {
              const c = cache!.entries[k];
              if (kindOf(c) !== OTHER) before.set(cachedEntryName(c), c);
            }
          }
          prevs = fresh.names.map((n) => before.get(n));
        }
        const row = index.dirs.name.push(intern(name)) - 1;
        index.dirs.ctime.push(st.ctimeMs);
        index.dirs.mtime.push(st.mtimeMs);
        index.dirs.ino.push(st.ino);
        index.dirs.real.push(listing.real);
        // Its entries go in once its sub-folders (which add rows of their own) are done.
        index.dirs.first.push(0);
        index.dirs.count.push(0);
        return { listing, folder: { row, same, prevs, codes: [] } };
      },
      vouch: (f, _name, path, k) => {
        // Trusted without a stat: the folder is unchanged and the guide was fine and settled.
        if (!(f.same && prevKind(f, k) === FILE && trustedUnseen(old!, prevIndex(f, k), check, settled))) return false;
        const row = copyRow(prevIndex(f, k));
        guide(path, row, true, index);
        f.codes.push(code(FILE, row));
        return true;
      },
      // An unchanged folder's guides were inside when cached (a link is replaced, never changed in place: its folder changes).
      inside: (f, k) => prevKind(f, k) === FILE,
      guide: (f, name, path, st, k) => {
        f.codes.push(code(FILE, addFile(path, name, st, prevKind(f, k) === FILE ? prevIndex(f, k) : undefined)));
        return true;
      },
      // Kept as a name, so that the next run stats it (or lists it) again, and reports it again.
      other: (f, name, k) => {
        f.codes.push(keptAsName(name, prevKind(f, k)));
        return true;
      },
      entered: (f, _k, child) => {
        f.codes.push(code(DIR, child.row));
        return true;
      },
      leave: (f) => {
        index.dirs.first[f.row] = index.entries.length;
        index.dirs.count[f.row] = f.codes.length;
        for (const c of f.codes) index.entries.push(c);
      },
    },
    result.problems,
    rootStat,
    rootReal,
  );
  return result;
}

/** What a guide row says of its guide, its names read from the name table. */
export function rowSummary(index: CachePayload, row: number): GuideSummary {
  const f = index.files;
  const name = (i: number) => (i >= 0 ? index.names[i] : undefined);
  const kind = f.kind[row];
  return {
    ignored: kind === 0,
    hasFrontMatter: kind === 1 || kind === 2,
    usable: kind === 1,
    company: name(f.company[row]),
    companyName: name(f.companyName[row]),
    role: name(f.role[row]),
    roleName: name(f.roleName[row]),
    lastUpdated: name(f.lastUpdated[row]) ?? null,
  };
}

/** Fills a guide's row with what reading the file found (its names added to the table). */
export function fillRow(scan: ScanResult, row: number, summary: GuideSummary, errors: Finding[]): void {
  const f = scan.index.files;
  const number = (text: string | null | undefined) => (text === undefined || text === null ? -1 : scan.intern(text));
  f.kind[row] = summary.ignored ? 0 : summary.usable ? 1 : summary.hasFrontMatter ? 2 : 3;
  f.company[row] = number(summary.company);
  f.companyName[row] = number(summary.companyName);
  f.role[row] = number(summary.role);
  f.roleName[row] = number(summary.roleName);
  f.lastUpdated[row] = number(summary.lastUpdated);
  // Copies, like the names: a parsed message may be a slice of its file's text.
  if (errors.length) scan.index.errors[row] = ownCopy(errors);
  else delete scan.index.errors[row];
}

/** Where a guide row's model is, or null. */
export const metaRefOf = (files: FileColumns, row: number): MetaRef | null =>
  files.metaAt[row] >= 0 ? [files.metaAt[row], files.metaLength[row], files.metaSum[row]] : null;

/** Points a guide row at its model (or at none). */
export function setMetaRef(files: FileColumns, row: number, ref: MetaRef | null): void {
  [files.metaAt[row], files.metaLength[row], files.metaSum[row]] = ref ?? [-1, 0, 0];
}

/**
 * Drops the names that nothing in the index uses any more, once they are most of the table (between
 * rewrites it only grows: renamed files, old dates, deleted companies), and renumbers every reference.
 * Run before the index is written; nothing may hold a name number across it.
 */
export function compactNames(index: CachePayload): void {
  const renumbered = new Int32Array(index.names.length).fill(-1);
  let used = 0;
  const f = index.files;
  const columns = [f.name, f.company, f.companyName, f.role, f.roleName, f.lastUpdated, index.dirs.name];
  const mark = (i: number) => {
    if (i >= 0 && renumbered[i] < 0) renumbered[i] = used++;
  };
  for (const column of columns) for (const i of column) mark(i);
  for (const c of index.entries) if (kindOf(c) === OTHER) mark(numberOf(c));
  if (index.names.length - used <= Math.max(64, used)) return;
  const names = new Array<string>(used);
  index.names.forEach((name, i) => {
    if (renumbered[i] >= 0) names[renumbered[i]] = name;
  });
  for (const column of columns)
    for (let k = 0; k < column.length; k++) if (column[k] >= 0) column[k] = renumbered[column[k]];
  index.entries = index.entries.map((c) => (kindOf(c) === OTHER ? code(OTHER, renumbered[numberOf(c)]) : c));
  index.names = names;
}
