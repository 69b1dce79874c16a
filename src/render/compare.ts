// The forms of `compare`: a terminal table, CSV, TSV and Markdown, all from one row model.
import type { CompareResult, ComparedOffer } from '../results/compare.js';
import { bestIndexes } from '../comp/compare.js';
import { formatCompact, formatMoney, formatPercent } from '../comp/money.js';
import { positionBar } from './evaluate.js';
import { positionText } from '../comp/position.js';
import { rateLine } from './rates.js';
import { renderTable } from './table.js';
import type { Style } from './terminal.js';
import { cleanTerminalText as t } from '../text/escape.js';

export type CompareFormat = 'table' | 'csv' | 'tsv' | 'markdown';

type Kind = 'money' | 'percent' | 'text';

interface Row {
  metric: string;
  kind: Kind;
  /** One value per offer; a string is shown as is ("not in the index"). */
  values: (number | string | null)[];
  /** Mark the highest value. */
  rank?: boolean;
  /** Money shown in full in the terminal table too (not compact). */
  full?: boolean;
  /** What the table and Markdown show instead of a value (positions outside the band, in words). */
  words?: (string | null)[];
}

const NOT_IN_INDEX = 'not in the index';

type Component = 'base' | 'stock' | 'totalComp';

function positionValue(o: ComparedOffer, key: Component): number | string | null {
  if (!o.positions) return o.indexNote?.startsWith('not positioned') ? 'no region' : NOT_IN_INDEX;
  return o.positions[key];
}

/** A position row: percentages to rank by, and outside the band the distance past the edge in words. */
function positionRow(metric: string, offers: ComparedOffer[], key: Component, currency: string): Row {
  return {
    metric,
    kind: 'percent',
    values: offers.map((o) => positionValue(o, key)),
    rank: true,
    words: offers.map((o) =>
      o.positions && o.beyond?.[key]
        ? positionText(o.positions[key], o.beyond[key], currency, { compact: true })
        : null,
    ),
  };
}

/** The rows every format shows, in order. */
export function compareRows(r: CompareResult): Row[] {
  const o = r.offers;
  const n = r.years;
  const rows: Row[] = [
    { metric: 'Company', kind: 'text', values: o.map((x) => x.company) },
    { metric: 'Role', kind: 'text', values: o.map((x) => x.role) },
    {
      metric: 'Region',
      kind: 'text',
      values: o.map((x) => (x.region ? `${x.region}${x.level ? ` ${x.level}` : ''}` : null)),
    },
    {
      metric: 'Currency',
      kind: 'text',
      values: o.map((x) => (x.offerCurrency === r.currency ? x.offerCurrency : `${x.offerCurrency}→${r.currency}`)),
    },
  ];
  for (let y = 0; y < n; y++)
    rows.push({ metric: `Year ${y + 1}`, kind: 'money', values: o.map((x) => x.years[y].total), rank: true });
  rows.push(
    // The figure the ranking rests on: in full, never rounded to "£1M".
    { metric: `${n}-yr total`, kind: 'money', values: o.map((x) => x.total), rank: true, full: true },
    // What rests on assumptions (raises, share-price growth, refreshers; benefits) is its own row, marked so.
    ...(o.some((x) => x.expectedTotal !== x.total)
      ? [
          {
            metric: `${n}-yr expected†`,
            kind: 'money' as Kind,
            values: o.map((x) => x.expectedTotal),
            rank: true,
            full: true,
          },
        ]
      : []),
    ...(o.some((x) => x.withBenefits !== x.expectedTotal)
      ? [{ metric: `With benefits‡`, kind: 'money' as Kind, values: o.map((x) => x.withBenefits), rank: true }]
      : []),
    { metric: 'First year', kind: 'money', values: o.map((x) => x.firstYear), rank: true },
    { metric: `${n}-yr average`, kind: 'money', values: o.map((x) => x.average), rank: true },
    { metric: 'Recurring average', kind: 'money', values: o.map((x) => x.recurringAverage), rank: true },
    { metric: 'Annual TC', kind: 'money', values: o.map((x) => x.annualTC), rank: true },
    { metric: 'Base', kind: 'money', values: o.map((x) => x.base), rank: true },
    { metric: 'Stock grant', kind: 'money', values: o.map((x) => x.stock), rank: true },
    { metric: 'Vesting', kind: 'text', values: o.map((x) => (x.stock ? x.vesting : null)) },
    { metric: 'Bonus', kind: 'percent', values: o.map((x) => x.bonusPct), rank: true },
    { metric: 'Sign-on', kind: 'money', values: o.map((x) => x.signOn.reduce((a, b) => a + b, 0)), rank: true },
  );
  if (o.some((x) => x.refresher))
    rows.push({ metric: 'Refresher/yr', kind: 'money', values: o.map((x) => x.refresher), rank: true });
  rows.push(
    positionRow('Base in band', o, 'base', r.currency),
    positionRow('Stock in band', o, 'stock', r.currency),
    positionRow('Annual TC in band', o, 'totalComp', r.currency),
  );
  return rows;
}

function best(row: Row): Set<number> {
  if (!row.rank) return new Set();
  const numbers = row.values.map((v) => (typeof v === 'number' ? v : null));
  const marks = bestIndexes(numbers);
  // A row where everyone is equal, or with one figure only, has no best.
  return new Set(marks.length === numbers.filter((v) => v !== null).length ? [] : marks);
}

function display(v: number | string | null, kind: Kind, currency: string, compact: boolean): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (kind === 'money') return compact ? formatCompact(v, currency) : formatMoney(v, currency);
  if (kind === 'percent') return formatPercent(v);
  return String(v);
}

function summary(r: CompareResult): string[] {
  const bestOffer = r.offers.find((o) => o.label === r.best)!;
  const lines = [
    r.tied.length
      ? `Tie over ${r.years} years: ${r.tied.join(' and ')} (${formatMoney(bestOffer.total, r.currency)} each)`
      : `Best over ${r.years} years: ${r.best} (${formatMoney(bestOffer.total, r.currency)})`,
  ];
  const g = r.rankings.guaranteed;
  const e = r.rankings.expected;
  if (g.best !== e.best || g.tied.join('\n') !== e.tied.join('\n')) {
    const x = r.offers.find((o) => o.label === e.best)!;
    const who = e.tied.length ? `a tie between ${e.tied.join(' and ')}` : e.best;
    lines.push(
      `the rankings differ: with the assumptions (raises, stock growth, refreshers) the best is ${who} (${formatMoney(x.expectedTotal, r.currency)} expected)`,
    );
  }
  for (const label of r.close) {
    const i = r.offers.findIndex((o) => o.label === label);
    const gap = bestOffer.total - r.offers[i].total;
    lines.push(
      `close: ${label} is within 2% of the best (${formatMoney(gap, r.currency)}, ${formatPercent(r.behindPct[i])} less)`,
    );
  }
  return lines;
}

/** What the † and ‡ rows rest on, when they are shown. */
function assumptionNotes(r: CompareResult): string[] {
  const notes: string[] = [];
  if (r.offers.some((x) => x.expectedTotal !== x.total))
    notes.push(
      '† assumed, not in the offers: expected = total + raises + stock growth + refreshers, as each file gives them',
    );
  if (r.offers.some((x) => x.withBenefits !== x.expectedTotal))
    notes.push('‡ expected plus yearly benefits; benefits are never in annual TC or the ranking');
  return notes;
}

function renderTerminal(r: CompareResult, style: Style): string {
  const rows = compareRows(r);
  const header = ['', ...r.offers.map((o) => t(o.label))];
  const body = rows.map((row) => {
    const marks = best(row);
    const isTotal = row.metric === `${r.years}-yr total`;
    return [
      row.metric,
      ...row.values.map((v, i) => {
        const text =
          row.words?.[i] ??
          (row.kind === 'text'
            ? t(display(v, row.kind, r.currency, true))
            : display(v, row.kind, r.currency, !row.full));
        if (isTotal && r.tied.includes(r.offers[i].label)) return style.good(`${text} ★ tie`);
        if (marks.has(i)) return style.good(`${text} ★`);
        if (isTotal && r.close.includes(r.offers[i].label)) return style.warn(`${text} ≈`);
        return text;
      }),
    ];
  });
  body.push([
    'TC vs band',
    ...r.offers.map((o) => (o.band ? style.accent(positionBar(o.band.low, o.band.high, o.annualTC)) : '—')),
  ]);
  const lines = [renderTable([header, ...body], { header: style.bold }), ''];
  lines.push(...summary(r).map((l, i) => (i === 0 ? style.bold(t(l)) : style.warn(t(l)))));
  lines.push(
    style.dim(
      `★ best in the row · ≈ within 2% of the best total · amounts in ${r.currency}; annual TC = base + bonus + grant/years`,
    ),
  );
  lines.push(...assumptionNotes(r).map((l) => style.dim(l)));
  for (const o of r.offers) if (o.indexNote) lines.push(style.dim(`${t(o.label)}: ${t(o.indexNote)}`));
  for (const rate of r.rates) lines.push(style.dim(rateLine(rate)));
  return lines.join('\n');
}

function delimited(r: CompareResult, sep: string): string {
  const quote = (s: string) =>
    sep === ',' ? (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s) : s.replace(/[\t\n\r]/g, ' ');
  const lines = [['metric', ...r.offers.map((o) => o.label), 'best'].map(quote).join(sep)];
  for (const row of compareRows(r)) {
    const marks = best(row);
    const cells = row.values.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : v));
    const isTie = row.metric === `${r.years}-yr total` && r.tied.length > 0;
    const bestLabel = isTie ? `tie: ${r.tied.join(' & ')}` : [...marks].map((i) => r.offers[i].label).join(' & ');
    lines.push(
      [
        row.metric + (row.kind === 'money' ? ` (${r.currency})` : row.kind === 'percent' ? ' (%)' : ''),
        ...cells,
        bestLabel,
      ]
        .map(quote)
        .join(sep),
    );
  }
  return lines.join('\n');
}

function markdown(r: CompareResult): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
  const lines = [
    `| | ${r.offers.map((o) => cell(o.label)).join(' | ')} |`,
    `|---|${r.offers.map(() => '---:').join('|')}|`,
  ];
  for (const row of compareRows(r)) {
    const marks = best(row);
    const cells = row.values.map((v, i) => {
      const text = cell(row.words?.[i] ?? display(v, row.kind, r.currency, false));
      if (row.metric === `${r.years}-yr total` && r.tied.includes(r.offers[i].label)) return `**${text}** (tie)`;
      return marks.has(i) ? `**${text}**` : text;
    });
    lines.push(`| ${row.metric} | ${cells.join(' | ')} |`);
  }
  lines.push(
    '',
    ...summary(r).map((l) => `${l}  `),
    `**Bold**: best in the row. Amounts in ${r.currency}; annual TC = base + bonus + grant/years.`,
    ...assumptionNotes(r).map((l) => `${l}  `),
  );
  for (const rate of r.rates) lines.push('', rateLine(rate));
  return lines.join('\n');
}

export function renderCompare(r: CompareResult, format: CompareFormat, style: Style): string {
  if (format === 'csv') return delimited(r, ',');
  if (format === 'tsv') return delimited(r, '\t');
  if (format === 'markdown') return markdown(r);
  return renderTerminal(r, style);
}
