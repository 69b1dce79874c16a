// list: what the index holds — guides (default), companies, roles or regions.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { listCompanies, listRegions, listRoles, resolveCompany, type GuideIndex } from '../index/build.js';
import { resolveName } from '../index/names.js';
import { renderTable } from '../render/table.js';
import { cleanTerminalText as t } from '../render/terminal.js';

export const LIST_KINDS = ['guides', 'companies', 'roles', 'regions'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface ListOptions {
  company?: string;
  role?: string;
}

function filterGuides(index: GuideIndex, opts: ListOptions) {
  const company = opts.company ? resolveCompany(index, opts.company) : undefined;
  let guides = index.guides.filter((g) => !company || g.meta.company === company);
  if (opts.role) {
    const roles = listRoles({ ...index, guides }, undefined);
    const role = resolveName(opts.role, roles.map((r) => ({ value: r.slug, names: [r.slug, r.name], label: r.slug })), 'role').value;
    guides = guides.filter((g) => g.meta.role === role);
  }
  return guides;
}

export function runList(ctx: Context, kind: string | undefined, opts: ListOptions): number {
  const k = (kind ?? 'guides').toLowerCase();
  if (!(LIST_KINDS as readonly string[]).includes(k)) {
    throw new UsageError(`list: "${kind}" is not something to list`, [`choose one of: ${LIST_KINDS.join(', ')}`]);
  }
  const index = ctx.index();
  const guides = filterGuides(index, opts);
  const sub = { ...index, guides };
  const { style } = ctx;
  if (k === 'companies') {
    const companies = listCompanies(sub);
    if (ctx.json) ctx.out(JSON.stringify({ companies }, null, 2));
    else if (companies.length) ctx.out(renderTable([['Company', 'Name'], ...companies.map((c) => [c.slug, t(c.name)])], { header: style.dim }));
    return 0;
  }
  if (k === 'roles') {
    const roles = listRoles(sub);
    if (ctx.json) ctx.out(JSON.stringify({ roles }, null, 2));
    else if (roles.length) ctx.out(renderTable([['Role', 'Name'], ...roles.map((r) => [r.slug, t(r.name)])], { header: style.dim }));
    return 0;
  }
  if (k === 'regions') {
    const regions = listRegions(guides);
    if (ctx.json) ctx.out(JSON.stringify({ regions }, null, 2));
    else if (regions.length) ctx.out(regions.map((r) => t(r)).join('\n'));
    return 0;
  }
  const rows = guides.map((g) => ({
    company: { slug: g.meta.company, name: g.meta.companyName },
    role: { slug: g.meta.role, name: g.meta.roleName },
    regions: g.meta.bands.map((b) => b.region),
    asOf: g.meta.lastUpdated,
    path: g.path,
  }));
  if (ctx.json) ctx.out(JSON.stringify({ guides: rows }, null, 2));
  else if (rows.length) {
    ctx.out(
      renderTable(
        [['Company', 'Role', 'Regions', 'As of'], ...rows.map((r) => [r.company.slug, r.role.slug, r.regions.map((x) => t(x)).join(', '), r.asOf ?? '—'])],
        { header: style.dim },
      ),
    );
  }
  return 0;
}
