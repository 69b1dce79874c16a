// Name matching for companies, roles, regions and levels: case, spaces, diacritics, prefixes, misspellings.
import { NotFoundError, UsageError } from '../errors.js';

/** Company, role and region names and search text longer than this are a usage error, before any matching. */
export const MAX_NAME_LENGTH = 200;

/** Refuses a name or search text over MAX_NAME_LENGTH characters (exit 2), naming what it was. */
export function checkNameLength(value: string | undefined, what: string): void {
  if (value !== undefined && value.length > MAX_NAME_LENGTH) {
    throw new UsageError(`${what}: ${value.length} characters is too long (at most ${MAX_NAME_LENGTH})`, [
      `give a shorter ${what}, e.g. its first words`,
    ]);
  }
}

/** "Zürich" → "zurich", "San Francisco" → "san-francisco", "ML/AI Engineer" → "ml-ai-engineer". */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Damerau–Levenshtein (optimal string alignment) distance. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * editDistance when it is at most `max`, else `max + 1`, in O(length × max): strings whose lengths differ by
 * more than `max` are not compared at all, and a row past `max` ends the count. A long unknown name over
 * 10,000 guides costs no more than a lookup.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let prev2 = new Int32Array(b.length + 1);
  let prev = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    // Two rows past max: every later one is too (a row builds on the one or, for a transposition, two before it).
    if (best > max && Math.min(...prev) > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return Math.min(prev[b.length], max + 1);
}

/** Edits from the query to the name, or to the name's start (a misspelt prefix: "cloudflair" → "cloudflare-workers"), up to `max` (+1 past it). */
function typoDistance(q: string, name: string, max: number): number {
  const whole = editDistanceWithin(q, name, max);
  return name.length > q.length ? Math.min(whole, editDistanceWithin(q, name.slice(0, q.length), max)) : whole;
}

/** How many edits a name of this length may have and still count as a misspelling. */
function allowedEdits(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : length <= 10 ? 2 : 3;
}

export interface Candidate<T> {
  value: T;
  /** The names it answers to: slug, display name … */
  names: string[];
  /** What suggestions print for it. */
  label: string;
}

export type Match<T> = { kind: 'exact' | 'prefix' | 'misspelling'; value: T };

/** Why no one candidate was found, as a value: the NotFoundError's message and hints. */
export interface NameMiss {
  message: string;
  hints: string[];
  /** Several candidates fit (rather than none). */
  ambiguous: boolean;
}

export type NameLookup<T> = { ok: true; value: Match<T> } | { ok: false; reason: NameMiss };

/**
 * Finds the one candidate a user's name means: exact (normalised), else a unique prefix, else a unique
 * close misspelling. Otherwise throws NotFoundError with "did you mean …" hints.
 */
export function resolveName<T>(query: string, candidates: Candidate<T>[], what: string): Match<T> {
  const found = findName(query, candidates, what);
  if (!found.ok) throw new NotFoundError(found.reason.message, found.reason.hints);
  return found.value;
}

/** resolveName's search, with a miss as a value (a name too long is still a usage error, thrown). */
export function findName<T>(query: string, candidates: Candidate<T>[], what: string): NameLookup<T> {
  checkNameLength(query, what);
  const q = normaliseName(query);
  const norm = candidates.map((c) => ({ c, names: c.names.map(normaliseName).filter(Boolean) }));
  const pick = (kind: Match<T>['kind'], hits: typeof norm): NameLookup<T> | undefined => {
    const unique = [...new Set(hits.map((h) => h.c))];
    if (unique.length === 1) return { ok: true, value: { kind, value: unique[0].value } };
    if (unique.length > 1) {
      const hints = [`did you mean ${orList(unique.map((u) => u.label))}?`];
      return { ok: false, reason: { message: `${what} "${query}" is ambiguous`, hints, ambiguous: true } };
    }
    return undefined;
  };
  if (q) {
    const exact = pick(
      'exact',
      norm.filter((n) => n.names.includes(q)),
    );
    if (exact) return exact;
    const prefix = pick(
      'prefix',
      norm.filter((n) => n.names.some((name) => name.startsWith(q))),
    );
    if (prefix) return prefix;
    const scored = norm
      .map((n) => ({
        ...n,
        distance: Math.min(...n.names.map((name) => typoDistance(q, name, allowedEdits(q.length)))),
      }))
      .sort((a, b) => a.distance - b.distance);
    const best = scored[0];
    if (
      best &&
      best.distance <= allowedEdits(q.length) &&
      scored.filter((s) => s.distance === best.distance).length === 1
    ) {
      return { ok: true, value: { kind: 'misspelling', value: best.c.value } };
    }
  }
  const hints = suggestionHints(
    q,
    norm.map((n) => ({ label: n.c.label, names: n.names })),
  );
  return { ok: false, reason: { message: `unknown ${what} "${query}"`, hints, ambiguous: false } };
}

function suggestionHints(q: string, all: { label: string; names: string[] }[]): string[] {
  const max = Math.max(2, Math.ceil(q.length / 2));
  const close = all
    .map((a) => ({
      label: a.label,
      distance: Math.min(...a.names.map((n) => (n.includes(q) && q ? 0 : editDistanceWithin(q, n, max)))),
    }))
    .filter((a) => a.distance <= max)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3);
  if (close.length) return [`did you mean ${orList(close.map((c) => c.label))}?`];
  if (all.length === 0) return ['there is none in the loaded guides'];
  if (all.length <= 12) return [`known: ${all.map((a) => a.label).join(', ')}`];
  return [];
}

export function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
