// Currency conversion from the bundled dated table (data/fx.yaml) and --fx overrides. Pure.
import { UsageError } from '../errors.js';
import { isCurrencyCode } from './money.js';

/** A table older than this many days before today is said to be stale wherever a rate from it is used. */
export const FX_STALE_DAYS = 90;
/** The bounds of a believable rate (one unit in US dollars): the same for the table and for --fx. */
export const MIN_RATE = 0.000001;
export const MAX_RATE = 1_000_000;

export interface FxTable {
  asOf: string;
  source: string;
  /** Value of one unit of each currency in USD. */
  usdPer: Record<string, number>;
  /** The currencies whose value came from --fx, each with what the user wrote ("GBP=1.27"). */
  overrides: Record<string, string>;
  /** Today (YYYY-MM-DD): the date of an override, and what the table's age is measured against. */
  today: string;
}

export interface Rate {
  from: string;
  to: string;
  rate: number;
  /** The date of this rate: the table's for a table rate, today for an override. */
  asOf: string;
  /** The table's description, or the --fx values used. */
  source: string;
  origin: 'table' | 'override';
  /** A table rate from a table more than FX_STALE_DAYS older than today. */
  stale: boolean;
}

/** Builds a table from fx.yaml's parsed data. Throws a plain Error on a malformed table (a bug in data/). */
export function readFxTable(data: unknown, today: string): FxTable {
  const d = data as { as_of?: unknown; source?: unknown; rates?: Record<string, unknown> };
  if (!d || typeof d.as_of !== 'string' || !d.rates || typeof d.rates !== 'object')
    throw new Error('fx table: as_of and rates are required');
  const usdPer: Record<string, number> = {};
  for (const [code, v] of Object.entries(d.rates))
    if (typeof v === 'number' && v >= MIN_RATE && v <= MAX_RATE) usdPer[code] = v;
  return { asOf: d.as_of, source: String(d.source ?? 'bundled table'), usdPer, overrides: {}, today };
}

const RATE_MEANING =
  'a rate is the value of one unit of the currency in US dollars, e.g. --fx GBP=1.27 (1 GBP = 1.27 USD)';

/** Reads one `--fx CODE=RATE` (one unit in US dollars); a usage error saying what a rate means otherwise. */
export function parseFxOverride(text: string): { code: string; value: number; text: string } {
  const m = /^([A-Za-z]{3})\s*=\s*(.+)$/.exec(text.trim());
  const code = m?.[1].toUpperCase();
  if (!m || !code || !isCurrencyCode(code))
    throw new UsageError(`--fx: "${text}" is not a rate`, [`write CODE=RATE: ${RATE_MEANING}`]);
  const written = m[2].trim();
  const value = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(written) ? Number(written) : Number.NaN;
  if (code === 'USD' && value !== 1) {
    throw new UsageError(`--fx: "${text}": USD is always 1`, [
      `${RATE_MEANING}; to change how USD converts, give the other currency's rate`,
    ]);
  }
  if (!Number.isFinite(value) || value < MIN_RATE || value > MAX_RATE) {
    throw new UsageError(
      `--fx: "${text}" is not a believable rate (it must be between ${MIN_RATE} and ${MAX_RATE.toLocaleString('en-US')})`,
      [RATE_MEANING],
    );
  }
  return { code, value, text: `${code}=${written}` };
}

/** Applies `--fx GBP=1.27` overrides (value of one unit in USD, like the table). */
export function applyFxOverrides(table: FxTable, overrides: string[]): FxTable {
  if (overrides.length === 0) return table;
  const usdPer = { ...table.usdPer };
  const given = { ...table.overrides };
  for (const o of overrides) {
    const { code, value, text } = parseFxOverride(o);
    if (code === 'USD') continue;
    usdPer[code] = value;
    given[code] = text;
  }
  return { ...table, usdPer, overrides: given };
}

/** Whole days from one YYYY-MM-DD date to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True when the table's date is more than FX_STALE_DAYS before today. */
export function isTableStale(table: Pick<FxTable, 'asOf' | 'today'>): boolean {
  return daysBetween(table.asOf, table.today) > FX_STALE_DAYS;
}

/**
 * Rates keep 6 decimals, and under 1 six significant digits: 6 decimals alone would turn VND→GBP
 * 0.0000285714 into 0.000029 (1.5% off a salary).
 */
const roundRate = (rate: number) => (rate >= 1 ? Math.round(rate * 1e6) / 1e6 : Number(rate.toPrecision(6)));

/**
 * The rate from one currency to another, or a usage error naming what the table lacks. A rate is an
 * override when the user gave either side; when the other side is the table's, it keeps the table's date
 * and staleness, and its source names both.
 */
export function findRate(table: FxTable, from: string, to: string): Rate {
  const sides = [...new Set([from, to])].filter((c) => c !== 'USD');
  const given = sides.filter((c) => table.overrides[c]).map((c) => table.overrides[c]);
  const fromTable = sides.filter((c) => !table.overrides[c]);
  const tableAbout = { asOf: table.asOf, stale: isTableStale(table) };
  let about: Pick<Rate, 'asOf' | 'source' | 'origin' | 'stale'>;
  if (given.length === 0) about = { ...tableAbout, source: table.source, origin: 'table' };
  else if (fromTable.length === 0)
    about = { asOf: table.today, source: `--fx ${given.join(', ')}`, origin: 'override', stale: false };
  else
    about = {
      ...tableAbout,
      source: `--fx ${given.join(', ')} with the bundled table's ${fromTable.join(', ')}`,
      origin: 'override',
    };
  if (from === to) return { from, to, rate: 1, ...about };
  const a = table.usdPer[from];
  const b = table.usdPer[to];
  if (!a || !b) {
    const missing = !a ? from : to;
    throw new UsageError(`no exchange rate for ${missing} in the bundled table`, [
      `pass one: --fx ${missing}=RATE (one ${missing} in US dollars)`,
    ]);
  }
  return { from, to, rate: roundRate(a / b), ...about };
}

/** The warning every converted output gives when a rate it used comes from a stale table (none otherwise). */
export function staleRateWarnings(rates: Rate[]): string[] {
  const stale = rates.find((r) => r.stale);
  if (!stale) return [];
  return [
    `the exchange rates are from a table dated ${stale.asOf}, more than ${FX_STALE_DAYS} days ago: pass --fx CODE=RATE with today's rate (one unit in US dollars) to convert at it`,
  ];
}

export function convert(amount: number, rate: Rate): number {
  return Math.round(amount * rate.rate);
}

/** Finds rates and keeps each distinct conversion it made (from ≠ to), in first-use order. */
export interface RateCollector {
  /** The rate from one currency to another (a usage error when the table lacks one), remembered in `rates`. */
  rate(from: string, to: string): Rate;
  /** The conversions made so far: the `rates` of the JSON documents and the "converted … as of" lines. */
  readonly rates: Rate[];
}

/** A rate collector over a table, read only when a rate is asked for (so an unconverted answer never loads it). */
export function collectRates(table: () => FxTable): RateCollector {
  const rates: Rate[] = [];
  return {
    rates,
    rate(from, to) {
      const r = findRate(table(), from, to);
      if (from !== to && !rates.some((x) => x.from === from && x.to === to)) rates.push(r);
      return r;
    },
  };
}
