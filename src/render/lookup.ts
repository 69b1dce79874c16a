// The human form of `lookup`: a table per guide with compact money and a range bar per band.
import type { LookupResult } from '../results/lookup.js';
import type { BandJson } from '../comp/bands.js';
import type { LevelJson } from '../comp/level-match.js';
import { formatCompact, formatPercent } from '../comp/money.js';
import { rateLine } from './rates.js';
import { renderRangeBar, renderTable } from './table.js';
import type { Style } from './terminal.js';
import { cleanTerminalText as t, escapeName } from '../text/escape.js';

export const compactRange = (r: { low: number; high: number } | null, currency: string) =>
  r ? `${formatCompact(r.low, currency)}–${formatCompact(r.high, currency)}` : '—';

/** Annual-TC bars on one scale per currency, so bands in the same currency compare by eye. */
function totalBars(bands: BandJson[]): string[] {
  const max = new Map<string, number>();
  for (const b of bands) max.set(b.currency, Math.max(max.get(b.currency) ?? 0, b.annualTC.high));
  return bands.map((b) => renderRangeBar(b.annualTC.low, b.annualTC.high, 0, max.get(b.currency)! * 1.05, 16));
}

/** A stated total that differs from the annual TC by more than this percentage at either end is shown beside it. */
export const STATED_TOTAL_SHOWN_PCT = 5;

const pctDiff = (stated: number, computed: number) =>
  computed === 0 ? (stated === 0 ? 0 : 100) : ((stated - computed) / computed) * 100;
const signedPct = (p: number) => `${p >= 0 ? '+' : '−'}${Math.round(Math.abs(p))}%`;

/** "£205K–£288K (+13%, +15%)": the guide's own total and how far each end is from the annual TC; null when close. */
export function statedTotalCell(b: BandJson): string | null {
  if (!b.totalComp) return null;
  const low = pctDiff(b.totalComp.low, b.annualTC.low);
  const high = pctDiff(b.totalComp.high, b.annualTC.high);
  if (Math.abs(low) <= STATED_TOTAL_SHOWN_PCT && Math.abs(high) <= STATED_TOTAL_SHOWN_PCT) return null;
  return `${compactRange(b.totalComp, b.currency)} (${signedPct(low)}, ${signedPct(high)})`;
}

/** "* L4 (Google L5): estimated from the L3–L5 band, one equal slice per level". */
function levelNote(level: LevelJson): string {
  // A bare own level ("L4") needs no echo; anything else says which level it came from.
  const bare = level.asked.trim().toLowerCase() === level.company.toLowerCase();
  const asked = bare
    ? ''
    : ` (${t(level.from.company)} ${t(level.from.level)}${level.approximate ? ', approximately' : ''})`;
  return `* level ${t(level.company)}${asked}: estimated from the ${t(level.range[0])}–${t(level.range[1])} band, one equal slice per level`;
}

export function renderLookup(result: LookupResult, style: Style): string {
  const years = result.bands.find((b) => b.stock)?.stock?.years;
  const bars = totalBars(result.bands);
  const stated = result.bands.map(statedTotalCell);
  const showStated = stated.some((x) => x !== null);
  const rows = [
    [
      'Region',
      'Base',
      years ? `Stock (${years} yr grant)` : 'Stock',
      'Bonus',
      'Annual TC',
      ...(showStated ? ['Stated total'] : []),
      '',
    ],
    ...result.bands.map((b, i) => [
      t(b.region) + (b.estimated ? '*' : ''),
      compactRange(b.base, b.currency),
      compactRange(b.stock, b.currency),
      b.bonusPct === null ? '—' : formatPercent(b.bonusPct),
      compactRange(b.annualTC, b.currency),
      ...(showStated ? [stated[i] ?? '≈'] : []),
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
  const yearsText = [...new Set(result.bands.map((b) => b.stock?.years ?? null).filter((y) => y !== null))].join('/');
  lines.push(
    style.dim(
      `Annual TC = base + bonus + grant/${yearsText || 'years'}${yearsText ? ' yrs' : ''}: what evaluate, compare and draft rate offers against.`,
    ),
  );
  if (showStated)
    lines.push(
      style.dim(
        `Stated total: the guide's own figure, shown where it differs from the annual TC by more than ${STATED_TOTAL_SHOWN_PCT}% (the difference at each end in brackets; ≈ within it).`,
      ),
    );
  const asOf = result.asOf ? `as of ${result.asOf}` : 'date unknown';
  const sources = result.sources.length ? ` · sources: ${result.sources.map((s) => t(s)).join(', ')}` : '';
  const quality = [
    result.dataQuality && `data quality: ${t(result.dataQuality)}`,
    result.salaryDataQuarter && `salary data: ${t(result.salaryDataQuarter)}`,
  ]
    .filter(Boolean)
    .map((s) => ` · ${s}`)
    .join('');
  const file = result.file ? ` · file: ${escapeName(result.file)}` : '';
  lines.push(
    style.dim(
      `${asOf}${sources}${quality}${result.stale ? (result.reviewDue ? ' · past its review date' : ' · over 12 months old') : ''}${file}`,
    ),
  );
  for (const r of result.rates) lines.push(style.dim(rateLine(r)));
  return lines.join('\n');
}
