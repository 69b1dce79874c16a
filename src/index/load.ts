// Reads every guide of every source, through the persistent index when there is one. I/O: the index
// itself (build.ts) is pure.
import { DataError } from '../errors.js';
import { readGuide } from '../guides/read.js';
import type { ParsedGuide } from '../guides/parse.js';
import type { Finding, GuideMeta } from '../guides/types.js';
import { resolve } from 'node:path';
import { cacheFile, fillEntry, readCache, reintern, scanSource, writeCache, type CacheOptions, type FileEntry } from './cache.js';
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
 * A guide known from the cache: identity and findings at hand, the model and body read from the file
 * the first time they are asked for (one guide answers a lookup; the others are never read).
 */
class CachedGuide implements LoadedGuide {
  #parsed: ParsedGuide | undefined;
  constructor(
    readonly path: string,
    readonly source: number,
    readonly summary: GuideSummary,
    readonly findings: Finding[],
    parsed?: ParsedGuide,
  ) {
    // A guide read in this run keeps its model, not its body (memory stays flat with 100,000 guides).
    if (parsed) this.#parsed = { path, meta: parsed.meta, findings: parsed.findings, hasFrontMatter: parsed.hasFrontMatter, body: '', bodyLine: parsed.bodyLine, repairs: parsed.repairs };
  }
  #bodyRead = false;
  get hasFrontMatter(): boolean {
    return this.summary.hasFrontMatter;
  }
  #read(full: boolean): ParsedGuide {
    if (!this.#parsed || (full && !this.#bodyRead)) {
      const fresh = readGuide(this.path);
      // The file was confirmed unchanged moments ago; if it changed since, say so rather than answer with a mix.
      if (this.summary.usable && (fresh.meta?.company !== this.summary.company || fresh.meta?.role !== this.summary.role)) {
        throw new DataError(`${this.path} changed while it was being read; run the command again`, { file: this.path });
      }
      this.#parsed = fresh;
      this.#bodyRead = true;
    }
    return this.#parsed;
  }
  get meta(): GuideMeta | undefined {
    return this.summary.usable || this.summary.company ? this.#read(false).meta : undefined;
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

/** Loads the guides of every source; with `cache.dir`, through the persistent index of each source. */
export function loadGuides(sources: DataSource[], cache: CacheOptions = { dir: null, check: 'files' }): LoadResult {
  const result: LoadResult = { guides: [], problems: [], read: 0 };
  sources.forEach((src, source) => {
    const file = cache.dir ? cacheFile(cache.dir, src.dir) : undefined;
    const cached = file ? readCache(file, src.dir) : undefined;
    const startedAt = Date.now();
    const scan = scanSource(src.dir, cached, cache.check);
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
    // Models read in this run are kept for small folders (a first `list` needs them all) and dropped for
    // large ones, where they would be hundreds of megabytes: a guide's model is read again when asked for.
    const keepModels = scan.files.length <= KEEP_MODELS_UP_TO;
    scan.files.forEach((f, i) => {
      if (f.summary && f.findings) {
        result.guides.push(new CachedGuide(f.path, source, f.summary, f.findings));
        return;
      }
      const parsed = readGuide(f.path);
      result.read++;
      const s = summarise(parsed);
      const summary = { ...s, company: canonical(s.company), companyName: canonical(s.companyName), role: canonical(s.role), roleName: canonical(s.roleName) };
      const findings = keepModels || parsed.findings.length === 0 ? parsed.findings : ownCopy(parsed.findings);
      fillEntry(scan.entries[i], summary, findings, intern);
      fresh.add(scan.entries[i]);
      result.guides.push(new CachedGuide(f.path, source, summary, findings, keepModels ? parsed : undefined));
    });
    if (file && scan.changed) {
      reintern(scan.tree, cached?.names ?? [], fresh, intern);
      writeCache(file, { root: resolve(src.dir), builtAt: startedAt, names: table, tree: scan.tree });
    }
  });
  return result;
}
