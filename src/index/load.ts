// Reads every guide of every source, through the persistent index when there is one. I/O: the index
// itself (build.ts) is pure.
import { DataError } from '../errors.js';
import { loadedParser, loadParser, parser } from '../guides/lazy-parser.js';
import type { IndexRead } from '../guides/parser.js';
import type { Finding, GuideMeta, ParsedGuide } from '../guides/types.js';
import {
  CacheWriter,
  cacheFile,
  compactNames,
  discardCache,
  fillRow,
  metaRefOf,
  readCache,
  readMeta,
  rowSummary,
  scanSource,
  setMetaRef,
  type CacheOptions,
  type CachePayload,
  type MetaRef,
  type MetaStore,
} from './cache.js';
import type { DataSource } from './sources.js';
import type { GuideSummary } from './summary.js';
import { escapeName } from '../text/escape.js';

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
 * A guide known from the cache: identity and errors at hand (its summary read from its row when first
 * asked for); its model read from the cache file when first asked for (one guide answers a lookup; the
 * others are never read); its body from the guide file (which needs the parser loaded: Context.loadParser).
 */
class CachedGuide implements LoadedGuide {
  #parsed: ParsedGuide | undefined;
  #meta: GuideMeta | undefined;
  #summary: GuideSummary | undefined;
  #bodyRead = false;
  constructor(
    readonly path: string,
    readonly source: number,
    /** Its source's index (its row there: summary, errors, where its model is). */
    private readonly index: CachePayload,
    private readonly row: number,
    /** The cache file; none without a cache. */
    private readonly store: MetaStore | undefined,
    /** The guide as read in this run, when its model is worth keeping (small folders). */
    parsed?: ParsedGuide,
  ) {
    // A guide read in this run keeps its model, not its body (memory stays flat with 100,000 guides).
    if (parsed)
      this.#parsed = {
        path,
        meta: parsed.meta,
        findings: parsed.findings,
        hasFrontMatter: parsed.hasFrontMatter,
        body: '',
        bodyLine: parsed.bodyLine,
        repairs: parsed.repairs,
      };
  }
  get summary(): GuideSummary {
    this.#summary ??= rowSummary(this.index, this.row);
    return this.#summary;
  }
  /** Its errors only: what queries report of a broken guide (validate reads files itself). */
  get findings(): Finding[] {
    return this.index.errors[this.row] ?? [];
  }
  get hasFrontMatter(): boolean {
    return this.summary.hasFrontMatter;
  }
  #read(full: boolean): ParsedGuide {
    if (!this.#parsed || (full && !this.#bodyRead)) {
      const fresh = parser().readGuide(this.path);
      this.#confirm(fresh.meta, `${escapeName(this.path)} changed while it was being read`);
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
    const summary = this.summary;
    if (!(summary.usable || summary.company)) return undefined;
    if (this.#parsed) return this.#parsed.meta;
    if (this.#meta) return this.#meta;
    const ref = metaRefOf(this.index.files, this.row);
    if (this.store && ref) {
      const meta = readMeta(this.store, ref);
      if (meta && meta.company === summary.company && meta.role === summary.role) {
        this.#meta = meta;
        return meta;
      }
      // Damaged or replaced since it was read: the next run rebuilds it; this one reads the guide if it can.
      discardCache(this.store);
      if (!loadedParser())
        this.#confirm(undefined, `the index cache ${escapeName(this.store.file)} changed while it was being read`);
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

/** A run that reads at most this many guides keeps their models in memory (see loadGuides). */
const KEEP_MODELS_UP_TO = 5000;

/**
 * Loads the guides of every source; with `cache.dir`, through the persistent index of each source. The
 * parser is loaded only when some guide must be read (new, changed, or no cache).
 */
export async function loadGuides(
  sources: DataSource[],
  cache: CacheOptions = { dir: null, check: 'files' },
): Promise<LoadResult> {
  const result: LoadResult = { guides: [], problems: [], read: 0 };
  const scanned = sources.map((src, source) => {
    const file = cache.dir ? cacheFile(cache.dir, src.dir) : undefined;
    const cached = file ? readCache(file, src.dir) : undefined;
    const store: MetaStore | undefined = cached?.metas ?? (file ? { file } : undefined);
    // Guides as the scan finds them: unchanged ones straight from their rows, the others read below.
    const toRead: [path: string, row: number, at: number][] = [];
    const rowPaths: string[] = [];
    const scan = scanSource(
      src.dir,
      cached,
      cache.check,
      (path, row, reused, index) => {
        rowPaths[row] = path;
        if (reused) result.guides.push(new CachedGuide(path, source, index, row, store));
        else toRead.push([path, row, result.guides.push(undefined as unknown as LoadedGuide) - 1]);
      },
      Date.now(),
      cache.racyMs,
    );
    return { src, source, file, cached, scan, store, toRead, rowPaths };
  });
  const reading = scanned.reduce((n, s) => n + s.toRead.length, 0);
  // Models read in this run are kept when it reads few guides (a first `list` needs them all) and dropped
  // when it reads many, where they would be hundreds of megabytes: a guide's model is read again when asked for.
  const want = { json: !!cache.dir, model: reading <= KEEP_MODELS_UP_TO };
  let parser = reading ? await loadParser() : undefined;

  for (const { source, file, cached, scan, store, toRead, rowPaths } of scanned) {
    result.problems.push(...scan.problems);
    const files = scan.index.files;
    // The new cache file, written as the guides are read: models first, the index last (cache.ts).
    const writer = file && scan.changed ? new CacheWriter(file) : undefined;
    // Where each guide's model will be in the new file; put in the rows only once the file is in place.
    const refs = new Map<number, MetaRef | null>();
    const fresh = new Set<number>();
    /** A guide read in this run: its row filled in (its guide reads its names there), its model to the new file. */
    const fill = (row: number, read: IndexRead) => {
      result.read++;
      fillRow(scan, row, read.summary, read.errors);
      if (writer?.ok) refs.set(row, read.metaJson !== null ? writer.addJson(read.metaJson) : null);
    };
    for (const [path, row, at] of toRead) {
      const read = parser!.readForIndex(path, want);
      fill(row, read);
      fresh.add(row);
      result.guides[at] = new CachedGuide(path, source, scan.index, row, store, read.model);
    }
    if (!writer?.ok) continue;
    // Unchanged guides' models are copied from the old file (checked as they are copied); one whose bytes
    // are not what was written (the file damaged) is read again from its guide.
    if (cached) {
      for (let row = 0; row < files.name.length && writer.ok; row++) {
        const ref = fresh.has(row) ? null : metaRefOf(files, row);
        if (!ref) continue;
        const copied = writer.copy(cached.metas, ref);
        if (copied || !writer.ok) {
          refs.set(row, copied);
          continue;
        }
        parser ??= await loadParser();
        fill(row, parser.readForIndex(rowPaths[row], { json: true, model: false }));
      }
    }
    if (!writer.ok) continue;
    compactNames(scan.index);
    const before = new Map<number, MetaRef | null>();
    for (const [row, ref] of refs) {
      before.set(row, metaRefOf(files, row));
      setMetaRef(files, row, ref);
    }
    // Until the new file is in place, models are read from the old one; after, from the new one.
    if (!writer.finish(scan.index, store!)) for (const [row, ref] of before) setMetaRef(files, row, ref);
  }
  return result;
}
