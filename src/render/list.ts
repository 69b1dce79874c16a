// The human form of `list`: a table of guides, companies or roles, or one region a line. Empty → "".
import type { ListResult } from '../results/list.js';
import { renderTable } from './table.js';
import type { Style } from './terminal.js';
import { cleanTerminalText as t } from '../text/escape.js';

export function renderList(result: ListResult, style: Style): string {
  const table = (header: string[], rows: string[][]) =>
    rows.length ? renderTable([header, ...rows], { header: style.dim }) : '';
  if ('companies' in result)
    return table(
      ['Company', 'Name'],
      result.companies.map((c) => [c.slug, t(c.name)]),
    );
  if ('roles' in result)
    return table(
      ['Role', 'Name'],
      result.roles.map((r) => [r.slug, t(r.name)]),
    );
  if ('regions' in result) return result.regions.map((r) => t(r)).join('\n');
  return table(
    ['Company', 'Role', 'Regions', 'As of'],
    result.guides.map((g) => [g.company.slug, g.role.slug, g.regions.map((x) => t(x)).join(', '), g.asOf ?? '—']),
  );
}
