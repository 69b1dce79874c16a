// Reads every guide of every source, through the persistent index when there is one. I/O: the index
// itself (build.ts) is pure.
import { DataError } from '../errors.js';
import { loadParser, type GuideParser } from '../guides/lazy-parser.js';
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
import type { GuideSummary } from '../guides/summary.js';
import { escapeName } from '../text/escape.js';

/**
 * A guide as the index knows it: a plain value (no getter reads anything). Its model is loaded explicitly,
 * by loadModel (from the cache file, else the guide file), its body by readGuideFile.
 */
export interface LoadedGuide {
  path: string;
  /** Position of its source in the source list (higher wins duplicates). */
  source: number;
  /** What the index needs without reading the file (identity, usable or not). */
  summary: GuideSummary;
  /** Its errors only: what queries report of a broken guide (validate reads files itself). */
  findings: Finding[];
  /** Where its model is. */
  model: ModelPlace;
}

/**
 * Where a guide's model is: kept from this run's read (a run that reads few guides keeps their models), or
 * where its row of its source's index says (in the cache file, once that file is in place), or only in
 * the guide file.
 */
export interface ModelPlace {
  index: CachePayload;
  row: number;
  store: MetaStore | undefined;
  kept?: { meta: GuideMeta | undefined };
}

export interface LoadResult {
  guides: LoadedGuide[];
  problems: { path: string; message: string }[];
  /** Guide files read and parsed in this run (the others came from the cache). */
  read: number;
  /** The cache files the guides' models are read from, open until the run closes them (closeStore). */
  stores: MetaStore[];
}

/** A guide with its model loaded. */
export type ModelledGuide = LoadedGuide & { meta: GuideMeta };

/** A guide read from its file: the model, and the body with where it starts (its findings: the row's). */
export type ReadGuide = ModelledGuide & Pick<ParsedGuide, 'body' | 'bodyLine' | 'repairs'>;

/** Imports the parser when it is first needed. */
export type ParserLoader = () => Promise<GuideParser>;

/**
 * Reads a guide file now. The file was confirmed unchanged moments ago; if what is read now says otherwise,
 * say so rather than answer with a mix (exit 3).
 */
export async function readGuideFile(g: LoadedGuide, parser: ParserLoader): Promise<ParsedGuide> {
  const fresh = (await parser()).readGuide(g.path);
  const s = g.summary;
  if (s.usable && (fresh.meta?.company !== s.company || fresh.meta?.role !== s.role))
    throw new DataError(`${escapeName(g.path)} changed while it was being read; run the command again`, {
      file: g.path,
    });
  return fresh;
}

/**
 * A guide's model: the one kept, else the one in the cache file, else read from the guide file (the parser
 * imported then). A cached model found damaged removes the cache file (the next run rebuilds it).
 */
export async function loadModel(g: LoadedGuide, parser: ParserLoader): Promise<GuideMeta | undefined> {
  const s = g.summary;
  if (!(s.usable || s.company)) return undefined;
  const place = g.model;
  if (place.kept) return place.kept.meta;
  const ref = metaRefOf(place.index.files, place.row);
  if (place.store && ref) {
    const meta = readMeta(place.store, ref);
    if (meta && meta.company === s.company && meta.role === s.role) return meta;
    discardCache(place.store);
  }
  return (await readGuideFile(g, parser)).meta;
}

/** A guide the cache confirmed: its row. */
const cachedRow = (
  path: string,
  source: number,
  index: CachePayload,
  row: number,
  store: MetaStore | undefined,
  regionSets: Map<number, string[]>,
) => ({
  path,
  source,
  summary: rowSummary(index, row, regionSets),
  findings: index.errors[row] ?? [],
  model: { index, row, store },
});

/** A run that reads at most this many guides keeps their models in memory (see loadGuides). */
const KEEP_MODELS_UP_TO = 5000;

/**
 * Loads the guides of every source; with `cache.dir`, through the persistent index of each source. The
 * parser is loaded only when some guide must be read (new, changed, or no cache).
 */
export async function loadGuides(
  sources: DataSource[],
  cache: CacheOptions = { dir: null, check: 'files' },
  parserLoader: ParserLoader = loadParser,
): Promise<LoadResult> {
  const result: LoadResult = { guides: [], problems: [], read: 0, stores: [] };
  const scanned = sources.map((src, source) => {
    const file = cache.dir ? cacheFile(cache.dir, src.dir) : undefined;
    const cached = file ? readCache(file, src.dir) : undefined;
    const store: MetaStore | undefined = cached?.metas ?? (file ? { file } : undefined);
    if (store) result.stores.push(store);
    // Guides as the scan finds them: unchanged ones straight from their rows, the others read below.
    const toRead: [path: string, row: number, at: number][] = [];
    const rowPaths: string[] = [];
    const regionSets = new Map<number, string[]>();
    const scan = scanSource(
      src.dir,
      cached,
      cache.check,
      (path, row, reused, index) => {
        rowPaths[row] = path;
        if (reused) result.guides.push(cachedRow(path, source, index, row, store, regionSets));
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
  let parser = reading ? await parserLoader() : undefined;

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
      // A guide read in this run keeps its model, not its body (memory stays flat with 100,000 guides).
      result.guides[at] = {
        path,
        source,
        summary: read.summary,
        findings: scan.index.errors[row] ?? [],
        model: { index: scan.index, row, store, kept: want.model ? { meta: read.meta } : undefined },
      };
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
        parser ??= await parserLoader();
        fill(row, parser.readForIndex(rowPaths[row], { json: true }));
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
