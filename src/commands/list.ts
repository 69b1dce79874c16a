// list: what the index holds — guides (default), companies, roles or regions.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { listCompanies, listRegions, listRoles, resolveCompany, type GuideIndex } from '../index/build.js';
import type { LoadedGuide } from '../index/load.js';
import { resolveName } from '../text/names.js';
import { guidePlacer, type DataSource } from '../index/sources.js';
import { renderList } from '../render/list.js';
import type { ListResult } from '../results/list.js';

export const LIST_KINDS = ['guides', 'companies', 'roles', 'regions'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface ListOptions {
  company?: string;
  role?: string;
}

/** The guides of the index that pass the filters (by their summaries: no model is read). */
export function filterGuides(index: GuideIndex, opts: ListOptions): LoadedGuide[] {
  const company = opts.company ? resolveCompany(index, opts.company) : undefined;
  let guides = index.guides.filter((g) => !company || g.summary.company === company);
  if (opts.role) {
    const roles = listRoles({ ...index, guides }, undefined);
    const role = resolveName(
      opts.role,
      roles.map((r) => ({ value: r.slug, names: [r.slug, r.name], label: r.slug })),
      'role',
    ).value;
    guides = guides.filter((g) => g.summary.role === role);
  }
  return guides;
}

/**
 * Builds the answer for one kind of list from the guides that pass the filters: from their summaries
 * alone (the index's rows hold names, regions and dates), so no model is read.
 */
export function buildList(
  index: GuideIndex,
  kind: ListKind,
  guides: LoadedGuide[],
  sources: DataSource[] = [],
): ListResult {
  const sub = { ...index, guides };
  if (kind === 'companies') return { companies: listCompanies(sub) };
  if (kind === 'roles') return { roles: listRoles(sub) };
  if (kind === 'regions') return { regions: listRegions(guides) };
  const place = guidePlacer(sources);
  return {
    // The index holds usable guides only: each summary has its names.
    guides: guides.map(({ summary: s, ...g }) => ({
      company: { slug: s.company!, name: s.companyName! },
      role: { slug: s.role!, name: s.roleName! },
      regions: s.regions,
      asOf: s.lastUpdated,
      path: g.path,
      ...place(g),
    })),
  };
}

export async function runList(ctx: Context, kind: string | undefined, opts: ListOptions): Promise<number> {
  const k = (kind ?? 'guides').toLowerCase();
  if (!(LIST_KINDS as readonly string[]).includes(k)) {
    throw new UsageError(`list: "${kind}" is not something to list`, [`choose one of: ${LIST_KINDS.join(', ')}`]);
  }
  const index = await ctx.index();
  const rows = filterGuides(index, opts);
  const result = buildList(index, k as ListKind, rows, ctx.sources());
  // An empty list prints nothing (and is not an error); --json still prints its document.
  const text = ctx.json ? JSON.stringify(result, null, 2) : renderList(result, ctx.style);
  if (text) ctx.out(text);
  return 0;
}
