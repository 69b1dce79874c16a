// --format svg|html for evaluate and compare: the charts (src/render/chart/) and, for HTML, the tables and
// the provenance footer, all from the result objects the text and --json print. The commands load this
// module with a dynamic import, so vega (in ./chart/svg.ts) is in this bundle only.
import type { CompareResult } from '../results/compare.js';
import type { EvaluateResult } from '../offer-evaluation.js';
import { RATING_TEXT, rate } from '../comp/evaluation.js';
import { beyondRange } from '../comp/bands.js';
import { formatMoney, formatPercent } from '../comp/money.js';
import {
  compareCharts,
  evaluateCharts,
  evaluateLabel,
  tiedLabels,
  type Chart,
  type ComparedBand,
} from './chart/specs.js';
import { renderChartsSvg, renderChartSvg } from './chart/svg.js';
import { compareRows } from './compare.js';
import { positionText } from '../comp/position.js';
import { escapeHtml, renderFigure, renderHtmlPage, renderHtmlTable, type Cell, type Provenance } from './html.js';

export type PictureFormat = 'svg' | 'html';
export type { Provenance } from './html.js';

const num = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, num: true, ...extra });

async function figures(charts: Chart[], id: string): Promise<string[]> {
  const out: string[] = [];
  for (const [i, chart] of charts.entries())
    out.push(renderFigure(await renderChartSvg(chart, `${id}${i + 1}`), chart.name));
  return out;
}

// ---- evaluate -------------------------------------------------------------------------------------

function evaluateTitle(r: EvaluateResult): string {
  const parts = [r.company.name, r.role.name, r.region];
  if (r.level) parts.push(`level ${r.level.company}`);
  return parts.join(' · ');
}

/** The verdict a shared page may carry: without --show-floor it rates against the band only (the floor is private). */
export function shareableVerdict(r: EvaluateResult, showFloor: boolean): string {
  if (showFloor || r.rating !== 'below-floor') return r.verdict;
  const rating = rate(r.positions.totalComp ?? 0, false);
  const head = `${RATING_TEXT[rating]} (annual TC ${formatMoney(r.annualTC, r.currency)}, ${formatPercent(r.positions.totalComp ?? 0)} of the band)`;
  // The verdict's other parts: the target (kept), the floor (dropped).
  const rest = r.verdict
    .split('; ')
    .slice(1)
    .filter((p) => !/floor/.test(p));
  return [head, ...rest].join('; ');
}

function evaluateTables(r: EvaluateResult, showFloor: boolean): string[] {
  const c = r.currency;
  const m = (n: number) => formatMoney(n, c);
  const withRefresher = r.withRefresher !== null;
  const n = r.years.length;
  const expected = (r as { expectedTotal?: unknown }).expectedTotal;
  // Raises and stock growth (assumptions, outside the total) get their columns when the offer has any.
  const assumed = r.years.some((y) => y.raise || y.growth);
  const years = renderHtmlTable({
    caption: 'Year by year (the total counts base, bonus, stock and one-time items; refreshers are outside it)',
    cls: 'years',
    head: [
      'Year',
      num('Base'),
      num('Bonus'),
      num('Stock'),
      num('One-time'),
      num('Total'),
      ...(withRefresher ? [num('Refresher'), num('With refresher')] : []),
      ...(assumed ? [num('Raises'), num('Stock growth'), num('Expected')] : []),
    ],
    rows: r.years.map((y) => [
      String(y.year),
      num(m(y.base)),
      num(m(y.bonus)),
      num(m(y.stock)),
      num(y.oneTime ? m(y.oneTime) : '—'),
      num(m(y.total), { cls: 'total' }),
      ...(withRefresher ? [num(m(y.refresher)), num(m(y.totalWithRefresher))] : []),
      ...(assumed ? [num(m(y.raise)), num(m(y.growth)), num(m(y.expectedTotal), { cls: 'expected' })] : []),
    ]),
  });
  const summary = renderHtmlTable({
    caption: 'Summary',
    cls: 'summary',
    head: ['', num('Amount')],
    rows: [
      ['First year', num(m(r.firstYear), { cls: 'first-year' })],
      [`${n}-year average`, num(m(r.average), { cls: 'average' })],
      ['Recurring average (no one-time items)', num(m(r.recurringAverage), { cls: 'recurring-average' })],
      ['Annual TC', num(m(r.annualTC), { cls: 'annual-tc' })],
      [`${n}-year total`, num(m(r.total), { cls: 'n-year-total' })],
      // Once the offer model gives one (raises, growth, refreshers): what rests on those assumptions, apart.
      ...(typeof expected === 'number' && Math.round(expected) !== Math.round(r.total)
        ? [[`${n}-year expected total (rests on assumptions)`, num(m(expected), { cls: 'expected-total' })]]
        : []),
    ],
  });
  const b = r.band;
  const stockYears = b.stock?.years ?? r.vesting.years;
  // The position in words, as the text output says it (outside the band: how far past which edge).
  const pos = (p: number | null, value: number, low: number, high: number) =>
    positionText(p, beyondRange(value, { low, high }), c);
  const range = (low: number, high: number) => `${m(low)} – ${m(high)}`;
  const stockPerYear = Math.round(r.stockPerYear);
  const targetOf = (f: EvaluateResult['target'] | EvaluateResult['floor'], pick: 'base' | 'stock' | 'annualTC') => {
    if (!f) return '—';
    const v = pick === 'stock' ? (f.stock === null ? null : Math.round(f.stock / f.stockYears)) : f[pick];
    return v === null ? '—' : m(v);
  };
  const marks = [...(r.target ? ['target'] : []), ...(showFloor && r.floor ? ['floor'] : [])] as ('target' | 'floor')[];
  const markHead = marks.map((k) => num(k === 'target' ? "Guide's target" : 'Walk-away floor'));
  const markCells = (pick: 'base' | 'stock' | 'annualTC') =>
    marks.map((k) => num(targetOf(k === 'target' ? r.target : r.floor, pick)));
  const band = renderHtmlTable({
    caption: `Band: ${r.region}${r.level ? `, level ${r.level.company} (an estimated slice)` : ''}${r.asOf ? `, as of ${r.asOf}` : ''}`,
    cls: 'positions',
    head: ['', num('Offer'), num('Band'), num('Position'), ...markHead],
    rows: [
      [
        'Base',
        num(m(r.offer.base)),
        num(range(b.base.low, b.base.high)),
        num(pos(r.positions.base, r.offer.base, b.base.low, b.base.high)),
        ...markCells('base'),
      ],
      [
        'Stock per year',
        num(m(stockPerYear)),
        num(b.stock ? range(Math.round(b.stock.low / stockYears), Math.round(b.stock.high / stockYears)) : '—'),
        num(
          b.stock
            ? pos(
                r.positions.stock,
                stockPerYear,
                Math.round(b.stock.low / stockYears),
                Math.round(b.stock.high / stockYears),
              )
            : '—',
        ),
        ...markCells('stock'),
      ],
      [
        'Annual TC',
        num(m(r.annualTC)),
        num(range(b.annualTC.low, b.annualTC.high)),
        num(pos(r.positions.totalComp, r.annualTC, b.annualTC.low, b.annualTC.high)),
        ...markCells('annualTC'),
      ],
    ],
  });
  const out = [years, summary, band];
  if (r.scenarios.length) {
    out.push(
      renderHtmlTable({
        caption: 'Stock-price scenarios',
        cls: 'scenarios',
        head: ['Stock change', num('First year'), num(`${n}-year average`), num('Recurring average'), num('Annual TC')],
        rows: r.scenarios.map((s) => [
          `${s.stockChangePct > 0 ? '+' : ''}${s.stockChangePct}%`,
          num(m(s.firstYear)),
          num(m(s.average)),
          num(m(s.recurringAverage)),
          num(m(s.annualTC)),
        ]),
      }),
    );
  }
  return out;
}

function offerLine(r: EvaluateResult): string {
  const c = r.currency;
  const o = r.offer;
  const parts = [`base ${formatMoney(o.base, c)}`];
  if (o.stock)
    parts.push(
      `stock ${formatMoney(o.stock, c)} over ${r.vesting.years} years (${r.vesting.schedule}${r.vesting.cliffMonths ? `, ${r.vesting.cliffMonths}-month cliff` : ''})`,
    );
  if (o.bonusPct) parts.push(`bonus ${formatPercent(o.bonusPct)}`);
  if (o.signOn.length) parts.push(`sign-on ${o.signOn.map((s) => formatMoney(s, c)).join(' + ')}`);
  if (o.refresher) parts.push(`refresher ${formatMoney(o.refresher, c)} a year`);
  return `Offer: ${parts.join(' · ')}. Amounts in ${c}.`;
}

export async function renderEvaluatePicture(
  r: EvaluateResult,
  format: PictureFormat,
  opts: { showFloor: boolean; provenance: Provenance },
): Promise<string> {
  const charts = evaluateCharts(r, { showFloor: opts.showFloor });
  const title = `${evaluateLabel(r) === r.company.name ? '' : `${evaluateLabel(r)}: `}${evaluateTitle(r)}`;
  if (format === 'svg')
    return renderChartsSvg(charts, 'evaluate', title, charts.map((c) => `${c.title}. ${c.description}`).join(' '));
  const [years, positions] = await figures(charts, 'evaluate');
  const [yearTable, summary, band, ...more] = evaluateTables(r, opts.showFloor);
  const body = [
    `<p class="verdict">Verdict: ${escapeHtml(shareableVerdict(r, opts.showFloor))}</p>`,
    `<p>${escapeHtml(offerLine(r))}</p>`,
    '<h2>Year by year</h2>',
    years,
    yearTable,
    summary,
    '<h2>Position in the band</h2>',
    positions,
    band,
    ...more,
  ];
  return renderHtmlPage({ title, lead: 'An offer against its band, year by year.', body, provenance: opts.provenance });
}

// ---- compare --------------------------------------------------------------------------------------

function bestLine(r: CompareResult): string {
  const tied = tiedLabels(r);
  const best = r.offers.find((o) => o.label === r.best)!;
  if (tied.length > 1)
    return `Tie over ${r.years} years: ${tied.join(' and ')} (${formatMoney(best.total, r.currency)} each, guaranteed)`;
  return `Best over ${r.years} years: ${r.best} (${formatMoney(best.total, r.currency)}, guaranteed)`;
}

function compareTable(r: CompareResult): string {
  const tied = tiedLabels(r);
  const head: Cell[] = r.offers.map((o) => num(o.label));
  const rows = compareRows(r).map((row) => {
    const isTotal = row.metric === `${r.years}-yr total`;
    const cells = row.values.map((v, i): Cell => {
      const label = r.offers[i].label;
      const text =
        v === null
          ? '—'
          : typeof v === 'string'
            ? v
            : row.kind === 'money'
              ? formatMoney(v, r.currency)
              : row.kind === 'percent'
                ? formatPercent(v)
                : String(v);
      const mark = isTotal
        ? tied.includes(label)
          ? 'tie'
          : label === r.best
            ? '★ best'
            : r.close.includes(label)
              ? 'close (within 2%)'
              : undefined
        : undefined;
      return { text, num: row.kind !== 'text', mark, cls: isTotal ? 'total' : undefined };
    });
    return [row.metric, ...cells];
  });
  return renderHtmlTable({
    caption: `Side by side (amounts in ${r.currency}; the total is guaranteed: refreshers and other assumptions are outside it; † expected: the total plus raises, stock growth and refreshers; ‡ with benefits too)`,
    cls: 'compare',
    head: ['', ...head],
    rows,
  });
}

export async function renderComparePicture(
  r: CompareResult,
  format: PictureFormat,
  opts: { bands: Map<string, ComparedBand>; provenance: Provenance },
): Promise<string> {
  const charts = compareCharts(r, opts.bands);
  const title = `Offers compared: ${r.offers.map((o) => o.label).join(', ')}`;
  if (format === 'svg')
    return renderChartsSvg(charts, 'compare', title, charts.map((c) => `${c.title}. ${c.description}`).join(' '));
  const [years, totals, positions] = await figures(charts, 'compare');
  const body = [
    `<p class="verdict">${escapeHtml(bestLine(r))}</p>`,
    '<h2>Totals</h2>',
    totals,
    '<h2>Year by year</h2>',
    years,
    compareTable(r),
  ];
  if (positions) body.push('<h2>Position in the band</h2>', positions);
  return renderHtmlPage({
    title,
    lead: `${r.offers.length} offers over ${r.years} years, in ${r.currency}.`,
    body,
    provenance: opts.provenance,
  });
}
