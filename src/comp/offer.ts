// The offer model and its year-by-year arithmetic: what an offer pays in each year, and the averages
// people compare. Pure: no I/O, no guide access (the guide's vesting years come in as a number).
//
// Two kinds of figure, never mixed: the offer as written (guaranteed: base, bonus, every grant's
// vesting, sign-on) and what rests on an assumption (raises, share-price growth, refreshers,
// benefits), each in a field of its own beside the guaranteed rows.
import { annualTotal } from './bands.js';
import { convert, type Rate } from './fx.js';
import { DEFAULT_VESTING_YEARS, refresherByYear, vestByYear, vestingPercents, type Vesting } from './vesting.js';
import { UsageError } from '../errors.js';

/** One stock grant: `amount` over its vesting, from the start of `startYear` (1 = the first year). */
export interface Grant {
  amount: number;
  vesting: Vesting;
  cliffMonths: number;
  startYear: number;
  /** The currency of `amount` when it differs from the offer's; null: the offer's. */
  currency: string | null;
}

/** A refresher grant: `amount` granted at the start of `startYear`, vesting without a cliff. */
export interface Refresher {
  amount: number;
  startYear: number;
  /** null: the offer's own vesting schedule. */
  vesting: Vesting | null;
  currency: string | null;
}

/** A yearly employer benefit (a 401(k) match, an ESPP gain, health cover). */
export interface Benefit {
  name: string;
  amount: number;
  currency: string | null;
}

/** The offer's amounts that may name a currency of their own (`--stock 'USD 200k'`). */
export type MoneyComponent = 'base' | 'stock' | 'signOn' | 'refresher' | 'bonusAmount';

export interface Offer {
  /** How the offer is named in comparisons (default: its file's name). */
  label: string | null;
  company: string | null;
  role: string | null;
  region: string | null;
  level: string | null;
  /** The currency the amounts are in; null means "the band's currency". */
  currency: string | null;
  /** Components whose amount named another currency than `currency` (converted before any arithmetic). */
  currencies: Partial<Record<MoneyComponent, string>>;
  base: number;
  /** The whole stock grant over its vesting period (0 when there is none): one grant starting in year 1. */
  stock: number;
  vesting: Vesting;
  cliffMonths: number;
  /** More grants, each with its own amount, schedule, cliff, start and currency. */
  grants: Grant[];
  /** Target bonus as % of base (0 when there is none). */
  bonusPct: number;
  /** A fixed yearly bonus instead of a % of base; null when none. */
  bonusAmount: number | null;
  /** Bonus payout scenarios (1 = target); [] when none asked. */
  bonusMultipliers: number[];
  /** One-time sign-on amounts: [year 1] or one per year. */
  signOn: number[];
  /** Annual refresher grant value (0 when there is none), granted every year from year 2; shown apart from the offer's own totals. */
  refresher: number;
  /** Refresher grants on their own schedule. */
  refreshers: Refresher[];
  /** Yearly raises in %: one value applies every year from year 2; a list gives year 2, 3, … in turn. */
  raisePct: number[];
  /** Yearly share-price change in %: one value every year, or one per year (year 1, 2, …). */
  stockGrowthPct: number[];
  /** Yearly employer benefits, summed; never in annual TC, positions or rankings. */
  benefits: Benefit[];
}

export const EMPTY_OFFER: Offer = {
  label: null,
  company: null,
  role: null,
  region: null,
  level: null,
  currency: null,
  currencies: {},
  base: 0,
  stock: 0,
  vesting: 'even',
  cliffMonths: 0,
  grants: [],
  bonusPct: 0,
  bonusAmount: null,
  bonusMultipliers: [],
  signOn: [],
  refresher: 0,
  refreshers: [],
  raisePct: [],
  stockGrowthPct: [],
  benefits: [],
};

export interface YearRow {
  year: number;
  base: number;
  bonus: number;
  /** Stock of every grant vesting this year (the offer as written: no growth). */
  stock: number;
  /** Sign-on paid this year. */
  oneTime: number;
  /** base + bonus + stock + oneTime: guaranteed (no raise, growth or refresher). */
  total: number;
  /** Assumed: refresher stock vesting this year (see refresherByYear). */
  refresher: number;
  totalWithRefresher: number;
  /** Assumed: the extra base from raises, plus the bonus on it. */
  raise: number;
  /** Assumed: the extra value of this year's vesting and refreshers from share-price growth. */
  growth: number;
  /** Assumed: total + raise + growth + refresher. */
  expectedTotal: number;
  /** The yearly benefits (apart from every total but `withBenefits`). */
  benefits: number;
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
  /** The yearly vesting percentages used (the `stock` grant's). */
  vestingPercents: number[];
  vestingYears: number;
  /** The formula of record: base + bonus + each grant starting in year 1 / its vesting years. */
  annualTC: number;
  /** The grants that start in year 1, summed (what the band's stock range is compared with). */
  firstYearGrants: number;
  /** Those grants per year: each divided by its own vesting years. */
  stockPerYear: number;
  /** The same totals counting refreshers; null when the offer has none. */
  withRefresher: Totals | null;
  /** Sum of the years' expectedTotal. */
  expectedTotal: number;
  /** expectedTotal plus the years' benefits. */
  withBenefits: number;
  /** The yearly bonus (the % of base, or the fixed amount). */
  bonus: number;
}

export interface ScheduleOptions {
  /** Vesting years for `even` (the guide's; 4 when unknown). */
  evenYears?: number;
  /** How many years to show (default: horizonOf). */
  horizon?: number;
  /** Stock-price scenario: vested stock (grants and refreshers) × (1 + pct/100). */
  stockChangePct?: number;
}

/** A grant with its yearly percentages resolved. */
interface Resolved {
  amount: number;
  percents: number[];
  cliffMonths: number;
  startYear: number;
}

/** Every grant of the offer: `stock` (one grant from year 1) first, then `grants`. */
export function offerGrants(offer: Offer, evenYears = DEFAULT_VESTING_YEARS): Resolved[] {
  const out: Resolved[] = [];
  // The `stock` grant counts when it has an amount, or when it is the only one (its schedule sets the horizon, as ever).
  if (offer.stock > 0 || offer.grants.length === 0)
    out.push({
      amount: offer.stock,
      percents: vestingPercents(offer.vesting, evenYears),
      cliffMonths: offer.cliffMonths,
      startYear: 1,
    });
  for (const g of offer.grants)
    out.push({
      amount: g.amount,
      percents: vestingPercents(g.vesting, evenYears),
      cliffMonths: g.cliffMonths,
      startYear: g.startYear,
    });
  return out;
}

/** The horizon rule: the last year in which any grant vests (start_year − 1 + its vesting years), and every sign-on year. */
export function horizonOf(offer: Offer, evenYears = DEFAULT_VESTING_YEARS): number {
  const lastVest = Math.max(0, ...offerGrants(offer, evenYears).map((g) => g.startYear - 1 + g.percents.length));
  return Math.max(lastVest, offer.signOn.length, 1);
}

/** A yearly list rule: one value applies to every year, a list gives each year in turn (0 after it). */
function ratePerYear(list: number[], index: number): number {
  if (list.length === 0) return 0;
  if (list.length === 1) return list[0];
  return list[index] ?? 0;
}

/** The share price at the end of each year 0…n, relative to the start of year 1. */
export function priceIndex(growthPct: number[], years: number): number[] {
  const p = [1];
  for (let t = 1; t <= years; t++) p.push(p[t - 1] * (1 + ratePerYear(growthPct, t - 1) / 100));
  return p;
}

/** The base in each year 1…n after compounding raises from year 2, relative to the offer's base. */
export function raiseIndex(raisePct: number[], years: number): number[] {
  const r = [1];
  for (let i = 1; i < years; i++) r.push(r[i - 1] * (1 + ratePerYear(raisePct, i - 1) / 100));
  return r;
}

/** What a grant vests in each of `years` years, placed from its start year. */
function vestingOver(g: Resolved, years: number): number[] {
  const own = vestByYear(g.amount, g.percents, g.cliffMonths);
  return Array.from({ length: years }, (_, i) => own[i - (g.startYear - 1)] ?? 0);
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

/** The yearly bonus: the fixed amount, or the % of base. */
export function yearlyBonus(offer: Offer): number {
  return offer.bonusAmount ?? Math.round((offer.base * offer.bonusPct) / 100);
}

/** A cliff longer than the vesting period would make the whole grant vanish: a usage error naming both. */
export function checkCliff(cliffMonths: number, vestingYears: number): void {
  if (cliffMonths > vestingYears * 12) {
    throw new UsageError(`cliff of ${cliffMonths} months is longer than the ${vestingYears * 12}-month vesting`, [
      `give a cliff of at most ${vestingYears * 12} months (--cliff, or cliff: in the offer file), or a longer vesting schedule`,
    ]);
  }
}

/** The offer year by year, with first-year, N-year average, recurring average and annual TC. */
export function computeSchedule(offer: Offer, opts: ScheduleOptions = {}): Schedule {
  const evenYears = opts.evenYears ?? DEFAULT_VESTING_YEARS;
  const percents = vestingPercents(offer.vesting, evenYears);
  const vestingYears = percents.length;
  checkCliff(offer.cliffMonths, vestingYears);
  const horizon = opts.horizon ?? horizonOf(offer, evenYears);
  const factor = 1 + (opts.stockChangePct ?? 0) / 100;
  const grants = offerGrants(offer, evenYears);
  for (const g of offer.grants) checkCliff(g.cliffMonths, vestingPercents(g.vesting, evenYears).length);
  const vested = grants.map((g) => vestingOver(g, horizon));
  // Refreshers: the yearly shorthand (granted every year from year 2) and those on their own schedule.
  const yearly = refresherByYear(offer.refresher, percents, horizon);
  const own: Resolved[] = offer.refreshers.map((r) => ({
    amount: r.amount,
    percents: r.vesting === null ? percents : vestingPercents(r.vesting, evenYears),
    cliffMonths: 0,
    startYear: r.startYear,
  }));
  const ownVested = own.map((g) => vestingOver(g, horizon));
  const price = priceIndex(offer.stockGrowthPct, horizon + 10);
  const raised = raiseIndex(offer.raisePct, horizon);
  const bonus = yearlyBonus(offer);
  const benefits = offer.benefits.reduce((a, b) => a + b.amount, 0);
  const growthOf = (amount: number, startYear: number, year: number) =>
    amount * factor * (price[year] / price[startYear - 1] - 1);

  const years: YearRow[] = Array.from({ length: horizon }, (_, i) => {
    const year = i + 1;
    const stock = Math.round(vested.reduce((a, v) => a + v[i], 0) * factor);
    const refresher = Math.round((yearly[i] + ownVested.reduce((a, v) => a + v[i], 0)) * factor);
    const oneTime = offer.signOn[i] ?? 0;
    const total = offer.base + bonus + stock + oneTime;
    const extraBase = Math.round(offer.base * (raised[i] - 1));
    const raise = extraBase + (offer.bonusAmount === null ? Math.round((extraBase * offer.bonusPct) / 100) : 0);
    let growth = 0;
    if (offer.stockGrowthPct.length) {
      for (const [k, g] of grants.entries()) growth += growthOf(vested[k][i], g.startYear, year);
      for (const [k, g] of own.entries()) growth += growthOf(ownVested[k][i], g.startYear, year);
      // The yearly refresher: one grant at the start of each year from 2, each vesting on the offer's schedule.
      for (let start = 2; start <= year && offer.refresher > 0; start++)
        growth += growthOf((offer.refresher * (percents[year - start] ?? 0)) / 100, start, year);
      growth = Math.round(growth);
    }
    return {
      year,
      base: offer.base,
      bonus,
      stock,
      oneTime,
      total,
      refresher,
      totalWithRefresher: total + refresher,
      raise,
      growth,
      expectedTotal: total + raise + growth + refresher,
      benefits: Math.round(benefits),
    };
  });
  const firstYear = grants.filter((g) => g.startYear === 1);
  const firstYearGrants = firstYear.reduce((a, g) => a + g.amount, 0);
  const stockPerYear = firstYear.reduce((a, g) => a + g.amount / g.percents.length, 0);
  const cash =
    offer.bonusAmount === null ? annualTotal(offer.base, offer.bonusPct, 0, 1) : offer.base + offer.bonusAmount;
  const expectedTotal = years.reduce((a, r) => a + r.expectedTotal, 0);
  return {
    years,
    vestingPercents: percents,
    vestingYears,
    ...totalsOf(years, (r) => r.total),
    annualTC: Math.round(firstYear.reduce((a, g) => a + (g.amount * factor) / g.percents.length, cash)),
    firstYearGrants,
    stockPerYear,
    withRefresher:
      offer.refresher > 0 || offer.refreshers.length > 0 ? totalsOf(years, (r) => r.totalWithRefresher) : null,
    expectedTotal,
    withBenefits: expectedTotal + years.reduce((a, r) => a + r.benefits, 0),
    bonus,
  };
}

/** The figures every offer report shows: the years, the totals, and annual TC. */
/** The figures of a schedule every result document carries (evaluate's, and each offer of compare's). */
export interface ScheduleFigures extends Totals {
  years: YearRow[];
  annualTC: number;
  /** total + the years' raise, growth and refresher (assumed). */
  expectedTotal: number;
  /** expectedTotal + the years' benefits. */
  withBenefits: number;
}

export function scheduleFigures(s: Schedule): ScheduleFigures {
  return {
    years: s.years,
    firstYear: s.firstYear,
    average: s.average,
    recurringAverage: s.recurringAverage,
    total: s.total,
    expectedTotal: s.expectedTotal,
    withBenefits: s.withBenefits,
    annualTC: s.annualTC,
  };
}

export interface Scenario extends Totals {
  stockChangePct: number;
  annualTC: number;
}

/** Totals under each stock-price change (e.g. -30, 0, +30 percent). */
export function stockScenarios(
  offer: Offer,
  changes: number[],
  opts: Omit<ScheduleOptions, 'stockChangePct'> = {},
): Scenario[] {
  return changes.map((stockChangePct) => {
    const s = computeSchedule(offer, { ...opts, stockChangePct });
    return {
      stockChangePct,
      firstYear: s.firstYear,
      average: s.average,
      recurringAverage: s.recurringAverage,
      total: s.total,
      annualTC: s.annualTC,
    };
  });
}

export interface BonusScenario {
  multiplier: number;
  /** Annual TC with the bonus paid at multiplier × target. */
  annualTC: number;
  /** The N-year guaranteed total with that bonus every year. */
  total: number;
}

/** Annual TC and N-year total with the bonus paid at each multiplier of its target. */
export function bonusScenarios(s: Schedule, multipliers: number[]): BonusScenario[] {
  return multipliers.map((multiplier) => {
    const delta = Math.round(s.bonus * multiplier) - s.bonus;
    return { multiplier, annualTC: s.annualTC + delta, total: s.total + delta * s.years.length };
  });
}

/**
 * The offer with every amount in one currency: each component converted from its own currency (or
 * the offer's) by the rate `rateFrom` gives for it; the result's currency is that rate's `to`.
 */
export function convertOffer(offer: Offer, rateFrom: (from: string) => Rate, offerCurrency: string): Offer {
  const to = rateFrom(offerCurrency).to;
  const money = (amount: number, from: string | null | undefined) => {
    const r = rateFrom(from ?? offerCurrency);
    return r.from === r.to ? amount : convert(amount, r);
  };
  const c = offer.currencies;
  return {
    ...offer,
    currency: to,
    currencies: {},
    base: money(offer.base, c.base),
    stock: money(offer.stock, c.stock),
    signOn: offer.signOn.map((s) => money(s, c.signOn)),
    refresher: money(offer.refresher, c.refresher),
    bonusAmount: offer.bonusAmount === null ? null : money(offer.bonusAmount, c.bonusAmount),
    grants: offer.grants.map((g) => ({ ...g, amount: money(g.amount, g.currency), currency: null })),
    refreshers: offer.refreshers.map((r) => ({ ...r, amount: money(r.amount, r.currency), currency: null })),
    benefits: offer.benefits.map((b) => ({ ...b, amount: money(b.amount, b.currency), currency: null })),
  };
}
