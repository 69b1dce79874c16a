// list: what the index holds — guides (default), companies, roles or regions.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import {
  listCompanies,
  listRegions,
  listRoles,
  resolveCompany,
  type GuideIndex,
  type IndexedGuide,
} from '../index/build.js';
import type { LoadedGuide } from '../index/load.js';
import { resolveName } from '../text/names.js';
import { guidePlace, type DataSource } from '../index/sources.js';
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

/** Kinds of list that read the guides' models (their regions); the others are answered from the summaries. */
const needsModels = (kind: ListKind) => kind === 'guides' || kind === 'regions';

/** Builds the answer for one kind of list from the guides that pass the filters (`models`: theirs, when the kind needs them). */
export function buildList(
  index: GuideIndex,
  kind: ListKind,
  guides: LoadedGuide[],
  models: IndexedGuide[],
  sources: DataSource[] = [],
): ListResult {
  const sub = { ...index, guides };
  if (kind === 'companies') return { companies: listCompanies(sub) };
  if (kind === 'roles') return { roles: listRoles(sub) };
  if (kind === 'regions') return { regions: listRegions(models) };
  return {
    guides: models.map((g) => ({
      company: { slug: g.meta.company, name: g.meta.companyName },
      role: { slug: g.meta.role, name: g.meta.roleName },
      regions: g.meta.bands.map((b) => b.region),
      asOf: g.meta.lastUpdated,
      path: g.path,
      ...guidePlace(sources, g),
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
  const models = needsModels(k as ListKind) ? await Promise.all(rows.map((g) => ctx.model(g))) : [];
  const result = buildList(index, k as ListKind, rows, models, ctx.sources());
  // An empty list prints nothing (and is not an error); --json still prints its document.
  const text = ctx.json ? JSON.stringify(result, null, 2) : renderList(result, ctx.style);
  if (text) ctx.out(text);
  return 0;
}
