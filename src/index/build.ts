// The in-memory index: usable guides by company + role, the broken ones, and the duplicates. Pure.
import { DataError, NotFoundError } from '../errors.js';
import type { LoadedGuide, ModelledGuide } from './load.js';
import { resolveName, type Candidate } from '../text/names.js';
import { escapeName } from '../text/escape.js';

/** A guide of the index with its model loaded (Context.model). */
export type IndexedGuide = ModelledGuide;

/** What indexing a guide needs of it (validate indexes guides it parsed itself). */
export type IndexEntry = Pick<LoadedGuide, 'path' | 'source' | 'summary' | 'findings'>;

export interface Duplicate<G extends IndexEntry = LoadedGuide> {
  key: string;
  winner: G;
  loser: G;
}

export interface GuideIndex<G extends IndexEntry = LoadedGuide> {
  /** The guides that answer queries, one per company + role, sorted by company then role (models not loaded). */
  guides: G[];
  /** Guides with errors (reported once on stderr; `validate` reports them in full). */
  broken: G[];
  duplicates: Duplicate<G>[];
  problems: { path: string; message: string }[];
}

export const guideKey = (m: { company?: string; role?: string }) => `${m.company}/${m.role}`;

/** Which of two guides for the same company + role wins: the later source, then the newer last_updated. */
function wins(a: IndexEntry, b: IndexEntry): boolean {
  if (a.source !== b.source) return a.source > b.source;
  return (a.summary.lastUpdated ?? '') > (b.summary.lastUpdated ?? '');
}

/**
 * Order of slugs (`[a-z0-9-]`, and keys of two joined by "/"): by code point, which for these characters is
 * also the order of the root collation, in every locale (a locale's collator could put "aa" after "z"),
 * and costs nothing to set up (building an Intl.Collator costs about a sixth of a bare Node start).
 */
export const compareSlugs = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function buildIndex<G extends IndexEntry>(loaded: {
  guides: G[];
  problems?: { path: string; message: string }[];
}): GuideIndex<G> {
  const byKey = new Map<string, G>();
  const broken: G[] = [];
  const duplicates: Duplicate<G>[] = [];
  for (const g of loaded.guides) {
    const s = g.summary;
    if (s.ignored) continue;
    if (!s.usable) {
      broken.push(g);
      continue;
    }
    const key = guideKey(s);
    const other = byKey.get(key);
    if (!other) byKey.set(key, g);
    else if (wins(g, other)) {
      byKey.set(key, g);
      duplicates.push({ key, winner: g, loser: other });
    } else duplicates.push({ key, winner: other, loser: g });
  }
  // The default sort compares UTF-16 code units: compareSlugs' order, natively (100,000 keys in a few ms).
  const keys = [...byKey.keys()].sort();
  return { guides: keys.map((k) => byKey.get(k)!), broken, duplicates, problems: loaded.problems ?? [] };
}

export interface CompanyEntry {
  slug: string;
  name: string;
}

export function listCompanies(index: GuideIndex): CompanyEntry[] {
  const seen = new Map<string, CompanyEntry>();
  for (const g of index.guides) {
    const s = g.summary;
    if (!seen.has(s.company!)) seen.set(s.company!, { slug: s.company!, name: s.companyName! });
  }
  return [...seen.values()];
}

export function listRoles(index: GuideIndex, company?: string): CompanyEntry[] {
  const seen = new Map<string, CompanyEntry>();
  for (const g of index.guides) {
    const s = g.summary;
    if (company && s.company !== company) continue;
    if (!seen.has(s.role!)) seen.set(s.role!, { slug: s.role!, name: s.roleName! });
  }
  return [...seen.values()].sort((a, b) => compareSlugs(a.slug, b.slug));
}

export function listRegions(guides: IndexEntry[]): string[] {
  const seen = new Map<string, string>();
  for (const g of guides)
    for (const region of g.summary.regions) if (!seen.has(region.toLowerCase())) seen.set(region.toLowerCase(), region);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

const entryCandidates = (entries: CompanyEntry[]): Candidate<string>[] =>
  entries.map((e) => ({ value: e.slug, names: [e.slug, e.name], label: e.slug }));

/** Identities of the broken guides, so that asking for one is a data error, not "unknown". */
function brokenIdentities(index: GuideIndex): { company?: string; role?: string; guide: LoadedGuide }[] {
  return index.broken.map((guide) => ({ company: guide.summary.company, role: guide.summary.role, guide }));
}

export function resolveCompany(index: GuideIndex, query: string): string {
  const known = listCompanies(index);
  for (const b of brokenIdentities(index))
    if (b.company && !known.some((k) => k.slug === b.company)) known.push({ slug: b.company, name: b.company });
  return resolveName(query, entryCandidates(known), 'company').value;
}

/** The guide for a company + role as the user names them; a broken one is a data error (exit 3). */
export function resolveGuide(index: GuideIndex, companyQuery: string, roleQuery: string): LoadedGuide {
  const company = resolveCompany(index, companyQuery);
  const roles = listRoles(index, company);
  const brokenHere = brokenIdentities(index).filter((b) => b.company === company);
  for (const b of brokenHere)
    if (b.role && !roles.some((r) => r.slug === b.role)) roles.push({ slug: b.role, name: b.role });
  if (roles.length === 0) throw new NotFoundError(`no usable guide for company "${company}"`);
  const role = resolveName(roleQuery, entryCandidates(roles), `role at ${company}`).value;
  const guide = index.guides.find((g) => g.summary.company === company && g.summary.role === role);
  if (guide) return guide;
  const bad = brokenHere.find((b) => b.role === role)!.guide;
  const first = bad.findings.find((f) => f.severity === 'error');
  throw new DataError(
    `the guide for ${company} ${role} is invalid: ${escapeName(bad.path)}${first?.line ? `:${first.line}` : ''}: ${first?.message ?? 'no usable band'}`,
    {
      file: bad.path,
      hints: [`run: negotiate validate ${escapeName(bad.path)}`],
    },
  );
}
