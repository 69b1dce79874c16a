// The guide parser: everything that turns a guide file into its model (front matter through gray-matter,
// js-yaml's fast path and yaml; the schema; mojibake repair; the Markdown body through marked), and the YAML library
// for data files. By size it is most of negotiate, and a query answered from the index cache needs none
// of it: the start-up path reaches it only through lazy-parser.ts, which imports it on first need.
import { summarise, type GuideSummary } from './summary.js';
import { parseGuide, type ParsedGuide, type ParseWants } from './parse.js';
import { readTextFile } from './read.js';
import type { Finding, GuideMeta } from './types.js';

export { parseGuide, type ParsedGuide, type ParseWants } from './parse.js';
export { lexBlocks, parseBody, plainText, stripInlineMarkup } from './body.js';
export { checkGuideQuality, findMojibakeLines } from './checks.js';
export { yamlLib } from './yaml-lib.js';

/** Reads and parses one guide file; an unreadable file becomes a parsed guide with one error finding. */
export function readGuide(path: string, want: ParseWants = {}): ParsedGuide {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (err) {
    const message = (err as Error).message.replace(`${path}: `, '');
    return {
      path,
      body: '',
      bodyLine: 1,
      findings: [{ severity: 'error', code: 'unreadable', message }],
      repairs: 0,
      hasFrontMatter: false,
    };
  }
  return parseGuide(text, path, want);
}

/** What the index keeps of a guide file, read for it. */
export interface IndexRead {
  summary: GuideSummary;
  /** Its errors: what queries report of a broken guide. */
  errors: Finding[];
  /** Its model as the cache file holds it (JSON), when asked for and it has one with a company. */
  metaJson: string | null;
  /** Its model (a run that reads few guides keeps them; the body is never kept). */
  meta: GuideMeta | undefined;
}

/** Reads a guide file for the index (see loadGuides). */
export function readForIndex(path: string, want: { json: boolean }): IndexRead {
  const parsed = readGuide(path);
  return {
    summary: summarise(parsed),
    errors: parsed.findings.filter((f) => f.severity === 'error'),
    metaJson: want.json && parsed.meta?.company !== undefined ? JSON.stringify(parsed.meta) : null,
    meta: parsed.meta,
  };
}
