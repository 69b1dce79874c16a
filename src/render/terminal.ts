// Colour and display width for the terminal. (Text from files is made safe to print by src/text/escape.ts.)

export type ColorMode = 'auto' | 'always' | 'never';

export interface ColorEnv {
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

/** Colour level (0 = none) for a stream: only on a terminal, never with NO_COLOR or TERM=dumb. */
export function colorLevel(mode: ColorMode, stream: ColorEnv): 0 | 1 | 2 | 3 {
  if (mode === 'never') return 0;
  const { env } = stream;
  const depth = env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit' ? 3 : /256/.test(env.TERM ?? '') ? 2 : 1;
  if (mode === 'always') return depth;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb' || !stream.isTTY) return 0;
  return depth;
}

export interface Style {
  level: number;
  bold(s: string): string;
  dim(s: string): string;
  accent(s: string): string;
  good(s: string): string;
  bad(s: string): string;
  warn(s: string): string;
}

const unstyled = (s: string) => s;

/**
 * The styles of a stream at a colour level (0: none), from chalk (bundled; its level is ours, not its own
 * guess). chalk and string-width are required on first use, not imported: evaluating them (chalk detects the
 * terminal, string-width builds its tables) cost ~30 ms of every start-up, in each bundle that holds a copy.
 * Without colour (pipes, --json, NO_COLOR) chalk is never loaded.
 */
export function createStyle(level: 0 | 1 | 2 | 3): Style {
  if (level === 0)
    return { level, bold: unstyled, dim: unstyled, accent: unstyled, good: unstyled, bad: unstyled, warn: unstyled };
  const { Chalk } = require('chalk') as typeof import('chalk');
  const chalk = new Chalk({ level });
  return {
    level,
    bold: (s) => chalk.bold(s),
    dim: (s) => chalk.dim(s),
    accent: (s) => chalk.cyan(s),
    good: (s) => chalk.green(s),
    bad: (s) => chalk.red(s),
    warn: (s) => chalk.yellow(s),
  };
}

export const plainStyle: Style = createStyle(0);

const NARROW_TEXT =
  /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u00ff\u2010-\u2027\u2030-\u203b\u20a0-\u20c0\u2200-\u22ff\u2500-\u25a9\u25ac-\u25b5\u2605\u2606]*$/;

/** Visible width of a string in terminal cells (escape sequences removed; wide characters and emoji count 2). */
export function displayWidth(s: string): number {
  // What tables hold (ASCII, Latin-1, currency signs, dashes, box drawing and blocks, ▲ ★ ≈) is one cell a
  // character, as string-width also counts it (test/terminal-style.test.ts checks): only other text needs its tables.
  if (NARROW_TEXT.test(s)) return s.length;
  return (require('string-width') as typeof import('string-width')).default(s);
}
