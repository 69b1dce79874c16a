// An offer against its band and the guide's targets: positions, gaps and a one-line verdict. Pure.
import type { Band, Range } from '../guides/types.js';
import { beyondRange, computedTotalComp, positionInRange, type Beyond } from './bands.js';
import { formatMoney, formatPercent } from './money.js';
import { positionText } from './position.js';
import {
  bonusScenarios,
  computeSchedule,
  stockScenarios,
  type BonusScenario,
  type Offer,
  type Scenario,
  type Schedule,
} from './offer.js';
import type { GuideFigures } from './targets.js';

export interface Positions {
  /** Percent of the band's low–high (0 = low, 100 = high; below 0 / above 100 allowed); null when the band lacks it. */
  base: number | null;
  /** The offer's stock per year against the band's grant per year (so different vesting lengths compare fairly). */
  stock: number | null;
  /** Annual TC (formula of record) against the band's total comp computed with the same formula. */
  totalComp: number | null;
  /** Annual TC against the total comp the guide states, when it states one. */
  totalCompStated: number | null;
}

/** For each component outside its band only: how far past which edge (SPEC §4 evaluate `beyond`). */
export interface BeyondBand {
  base?: Beyond;
  /** The whole grant against the band's grant range. */
  stock?: Beyond;
  /** Annual TC against the band's annual TC. */
  totalComp?: Beyond;
  /** Annual TC against the total the guide states. */
  totalCompStated?: Beyond;
}

export interface Gap {
  base: number | null;
  stock: number | null;
  annualTC: number | null;
  /** annualTC gap as a percentage of the figure. */
  annualTCPct: number | null;
}

export interface FigureComparison extends GuideFigures {
  /** offer − figure, per component (negative: the offer is below). */
  gap: Gap;
  /** True when the offer's annual TC is at or above the figure's. */
  met: boolean | null;
}

export type Rating = 'below-floor' | 'below-band' | 'low' | 'fair' | 'strong' | 'above-band';

export interface Evaluation {
  schedule: Schedule;
  scenarios: Scenario[];
  /** Annual TC and N-year total at each bonus multiplier asked for ([] when none). */
  bonusScenarios: BonusScenario[];
  band: Band;
  /** The band's total comp by the formula of record (base + bonus + grant / years). */
  bandAnnualTC: Range;
  positions: Positions;
  beyond: BeyondBand;
  target: FigureComparison | null;
  floor: FigureComparison | null;
  rating: Rating;
  verdict: string;
}

export interface EvaluationInput {
  /** The offer, in the band's currency. */
  offer: Offer;
  band: Band;
  target: GuideFigures | null;
  floor: GuideFigures | null;
  stockChanges?: number[];
  /** Years to show (default: the vesting years); see computeSchedule. */
  horizon?: number;
}

const at = (value: number, r: Range | null) => (r ? positionInRange(value, r) : null);

function compare(
  offerBase: number,
  offerStock: number,
  annualTC: number,
  f: GuideFigures | null,
): FigureComparison | null {
  if (!f) return null;
  const gapTC = f.annualTC === null ? null : annualTC - f.annualTC;
  return {
    ...f,
    gap: {
      base: f.base === null ? null : offerBase - f.base,
      stock: f.stock === null ? null : offerStock - f.stock,
      annualTC: gapTC,
      annualTCPct: gapTC === null || !f.annualTC ? null : Math.round((gapTC / f.annualTC) * 1000) / 10,
    },
    met: gapTC === null ? null : gapTC >= 0,
  };
}

/** The components that lie outside their range (a missing range is no band to be outside of). */
function beyondBand(pairs: Record<keyof BeyondBand, [number, Range | null]>): BeyondBand {
  const out: BeyondBand = {};
  for (const [key, [value, range]] of Object.entries(pairs) as [keyof BeyondBand, [number, Range | null]][]) {
    const b = range ? beyondRange(value, range) : null;
    if (b) out[key] = b;
  }
  return out;
}

/** Where the annual TC sits: the floor first (if the guide states one), then the band. */
export function rate(totalPosition: number, belowFloor: boolean): Rating {
  if (belowFloor) return 'below-floor';
  if (totalPosition < 0) return 'below-band';
  if (totalPosition < 35) return 'low';
  if (totalPosition <= 70) return 'fair';
  if (totalPosition <= 100) return 'strong';
  return 'above-band';
}

export const RATING_TEXT: Record<Rating, string> = {
  'below-floor': 'below the walk-away floor',
  'below-band': 'low: under the band',
  low: 'low: in the bottom third of the band',
  fair: 'fair: mid-band',
  strong: 'strong: near the top of the band',
  'above-band': 'strong: above the band',
};

function describeVerdict(e: Omit<Evaluation, 'verdict'>, currency: string): string {
  const tc = e.schedule.annualTC;
  const where = e.beyond.totalComp
    ? positionText(e.positions.totalComp, e.beyond.totalComp, currency)
    : `${formatPercent(e.positions.totalComp ?? 0)} of the band`;
  const parts = [`${RATING_TEXT[e.rating]} (annual TC ${formatMoney(tc, currency)}, ${where})`];
  const t = e.target;
  if (t?.annualTC != null && t.gap.annualTC != null) {
    parts.push(
      t.met
        ? `at or above the guide's target of ${formatMoney(t.annualTC, currency)}`
        : `${formatMoney(-t.gap.annualTC, currency)} under the guide's target of ${formatMoney(t.annualTC, currency)}${t.estimated ? ' (estimated)' : ''}`,
    );
  }
  if (e.rating === 'below-floor' && e.floor?.gap.annualTC != null)
    parts.push(`${formatMoney(-e.floor.gap.annualTC, currency)} short of the floor`);
  return parts.join('; ');
}

/** Evaluates an offer against a band (both in one currency) and the guide's target and floor. */
export function evaluateOffer(input: EvaluationInput): Evaluation {
  const { offer, band } = input;
  const schedule = computeSchedule(offer, { evenYears: band.stockYears, horizon: input.horizon });
  const scenarios = input.stockChanges?.length
    ? stockScenarios(offer, input.stockChanges, { evenYears: band.stockYears, horizon: input.horizon })
    : [];
  const bandAnnualTC = computedTotalComp(band);
  // The grants that start in year 1, each over its own vesting years (later grants are not in the band's range).
  const stockPerYear = schedule.stockPerYear;
  const bandStockPerYear = band.stock
    ? { low: band.stock.low / band.stockYears, high: band.stock.high / band.stockYears }
    : null;
  const positions: Positions = {
    base: at(offer.base, band.base),
    stock: at(stockPerYear, bandStockPerYear),
    totalComp: at(schedule.annualTC, bandAnnualTC),
    totalCompStated: at(schedule.annualTC, band.totalComp),
  };
  const beyond = beyondBand({
    base: [offer.base, band.base],
    // On the position's basis: the year-1 grants per year, as a grant over the band's vesting years (a
    // one-year £50K grant is £200K over four), so `beyond.stock` exists exactly when the position is outside.
    stock: [Math.round(stockPerYear * band.stockYears), band.stock],
    totalComp: [schedule.annualTC, bandAnnualTC],
    totalCompStated: [schedule.annualTC, band.totalComp],
  });
  const target = compare(offer.base, schedule.firstYearGrants, schedule.annualTC, input.target);
  const floor = compare(offer.base, schedule.firstYearGrants, schedule.annualTC, input.floor);
  const rating = rate(positions.totalComp ?? 0, floor?.met === false);
  const partial = {
    schedule,
    scenarios,
    bonusScenarios: bonusScenarios(schedule, offer.bonusMultipliers),
    band,
    bandAnnualTC,
    positions,
    beyond,
    target,
    floor,
    rating,
  };
  return { ...partial, verdict: describeVerdict(partial, band.currency) };
}
