// What a command gets to work with: output channels, colour, today's date, and the index on demand.
// Built by src/cli.ts from the real process; tests build one with fakes (see test/helpers.ts).
import type { GuideParser } from './guides/lazy-parser.js';
import type { GuideIndex, IndexedGuide } from './index/build.js';
import type { LoadedGuide, ReadGuide } from './index/load.js';
import type { DataSource } from './index/sources.js';
import type { FxTable } from './comp/fx.js';
import type { Style } from './render/terminal.js';
import { UsageError } from './errors.js';
import { isRealDate } from './text/date.js';

export interface Context {
  /** YYYY-MM-DD: NEGOTIATE_TODAY or the real date. */
  today: string;
  json: boolean;
  quiet: boolean;
  /** Style for stdout (colour only on a terminal). */
  style: Style;
  /** Style for stderr. */
  errStyle: Style;
  /** Writes the answer (stdout); a newline is added. */
  out(text: string): void;
  /** Writes a warning (stderr), unless --quiet. */
  warn(text: string): void;
  /** Writes a note (stderr), unless --quiet. */
  note(text: string): void;
  /** The data folders guides load from, in precedence order (bundled, NEGOTIATE_DATA, --data). */
  sources(): DataSource[];
  /** Loads the guides once (reporting broken ones on stderr) and returns the index (models not loaded). */
  index(): Promise<GuideIndex>;
  /**
   * The guide parser (YAML, Markdown, schema), imported on the first call: a plain lookup from the cache
   * needs none, and start-up stays without the parser's code.
   */
  parser(): Promise<GuideParser>;
  /** A guide of the index with its model: from the index cache, else read from its file. */
  model(g: LoadedGuide): Promise<IndexedGuide>;
  /** A guide of the index read from its file now: its model and its body. */
  guide(g: LoadedGuide): Promise<ReadGuide>;
  /**
   * The guides whose search text (index/search.ts searchText) holds every word (null: all), the texts read
   * from the index's store where it holds.
   */
  searchCandidates(guides: LoadedGuide[], words: string[] | null): Promise<LoadedGuide[]>;
  /** The currency table (data/fx.yaml with --fx overrides), read on the first call. */
  fx(): Promise<FxTable>;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
  /** The bundled data folder (guides, templates, fx.yaml). */
  dataDir: string;
}

/** The date in the user's time zone (TZ), as YYYY-MM-DD: in Auckland the day starts 13 hours before UTC's. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Today as YYYY-MM-DD (the local date), honouring NEGOTIATE_TODAY (unset or empty: the real date); a bad value is a usage error. */
export function resolveToday(env: Record<string, string | undefined>, now = new Date()): string {
  const pinned = env.NEGOTIATE_TODAY;
  if (pinned === undefined || pinned === '') return localDate(now);
  if (!isRealDate(pinned)) {
    throw new UsageError(`NEGOTIATE_TODAY: "${pinned}" is not a date`, [
      'set it to a real date as YYYY-MM-DD, e.g. NEGOTIATE_TODAY=2026-11-29, or unset it to use the real date',
    ]);
  }
  return pinned;
}
