// The human form of `lookup`: a table per guide with compact money and a range bar per band.
import type { LookupResult } from '../commands/lookup.js';
import type { BandJson } from '../comp/bands.js';
import type { LevelJson } from '../comp/levels.js';
import { formatCompact, formatPercent } from '../comp/money.js';
import { rateLine } from './rates.js';
import { renderRangeBar, renderTable } from './table.js';
import { cleanTerminalText as t, type Style } from './terminal.js';

export const compactRange = (r: { low: number; high: number } | null, currency: string) =>
  r ? `${formatCompact(r.low, currency)}–${formatCompact(r.high, currency)}` : '—';

/** Total-comp bars on one scale per currency, so bands in the same currency compare by eye. */
function totalBars(bands: BandJson[]): string[] {
  const max = new Map<string, number>();
  for (const b of bands) {
    const hi = b.totalComp?.high ?? b.base.high;
    max.set(b.currency, Math.max(max.get(b.currency) ?? 0, hi));
  }
  return bands.map((b) => {
    const r = b.totalComp ?? b.base;
    return renderRangeBar(r.low, r.high, 0, max.get(b.currency)! * 1.05, 16);
  });
}

/** "* L4 (Google L5): estimated from the L3–L5 band, one equal slice per level". */
function levelNote(level: LevelJson): string {
  // A bare own level ("L4") needs no echo; anything else says which level it came from.
  const bare = level.asked.trim().toLowerCase() === level.company.toLowerCase();
  const asked = bare ? '' : ` (${t(level.from.company)} ${t(level.from.level)}${level.approximate ? ', approximately' : ''})`;
  return `* level ${t(level.company)}${asked}: estimated from the ${t(level.range[0])}–${t(level.range[1])} band, one equal slice per level`;
}

export function renderLookup(result: LookupResult, style: Style): string {
  const years = result.bands.find((b) => b.stock)?.stock?.years;
  const bars = totalBars(result.bands);
  const rows = [
    ['Region', 'Base', years ? `Stock (${years} yr grant)` : 'Stock', 'Bonus', 'Total comp', ''],
    ...result.bands.map((b, i) => [
      t(b.region) + (b.estimated ? '*' : ''),
      compactRange(b.base, b.currency),
      compactRange(b.stock, b.currency),
      b.bonusPct === null ? '—' : formatPercent(b.bonusPct),
      compactRange(b.totalComp, b.currency),
      style.accent(bars[i]),
    ]),
  ];
  const lines = [
    style.bold(`${t(result.company.name)} · ${t(result.role.name)}`),
    '',
    renderTable(rows, { header: style.dim }),
    '',
  ];
  if (result.level) lines.push(levelNote(result.level));
  const asOf = result.asOf ? `as of ${result.asOf}` : 'date unknown';
  const sources = result.sources.length ? ` · sources: ${result.sources.map((s) => t(s)).join(', ')}` : '';
  lines.push(style.dim(`${asOf}${sources}${result.stale ? ' · past its review date' : ''}`));
  for (const r of result.rates) lines.push(style.dim(rateLine(r)));
  return lines.join('\n');
}
