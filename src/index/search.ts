// Full-text search over guides: names, summary, level mapping, levers, strategy, sections, evidence.
// Pure: the caller hands in guides and their parsed bodies; the answer is ranked hits with match ranges.
import type { GuideBody } from '../guides/body.js';
import type { GuideMeta } from '../guides/types.js';
import { UsageError } from '../errors.js';

export type SearchField =
  | 'company'
  | 'role'
  | 'summary'
  | 'levels'
  | 'lever'
  | 'strategy'
  | 'heading'
  | 'section'
  | 'evidence';

/** How much a match counts, by where it is: names and summaries say what a guide is about. */
const FIELD_WEIGHT: Record<SearchField, number> = {
  company: 8,
  role: 8,
  summary: 4,
  lever: 3,
  strategy: 3,
  heading: 3,
  levels: 2,
  section: 2,
  evidence: 1,
};

/** One searchable piece of a guide: a line of the file, or one paragraph or list item. */
export interface SearchDocument {
  field: SearchField;
  /** What the piece is, for people: "lever 2: Workers AI Model Serving", "section: Negotiation DNA". */
  label: string;
  /** File line where the piece starts (for a paragraph: its section's heading); null when unknown. */
  line: number | null;
  text: string;
}

export interface LineMatch extends SearchDocument {
  /** [start, end) offsets into `text` of every match, in order, not overlapping. */
  ranges: [number, number][];
  score: number;
}

export interface SearchHit {
  company: { slug: string; name: string };
  role: { slug: string; name: string };
  path: string;
  score: number;
  /** Every matching piece, best first. */
  matches: LineMatch[];
}

export interface SearchableGuide {
  meta: GuideMeta;
  path: string;
  body: GuideBody;
}

/**
 * The search terms of a command line: each argument is split on spaces into words, except that an
 * argument the shell kept whole with spaces in it ("edge inference") is one phrase.
 */
export function parseQuery(args: string[]): string[] {
  const terms = args.map((a) => foldText(a).folded.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (terms.length === 0)
    throw new UsageError('search: nothing to search for', [
      'give one or more words, e.g. negotiate search equity refresh',
    ]);
  return [...new Set(terms)];
}

/**
 * Case, accents and word separators folded away ("Zürich" → "zurich", "ml-ai" → "ml ai"), with a map from
 * each folded position back to the original text so that matches can be shown where they are.
 */
export function foldText(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[-_]/g, ' ');
    folded += f;
    for (let k = 0; k < f.length; k++) map.push(i);
    i += ch.length;
  }
  map.push(i);
  return { folded, map };
}

/** Case, accents and word separators folded away, as foldText does, over a whole text (no map back). */
const foldWhole = (t: string) =>
  t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[-_]/g, ' ').replace(/ς/g, 'σ');

/**
 * What the cheap first pass of a search reads of a guide: every distinct word (run of non-spaces) of its
 * folded raw text, once, joined by spaces. A query's words hold no spaces, so a word occurs in the text
 * exactly when it occurs in one of these (see mayContain). The index keeps it (index/search-text.ts).
 */
export function searchText(texts: string[]): string {
  // Folding is per character, so lines fold alone; an ASCII line needs only its case and separators.
  const folded = texts
    .join('\n')
    .split('\n')
    .map((line) => (/^[\x00-\x7f]*$/.test(line) ? line.toLowerCase().replace(/[-_]/g, ' ') : foldWhole(line)));
  const words = new Set(folded.join('\n').split(/\s+/));
  words.delete('');
  return [...words].join(' ');
}

/** The words of the terms, as the first pass looks for them (null when one holds a space: no pass then). */
export function termWords(terms: string[]): string[] | null {
  const words = terms.flatMap((term) => foldWhole(term).split(' '));
  return words.some((w) => /\s/.test(w)) ? null : words;
}

/**
 * A cheap first pass on a guide's search text (searchText): false only when some word of some term occurs
 * nowhere in it, so the guide cannot match and its body need not be read. (Lower-casing a whole string turns
 * a final Σ into ς, where foldText's per-character fold gives σ: both become σ here, so this never says no wrongly.)
 */
export function mayContain(text: string, words: string[] | null): boolean {
  return words === null || words.every((word) => text.includes(word));
}

/** The first pass over a guide's raw texts (names, summary, level mapping, body). */
export function mayContainTerms(texts: string[], terms: string[]): boolean {
  return mayContain(searchText(texts), termWords(terms));
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pieces of one guide that search looks at, each once (a paragraph that repeats the summary is skipped). */
export function guideDocuments(meta: GuideMeta, body: GuideBody): SearchDocument[] {
  const docs: SearchDocument[] = [];
  const keyOf = (text: string) => foldText(text).folded.replace(/\s+/g, ' ').trim();
  const seen = new Set<string>();
  // Labelled paragraphs ("Negotiation DNA: …") repeat the summary and the level mapping: keep those once.
  const repeated: string[] = [];
  const add = (doc: SearchDocument) => {
    const key = keyOf(doc.text);
    if (!key || seen.has(key) || (doc.field === 'section' && repeated.some((r) => key.includes(r)))) return;
    seen.add(key);
    if (doc.field === 'summary' || doc.field === 'levels') repeated.push(key);
    docs.push(doc);
  };
  const name = (display: string, slug: string) =>
    foldText(display).folded.replace(/\W+/g, ' ').trim() === slug.replace(/-/g, ' ') ? display : `${display} (${slug})`;
  add({ field: 'company', label: 'company', line: null, text: name(meta.companyName, meta.company) });
  add({ field: 'role', label: 'role', line: null, text: name(meta.roleName, meta.role) });
  const summary = body.summary ?? meta.summary;
  if (summary) add({ field: 'summary', label: 'summary', line: null, text: summary });
  const levels = body.levelMapping ?? meta.levelMapping.raw;
  if (levels) add({ field: 'levels', label: 'level mapping', line: null, text: levels });
  for (const l of body.levers)
    add({ field: 'lever', label: `lever ${l.number}`, line: l.line, text: `${l.title}: ${l.script}` });
  if (body.strategy) add({ field: 'strategy', label: 'strategy', line: body.strategy.line, text: body.strategy.text });
  for (const s of body.sections) {
    if (s.heading !== body.title) add({ field: 'heading', label: 'heading', line: s.line, text: s.heading });
    for (const p of s.paragraphs) add({ field: 'section', label: `section: ${s.heading}`, line: s.line, text: p });
  }
  for (const e of body.evidence) add({ field: 'evidence', label: 'source', line: null, text: e });
  return docs;
}

interface TermMatch {
  start: number;
  end: number;
  wholeWord: boolean;
}

/** Where a folded term occurs in a folded text: at the start of a word, whitespace in phrases flexible. */
function findTerm(folded: string, term: string): TermMatch[] {
  const re = new RegExp(term.split(' ').map(escapeRegExp).join('\\s+'), 'g');
  const found: TermMatch[] = [];
  for (const m of folded.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = folded[start - 1] ?? ' ';
    const after = folded[end] ?? ' ';
    if (WORD_CHAR.test(term[0]) && WORD_CHAR.test(before)) continue;
    found.push({ start, end, wholeWord: !(WORD_CHAR.test(term[term.length - 1]) && WORD_CHAR.test(after)) });
  }
  return found;
}

/** Matches of every term in one piece: ranges in the original text, the terms found, and the score. */
function matchDocument(doc: SearchDocument, terms: string[]): { match: LineMatch; found: Set<string> } | null {
  const { folded, map } = foldText(doc.text);
  const found = new Set<string>();
  const raw: [number, number][] = [];
  let score = 0;
  for (const term of terms) {
    const hits = findTerm(folded, term);
    if (hits.length === 0) continue;
    found.add(term);
    score += FIELD_WEIGHT[doc.field] * (hits.some((h) => h.wholeWord) ? 2 : 1);
    for (const h of hits) raw.push([map[h.start], map[h.end]]);
  }
  if (found.size === 0) return null;
  // Every term in one piece is worth more than the terms spread over the guide.
  if (terms.length > 1 && found.size === terms.length) score += FIELD_WEIGHT[doc.field] * terms.length;
  return { match: { ...doc, ranges: mergeRanges(raw), score }, found };
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * Searches guides for every term (all terms must occur somewhere in a guide). Hits are ranked by score,
 * then by company and role; matches within a hit by score, then by their place in the guide.
 */
export function searchGuides(guides: SearchableGuide[], terms: string[]): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const g of guides) {
    const matches: LineMatch[] = [];
    const found = new Set<string>();
    for (const doc of guideDocuments(g.meta, g.body)) {
      const m = matchDocument(doc, terms);
      if (!m) continue;
      matches.push(m.match);
      for (const t of m.found) found.add(t);
    }
    if (found.size < terms.length) continue;
    const order = new Map(matches.map((m, i) => [m, i]));
    matches.sort((a, b) => b.score - a.score || order.get(a)! - order.get(b)!);
    hits.push({
      company: { slug: g.meta.company, name: g.meta.companyName },
      role: { slug: g.meta.role, name: g.meta.roleName },
      path: g.path,
      score: matches.reduce((s, m) => s + m.score, 0),
      matches,
    });
  }
  return hits.sort(
    (a, b) =>
      b.score - a.score || a.company.slug.localeCompare(b.company.slug) || a.role.slug.localeCompare(b.role.slug),
  );
}
