// The guide parser (parser.ts) on demand. A lookup answered from the index cache parses nothing, so the
// parser (two thirds of the bundle: YAML, Markdown, schema) is imported only when something must be
// parsed: a guide file that is new or changed, a guide body, an offer file, the currency table. Loading is
// asynchronous (a dynamic import, which is what keeps it out of start-up); using it after is synchronous.
import type * as Parser from './parser.js';

export type GuideParser = typeof Parser;

let loaded: GuideParser | undefined;

/** Imports the parser (once). */
export async function loadParser(): Promise<GuideParser> {
  loaded ??= await import('./parser.js');
  return loaded;
}

/** The parser, once loadParser() has run; a caller that did not load it first is a bug. */
export function parser(): GuideParser {
  if (!loaded) throw new Error('the guide parser was used before it was loaded (await loadParser() first)');
  return loaded;
}

/** The parser if it has been loaded, else undefined (for code that can do without it). */
export function loadedParser(): GuideParser | undefined {
  return loaded;
}
