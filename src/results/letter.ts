// What `extract` answers (and evaluate --letter, draft --letter start from): the offer a letter states, each
// figure with its sentence and line. Built by src/letter-extraction.ts, rendered by src/render/extract.ts.
import type { Extraction } from '../letters/extract.js';
import type { LetterType } from '../letters/read.js';

/** A letter's extraction, with the letter it came from. */
export interface LetterResult extends Extraction {
  /** The letter as named ("stdin" for -) and its type. */
  source: { name: string; type: LetterType };
}
