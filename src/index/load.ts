// Reads every guide of every source, through the persistent index when there is one. I/O: the index
// itself (build.ts) is pure.
import { DataError } from '../errors.js';
import { loadedParser, loadParser, parser } from '../guides/lazy-parser.js';
import type { Finding, GuideMeta, ParsedGuide } from '../guides/types.js';
import { resolve } from 'node:path';
import { CacheWriter, cacheFile, discardCache, fillEntry, HEADER_BYTES, readCache, readMeta, reintern, scanSource, type CacheOptions, type FileEntry, type MetaRef, type MetaStore } from './cache.js';
import type { DataSource } from './sources.js';
import { summarise, type GuideSummary } from './summary.js';

export interface LoadedGuide extends ParsedGuide {
  /** Position of its source in the source list (higher wins duplicates). */
  source: number;
  /** What the index needs without reading the file (identity, usable or not). */
  summary?: GuideSummary;
}

export interface LoadResult {
  guides: LoadedGuide[];
  problems: { path: string; message: string }[];
  /** Guide files read and parsed in this run (the others came from the cache). */
  read: number;
}

/**
 * A guide known from the cache: identity and errors at hand; its model read from the cache file when first
 * asked for (one guide answers a lookup; the others are never read), its body from the guide file (which
 * needs the parser loaded: see Context.loadParser).
 */
class CachedGuide implements LoadedGuide {
  #parsed: ParsedGuide | undefined;
  #meta: GuideMeta | undefined;
  #bodyRead = false;
  constructor(
    readonly path: string,
    readonly source: number,
    readonly summary: GuideSummary,
    /** Its errors only: what queries report of a broken guide (validate reads files itself). */
    readonly findings: Finding[],
    /** Its entry in the cache (entry[6]: where its model is) and the cache file; none without a cache. */
    private readonly cached?: { entry: FileEntry; store: MetaStore },
    parsed?: ParsedGuide,
  ) {
    // A guide read in this run keeps its model, not its body (memory stays flat with 100,000 guides).
    if (parsed) this.#parsed = { path, meta: parsed.meta, findings: parsed.findings, hasFrontMatter: parsed.hasFrontMatter, body: '', bodyLine: parsed.bodyLine, repairs: parsed.repairs };
  }
  get hasFrontMatter(): boolean {
    return this.summary.hasFrontMatter;
  }
  #read(full: boolean): ParsedGuide {
    if (!this.#parsed || (full && !this.#bodyRead)) {
      const fresh = parser().readGuide(this.path);
      this.#confirm(fresh.meta, `${this.path} changed while it was being read`);
      this.#parsed = fresh;
      this.#bodyRead = true;
    }
    return this.#parsed;
  }
  /** The file was confirmed unchanged moments ago; if what is read now says otherwise, say so rather than answer with a mix. */
  #confirm(meta: GuideMeta | undefined, what: string): void {
    if (this.summary.usable && (meta?.company !== this.summary.company || meta?.role !== this.summary.role)) {
      throw new DataError(`${what}; run the command again`, { file: this.path });
    }
  }
  get meta(): GuideMeta | undefined {
    if (!(this.summary.usable || this.summary.company)) return undefined;
    if (this.#parsed) return this.#parsed.meta;
    if (this.#meta) return this.#meta;
    const ref = this.cached?.entry[6];
    if (this.cached && ref) {
      const meta = readMeta(this.cached.store, ref);
      if (meta && meta.company === this.summary.company && meta.role === this.summary.role) return (this.#meta = meta);
      // Damaged or replaced since it was read: the next run rebuilds it; this one reads the guide if it can.
      discardCache(this.cached.store.file);
      if (!loadedParser()) this.#confirm(undefined, `the index cache ${this.cached.store.file} changed while it was being read`);
    }
    return this.#read(false).meta;
  }
  get body(): string {
    return this.#read(true).body;
  }
  get bodyLine(): number {
    return this.#read(true).bodyLine;
  }
  get repairs(): number {
    return this.#read(true).repairs;
  }
  get fieldLines(): Record<string, number> | undefined {
    return this.#read(true).fieldLines;
  }
}

const KEEP_MODELS_UP_TO = 5000;

/** A deep copy that shares no memory with the text it came from (see `canonical` below). */
const ownCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

/**
 * Loads the guides of every source; with `cache.dir`, through the persistent index of each source. The
 * parser is loaded only when some guide must be read (new, changed, or no cache).
 */
export async function loadGuides(sources: DataSource[], cache: CacheOptions = { dir: null, check: 'files' }): Promise<LoadResult> {
  const result: LoadResult = { guides: [], problems: [], read: 0 };
  const scanned = sources.map((src) => {
    const file = cache.dir ? cacheFile(cache.dir, src.dir) : undefined;
    const cached = file ? readCache(file, src.dir) : undefined;
    const startedAt = Date.now();
    return { src, file, cached, startedAt, scan: scanSource(src.dir, cached, cache.check) };
  });
  const parse = scanned.some(({ scan }) => scan.files.some((f) => !f.summary)) ? (await loadParser()).readGuide : undefined;

  scanned.forEach(({ src, file, cached, startedAt, scan }, source) => {
    result.problems.push(...scan.problems);
    const names = new Map<string, number>();
    const table: string[] = [];
    const intern = (s: string | undefined) => {
      if (s === undefined) return -1;
      let i = names.get(s);
      if (i === undefined) names.set(s, (i = table.push(ownCopy(s)) - 1));
      return i;
    };
    // The names a guide's summary keeps are the table's own copies: a name parsed from a file is a slice of
    // the file's text and would keep all of it alive (100,000 files' worth, in a cold build).
    const canonical = (s: string | undefined) => (s === undefined ? undefined : table[intern(s)]);
    const fresh = new Set<FileEntry>();
    // The new cache file, written as the guides are read: models first, the index last (cache.ts).
    const writer = file && scan.changed ? new CacheWriter(file) : undefined;
    // Where each guide's model will be in the new file; put in the entries only once the file is in place.
    const refs = new Map<FileEntry, MetaRef | null>();
    const store: MetaStore | undefined = cached?.metas ?? (file ? { file, base: 0 } : undefined);
    // Models read in this run are kept for small folders (a first `list` needs them all) and dropped for
    // large ones, where they would be hundreds of megabytes: a guide's model is read again when asked for.
    const keepModels = scan.files.length <= KEEP_MODELS_UP_TO;
    scan.files.forEach((f, i) => {
      const entry = scan.entries[i];
      const where = store && { entry, store };
      if (f.summary && f.findings) {
        if (writer?.ok && f.meta) refs.set(entry, writer.copy(cached!.metas, f.meta) ?? (writer.abandon(), null));
        result.guides.push(new CachedGuide(f.path, source, f.summary, f.findings, where));
        return;
      }
      const parsed = parse!(f.path);
      result.read++;
      const s = summarise(parsed);
      const summary = { ...s, company: canonical(s.company), companyName: canonical(s.companyName), role: canonical(s.role), roleName: canonical(s.roleName) };
      const errors = ownCopy(errorsOf(parsed.findings));
      fillEntry(entry, summary, errors, null, intern);
      if (writer?.ok && parsed.meta && summary.company !== undefined) refs.set(entry, writer.add(parsed.meta));
      fresh.add(entry);
      result.guides.push(new CachedGuide(f.path, source, summary, errors, where, keepModels ? parsed : undefined));
    });
    if (writer?.ok) {
      reintern(scan.tree, cached?.names ?? [], fresh, intern);
      const before = new Map<FileEntry, MetaRef | null>();
      for (const [entry, ref] of refs) {
        before.set(entry, entry[6]);
        entry[6] = ref;
      }
      // Until the new file is in place, models are read from the old one; after, from the new one.
      if (writer.finish({ root: resolve(src.dir), builtAt: startedAt, names: table, tree: scan.tree })) {
        if (store) store.base = HEADER_BYTES;
      } else for (const [entry, ref] of before) entry[6] = ref;
    } else writer?.abandon();
  });
  return result;
}
