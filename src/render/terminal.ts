// Terminal safety and colour. Text from guide files passes through cleanTerminalText before it is printed.

// ESC sequences (CSI, OSC, DCS/PM/APC/SOS strings, two-character escapes), then lone C0/C1 controls,
// DEL and bidirectional overrides that can reorder what a terminal shows.
const ESCAPE_SEQUENCES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][\s\S]*?(?:\u0007|\u001b\\|$)|[PX^_][\s\S]*?(?:\u001b\\|$)|[ -/]*[0-~]?)|\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u009d\u0098\u009e\u009f][\s\S]*?(?:\u009c|\u0007|$)/g;
const CONTROLS_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes escape sequences and control characters; keeps newlines and tabs only when `multiline`. */
export function cleanTerminalText(text: string, multiline = false): string {
  const noEscapes = text.replace(ESCAPE_SEQUENCES, '');
  return multiline ? noEscapes.replace(CONTROLS_MULTILINE, '') : noEscapes.replace(CONTROLS_ONE_LINE, ' ');
}

const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify escapes C0 controls but leaves C1 controls (U+009B is CSI to some terminals), DEL,
 * bidirectional overrides and line separators raw: this writes them as \uXXXX. They can only occur
 * inside strings, so the document means the same.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

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

// Names from the file system (paths, file names) and other one-line text from files, as shown to a person.
// Control characters, newlines and escape sequences become visible escapes (`\n`, `\x1b`), so a file name can
// neither forge a line of output nor drive the terminal; bytes that are not UTF-8 (carried as U+DC80–U+DCFF,
// see src/file-names.ts) are shown as `\xNN`.
const NAME_UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/** The one escaping function for a path or name printed on stdout or stderr (see the comment above). */
export function escapeName(text: string): string {
  if (!NAME_UNSAFE.test(text)) return text;
  NAME_UNSAFE.lastIndex = 0;
  return text.replace(NAME_UNSAFE, (ch) => {
    const named = NAMED_ESCAPES[ch];
    if (named) return named;
    const cp = ch.charCodeAt(0);
    if (cp >= 0xdc80 && cp <= 0xdcff) return `\\x${(cp - 0xdc00).toString(16).padStart(2, '0')}`;
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}
