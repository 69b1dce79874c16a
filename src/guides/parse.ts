// One guide file's text → its checked model and findings. Pure: the caller reads the file.
import { findLevelMapping } from './body.js';
import { findStockYears } from './stock-years.js';
import {
  collectFieldLines,
  FrontMatterError,
  hasFrontMatter,
  lineOf,
  normaliseText,
  splitFrontMatter,
} from './frontmatter.js';
import { repairDeep, repairMojibake } from './mojibake.js';
import { checkFrontMatter } from './schema.js';
import type { ParsedGuide } from './types.js';

export const DEFAULT_STOCK_YEARS = 4;

export { isUsable, type ParsedGuide } from './types.js';

/** What a caller wants beyond the model: `fieldLines` (validate) reads the YAML with the parser of record. */
export interface ParseWants {
  fieldLines?: boolean;
}

export function parseGuide(raw: string, path: string, want: ParseWants = {}): ParsedGuide {
  const text = normaliseText(raw);
  const result: ParsedGuide = {
    path,
    body: '',
    bodyLine: 1,
    findings: [],
    repairs: 0,
    hasFrontMatter: hasFrontMatter(text),
  };
  if (raw.includes('\u0000')) {
    result.findings.push({
      severity: 'error',
      code: 'binary',
      message: 'not a text file (it contains NUL bytes)',
      line: 1,
    });
    return result;
  }
  let fm: ReturnType<typeof splitFrontMatter>;
  try {
    fm = splitFrontMatter(text, { exact: want.fieldLines });
  } catch (err) {
    if (!(err instanceof FrontMatterError)) throw err;
    result.findings.push({ severity: 'error', code: err.code, message: err.message, line: err.line });
    return result;
  }
  const counter = { repairs: 0 };
  const data = repairDeep(fm.data, counter);
  const body = repairMojibake(fm.body);
  result.body = body.text;
  result.bodyLine = fm.bodyLine;
  if (want.fieldLines) result.fieldLines = collectFieldLines(fm);
  result.repairs = counter.repairs + body.repairs;
  const stockYears = findStockYears(body.text) ?? DEFAULT_STOCK_YEARS;
  let checked = checkFrontMatter(data, (p) => lineOf(fm, p), stockYears);
  if (fm.fast && checked.findings.length > 0) {
    // The fast parser keeps no positions: read the front matter again with the parser of record for the lines.
    const exact = splitFrontMatter(text, { exact: true });
    checked = checkFrontMatter(repairDeep(exact.data, { repairs: 0 }), (p) => lineOf(exact, p), stockYears);
  }
  result.meta = checked.meta;
  if (result.meta && !result.meta.levelMapping.raw?.trim()) {
    const fromBody = findLevelMapping(body.text);
    if (fromBody !== null) result.meta.levelMapping.body = fromBody;
  }
  result.findings.push(...checked.findings);
  return result;
}
