// The persistent index: one file per data folder under the user's cache directory, so that a query reads
// what it needs of thousands of guides without parsing them. It holds the folder tree as it was walked
// (each folder's change and modification times and inode, each guide's size, times and summary), and is
// trusted only as far as the file system confirms it: see scanSource. Written atomically (temporary file
// + rename), versioned and check-summed: a corrupt, truncated or foreign file is ignored and rebuilt.
// Any failure to read or write it degrades to "no cache", silently.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { enterOnce, isGuideFile, isWalkedEntry, listFolderOnce, reason, statDataRoot } from '../guides/read.js';
import type { Finding, GuideMeta } from '../guides/types.js';
import type { GuideSummary } from './summary.js';

/** Bumped whenever the layout below, or what a summary or finding means, changes. */
export const CACHE_VERSION = 2;
const FORMAT = 'negotiate-index';
/**
 * File times are coarse (a clock tick on Linux, 1–2 s elsewhere): anything changed this close to the
 * moment the cache was built may change again with the same times, so it is checked again next run.
 */
const RACY_MS = 3000;

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
}

/** Where the cache lives: NEGOTIATE_CACHE_DIR, else $XDG_CACHE_HOME/negotiate, else ~/.cache/negotiate. */
export function cacheOptions(env: Record<string, string | undefined>): CacheOptions {
  const check = env.NEGOTIATE_CACHE_CHECK === 'folders' ? 'folders' : 'files';
  if (env.NEGOTIATE_NO_CACHE && env.NEGOTIATE_NO_CACHE !== '0') return { dir: null, check };
  if (env.NEGOTIATE_CACHE_DIR) return { dir: resolve(env.NEGOTIATE_CACHE_DIR), check };
  if (env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/')) return { dir: join(env.XDG_CACHE_HOME, 'negotiate'), check };
  if (env.HOME) return { dir: join(env.HOME, '.cache', 'negotiate'), check };
  return { dir: null, check };
}

/** Where a guide's model (its checked front matter, as JSON) sits in the cache file's model section. */
export type MetaRef = [at: number, length: number, checksum: string];
/**
 * A guide file as cached: [name, size, mtimeMs, ctimeMs, summary, errors, model]. Only a guide's errors
 * are kept (a query names a broken guide's first error; validate reads files itself); the model is null
 * when the file gave none (no front matter, or no company and role).
 */
export type FileEntry = [string, number, number, number, CachedSummary, Finding[], MetaRef | null];
/** 0: no front matter (ignored), 1: usable, 2: broken with front matter, 3: broken without. */
type Kind = 0 | 1 | 2 | 3;
/** A summary with its names as indexes into the cache's name table (companies repeat a lot). */
export type CachedSummary = [kind: Kind, company: number, companyName: number, role: number, roleName: number, lastUpdated: string | null];
export interface DirNode {
  /** Name in its parent ('' for the root). */
  n: string;
  c: number;
  m: number;
  i: number;
  /** Real path (symbolic links resolved): no folder is entered twice. */
  r: string;
  /** Entries in walk order: sub-folders, guide files, and other names (strings: stat-ed again every run). */
  e: (DirNode | FileEntry | string)[];
}

export interface CachePayload {
  root: string;
  builtAt: number;
  names: string[];
  tree: DirNode;
}

/** Where the models of a cache file are: read one at a time, by position, when a query asks for one. */
export interface MetaStore {
  file: string;
  /** Position of the model section in the file. */
  base: number;
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
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, HEADER_BYTES);
    if (head.length !== HEADER_BYTES || head[HEADER_BYTES - 1] !== 10) return undefined;
    const header = JSON.parse(head.toString('utf8')) as Partial<Header>;
    if (header.format !== FORMAT || header.version !== CACHE_VERSION || !isSpan(header.metas) || !isSpan(header.index)) return undefined;
    const [at, length] = header.index;
    if (header.metas[0] !== HEADER_BYTES || header.metas[0] + header.metas[1] !== at || at + length !== size) return undefined;
    const payload = readAt(fd, at, length);
    if (payload.length !== length || header.checksum !== checksum(payload)) return undefined;
    const data = JSON.parse(payload.toString('utf8')) as CachePayload;
    if (data.root !== resolve(root) || typeof data.builtAt !== 'number' || !Array.isArray(data.names) || !isDirNode(data.tree)) return undefined;
    return Object.assign(data, { metas: { file, base: HEADER_BYTES } });
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const isSpan = (x: unknown): x is [number, number] => Array.isArray(x) && x.length === 2 && x.every((n) => Number.isSafeInteger(n) && n >= 0);

const isDirNode = (x: unknown): x is DirNode =>
  !!x && typeof x === 'object' && !Array.isArray(x) && typeof (x as DirNode).r === 'string' && Array.isArray((x as DirNode).e);

/** One guide's model from a cache file; undefined when it cannot be read or its bytes are not what was written. */
export function readMeta(store: MetaStore, ref: MetaRef): GuideMeta | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(store.file, 'r');
    const bytes = readAt(fd, store.base + ref[0], ref[1]);
    if (bytes.length !== ref[1] || checksum(bytes) !== ref[2]) return undefined;
    return JSON.parse(bytes.toString('utf8')) as GuideMeta;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Removes a cache file found damaged after it was read, so that the next run rebuilds it. */
export function discardCache(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone, or not ours to remove: the next run's checks decide
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
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #from: number | undefined;

  constructor(readonly file: string) {
    this.#tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      mkdirSync(join(file, '..'), { recursive: true });
      this.#fd = openSync(this.#tmp, 'w', 0o600);
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
    return this.addBytes(Buffer.from(JSON.stringify(meta)));
  }

  /** Adds a model as written before (its bytes, from the old cache file, checked against its checksum). */
  copy(from: MetaStore, ref: MetaRef): MetaRef | null {
    if (!this.ok) return null;
    try {
      this.#from ??= openSync(from.file, 'r');
      const bytes = readAt(this.#from, from.base + ref[0], ref[1]);
      if (bytes.length !== ref[1] || checksum(bytes) !== ref[2]) return null;
      return this.addBytes(bytes);
    } catch {
      return null;
    }
  }

  addBytes(bytes: Buffer): MetaRef | null {
    if (!this.ok) return null;
    const ref: MetaRef = [this.#at, bytes.length, checksum(bytes)];
    this.#at += bytes.length;
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes >= 1 << 20) this.#flush();
    return this.ok ? ref : null;
  }

  #flush(): void {
    if (!this.ok || this.#pending.length === 0) return;
    try {
      writeSync(this.#fd!, Buffer.concat(this.#pending, this.#pendingBytes));
    } catch {
      this.#fail();
    }
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** Writes the index and the header, and puts the file in place. */
  finish(payload: CachePayload): boolean {
    this.#flush();
    if (!this.ok) return false;
    try {
      const body = Buffer.from(JSON.stringify(payload));
      const metasEnd = HEADER_BYTES + this.#at;
      const header: Header = { format: FORMAT, version: CACHE_VERSION, metas: [HEADER_BYTES, this.#at], index: [metasEnd, body.length], checksum: checksum(body) };
      const head = Buffer.alloc(HEADER_BYTES, 32);
      head.write(JSON.stringify(header));
      head[HEADER_BYTES - 1] = 10;
      writeSync(this.#fd!, body, 0, body.length, metasEnd);
      writeSync(this.#fd!, head, 0, HEADER_BYTES, 0);
      closeSync(this.#fd!);
      this.#fd = undefined;
      renameSync(this.#tmp, this.file);
      return true;
    } catch {
      this.#fail();
      return false;
    } finally {
      this.#closeFrom();
    }
  }

  /** Gives up: no file is replaced. */
  abandon(): void {
    this.#fail();
  }

  #closeFrom(): void {
    if (this.#from === undefined) return;
    try {
      closeSync(this.#from);
    } catch {
      // nothing to do
    }
    this.#from = undefined;
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
    this.#closeFrom();
    try {
      unlinkSync(this.#tmp);
    } catch {
      // nothing was written
    }
  }
}

/** A guide file found by the scan: its cached summary when the file is unchanged, else undefined (read it). */
export interface ScannedFile {
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  summary?: GuideSummary;
  findings?: Finding[];
  /** Where its model is in the cache file (with summary: null when it has none). */
  meta?: MetaRef | null;
}

export interface ScanResult {
  files: ScannedFile[];
  problems: { path: string; message: string }[];
  /** The tree as found now; its guide entries are filled in by the caller once the new files are read. */
  tree: DirNode;
  /** File entries of the new tree, in the order of `files`, to fill in. */
  entries: FileEntry[];
  /** True when anything differs from the cache (so it is worth writing). */
  changed: boolean;
}

const entryNameOf = (e: DirNode | FileEntry | string) => (typeof e === 'string' ? e : Array.isArray(e) ? e[0] : e.n);

const UNKNOWN_SUMMARY: CachedSummary = [3, -1, -1, -1, -1, null];

/** A cached guide with a company has its model in the file (one written without is read again). */
const hasModelIfNamed = (e: FileEntry) => e[6] !== null || e[4][1] < 0;

/**
 * Walks a data folder like walkGuideFiles (same files, same order, same problems), reusing the cache
 * where the file system confirms it: a folder whose ctime, mtime and inode are unchanged still has the
 * same entries (no readdir); a guide whose size, mtime and ctime are unchanged still has the same summary
 * (no read, no parse). Anything changed within RACY_MS of the cache's build is checked again.
 */
export function scanSource(root: string, cache: CachePayload | undefined, check: CacheOptions['check']): ScanResult {
  const rootStat = statDataRoot(root);
  const settled = (cache?.builtAt ?? 0) - RACY_MS;
  const names = cache?.names ?? [];
  const result: ScanResult = { files: [], problems: [], tree: undefined as unknown as DirNode, entries: [], changed: !cache };
  const seen = new Set<string>();
  const nameOf = (i: number) => (i >= 0 ? names[i] : undefined);
  const summaryOf = (s: CachedSummary): GuideSummary => ({
    ignored: s[0] === 0,
    hasFrontMatter: s[0] === 1 || s[0] === 2,
    usable: s[0] === 1,
    company: nameOf(s[1]),
    companyName: nameOf(s[2]),
    role: nameOf(s[3]),
    roleName: nameOf(s[4]),
    lastUpdated: s[5],
  });

  const addFile = (path: string, name: string, st: Stats, old: FileEntry | undefined) => {
    const file: ScannedFile = { path, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
    let entry: FileEntry;
    if (old && old[1] === st.size && old[2] === st.mtimeMs && old[3] === st.ctimeMs && Math.max(old[2], old[3]) < settled && hasModelIfNamed(old)) {
      entry = old;
      file.summary = summaryOf(old[4]);
      file.findings = old[5];
      file.meta = old[6];
    } else {
      entry = [name, st.size, st.mtimeMs, st.ctimeMs, UNKNOWN_SUMMARY, [], null];
      result.changed = true;
    }
    result.files.push(file);
    result.entries.push(entry);
    return entry;
  };

  const visit = (dir: string, name: string, st: Stats, old: DirNode | undefined): DirNode | undefined => {
    const same = !!old && old.c === st.ctimeMs && old.m === st.mtimeMs && old.i === st.ino && Math.max(old.c, old.m) < settled;
    let real: string;
    // An unchanged folder is walked from its cached entries (each its own "previous"); a changed one from readdir.
    let listing: (DirNode | FileEntry | string)[];
    if (same) {
      real = old.r;
      if (!enterOnce(seen, real)) return undefined;
      listing = old.e;
    } else {
      result.changed = true;
      const fresh = listFolderOnce(dir, root, seen, result.problems);
      if (!fresh) return undefined;
      ({ real, names: listing } = fresh);
    }
    const before = new Map<string, DirNode | FileEntry | string>();
    if (old && !same) for (const e of old.e) before.set(entryNameOf(e), e);
    const node: DirNode = { n: name, c: st.ctimeMs, m: st.mtimeMs, i: st.ino, r: real, e: [] };
    for (const item of listing) {
      const entryName = entryNameOf(item);
      if (!isWalkedEntry(entryName)) continue;
      const path = dir === root ? join(root, entryName) : `${dir}/${entryName}`;
      const prev = same ? item : before.get(entryName);
      if (same && check === 'folders' && Array.isArray(prev) && prev[4][0] < 2 && Math.max(prev[2], prev[3]) < settled && hasModelIfNamed(prev)) {
        // Trusted without a stat: the folder is unchanged and the guide was fine and settled.
        result.files.push({ path, size: prev[1], mtimeMs: prev[2], ctimeMs: prev[3], summary: summaryOf(prev[4]), findings: prev[5], meta: prev[6] });
        result.entries.push(prev);
        node.e.push(prev);
        continue;
      }
      let est: Stats;
      try {
        est = statSync(path);
      } catch (err) {
        result.problems.push({ path, message: `cannot be read: ${reason(err)}` });
        // Kept as a name, so that the next run stats it again (and reports it again).
        node.e.push(entryName);
        continue;
      }
      if (est.isDirectory()) {
        const child = visit(path, entryName, est, prev && typeof prev === 'object' && !Array.isArray(prev) ? prev : undefined);
        node.e.push(child ?? entryName);
      } else if (isGuideFile(entryName, est)) {
        node.e.push(addFile(path, entryName, est, Array.isArray(prev) ? prev : undefined));
      } else node.e.push(entryName);
    }
    return node;
  };

  result.tree = visit(root, '', rootStat, cache?.tree) ?? { n: '', c: 0, m: 0, i: 0, r: '', e: [] };
  return result;
}

/** Rewrites the name indexes of entries carried over from the old cache into the new name table. */
export function reintern(tree: DirNode, oldNames: string[], fresh: Set<FileEntry>, intern: (s: string | undefined) => number): void {
  const map = (i: number) => (i >= 0 ? intern(oldNames[i]) : -1);
  const walk = (node: DirNode) => {
    for (const e of node.e) {
      if (typeof e === 'string') continue;
      if (!Array.isArray(e)) walk(e);
      else if (!fresh.has(e)) {
        const s = e[4];
        e[4] = [s[0], map(s[1]), map(s[2]), map(s[3]), map(s[4]), s[5]];
      }
    }
  };
  walk(tree);
}

/** Fills a file entry with a freshly read guide's summary and findings, interning names in the table. */
export function fillEntry(entry: FileEntry, summary: GuideSummary, errors: Finding[], meta: MetaRef | null, intern: (s: string | undefined) => number): void {
  entry[4] = [summary.ignored ? 0 : summary.usable ? 1 : summary.hasFrontMatter ? 2 : 3, intern(summary.company), intern(summary.companyName), intern(summary.role), intern(summary.roleName), summary.lastUpdated];
  entry[5] = errors;
  entry[6] = meta;
}
