// The guide parser (parser.ts) on demand. A lookup answered from the index cache parses nothing, so the
// parser (two thirds of the bundle: YAML, Markdown, schema) is imported only by the code that must parse:
// a guide file that is new or changed, a guide body, an offer file, the currency table. No state here:
// the importer keeps what it got (Node loads the module once) and passes it to what needs it.
import type * as Parser from './parser.js';

export type GuideParser = typeof Parser;

/** Imports the parser. */
export const loadParser = (): Promise<GuideParser> => import('./parser.js');
