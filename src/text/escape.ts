// Text from files made safe to show: cleanTerminalText for text that is printed (guide prose, letters),
// escapeName for paths and names, escapeJsonControls for JSON documents. Pure; every layer may use it.

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
