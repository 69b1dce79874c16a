// The pictures' Vega-Lite specs, built from evaluate's and compare's result objects (the same ones the
// tables and --json print), so a chart cannot say another figure than the text. Pure: no vega here
// (src/render/chart/svg.ts renders them), and every amount a chart labels is formatted by comp/money.
import type { CompareResult } from '../../results/compare.js';
import type { EvaluateResult } from '../../offer-evaluation.js';
import { beyondRange } from '../../comp/bands.js';
import { formatCompact, formatMoney, formatPercent } from '../../comp/money.js';
import type { YearRow } from '../../comp/offer.js';
import { positionText } from '../../comp/position.js';

/** One chart: its spec, and the title and description a screen reader announces. */
export interface Chart {
  /** A short stable name: ids and file names are made from it. */
  name: string;
  title: string;
  description: string;
  spec: Record<string, unknown>;
}

/** The parts of a year, bottom to top: the guaranteed ones (in the totals), then the assumed ones (outside). */
export const PARTS = [
  { key: 'base', name: 'Base', guaranteed: true },
  { key: 'bonus', name: 'Bonus', guaranteed: true },
  { key: 'stock', name: 'Stock', guaranteed: true },
  { key: 'oneTime', name: 'One-time', guaranteed: true },
  { key: 'refresher', name: 'Refresher (not in total)', guaranteed: false },
  { key: 'raise', name: 'Raises (not in total)', guaranteed: false },
  { key: 'growth', name: 'Stock growth (not in total)', guaranteed: false },
] as const;

export type PartKey = (typeof PARTS)[number]['key'];

/**
 * Each part's fill: a colour-blind-safe colour (Okabe–Ito) and a pattern, so parts differ by more than
 * colour. `url(#…)` names the patterns svg.ts defines in every SVG it writes (PATTERN_ID_PREFIX + key).
 */
export const PATTERN_ID_PREFIX = 'negotiate-pattern-';
export const PART_STYLE: Record<
  PartKey,
  { color: string; pattern: 'solid' | 'stripes' | 'dots' | 'cross' | 'hatch' | 'rings' | 'waves' }
> = {
  base: { color: '#0072B2', pattern: 'solid' },
  bonus: { color: '#E69F00', pattern: 'stripes' },
  stock: { color: '#009E73', pattern: 'dots' },
  oneTime: { color: '#CC79A7', pattern: 'cross' },
  refresher: { color: '#56B4E9', pattern: 'hatch' },
  raise: { color: '#D55E00', pattern: 'rings' },
  growth: { color: '#999933', pattern: 'waves' },
};
const fillOf = (key: PartKey) =>
  PART_STYLE[key].pattern === 'solid' ? PART_STYLE[key].color : `url(#${PATTERN_ID_PREFIX}${key})`;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/** Shared look: system fonts only (no font is fetched), a plain background the HTML's CSS can restyle. */
const CONFIG = {
  background: 'white',
  font: FONT,
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 11,
    labelColor: '#333',
    titleColor: '#333',
    gridColor: '#e3e3e3',
    domainColor: '#888',
    tickColor: '#888',
  },
  legend: {
    labelFontSize: 11,
    titleFontSize: 11,
    labelColor: '#333',
    titleColor: '#333',
    symbolStrokeColor: '#333',
    symbolStrokeWidth: 0.5,
  },
  header: { labelFontSize: 12, labelFontWeight: 'bold', labelColor: '#222', titleColor: '#222' },
  title: { fontSize: 14, color: '#222', anchor: 'start', subtitleColor: '#555', subtitleFontSize: 11 },
  text: { color: '#222' },
};

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** A year row as charts read it: today's fields, and the assumed ones the offer model may add (raise, growth). */
type YearLike = Pick<YearRow, 'year' | 'base' | 'bonus' | 'stock' | 'oneTime' | 'total'> &
  Partial<Pick<YearRow, 'refresher' | 'raise' | 'growth' | 'expectedTotal'>>;

interface OfferYears {
  label: string;
  years: YearLike[];
}

/** The rows of the year-by-year bars: one per offer, year and non-zero part, in stacking order. */
export function yearBarRows(offers: OfferYears[], currency: string) {
  const rows: Record<string, string | number | boolean>[] = [];
  for (const o of offers) {
    for (const y of o.years) {
      PARTS.forEach((p, order) => {
        const amount = (y as unknown as Record<string, number | undefined>)[p.key] ?? 0;
        if (!amount) return;
        rows.push({
          kind: 'part',
          offer: o.label,
          year: `Year ${y.year}`,
          part: p.name,
          order,
          amount,
          description: `${o.label}, year ${y.year}: ${p.name.toLowerCase()} ${formatMoney(amount, currency)}`,
        });
      });
      const assumed = PARTS.filter((p) => !p.guaranteed).reduce(
        (a, p) => a + ((y as unknown as Record<string, number | undefined>)[p.key] ?? 0),
        0,
      );
      rows.push({
        kind: 'total',
        offer: o.label,
        year: `Year ${y.year}`,
        top: y.total + assumed,
        total: y.total,
        text: assumed
          ? `${formatCompact(y.total, currency)} + ${formatCompact(assumed, currency)}`
          : formatCompact(y.total, currency),
        description: `${o.label}, year ${y.year}: total ${formatMoney(y.total, currency)}${assumed ? `, and ${formatMoney(assumed, currency)} assumed outside it` : ''}`,
      });
    }
  }
  return rows;
}

/** The parts present, for the legend (a part no year has is left out). */
function presentParts(rows: Record<string, unknown>[]) {
  return PARTS.filter((p) => rows.some((r) => r.part === p.name));
}

/** Stacked bars, year by year: the guaranteed parts make the total; assumed parts sit above it, hatched. */
function yearBarLayers(rows: Record<string, unknown>[], currency: string) {
  const parts = presentParts(rows);
  return [
    {
      transform: [{ filter: "datum.kind === 'part'" }],
      mark: { type: 'bar', stroke: '#333', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'year', type: 'ordinal', title: null, sort: null, axis: { labelAngle: 0 } },
        y: {
          field: 'amount',
          type: 'quantitative',
          stack: 'zero',
          title: `Amount (${currency})`,
          axis: { format: '~s' },
        },
        order: { field: 'order', type: 'quantitative' },
        fill: {
          field: 'part',
          type: 'nominal',
          title: null,
          sort: parts.map((p) => p.name),
          scale: { domain: parts.map((p) => p.name), range: parts.map((p) => fillOf(p.key)) },
          legend: {
            orient: 'bottom',
            direction: 'horizontal',
            columns: 3,
            symbolType: 'square',
            symbolSize: 160,
            labelLimit: 240,
            columnPadding: 14,
          },
        },
        strokeDash: {
          condition: { test: "indexof(datum.part, 'not in total') >= 0", value: [3, 2] },
          value: [1, 0],
        },
        description: { field: 'description' },
      },
    },
    {
      transform: [{ filter: "datum.kind === 'total'" }],
      mark: { type: 'text', dy: -6, fontSize: 11, fontWeight: 'bold' },
      encoding: {
        x: { field: 'year', type: 'ordinal', sort: null },
        y: { field: 'top', type: 'quantitative' },
        text: { field: 'text' },
        description: { field: 'description' },
      },
    },
  ];
}

const yearsTitle = (n: number) => `Year by year (${n} ${n === 1 ? 'year' : 'years'})`;
const PARTS_NOTE =
  "Stacked: base, bonus, stock, one-time (sign-on) make each year's total; hatched parts with dashed edges (refreshers) are outside the total.";

/** evaluate: the offer's years as stacked bars. */
export function evaluateYearsChart(r: Pick<EvaluateResult, 'years' | 'currency' | 'total'> & { label: string }): Chart {
  const rows = yearBarRows([{ label: r.label, years: r.years }], r.currency);
  const title = yearsTitle(r.years.length);
  return {
    name: 'years',
    title,
    description: `${PARTS_NOTE} ${r.years.map((y) => `Year ${y.year}: ${formatMoney(y.total, r.currency)}`).join('; ')}. ${r.years.length}-year total ${formatMoney(r.total, r.currency)}.`,
    spec: {
      $schema: SCHEMA,
      title: { text: title, subtitle: 'Totals above the bars; hatched, dashed: outside the total' },
      description: title,
      config: CONFIG,
      data: { values: rows },
      width: Math.max(240, 110 * r.years.length),
      height: 260,
      layer: yearBarLayers(rows, r.currency),
    },
  };
}

/** compare: every offer's years, side by side on one scale. */
export function compareYearsChart(r: Pick<CompareResult, 'offers' | 'currency' | 'years'>): Chart {
  const rows = yearBarRows(r.offers, r.currency);
  const title = yearsTitle(r.years);
  return {
    name: 'years',
    title,
    description: `${PARTS_NOTE} All offers on one scale. ${r.offers.map((o) => `${o.label}: ${o.years.map((y) => formatMoney(y.total, r.currency)).join(', ')}`).join('; ')}.`,
    spec: {
      $schema: SCHEMA,
      title: { text: title, subtitle: 'All offers on one scale; hatched, dashed: outside the total' },
      description: title,
      config: CONFIG,
      data: { values: rows },
      facet: {
        column: {
          field: 'offer',
          type: 'nominal',
          title: null,
          sort: r.offers.map((o) => o.label),
          header: { labelLimit: 200 },
        },
      },
      spec: { width: Math.max(150, 58 * r.years), height: 240, layer: yearBarLayers(rows, r.currency) },
      resolve: { scale: { y: 'shared' } },
    },
  };
}

/** Who is best, who ties: compare's own `tied` when the result has it, else equal totals at the whole unit. */
export function tiedLabels(r: Pick<CompareResult, 'offers' | 'best'> & { tied?: string[] }): string[] {
  if (Array.isArray(r.tied)) return r.tied;
  const best = r.offers.find((o) => o.label === r.best);
  if (!best) return [];
  const tied = r.offers.filter((o) => Math.round(o.total) === Math.round(best.total)).map((o) => o.label);
  return tied.length > 1 ? tied : [];
}

/** compare: the N-year totals (guaranteed) on one scale; the best or the tie said in words; expected totals as a second mark. */
export function compareTotalsChart(
  r: Pick<CompareResult, 'offers' | 'currency' | 'years' | 'best'> & { tied?: string[] },
): Chart {
  const tied = tiedLabels(r);
  const c = r.currency;
  const rows = r.offers.map((o) => {
    const given = (o as { expectedTotal?: number }).expectedTotal;
    const expected = typeof given === 'number' && Math.round(given) !== Math.round(o.total) ? given : null;
    const mark = tied.includes(o.label) ? '= tie for best' : o.label === r.best ? '★ best' : '';
    return {
      offer: o.label,
      total: o.total,
      expected,
      // The label sits past the bar and the expected mark, whichever ends further right.
      labelAt: Math.max(o.total, expected ?? o.total),
      text: `${formatMoney(o.total, c)}${mark ? `  ${mark}` : ''}${expected === null ? '' : `  (expected ${formatMoney(expected, c)})`}`,
      rank: mark ? 'best' : 'other',
      description: `${o.label}: ${r.years}-year total ${formatMoney(o.total, c)}${mark ? ` (${mark.slice(2)})` : ''}`,
      ...(expected === null
        ? {}
        : {
            expectedDescription: `${o.label}: expected ${r.years}-year total ${formatMoney(expected, c)} (rests on assumptions)`,
          }),
    };
  });
  const withExpected = rows.filter((x) => x.expected !== null);
  const title = `${r.years}-year total (guaranteed)`;
  const y = {
    field: 'offer',
    type: 'nominal',
    title: null,
    sort: r.offers.map((o) => o.label),
    axis: { labelLimit: 200 },
  };
  const layer: Record<string, unknown>[] = [
    {
      mark: { type: 'bar', stroke: '#333', height: { band: 0.6 } },
      encoding: {
        y,
        x: { field: 'total', type: 'quantitative', title: `Amount (${c})`, axis: { format: '~s' } },
        fill: {
          field: 'rank',
          type: 'nominal',
          scale: { domain: ['best', 'other'], range: ['#0072B2', '#9ab7cf'] },
          legend: null,
        },
        strokeWidth: {
          field: 'rank',
          type: 'ordinal',
          sort: ['best', 'other'],
          scale: { domain: ['best', 'other'], range: [2, 0.5] },
          legend: null,
        },
        description: { field: 'description' },
      },
    },
    {
      mark: { type: 'text', align: 'left', dx: 10, fontSize: 11, fontWeight: 'bold' },
      encoding: { y, x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'text' } },
    },
  ];
  if (withExpected.length) {
    layer.push(
      {
        transform: [{ filter: 'datum.expected != null' }],
        mark: { type: 'rule', strokeDash: [4, 3], color: '#D55E00', strokeWidth: 1.5 },
        encoding: { y, x: { field: 'total', type: 'quantitative' }, x2: { field: 'expected' } },
      },
      {
        transform: [{ filter: 'datum.expected != null' }],
        mark: { type: 'point', shape: 'diamond', filled: false, size: 140, strokeWidth: 2, color: '#D55E00' },
        encoding: { y, x: { field: 'expected', type: 'quantitative' }, description: { field: 'expectedDescription' } },
      },
    );
  }
  const subtitle = [
    'Bars: the guaranteed total (refreshers and other assumptions outside it)',
    withExpected.length ? '◇ dashed: expected total (rests on assumptions)' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    name: 'totals',
    title,
    description: `${rows.map((x) => x.description).join('; ')}.${withExpected.length ? ` ${withExpected.map((x) => (x as { expectedDescription?: string }).expectedDescription).join('; ')}.` : ''}`,
    spec: {
      $schema: SCHEMA,
      title: { text: title, subtitle },
      description: title,
      config: CONFIG,
      data: { values: rows },
      width: 420,
      height: { step: 34 },
      padding: { right: withExpected.length ? 270 : 160, left: 5, top: 5, bottom: 5 },
      layer,
    },
  };
}

/** One band-position row: a component of one offer against its band, with the guide's marks when drawn. */
export interface PositionRow {
  offer: string;
  component: string;
  low: number;
  high: number;
  value: number;
  position: number | null;
  target?: number | null;
  floor?: number | null;
}

export const COMPONENTS = ['Base', 'Stock per year', 'Annual TC'] as const;

function positionData(rows: PositionRow[], currency: string) {
  return rows.map((p) => {
    const what = `${p.offer}, ${p.component}`;
    // Outside the band, the position in words as the tables say it ("£30K (17.6%) above the top").
    const beyond = beyondRange(p.value, p);
    return {
      ...p,
      valueText: `${formatCompact(p.value, currency)}${p.position === null ? '' : ` (${positionText(p.position, beyond, currency, { compact: true })})`}`,
      bandDescription: `${what}: band ${formatMoney(p.low, currency)} to ${formatMoney(p.high, currency)}`,
      description: `${what}: offer ${formatMoney(p.value, currency)}${p.position === null ? '' : beyond ? `, ${positionText(p.position, beyond, currency)}` : `, ${formatPercent(p.position)} of the band`}`,
      ...(p.target == null ? {} : { targetDescription: `${what}: guide's target ${formatMoney(p.target, currency)}` }),
      ...(p.floor == null ? {} : { floorDescription: `${what}: walk-away floor ${formatMoney(p.floor, currency)}` }),
    };
  });
}

/** Band positions: each component's band as a range, the offer marked; a target tick and a floor tick where given. */
export function positionsChart(
  rows: PositionRow[],
  currency: string,
  opts: { offers: string[]; marks: ('target' | 'floor')[] },
): Chart {
  const data = positionData(rows, currency);
  const hasTarget = opts.marks.includes('target') && rows.some((r) => r.target != null);
  const hasFloor = opts.marks.includes('floor') && rows.some((r) => r.floor != null);
  const y = { field: 'offer', type: 'nominal', title: null, sort: opts.offers, axis: { labelLimit: 160 } };
  const layer: Record<string, unknown>[] = [
    {
      mark: { type: 'bar', height: { band: 0.55 }, fill: '#cfe3f2', stroke: '#0072B2', strokeWidth: 1 },
      encoding: {
        y,
        x: {
          field: 'low',
          type: 'quantitative',
          title: null,
          axis: { format: '~s' },
          scale: { zero: false, padding: 14 },
        },
        x2: { field: 'high' },
        description: { field: 'bandDescription' },
      },
    },
  ];
  if (hasTarget) {
    layer.push({
      transform: [{ filter: 'datum.target != null' }],
      mark: { type: 'point', shape: 'triangle-down', filled: true, size: 110, color: '#009E73', yOffset: -11 },
      encoding: { y, x: { field: 'target', type: 'quantitative' }, description: { field: 'targetDescription' } },
    });
  }
  if (hasFloor) {
    layer.push({
      transform: [{ filter: 'datum.floor != null' }],
      mark: { type: 'tick', color: '#D55E00', thickness: 2.5, strokeDash: [3, 2], bandSize: 26 },
      encoding: { y, x: { field: 'floor', type: 'quantitative' }, description: { field: 'floorDescription' } },
    });
  }
  layer.push(
    {
      mark: {
        type: 'point',
        shape: 'diamond',
        filled: true,
        size: 150,
        color: '#222',
        stroke: 'white',
        strokeWidth: 1,
      },
      encoding: { y, x: { field: 'value', type: 'quantitative' }, description: { field: 'description' } },
    },
    {
      mark: { type: 'text', dy: 17, fontSize: 10, color: '#222' },
      encoding: { y, x: { field: 'value', type: 'quantitative' }, text: { field: 'valueText' } },
    },
  );
  const keys = ['shaded: the band, low to high', '◆ the offer (its % of the band)'];
  if (hasTarget) keys.push("▼ the guide's target");
  if (hasFloor) keys.push('dashed tick: walk-away floor');
  const title = 'Position in the band';
  const said = data.map(
    (d) =>
      `${d.description}; ${d.bandDescription.split(': ')[1]}${d.targetDescription ? `; target ${formatMoney(d.target!, currency)}` : ''}${d.floorDescription ? `; floor ${formatMoney(d.floor!, currency)}` : ''}`,
  );
  return {
    name: 'positions',
    title,
    description: `${keys.join('; ')}. ${said.join('. ')}.`,
    spec: {
      $schema: SCHEMA,
      title: { text: title, subtitle: keys.join(' · ') },
      description: title,
      config: CONFIG,
      data: { values: data },
      // One panel per component, each on its own money scale (concatenated views keep their own scales).
      spacing: 14,
      vconcat: COMPONENTS.filter((c) => rows.some((r) => r.component === c)).map((component) => ({
        title: { text: component, fontSize: 12, subtitle: null },
        transform: [{ filter: { field: 'component', equal: component } }],
        width: 380,
        height: { step: 44 },
        layer,
      })),
    },
  };
}

/** evaluate's positions: base, stock per year and annual TC against the band, the same figures as its table. */
export function evaluatePositionRows(r: EvaluateResult, opts: { label: string; showFloor: boolean }): PositionRow[] {
  const b = r.band;
  const o = r.offer;
  const stockYears = b.stock?.years ?? r.vesting.years;
  const perYear = (n: number | null, years: number) => (n === null ? null : Math.round(n / years));
  const rows: PositionRow[] = [
    {
      offer: opts.label,
      component: 'Base',
      low: b.base.low,
      high: b.base.high,
      value: o.base,
      position: r.positions.base,
      target: r.target?.base ?? null,
      floor: opts.showFloor ? (r.floor?.base ?? null) : null,
    },
  ];
  if (b.stock) {
    rows.push({
      offer: opts.label,
      component: 'Stock per year',
      low: Math.round(b.stock.low / stockYears),
      high: Math.round(b.stock.high / stockYears),
      value: Math.round(r.stockPerYear),
      position: r.positions.stock,
      target: r.target ? perYear(r.target.stock, r.target.stockYears) : null,
      floor: opts.showFloor && r.floor ? perYear(r.floor.stock, r.floor.stockYears) : null,
    });
  }
  rows.push({
    offer: opts.label,
    component: 'Annual TC',
    low: b.annualTC.low,
    high: b.annualTC.high,
    value: r.annualTC,
    position: r.positions.totalComp,
    target: r.target?.annualTC ?? null,
    floor: opts.showFloor ? (r.floor?.annualTC ?? null) : null,
  });
  if (!opts.showFloor) for (const row of rows) delete row.floor;
  for (const row of rows) if (row.target == null) delete row.target;
  return rows;
}

/** compare's positions: each offer that names a guide, against its own band (no target, no floor). */
export function comparePositionRows(r: Pick<CompareResult, 'offers'>, bands: Map<string, ComparedBand>): PositionRow[] {
  const rows: PositionRow[] = [];
  for (const o of r.offers) {
    const band = bands.get(o.label);
    if (!o.positions || !band) continue;
    rows.push({
      offer: o.label,
      component: 'Base',
      low: band.base.low,
      high: band.base.high,
      value: o.base,
      position: o.positions.base,
    });
    if (band.stockPerYear)
      rows.push({
        offer: o.label,
        component: 'Stock per year',
        low: band.stockPerYear.low,
        high: band.stockPerYear.high,
        value: band.offerStockPerYear,
        position: o.positions.stock,
      });
    if (o.band)
      rows.push({
        offer: o.label,
        component: 'Annual TC',
        low: o.band.low,
        high: o.band.high,
        value: o.annualTC,
        position: o.positions.totalComp,
      });
  }
  return rows;
}

/** A compared offer's band in the output currency (compare's result carries only its annual-TC range). */
export interface ComparedBand {
  base: { low: number; high: number };
  stockPerYear: { low: number; high: number } | null;
  offerStockPerYear: number;
}

/** The label evaluate's charts give the offer: its own label, else the company. */
export function evaluateLabel(r: EvaluateResult): string {
  return r.offer.label ?? r.company.name;
}

/** Every chart of an evaluation; the floor only when asked. */
export function evaluateCharts(r: EvaluateResult, opts: { showFloor: boolean }): Chart[] {
  const label = evaluateLabel(r);
  const rows = evaluatePositionRows(r, { label, showFloor: opts.showFloor });
  return [
    evaluateYearsChart({ ...r, label }),
    positionsChart(rows, r.currency, { offers: [label], marks: opts.showFloor ? ['target', 'floor'] : ['target'] }),
  ];
}

/** Every chart of a comparison: the years, the totals, and band positions where offers name a guide. */
export function compareCharts(r: CompareResult, bands: Map<string, ComparedBand>): Chart[] {
  const charts = [compareYearsChart(r), compareTotalsChart(r)];
  const rows = comparePositionRows(r, bands);
  if (rows.length)
    charts.push(
      positionsChart(rows, r.currency, {
        offers: r.offers.filter((o) => rows.some((x) => x.offer === o.label)).map((o) => o.label),
        marks: [],
      }),
    );
  return charts;
}
