// The level-mapping grammar: a guide's "A (L3-L5) = B L4-L6 = …" line read into entries (company, family,
// levels), and level names compared ("SDE II" = "sde2"). Pure; a guide without a mapping is a value (a miss).
import { NotFoundError } from '../errors.js';
import type { GuideMeta } from '../guides/types.js';
import { normaliseName } from '../text/names.js';

/** One company in a mapping: "Google ML L4-L6" → { company: "Google", family: "ML", levels: ["L4","L5","L6"] }. */
export interface LevelEntry {
  company: string;
  /** The job family or org the guide names after the company ("ML", "ML/AI"); null when none. */
  family: string | null;
  /** Every level of the range, junior to senior; empty when the guide gives none. */
  levels: string[];
  /** The entry as written. */
  raw: string;
}

export interface LevelMapping {
  /** The guide's own company first, then the others in the order written. */
  entries: LevelEntry[];
  raw: string;
  /** What could not be read as intended (e.g. `internal` naming no entry); the mapping is still usable. */
  warnings: string[];
}

/** Why a level could not be read or matched, as a value: the NotFoundError's message and hints. */
export interface LevelMiss {
  message: string;
  hints: string[];
  /** The mapping names no such company: the weakest answer when a level text can be read several ways. */
  unknownCompany?: boolean;
}

/** A step of level matching: its value, or why it failed. The public functions throw the miss as a NotFoundError. */
export type LevelResult<T> = { ok: true; value: T } | { ok: false; reason: LevelMiss };

export const found = <T>(value: T): LevelResult<T> => ({ ok: true, value });
export const missed = (message: string, hints: string[], unknownCompany = false): LevelResult<never> => ({
  ok: false,
  reason: { message, hints, ...(unknownCompany ? { unknownCompany } : {}) },
});

/** The value, or the miss as the NotFoundError (exit 1) that callers see. */
export function orThrow<T>(result: LevelResult<T>): T {
  if (!result.ok) throw new NotFoundError(result.reason.message, result.reason.hints);
  return result.value;
}

/** Entry separators: "=", "≈", "~", ";" and the word "equals"/"vs" are not used; "=" is what guides write. */
const ENTRY_SEPARATOR = /\s*(?:=+|≈|≃|~|;|\|)\s*/;
/** Range separators: hyphen, the dashes, minus, "to", "through", "thru". */
const RANGE_SEPARATOR = String.raw`\s*(?:[-‐‑‒–—−]|\.\.|\s(?:to|through|thru)\s)\s*`;
/** A level: optional letter prefix (L, E, IC, SDE, MTS …) then a number; "+" (open-ended) allowed and dropped. */
const LEVEL = String.raw`[A-Za-z]{0,4}\d{1,3}`;
/** Roman numerals I–X, upper case only (so words like "mix" never count). */
const ROMAN = `(?:VIII|VII|VI|IV|IX|V|X|III|II|I)`;
/** A title with a roman number: "SDE II", "Engineer III" (word, one space, numeral). */
const ROMAN_LEVEL = `[A-Za-z]{2,12} ${ROMAN}`;
const ANY_LEVEL = `(?:${LEVEL}|${ROMAN_LEVEL})`;
/** A level expression: a range (the second end may omit the prefix: "L3-5", "SDE I-III"), a list, or one level. */
const LEVEL_EXPR = new RegExp(
  String.raw`(?<![\w/])(?:(${ANY_LEVEL})${RANGE_SEPARATOR}(${ANY_LEVEL}|${ROMAN})|(${LEVEL}(?:\s*[,/]\s*${LEVEL})+)|(${ANY_LEVEL}))\+?(?![\w/])`,
  'g',
);
const LEVEL_ONLY = new RegExp(String.raw`^${ANY_LEVEL}\+?$`, 'i');
/** prefix, separator, number (arabic or roman): "L5" → L, "", 5; "SDE II" → SDE, " ", II. */
const LEVEL_PARTS = new RegExp(String.raw`^([A-Za-z]*?)( ?)(\d+|${ROMAN})$`);
const ARABIC_KEY = /^([A-Za-z]*?) ?(\d+)$/;
/** A roman numeral needs a space before it in a key ("sde ii"), so "mix" is not m + IX. */
const ROMAN_KEY = new RegExp(`^(?:([A-Za-z]+) )?(${ROMAN})$`, 'i');
const ROMANS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** The number of a level's numeral: 5 for "L5", 2 for "SDE II"; NaN when it has none. */
function levelNumber(numeral: string): number {
  return /^\d+$/.test(numeral) ? Number(numeral) : ROMANS.indexOf(numeral.toUpperCase()) + 1 || NaN;
}

/** A level's comparison key: case, spaces and hyphens ignored, roman = arabic ("SDE II" = "sde2" = "SDE-2"). */
export function levelKey(level: string): string {
  const s = level
    .trim()
    .replace(/\+$/, '')
    .replace(/[\s-]+/g, ' ');
  const m = ARABIC_KEY.exec(s) ?? ROMAN_KEY.exec(s);
  return m ? `${(m[1] ?? '').toLowerCase()}${levelNumber(m[2])}` : s.toLowerCase();
}
/** Longest range we expand: "2019-2024" in a name is a year span, not 6 levels, but "Microsoft 59-80" is levels. */
const MAX_RANGE = 25;

/** Expands "L3"…"L5" to ["L3","L4","L5"], "61"…"65" to five numbers. Null when the ends are not one ladder. */
function expandRange(a: string, b: string): string[] | null {
  const pa = LEVEL_PARTS.exec(a);
  const pb = LEVEL_PARTS.exec(b);
  if (!pa || !pb) return null;
  const [, prefix, space, first] = pa;
  const roman = !/^\d/.test(first);
  if ((pb[1] && pb[1].toLowerCase() !== prefix.toLowerCase()) || roman !== !/^\d/.test(pb[3])) return [a, b];
  let lo = levelNumber(first);
  let hi = levelNumber(pb[3]);
  if (lo > hi) [lo, hi] = [hi, lo];
  if (hi - lo + 1 > MAX_RANGE) return null;
  const width = first.length === pb[3].length && first.startsWith('0') ? first.length : 0;
  const numeral = (n: number) => (roman ? ROMANS[n - 1] : String(n).padStart(width, '0'));
  return Array.from({ length: hi - lo + 1 }, (_, i) => prefix + space + numeral(lo + i));
}

/** The levels an expression match stands for, or null when it is not a level (a year span …). */
function levelsOf(m: RegExpMatchArray): string[] | null {
  if (m[1] !== undefined) return expandRange(m[1], m[2]);
  if (m[3] !== undefined) return m[3].split(/\s*[,/]\s*/);
  return [m[4]];
}

/** A number standing alone counts as a level only with 1–3 digits (LEVEL's limit), so a year never does. */
function findLevelExpression(text: string, from: number): { start: number; end: number; levels: string[] } | null {
  let found: { start: number; end: number; levels: string[] } | null = null;
  for (const m of text.matchAll(LEVEL_EXPR)) {
    if (m.index < from) continue;
    const levels = levelsOf(m);
    // The last expression wins: levels follow the names ("Google ML L4-L6").
    if (levels) found = { start: m.index, end: m.index + m[0].length, levels };
  }
  return found;
}

const tidy = (s: string) =>
  s
    .replace(/\(\s*\)|\[\s*\]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,:;–—-]+|[\s,:;–—-]+$/g, '')
    .trim();

/** Splits the names of an entry into company and family: the longest known company name, else the first word. */
function splitName(name: string, knownCompanies: string[]): { company: string; family: string | null } {
  const norm = normaliseName(name);
  const known = knownCompanies
    .filter((k) => {
      const nk = normaliseName(k);
      return nk && (norm === nk || norm.startsWith(`${nk}-`));
    })
    .sort((a, b) => normaliseName(b).length - normaliseName(a).length)[0];
  if (known) {
    // Take as many words of the entry as the known name has, so the guide's own spelling is kept.
    const words = name.split(/\s+/);
    let n = 1;
    while (n < words.length && normaliseName(words.slice(0, n).join(' ')) !== normaliseName(known)) n++;
    return {
      company: words.slice(0, n).join(' '),
      family: tidy(words.slice(n).join(' ')).replace(/^\((.*)\)$/, '$1') || null,
    };
  }
  const m = /^(\S+)\s*(.*)$/.exec(name)!;
  return { company: m[1], family: tidy(m[2]).replace(/^\((.*)\)$/, '$1') || null };
}

/** Parses one entry: "Cloudflare ML/AI (L3-L5)", "Microsoft 61-65", "Fastly AI" (no levels). */
export function parseLevelEntry(raw: string, knownCompanies: string[] = []): LevelEntry {
  const text = raw.replace(/\s+/g, ' ').trim();
  // The first word always belongs to the company ("F5 Networks", "3M"), so levels are searched after it.
  const firstWord = /^\S+/.exec(text)?.[0] ?? '';
  let levels: string[] = [];
  let rest = text;
  const paren = [...text.matchAll(/[([]([^()[\]]*)[)\]]/g)].find((p) => {
    const inner = p[1].trim().replace(/^(?:levels?|lvl)\s*/i, '');
    const e = findLevelExpression(inner, 0);
    return e && e.start === 0 && e.end === inner.length;
  });
  if (paren) {
    const inner = paren[1].trim().replace(/^(?:levels?|lvl)\s*/i, '');
    levels = findLevelExpression(inner, 0)!.levels;
    rest = `${text.slice(0, paren.index)} ${text.slice(paren.index! + paren[0].length)}`;
  } else {
    const e = findLevelExpression(text, firstWord.length);
    if (e) {
      levels = e.levels;
      rest = `${text.slice(0, e.start)} ${text.slice(e.end)}`.replace(/\b(?:levels?|lvl)\s*$/i, '');
    }
  }
  const { company, family } = splitName(tidy(rest), knownCompanies);
  return { company, family, levels, raw: text };
}

/**
 * Parses a guide's level mapping. The guide's own entry comes first: the first one written, unless
 * `internal` names another (by company, company + family, or its range).
 */
export function parseLevelMapping(raw: string, internal?: string | null, knownCompanies: string[] = []): LevelMapping {
  const text = raw.replace(/\s+/g, ' ').trim();
  const entries = text
    .split(ENTRY_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => parseLevelEntry(s, knownCompanies));
  const warnings: string[] = [];
  if (internal?.trim() && entries.length > 0) {
    const own = findInternalEntry(entries, internal.trim());
    if (own === -1)
      warnings.push(
        `level_mapping.internal "${internal}" names no entry of the mapping; the first entry (${entries[0].company}) is taken as the guide's own`,
      );
    else if (own > 0) entries.unshift(...entries.splice(own, 1));
  }
  return { entries, raw: text, warnings };
}

function findInternalEntry(entries: LevelEntry[], internal: string): number {
  const n = normaliseName(internal);
  const byName = entries.findIndex((e) =>
    [e.company, `${e.company} ${e.family ?? ''}`, e.raw].some((x) => normaliseName(x) === n),
  );
  if (byName !== -1) return byName;
  const prefixed = entries.findIndex((e) => normaliseName(e.raw).startsWith(n));
  if (prefixed !== -1) return prefixed;
  // `internal: L3-L5`: the entry with that range.
  const asEntry = parseLevelEntry(`x ${internal}`);
  const key = asEntry.levels.join(',').toLowerCase();
  return key ? entries.findIndex((e) => e.levels.join(',').toLowerCase() === key) : -1;
}

/** True when the whole text is one level ("L4", "SDE II", "61+"), not a company and a level. */
export function isLevelText(text: string): boolean {
  return LEVEL_ONLY.test(text);
}

/** The number of a level as written in a mapping: 5 for "L5", 2 for "SDE II"; NaN when it has none. */
export function levelNumeral(level: string): number {
  return levelNumber(LEVEL_PARTS.exec(level)?.[3] ?? '');
}

/** An entry as messages name it: "Google ML", or "Google" without a family. */
export const entryLabel = (e: LevelEntry) => (e.family ? `${e.company} ${e.family}` : e.company);

/** A range as messages and tables show it: "L3–L5", one level, or "no levels given". */
export const rangeLabel = (levels: string[]) =>
  levels.length === 0
    ? 'no levels given'
    : levels.length === 1
      ? levels[0]
      : `${levels[0]}–${levels[levels.length - 1]}`;

/** A guide as the level functions need it: its model (which carries the body's level mapping when the front matter has none). */
export type GuideLike = { meta: Pick<GuideMeta, 'company' | 'companyName' | 'levelMapping'> };

/**
 * The guide's parsed level mapping: `level_mapping.raw` from the front matter, else the body's
 * "**Level Mapping:** …" line. NotFoundError when the guide has neither.
 */
export function guideLevelMapping(guide: GuideLike): LevelMapping & { source: 'front matter' | 'body' } {
  return orThrow(readGuideLevelMapping(guide));
}

/** guideLevelMapping, with a guide that has no mapping as a miss. */
export function readGuideLevelMapping(
  guide: GuideLike,
): LevelResult<LevelMapping & { source: 'front matter' | 'body' }> {
  const m = guide.meta;
  const front = m.levelMapping.raw?.trim();
  const raw = front || m.levelMapping.body?.trim();
  if (!raw)
    return missed(`the guide for ${m.companyName} gives no level mapping`, [
      'add level_mapping.raw to its front matter, e.g. "Acme (L3-L5) = Google L4-L6"',
    ]);
  return found({
    ...parseLevelMapping(raw, m.levelMapping.internal, [m.companyName]),
    source: front ? 'front matter' : 'body',
  });
}
