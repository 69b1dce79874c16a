// Level mappings: parsing a guide's "A (L3-L5) = B L4-L6 = …" line, mapping a level across companies,
// and narrowing a band to one level's slice. Pure: no I/O, errors are typed.
import type { Band, GuideMeta, Range } from '../guides/types.js';
import { isNotFound, NotFoundError, UsageError } from '../errors.js';
import { normaliseName, orList, resolveName } from '../text/names.js';

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

export interface LevelRef {
  company: string;
  level: string;
}

export interface LevelMatch {
  from: LevelRef;
  to: LevelRef;
  /** True when the two ranges have different lengths (mapped by relative position). */
  approximate: boolean;
}

/** The `level` object of `lookup --json` (and of evaluate/draft): the asked level as one of the guide's own. */
export interface ResolvedLevel {
  /** What the user typed. */
  asked: string;
  /** The guide's own level it corresponds to. */
  company: string;
  /** The guide's own range, first and last level: the band covers it. */
  range: [string, string];
  /** The level the user named, with its company (the guide's own company for a bare level). */
  from: LevelRef;
  approximate: boolean;
  /** Position of `company` in the guide's own range (0 = most junior) and the range's length. */
  index: number;
  count: number;
}

/** The `level` object of the JSON documents (lookup, evaluate, draft): SPEC's asked/company/range, plus where it came from. */
export interface LevelJson {
  asked: string;
  company: string;
  range: [string, string];
  from: LevelRef;
  approximate: boolean;
}

/** A resolved level as the JSON documents show it (one shape for every command). */
export function levelToJson(level: ResolvedLevel): LevelJson {
  return {
    asked: level.asked,
    company: level.company,
    range: level.range,
    from: level.from,
    approximate: level.approximate,
  };
}

// ---------------------------------------------------------------------------------------------------
// Parsing

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

// ---------------------------------------------------------------------------------------------------
// Mapping

const entryLabel = (e: LevelEntry) => (e.family ? `${e.company} ${e.family}` : e.company);
export const rangeLabel = (levels: string[]) =>
  levels.length === 0
    ? 'no levels given'
    : levels.length === 1
      ? levels[0]
      : `${levels[0]}–${levels[levels.length - 1]}`;

/** The mapping names no such company: the weakest answer when a level text can be read several ways. */
class UnknownMappedCompanyError extends NotFoundError {}

/** Finds the entry a company name means (fuzzy, as everywhere: prefixes and close misspellings). */
export function findEntry(mapping: LevelMapping, company: string, ownNames: string[] = []): LevelEntry {
  const candidates = mapping.entries.map((e, i) => ({
    value: e,
    names: [e.company, entryLabel(e), ...(i === 0 ? ownNames : [])],
    label: entryLabel(e),
  }));
  try {
    return resolveName(company, candidates, 'company in the level mapping').value;
  } catch (err) {
    if (!isNotFound(err) || !err.message.startsWith('unknown')) throw err;
    const named = mapping.entries.map((e) => `${entryLabel(e)} (${rangeLabel(e.levels)})`).join(', ');
    throw new UnknownMappedCompanyError(`the level mapping names no company "${company}"`, [
      ...err.hints.filter((h) => h.startsWith('did you mean')),
      `it names: ${named}`,
    ]);
  }
}

/** Index of a level in an entry (by levelKey: "l5" = "L5", "sde 2" = "SDE II"); a bare number ("5", "II") matches the one level with that number. */
function levelIndex(entry: LevelEntry, level: string): number {
  const want = levelKey(level);
  const i = entry.levels.findIndex((l) => levelKey(l) === want);
  if (i !== -1 || !/^\d+$/.test(want)) return i;
  const same = entry.levels.flatMap((l, k) =>
    levelNumber(LEVEL_PARTS.exec(l)?.[3] ?? '') === Number(want) ? [k] : [],
  );
  return same.length === 1 ? same[0] : -1;
}

function requireLevel(entry: LevelEntry, level: string): number {
  if (entry.levels.length === 0) {
    throw new NotFoundError(`the level mapping gives no levels for ${entryLabel(entry)}`, [`it reads: ${entry.raw}`]);
  }
  const i = levelIndex(entry, level);
  if (i === -1) {
    throw new NotFoundError(`${entryLabel(entry)} has no level "${level}" in this mapping`, [
      `valid: ${entry.levels.join(', ')}`,
    ]);
  }
  return i;
}

/**
 * Where level i (0-based) of an n-level range lands in an m-level range. Equal lengths: one to one.
 * Otherwise by relative position with the ends anchored (the mapping says the two ranges are equivalent,
 * so the most junior levels match and so do the most senior): position i/(n-1) of the way up (the middle
 * for a single level) becomes i(m-1)/(n-1), rounded to the nearest level, a tie (exactly halfway)
 * going to the more junior level.
 */
export function mapIndex(i: number, n: number, m: number): number {
  if (n === m) return i;
  if (m === 1) return 0;
  // x = position in target levels; nearest with ties down is ceil(x - 1/2). Kept in integers so ties are exact.
  const [num, den] = n === 1 ? [m - 1, 2] : [i * (m - 1), n - 1];
  return Math.min(m - 1, Math.max(0, Math.ceil((2 * num - den) / (2 * den))));
}

/** The level at the guide's own company (the mapping's first entry) equivalent to `level` at `fromCompany`. */
export function mapLevel(
  mapping: LevelMapping,
  fromCompany: string,
  level: string,
  ownNames: string[] = [],
): LevelMatch {
  const own = ownEntry(mapping);
  const from = findEntry(mapping, fromCompany, ownNames);
  const i = requireLevel(from, level);
  if (own.levels.length === 0) {
    throw new NotFoundError(`the level mapping gives no levels for ${entryLabel(own)}, the guide's own company`, [
      `it reads: ${mapping.raw}`,
    ]);
  }
  const j = mapIndex(i, from.levels.length, own.levels.length);
  return {
    from: { company: from.company, level: from.levels[i] },
    to: { company: own.company, level: own.levels[j] },
    approximate: from.levels.length !== own.levels.length,
  };
}

function ownEntry(mapping: LevelMapping): LevelEntry {
  const own = mapping.entries[0];
  if (!own) throw new NotFoundError('the level mapping is empty', [`it reads: ${mapping.raw || '(nothing)'}`]);
  return own;
}

export interface LevelQuery {
  company: string | null;
  level: string;
}

/** "Google L5", "google:L5", "meta e6", "Google ML L5" → company + level; a bare "L4" → no company. */
export function parseLevelQuery(text: string): LevelQuery {
  return levelQueryReadings(text)[0];
}

/**
 * The ways a level text can be read, most likely first: "company:level" has one; otherwise the last word is
 * the level, then the last two ("Amazon SDE II"), then the whole text as a bare level ("SDE II").
 */
export function levelQueryReadings(text: string): LevelQuery[] {
  const s = text.replace(/\s+/g, ' ').trim().replace(/^:\s*/, '');
  if (!s) throw new UsageError('empty level', ['give a level such as "L4" or "Google L5"']);
  const colon = /^(.+?)\s*:\s*(.+)$/.exec(s);
  if (colon) return [{ company: colon[1], level: colon[2] }];
  const words = s.split(' ');
  const readings: LevelQuery[] = [];
  for (let k = 1; k < Math.min(words.length, 3); k++)
    readings.push({ company: words.slice(0, -k).join(' '), level: words.slice(-k).join(' ') });
  readings.push({ company: null, level: s });
  return readings;
}

// ---------------------------------------------------------------------------------------------------
// A guide's level, and its slice of a band

/** A guide as the level functions need it: its model (which carries the body's level mapping when the front matter has none). */
export type GuideLike = { meta: Pick<GuideMeta, 'company' | 'companyName' | 'levelMapping'> };

/**
 * The guide's parsed level mapping: `level_mapping.raw` from the front matter, else the body's
 * "**Level Mapping:** …" line. NotFoundError when the guide has neither.
 */
export function guideLevelMapping(guide: GuideLike): LevelMapping & { source: 'front matter' | 'body' } {
  const m = guide.meta;
  const front = m.levelMapping.raw?.trim();
  const raw = front || m.levelMapping.body?.trim();
  if (!raw) {
    throw new NotFoundError(`the guide for ${m.companyName} gives no level mapping`, [
      'add level_mapping.raw to its front matter, e.g. "Acme (L3-L5) = Google L4-L6"',
    ]);
  }
  return {
    ...parseLevelMapping(raw, m.levelMapping.internal, [m.companyName]),
    source: front ? 'front matter' : 'body',
  };
}

/**
 * Resolves what the user asked ("L4", "Google L5", "meta:e6") to one of the guide's own levels. A bare level
 * is looked for in the guide's own range first, then in the one other entry that has it.
 */
export function resolveLevel(guide: GuideLike, asked: string): ResolvedLevel {
  const mapping = guideLevelMapping(guide);
  const own = ownEntry(mapping);
  const ownNames = [guide.meta.companyName, guide.meta.company];
  if (own.levels.length === 0) {
    throw new NotFoundError(`the level mapping gives no levels for ${entryLabel(own)}, the guide's own company`, [
      `it reads: ${mapping.raw}`,
    ]);
  }
  // The first reading that resolves wins. If none does, the answer is the first error that is about a level
  // (the company was found, or the whole text looks like a level), else the first error.
  let match: LevelMatch | undefined;
  const errors: { error: NotFoundError; weak: boolean }[] = [];
  for (const q of levelQueryReadings(asked)) {
    try {
      match = matchQuery(mapping, q, ownNames);
      break;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      errors.push({
        error: err,
        weak: err instanceof UnknownMappedCompanyError || (q.company === null && !LEVEL_ONLY.test(q.level)),
      });
    }
  }
  if (!match) throw (errors.find((e) => !e.weak) ?? errors[0]).error;
  const index = own.levels.indexOf(match.to.level);
  return {
    asked: asked.trim(),
    company: match.to.level,
    range: [own.levels[0], own.levels[own.levels.length - 1]],
    from: match.from,
    approximate: match.approximate,
    index,
    count: own.levels.length,
  };
}

function matchQuery(mapping: LevelMapping, q: LevelQuery, ownNames: string[]): LevelMatch {
  const own = ownEntry(mapping);
  if (q.company !== null) return mapLevel(mapping, q.company, q.level, ownNames);
  if (levelIndex(own, q.level) !== -1) return mapLevel(mapping, entryLabel(own), q.level, ownNames);
  const others = mapping.entries.slice(1).filter((e) => levelIndex(e, q.level) !== -1);
  if (others.length !== 1) {
    throw new NotFoundError(
      others.length
        ? `level "${q.level}" is ambiguous: ${orList(others.map(entryLabel))} all have it`
        : `no level "${q.level}" in ${entryLabel(own)}'s range ${rangeLabel(own.levels)}`,
      [`valid: ${own.levels.join(', ')}, or another company's level such as "${foreignExample(mapping)}"`],
    );
  }
  return mapLevel(mapping, entryLabel(others[0]), q.level, ownNames);
}

function foreignExample(mapping: LevelMapping): string {
  const e = mapping.entries.slice(1).find((x) => x.levels.length > 0);
  return e
    ? `${e.company} ${e.levels[Math.floor(e.levels.length / 2)]}`
    : `${mapping.entries[0].company} ${mapping.entries[0].levels[0]}`;
}

/** Slice `index` of `count` equal consecutive slices of a range, rounded to whole units. */
export function sliceRange(r: Range, index: number, count: number): Range {
  const width = (r.high - r.low) / count;
  return { low: Math.round(r.low + width * index), high: Math.round(r.low + width * (index + 1)) };
}

/** A band narrowed to one level: base, stock and total comp each cut into equal slices, one per level of the range. */
export function narrowBand(band: Band, index: number, count: number): Band {
  if (count <= 1) return band;
  return {
    ...band,
    base: sliceRange(band.base, index, count),
    stock: band.stock ? sliceRange(band.stock, index, count) : null,
    totalComp: band.totalComp ? sliceRange(band.totalComp, index, count) : null,
  };
}

/** The band's estimated slice for one of the guide's own levels (the mapping's first entry). */
export function narrowBandToLevel(band: Band, mapping: LevelMapping, internalLevel: string): Band {
  const own = ownEntry(mapping);
  return narrowBand(band, requireLevel(own, internalLevel), own.levels.length);
}

// ---------------------------------------------------------------------------------------------------
// Choosing a command's band: region → level → narrowed band

/** What `resolveBand` chose; each command decides what a defaulted choice means for it. */
export interface BandChoice {
  /** The region asked; without one, the guide's first band (its only one, or a default: see `defaulted`). Narrowed to the level. */
  band: Band;
  /** Every band the query covers: the region asked, or all of them without one; narrowed to the level. */
  bands: Band[];
  /** The level asked, as one of the guide's own; null without one. */
  level: ResolvedLevel | null;
  /** True when a level narrowed the bands: their figures are an estimated slice, not the guide's own. */
  estimated: boolean;
  /** True when no region was asked and the guide has several bands, so `band` is only the first of them. */
  defaulted: boolean;
}

/**
 * Resolves a command's region and level queries against a guide: the region first (NotFoundError for an
 * unknown or ambiguous one), then the level, then the band's slice for that level. Pure: it reports, never prints.
 */
export function resolveBand(
  guide: GuideLike & { meta: Pick<GuideMeta, 'role' | 'bands'> },
  query: { region?: string; level?: string },
): BandChoice {
  const all = guide.meta.bands;
  let bands = all;
  if (query.region !== undefined) {
    const match = resolveName(
      query.region,
      all.map((b) => ({ value: b.region, names: [b.region], label: b.region })),
      `region for ${guide.meta.company} ${guide.meta.role}`,
    );
    bands = all.filter((b) => b.region === match.value);
  }
  // Narrow before any conversion, so the slice is cut from the guide's own figures.
  const level = query.level === undefined ? null : resolveLevel(guide, query.level);
  if (level) bands = bands.map((b) => narrowBand(b, level.index, level.count));
  return {
    band: bands[0],
    bands,
    level,
    estimated: level !== null,
    defaulted: query.region === undefined && all.length > 1,
  };
}
