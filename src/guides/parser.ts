// The guide parser: everything that turns a guide file into its model (front matter through gray-matter,
// js-yaml and yaml; the schema; mojibake repair; the Markdown body through marked), and the YAML library
// for data files. By size it is most of negotiate, and a query answered from the index cache needs none
// of it: the start-up path reaches it only through lazy-parser.ts, which imports it on first need.
import { parseGuide, type ParsedGuide } from './parse.js';
import { readTextFile } from './read.js';

export { parseGuide, type ParsedGuide } from './parse.js';
export { lexBlocks, parseBody, plainText, stripInlineMarkup } from './body.js';
export { checkGuideQuality, findMojibakeLines } from './checks.js';
export { yamlLib } from './yaml-lib.js';

/** Reads and parses one guide file; an unreadable file becomes a parsed guide with one error finding. */
export function readGuide(path: string): ParsedGuide {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (err) {
    const message = (err as Error).message.replace(`${path}: `, '');
    return { path, body: '', bodyLine: 1, findings: [{ severity: 'error', code: 'unreadable', message }], repairs: 0, hasFrontMatter: false };
  }
  return parseGuide(text, path);
}
