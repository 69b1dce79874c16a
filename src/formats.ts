// Each command's --format values, declared once: the option's help (options.ts formatOption), the command's
// own check of the value, and shell completion read them here. Data only: the start-up bundle holds it.
export const COMMAND_FORMATS = {
  draft: ['text', 'email', 'markdown'],
  evaluate: ['text', 'svg', 'html'],
  compare: ['csv', 'tsv', 'markdown', 'svg', 'html'],
} as const;

export type FormatCommand = keyof typeof COMMAND_FORMATS;

/** The formats of a command by its name; undefined for a command without --format. */
export const formatsOf = (command: string): readonly string[] | undefined =>
  Object.hasOwn(COMMAND_FORMATS, command) ? COMMAND_FORMATS[command as FormatCommand] : undefined;

/** "csv, tsv, markdown, svg or html": the formats in a message. */
export const sayFormats = (formats: readonly string[]): string =>
  `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}`;
