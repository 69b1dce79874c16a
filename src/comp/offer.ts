// The offer model and its year-by-year arithmetic: what an offer pays in each year, and the averages
// people compare. Pure: no I/O, no guide access (the guide's vesting years come in as a number).
import { annualTotal } from './bands.js';
import { convert, type Rate } from './fx.js';
import { DEFAULT_VESTING_YEARS, refresherByYear, vestByYear, vestingPercents, type Vesting } from './vesting.js';
import { UsageError } from '../errors.js';

export interface Offer {
  /** How the offer is named in comparisons (default: its file's name). */
  label: string | null;
  company: string | null;
  role: string | null;
  region: string | null;
  level: string | null;
  /** The currency the amounts are in; null means "the band's currency". */
  currency: string | null;
  base: number;
  /** The whole stock grant over its vesting period (0 when there is none). */
  stock: number;
  vesting: Vesting;
  cliffMonths: number;
  /** Target bonus as % of base (0 when there is none). */
  bonusPct: number;
  /** One-time sign-on amounts: [year 1] or one per year. */
  signOn: number[];
  /** Annual refresher grant value (0 when there is none); shown apart from the offer's own totals. */
  refresher: number;
}

export const EMPTY_OFFER: Offer = {
  label: null,
  company: null,
  role: null,
  region: null,
  level: null,
  currency: null,
  base: 0,
  stock: 0,
  vesting: 'even',
  cliffMonths: 0,
  bonusPct: 0,
  signOn: [],
  refresher: 0,
};

export interface YearRow {
  year: number;
  base: number;
  bonus: number;
  /** Stock of the initial grant vesting this year. */
  stock: number;
  /** Sign-on paid this year. */
  oneTime: number;
  /** base + bonus + stock + oneTime (refreshers excluded). */
  total: number;
  /** Refresher stock vesting this year (see refresherByYear). */
  refresher: number;
  totalWithRefresher: number;
}

export interface Totals {
  /** Year 1's total. */
  firstYear: number;
  /** The N-year total divided by N. */
  average: number;
  /** The average without one-time items (sign-on). */
  recurringAverage: number;
  /** The sum over all N years. */
  total: number;
}

export interface Schedule extends Totals {
  years: YearRow[];
  /** The yearly vesting percentages used. */
  vestingPercents: number[];
  vestingYears: number;
  /** The formula of record: base + bonus + grant / vesting years. */
  annualTC: number;
  /** The same totals counting refreshers; null when the offer has none. */
  withRefresher: Totals | null;
}

export interface ScheduleOptions {
  /** Vesting years for `even` (the guide's; 4 when unknown). */
  evenYears?: number;
  /** How many years to show (default: the vesting years, and at least as many as sign-on payments). */
  horizon?: number;
  /** Stock-price scenario: vested stock (grant and refreshers) × (1 + pct/100). */
  stockChangePct?: number;
}

function totalsOf(rows: YearRow[], pick: (r: YearRow) => number): Totals {
  const n = rows.length;
  const total = rows.reduce((a, r) => a + pick(r), 0);
  const oneTime = rows.reduce((a, r) => a + r.oneTime, 0);
  return {
    firstYear: rows.length ? pick(rows[0]) : 0,
    average: n ? Math.round(total / n) : 0,
    recurringAverage: n ? Math.round((total - oneTime) / n) : 0,
    total,
  };
}

/** A cliff longer than the vesting period would make the whole grant vanish: a usage error naming both. */
export function checkCliff(cliffMonths: number, vestingYears: number): void {
  if (cliffMonths > vestingYears * 12) {
    throw new UsageError(`cliff of ${cliffMonths} months is longer than the ${vestingYears * 12}-month vesting`, [`give a cliff of at most ${vestingYears * 12} months (--cliff, or cliff: in the offer file), or a longer vesting schedule`]);
  }
}

/** The offer year by year, with first-year, N-year average, recurring average and annual TC. */
export function computeSchedule(offer: Offer, opts: ScheduleOptions = {}): Schedule {
  const percents = vestingPercents(offer.vesting, opts.evenYears ?? DEFAULT_VESTING_YEARS);
  const vestingYears = percents.length;
  checkCliff(offer.cliffMonths, vestingYears);
  const horizon = opts.horizon ?? Math.max(vestingYears, offer.signOn.length);
  const factor = 1 + (opts.stockChangePct ?? 0) / 100;
  const vested = vestByYear(offer.stock, percents, offer.cliffMonths);
  const refreshed = refresherByYear(offer.refresher, percents, horizon);
  const bonus = Math.round((offer.base * offer.bonusPct) / 100);
  const years: YearRow[] = Array.from({ length: horizon }, (_, i) => {
    const stock = Math.round((vested[i] ?? 0) * factor);
    const refresher = Math.round(refreshed[i] * factor);
    const oneTime = offer.signOn[i] ?? 0;
    const total = offer.base + bonus + stock + oneTime;
    return { year: i + 1, base: offer.base, bonus, stock, oneTime, total, refresher, totalWithRefresher: total + refresher };
  });
  return {
    years,
    vestingPercents: percents,
    vestingYears,
    ...totalsOf(years, (r) => r.total),
    annualTC: Math.round(annualTotal(offer.base, offer.bonusPct, offer.stock * factor, vestingYears)),
    withRefresher: offer.refresher > 0 ? totalsOf(years, (r) => r.totalWithRefresher) : null,
  };
}

/** The figures every offer report shows: the years, the totals, and annual TC. */
export function scheduleFigures(s: Schedule): Totals & { years: YearRow[]; annualTC: number } {
  return { years: s.years, firstYear: s.firstYear, average: s.average, recurringAverage: s.recurringAverage, total: s.total, annualTC: s.annualTC };
}

export interface Scenario extends Totals {
  stockChangePct: number;
  annualTC: number;
}

/** Totals under each stock-price change (e.g. -30, 0, +30 percent). */
export function stockScenarios(offer: Offer, changes: number[], opts: Omit<ScheduleOptions, 'stockChangePct'> = {}): Scenario[] {
  return changes.map((stockChangePct) => {
    const s = computeSchedule(offer, { ...opts, stockChangePct });
    return { stockChangePct, firstYear: s.firstYear, average: s.average, recurringAverage: s.recurringAverage, total: s.total, annualTC: s.annualTC };
  });
}

/** The offer with every amount converted (the rate says from and to). */
export function convertOffer(offer: Offer, rate: Rate): Offer {
  if (rate.from === rate.to) return { ...offer, currency: rate.to };
  return {
    ...offer,
    currency: rate.to,
    base: convert(offer.base, rate),
    stock: convert(offer.stock, rate),
    signOn: offer.signOn.map((s) => convert(s, rate)),
    refresher: convert(offer.refresher, rate),
  };
}
