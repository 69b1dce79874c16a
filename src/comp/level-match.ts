// Level matching: which entry of a mapping a company name means, where a level lands in the guide's own
// range, and what a user's level text ("L4", "Google L5", "meta:e6") resolves to. Pure. Inside, a miss is a
// value (LevelResult); the public functions (mapLevel, resolveLevel) throw it as the NotFoundError callers see.
import { UsageError } from '../errors.js';
import { findName, orList } from '../text/names.js';
import {
  entryLabel,
  found,
  isLevelText,
  levelKey,
  levelNumeral,
  missed,
  orThrow,
  rangeLabel,
  readGuideLevelMapping,
  type GuideLike,
  type LevelEntry,
  type LevelMapping,
  type LevelResult,
} from './level-mapping.js';

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

/** Finds the entry a company name means (fuzzy, as everywhere: prefixes and close misspellings). */
function findEntry(mapping: LevelMapping, company: string, ownNames: string[] = []): LevelResult<LevelEntry> {
  const candidates = mapping.entries.map((e, i) => ({
    value: e,
    names: [e.company, entryLabel(e), ...(i === 0 ? ownNames : [])],
    label: entryLabel(e),
  }));
  const entry = findName(company, candidates, 'company in the level mapping');
  if (entry.ok) return found(entry.value.value);
  if (entry.reason.ambiguous) return missed(entry.reason.message, entry.reason.hints);
  const named = mapping.entries.map((e) => `${entryLabel(e)} (${rangeLabel(e.levels)})`).join(', ');
  return missed(
    `the level mapping names no company "${company}"`,
    [...entry.reason.hints.filter((h) => h.startsWith('did you mean')), `it names: ${named}`],
    true,
  );
}

/** Index of a level in an entry (by levelKey: "l5" = "L5", "sde 2" = "SDE II"); a bare number ("5", "II") matches the one level with that number. */
function levelIndex(entry: LevelEntry, level: string): number {
  const want = levelKey(level);
  const i = entry.levels.findIndex((l) => levelKey(l) === want);
  if (i !== -1 || !/^\d+$/.test(want)) return i;
  const same = entry.levels.flatMap((l, k) => (levelNumeral(l) === Number(want) ? [k] : []));
  return same.length === 1 ? same[0] : -1;
}

/** The index of a level in an entry, or why it has none. */
export function requireLevel(entry: LevelEntry, level: string): LevelResult<number> {
  if (entry.levels.length === 0)
    return missed(`the level mapping gives no levels for ${entryLabel(entry)}`, [`it reads: ${entry.raw}`]);
  const i = levelIndex(entry, level);
  if (i === -1)
    return missed(`${entryLabel(entry)} has no level "${level}" in this mapping`, [
      `valid: ${entry.levels.join(', ')}`,
    ]);
  return found(i);
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
  return orThrow(matchLevel(mapping, fromCompany, level, ownNames));
}

function matchLevel(
  mapping: LevelMapping,
  fromCompany: string,
  level: string,
  ownNames: string[],
): LevelResult<LevelMatch> {
  const own = ownEntry(mapping);
  if (!own.ok) return own;
  const from = findEntry(mapping, fromCompany, ownNames);
  if (!from.ok) return from;
  const i = requireLevel(from.value, level);
  if (!i.ok) return i;
  const ownLevels = own.value.levels;
  const fromLevels = from.value.levels;
  if (ownLevels.length === 0) return ownHasNoLevels(mapping, own.value);
  const j = mapIndex(i.value, fromLevels.length, ownLevels.length);
  return found({
    from: { company: from.value.company, level: fromLevels[i.value] },
    to: { company: own.value.company, level: ownLevels[j] },
    approximate: fromLevels.length !== ownLevels.length,
  });
}

/** The guide's own entry: the mapping's first. */
export function ownEntry(mapping: LevelMapping): LevelResult<LevelEntry> {
  const own = mapping.entries[0];
  return own ? found(own) : missed('the level mapping is empty', [`it reads: ${mapping.raw || '(nothing)'}`]);
}

const ownHasNoLevels = (mapping: LevelMapping, own: LevelEntry) =>
  missed(`the level mapping gives no levels for ${entryLabel(own)}, the guide's own company`, [
    `it reads: ${mapping.raw}`,
  ]);

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

/**
 * Resolves what the user asked ("L4", "Google L5", "meta:e6") to one of the guide's own levels. A bare level
 * is looked for in the guide's own range first, then in the one other entry that has it.
 */
export function resolveLevel(guide: GuideLike, asked: string): ResolvedLevel {
  return orThrow(readLevel(guide, asked));
}

function readLevel(guide: GuideLike, asked: string): LevelResult<ResolvedLevel> {
  const mapping = readGuideLevelMapping(guide);
  if (!mapping.ok) return mapping;
  const own = ownEntry(mapping.value);
  if (!own.ok) return own;
  const ownNames = [guide.meta.companyName, guide.meta.company];
  const ownLevels = own.value.levels;
  if (ownLevels.length === 0) return ownHasNoLevels(mapping.value, own.value);
  // The first reading that resolves wins. If none does, the answer is the first miss that is about a level
  // (the company was found, or the whole text looks like a level), else the first miss.
  const misses: { miss: LevelResult<never>; weak: boolean }[] = [];
  for (const q of levelQueryReadings(asked)) {
    const match = matchQuery(mapping.value, q, ownNames);
    if (match.ok) {
      return found({
        asked: asked.trim(),
        company: match.value.to.level,
        range: [ownLevels[0], ownLevels[ownLevels.length - 1]],
        from: match.value.from,
        approximate: match.value.approximate,
        index: ownLevels.indexOf(match.value.to.level),
        count: ownLevels.length,
      });
    }
    misses.push({ miss: match, weak: !!match.reason.unknownCompany || (q.company === null && !isLevelText(q.level)) });
  }
  return (misses.find((m) => !m.weak) ?? misses[0]).miss;
}

function matchQuery(mapping: LevelMapping, q: LevelQuery, ownNames: string[]): LevelResult<LevelMatch> {
  const own = ownEntry(mapping);
  if (!own.ok) return own;
  if (q.company !== null) return matchLevel(mapping, q.company, q.level, ownNames);
  if (levelIndex(own.value, q.level) !== -1) return matchLevel(mapping, entryLabel(own.value), q.level, ownNames);
  const others = mapping.entries.slice(1).filter((e) => levelIndex(e, q.level) !== -1);
  if (others.length !== 1) {
    return missed(
      others.length
        ? `level "${q.level}" is ambiguous: ${orList(others.map(entryLabel))} all have it`
        : `no level "${q.level}" in ${entryLabel(own.value)}'s range ${rangeLabel(own.value.levels)}`,
      [`valid: ${own.value.levels.join(', ')}, or another company's level such as "${foreignExample(mapping)}"`],
    );
  }
  return matchLevel(mapping, entryLabel(others[0]), q.level, ownNames);
}

function foreignExample(mapping: LevelMapping): string {
  const e = mapping.entries.slice(1).find((x) => x.levels.length > 0);
  return e
    ? `${e.company} ${e.levels[Math.floor(e.levels.length / 2)]}`
    : `${mapping.entries[0].company} ${mapping.entries[0].levels[0]}`;
}
