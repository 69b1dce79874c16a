// Currency conversion from the bundled dated table (data/fx.yaml) and --fx overrides. Pure.
import { UsageError } from '../errors.js';
import { isCurrencyCode } from './money.js';

export interface FxTable {
  asOf: string;
  source: string;
  /** Value of one unit of each currency in USD. */
  usdPer: Record<string, number>;
}

export interface Rate {
  from: string;
  to: string;
  rate: number;
  asOf: string;
  source: string;
}

/** Builds a table from fx.yaml's parsed data. Throws a plain Error on a malformed table (a bug in data/). */
export function readFxTable(data: unknown): FxTable {
  const d = data as { as_of?: unknown; source?: unknown; rates?: Record<string, unknown> };
  if (!d || typeof d.as_of !== 'string' || !d.rates || typeof d.rates !== 'object') throw new Error('fx table: as_of and rates are required');
  const usdPer: Record<string, number> = {};
  for (const [code, v] of Object.entries(d.rates)) if (typeof v === 'number' && v > 0) usdPer[code] = v;
  return { asOf: d.as_of, source: String(d.source ?? 'bundled table'), usdPer };
}

/** Applies `--fx GBP=1.27` overrides (value of one unit in USD, like the table). */
export function applyFxOverrides(table: FxTable, overrides: string[], today: string): FxTable {
  if (overrides.length === 0) return table;
  const usdPer = { ...table.usdPer };
  for (const o of overrides) {
    const m = /^([A-Za-z]{3})\s*=\s*(\d+(?:\.\d+)?)$/.exec(o.trim());
    if (!m || !isCurrencyCode(m[1].toUpperCase()) || Number(m[2]) <= 0) {
      throw new UsageError(`--fx: "${o}" is not a rate`, ['write it like --fx GBP=1.27 (one GBP in US dollars)']);
    }
    usdPer[m[1].toUpperCase()] = Number(m[2]);
  }
  return { asOf: today, source: `--fx overrides (${overrides.join(', ')}) over ${table.source} of ${table.asOf}`, usdPer };
}

/** The rate from one currency to another, or a usage error naming what the table lacks. */
export function findRate(table: FxTable, from: string, to: string): Rate {
  if (from === to) return { from, to, rate: 1, asOf: table.asOf, source: table.source };
  const a = table.usdPer[from];
  const b = table.usdPer[to];
  if (!a || !b) {
    const missing = !a ? from : to;
    throw new UsageError(`no exchange rate for ${missing} in the bundled table`, [`pass one: --fx ${missing}=RATE (one ${missing} in US dollars)`]);
  }
  return { from, to, rate: Math.round((a / b) * 1e6) / 1e6, asOf: table.asOf, source: table.source };
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
