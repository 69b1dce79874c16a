// What a command gets to work with: output channels, colour, today's date, and the index on demand.
// Built by src/cli.ts from the real process; tests build one with fakes (see test/helpers.ts).
import type { GuideIndex } from './index/build.js';
import type { DataSource } from './index/sources.js';
import type { FxTable } from './comp/fx.js';
import type { Style } from './render/terminal.js';

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
  /** Loads the guides once (reporting broken ones on stderr) and returns the index. */
  index(): GuideIndex;
  /** The currency table (data/fx.yaml with --fx overrides). */
  fx(): FxTable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
  /** The bundled data folder (guides, templates, fx.yaml). */
  dataDir: string;
}

/** Today as YYYY-MM-DD, honouring NEGOTIATE_TODAY. */
export function resolveToday(env: Record<string, string | undefined>, now = new Date()): string {
  const pinned = env.NEGOTIATE_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return now.toISOString().slice(0, 10);
}
