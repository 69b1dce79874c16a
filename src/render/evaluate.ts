// The human form of `evaluate`: the offer year by year, its place in the band, the gaps, the verdict.
import type { EvaluateResult } from '../offer-evaluation.js';
import type { FigureComparison } from '../comp/evaluation.js';
import { formatCompact, formatMoney, formatPercent } from '../comp/money.js';
import type { Beyond } from '../comp/bands.js';
import { describeVesting } from '../comp/vesting.js';
import { compactRange } from './lookup.js';
import { positionText } from '../comp/position.js';
import { rateLine } from './rates.js';
import { renderRangeBar, renderTable } from './table.js';
import type { Style } from './terminal.js';
import { cleanTerminalText as t } from '../text/escape.js';

const BAR_WIDTH = 20;

/** A band with the offer's marker, on a scale that always shows both (half a band-width of margin). */
export function positionBar(low: number, high: number, value: number): string {
  const margin = (high - low) / 2 || Math.max(high, value) * 0.1 || 1;
  return renderRangeBar(low, high, Math.min(low, value) - margin, Math.max(high, value) + margin, BAR_WIDTH, value);
}

/** `beyond` of a whole grant, as the same distance per year (the percentage is the same). */
const perYearBeyond = (b: Beyond | undefined, years: number): Beyond | undefined =>
  b ? { ...b, amount: Math.round(b.amount / years) } : undefined;

/** The position in words (see positionText), red below the band and green above it. */
function positionCell(
  p: number | null,
  beyond: Beyond | null | undefined,
  currency: string,
  style: Style,
  suffix?: string,
): string {
  const text = positionText(p, beyond, currency, { suffix });
  if (!beyond) return text;
  return beyond.edge === 'low' ? style.bad(text) : style.good(text);
}

function signed(amount: number, currency: string): string {
  return amount >= 0 ? `+${formatMoney(amount, currency)}` : `−${formatMoney(-amount, currency)}`;
}

function figureLine(name: string, f: FigureComparison, currency: string, style: Style): string {
  const parts: string[] = [];
  if (f.base !== null) parts.push(`${formatCompact(f.base, currency)} base`);
  if (f.stock !== null) parts.push(`${formatCompact(f.stock, currency)} stock over ${f.stockYears} yrs`);
  if (f.bonusPct !== null && name === 'Target') parts.push(`${formatPercent(f.bonusPct)} bonus`);
  const tc = f.annualTC === null ? '' : ` = ${formatCompact(f.annualTC, currency)} annual TC`;
  const gap =
    f.gap.annualTC === null
      ? ''
      : `   offer ${signed(f.gap.annualTC, currency)}${f.gap.annualTCPct === null ? '' : ` (${f.gap.annualTCPct >= 0 ? '+' : '−'}${formatPercent(Math.abs(f.gap.annualTCPct))})`}`;
  const est = f.estimated ? style.dim(` (estimated from ${t(f.from.region)})`) : '';
  const mark = f.met === false ? style.bad(gap) : style.good(gap);
  return `${name.padEnd(8)}${parts.join(' · ')}${tc}${est}${mark}`;
}

export function renderEvaluation(r: EvaluateResult, style: Style): string {
  const c = r.currency;
  const o = r.offer;
  const money = (n: number) => formatCompact(n, c);
  const head = [t(r.company.name), t(r.role.name), t(r.region)];
  if (r.level)
    head.push(
      `level ${t(r.level.company)}${r.level.asked.toLowerCase() !== r.level.company.toLowerCase() ? ` (${t(r.level.asked)})` : ''}`,
    );

  // An amount given in another currency says so beside its converted figure: "stock £150,376 (USD 200,000)".
  const given = (field: string) => {
    const x = r.converted.find((v) => v.field === field);
    return x ? ` (${formatMoney(x.amount, x.currency)})` : '';
  };
  const offerParts = [`base ${formatMoney(o.base, c)}${given('base')}`];
  if (o.stock)
    offerParts.push(
      `stock ${formatMoney(o.stock, c)}${given('stock')} over ${r.vesting.years} yrs (${r.vesting.schedule}${r.vesting.cliffMonths ? `, ${r.vesting.cliffMonths}-month cliff` : ''})`,
    );
  if (o.bonusPct) offerParts.push(`bonus ${formatPercent(o.bonusPct)}`);
  if (o.signOn.length) offerParts.push(`sign-on ${o.signOn.map((s) => formatMoney(s, c)).join(' + ')}`);
  for (const [i, g] of o.grants.entries()) {
    offerParts.push(
      `grant ${formatMoney(g.amount, c)}${given(`grants[${i + 1}]`)} from year ${g.startYear} (${describeVesting(g.vesting)}${g.cliffMonths ? `, ${g.cliffMonths}-month cliff` : ''})`,
    );
  }
  if (o.bonusAmount !== null) offerParts.push(`bonus ${formatMoney(o.bonusAmount, c)}`);
  if (o.refresher) offerParts.push(`refresher ${formatMoney(o.refresher, c)}/yr`);
  for (const x of o.refreshers) offerParts.push(`refresher ${formatMoney(x.amount, c)} in year ${x.startYear}`);
  if (o.benefits.length)
    offerParts.push(
      `benefits ${formatMoney(
        o.benefits.reduce((sum, x) => sum + x.amount, 0),
        c,
      )}/yr`,
    );

  // The guaranteed columns first; what rests on an assumption follows, each column marked † (and benefits ‡).
  const withRefresher = r.withRefresher !== null;
  const hasRaise = r.years.some((y) => y.raise !== 0);
  const hasGrowth = r.years.some((y) => y.growth !== 0);
  const hasBenefits = r.years.some((y) => y.benefits !== 0);
  const assumed = hasRaise || hasGrowth;
  type Row = EvaluateResult['years'][number];
  const extra: [string, (y: Row) => number][] = [];
  if (withRefresher) extra.push(['Refresher†', (y) => y.refresher]);
  if (withRefresher && !assumed) extra.push(['With refresher†', (y) => y.totalWithRefresher]);
  if (hasRaise) extra.push(['Raise†', (y) => y.raise]);
  if (hasGrowth) extra.push(['Growth†', (y) => y.growth]);
  if (assumed) extra.push(['Expected†', (y) => y.expectedTotal]);
  if (hasBenefits) extra.push(['Benefits‡', (y) => y.benefits]);
  const yearRows = [
    ['Year', 'Base', 'Bonus', 'Stock', 'One-time', 'Total', ...extra.map(([h]) => h)],
    ...r.years.map((y) => [
      String(y.year),
      money(y.base),
      money(y.bonus),
      money(y.stock),
      y.oneTime ? money(y.oneTime) : '—',
      style.bold(money(y.total)),
      ...extra.map(([, pick]) => money(pick(y))),
    ]),
  ];
  const n = r.years.length;
  const summary = [
    [
      'First year',
      `${n}-yr average`,
      'Recurring average',
      'Annual TC',
      `${n}-yr total`,
      ...(withRefresher || assumed ? [`${n}-yr expected†`] : []),
      ...(hasBenefits ? ['With benefits‡'] : []),
    ],
    [
      formatMoney(r.firstYear, c),
      formatMoney(r.average, c),
      formatMoney(r.recurringAverage, c),
      formatMoney(r.annualTC, c),
      formatMoney(r.total, c),
      ...(withRefresher || assumed ? [formatMoney(r.expectedTotal, c)] : []),
      ...(hasBenefits ? [formatMoney(r.withBenefits, c)] : []),
    ],
  ];
  const a = r.assumptions;
  const rates = (xs: number[]) =>
    xs.length === 1 ? `${formatPercent(xs[0])} a year` : xs.map((x) => formatPercent(x)).join(', ');
  const assumedParts = [
    ...(a.raise.length ? [`raise ${rates(a.raise)} from year 2`] : []),
    ...(a.stockGrowth.length ? [`share price ${rates(a.stockGrowth)} from each grant`] : []),
    ...(withRefresher ? ['refreshers as given'] : []),
  ];
  const footnotes = [
    ...(assumedParts.length
      ? [
          `† assumed, not in the offer: ${assumedParts.join('; ')}${assumed ? '. Expected = total + raise + growth + refresher' : ''}`,
        ]
      : []),
    ...(hasBenefits ? ['‡ benefits, yearly: in "with benefits" only, never in annual TC, positions or rankings'] : []),
  ];

  const b = r.band;
  const stockYears = b.stock?.years ?? r.vesting.years;
  const perYear = (x: { low: number; high: number }) => ({
    low: Math.round(x.low / stockYears),
    high: Math.round(x.high / stockYears),
  });
  const offerStockPerYear = Math.round(r.stockPerYear);
  const bandRows = [
    ['', 'Offer', 'Band', 'Position', ''],
    [
      'Base',
      money(o.base),
      compactRange(b.base, c),
      positionCell(r.positions.base, r.beyond.base, c, style),
      style.accent(positionBar(b.base.low, b.base.high, o.base)),
    ],
    b.stock
      ? [
          'Stock/yr',
          money(offerStockPerYear),
          compactRange(perYear(b.stock), c),
          // The row is per year, so its words are too: `beyond.stock` over the band's vesting years.
          positionCell(r.positions.stock, perYearBeyond(r.beyond.stock, stockYears), c, style, '/yr'),
          style.accent(positionBar(b.stock.low / stockYears, b.stock.high / stockYears, offerStockPerYear)),
        ]
      : ['Stock/yr', money(offerStockPerYear), '—', '—', ''],
    [
      'Annual TC',
      money(r.annualTC),
      compactRange(b.annualTC, c),
      positionCell(r.positions.totalComp, r.beyond.totalComp, c, style),
      style.accent(positionBar(b.annualTC.low, b.annualTC.high, r.annualTC)),
    ],
  ];

  const lines = [
    style.bold(head.join(' · ')),
    `Offer: ${offerParts.join(' · ')}`,
    '',
    renderTable(yearRows, { header: style.dim, align: Array(yearRows[0].length).fill('right') }),
    '',
  ];
  lines.push(renderTable(summary, { header: style.dim }));
  for (const f of footnotes) lines.push(style.dim(f));
  lines.push('');
  if (r.bonusScenarios.length) {
    const bon = [
      ['Bonus paid', 'Annual TC', `${n}-yr total`],
      ...r.bonusScenarios.map((b) => [`${b.multiplier}× target`, money(b.annualTC), money(b.total)]),
    ];
    lines.push(renderTable(bon, { header: style.dim, align: ['right', 'right', 'right'] }), '');
  }
  if (r.scenarios.length) {
    const scen = [
      ['Stock change', 'First year', `${n}-yr average`, 'Recurring average', 'Annual TC'],
      ...r.scenarios.map((s) => [
        `${s.stockChangePct > 0 ? '+' : ''}${s.stockChangePct}%`,
        money(s.firstYear),
        money(s.average),
        money(s.recurringAverage),
        money(s.annualTC),
      ]),
    ];
    lines.push(renderTable(scen, { header: style.dim, align: ['right', 'right', 'right', 'right', 'right'] }), '');
  }
  const bandTitle = `Band: ${t(r.region)}${r.level ? `, level ${t(r.level.company)} (estimated slice of ${t(r.level.range[0])}–${t(r.level.range[1])})` : ''}${r.asOf ? `, as of ${r.asOf}` : ''}`;
  lines.push(style.dim(bandTitle), renderTable(bandRows, { header: style.dim }));
  if (b.totalComp && r.positions.totalCompStated !== null) {
    const p = r.positions.totalCompStated;
    const past = r.beyond.totalCompStated;
    const where = past ? positionText(p, past, c) : `at ${formatPercent(p)} of it`;
    lines.push(
      style.dim(
        `Annual TC = base + bonus + grant/years; the guide states total comp ${compactRange(b.totalComp, c)} (offer ${where})`,
      ),
    );
  }
  lines.push('');
  if (r.target) lines.push(figureLine('Target', r.target, c, style));
  if (r.floor) lines.push(figureLine('Floor', r.floor, c, style));
  if (r.target || r.floor) lines.push('');
  const verdictStyle =
    r.rating === 'below-floor' || r.rating === 'below-band' ? style.bad : r.rating === 'low' ? style.warn : style.good;
  lines.push(`${style.bold('Verdict:')} ${verdictStyle(r.verdict)}`);
  for (const rate of r.rates) lines.push(style.dim(rateLine(rate)));
  return lines.join('\n');
}
