// The evaluation of one offer against its band, as evaluate shows it and draft reports it (`current`).
// Shared by the evaluate and draft commands (and evaluate's hand-off to a draft), so no command imports another.
import { bandToJson, convertBand, type BandJson } from './comp/bands.js';
import { evaluateOffer, type Evaluation } from './comp/evaluation.js';
import { collectRates, staleRateWarnings, type FxTable, type Rate } from './comp/fx.js';
import { implausibleAmountWarnings } from './comp/plausible.js';
import { levelToJson, type LevelJson, type ResolvedLevel } from './comp/level-match.js';
import { parseCurrencyCode } from './comp/money.js';
import { convertOffer, scheduleFigures, type BonusScenario, type Offer, type ScheduleFigures } from './comp/offer.js';
import { convertFigures, targetsForBand } from './comp/targets.js';
import { describeVesting } from './comp/vesting.js';
import type { Context } from './context.js';
import { UsageError } from './errors.js';
import type { GuideBody } from './guides/body.js';
import { isStale } from './guides/review.js';
import type { Band } from './guides/types.js';
import type { IndexedGuide } from './index/build.js';
import { completeOffer, parseYears, resolveOfferCurrency, type ParsedOffer } from './options.js';
import { staleWarnings } from './guides/review.js';

/** What an evaluation is of: the guide, its band (narrowed to the level) and the offer as the user gave it. */
export interface EvaluationInputs {
  guide: IndexedGuide;
  /** The guide's body, parsed with its model (its strategy gives the target and floor). */
  body: GuideBody;
  band: Band;
  level: ResolvedLevel | null;
  parsed: ParsedOffer;
}

/** The evaluation's own options: the output currency, the stock-price scenarios and the horizon. */
export interface EvaluationOptions {
  currency?: string;
  stockChange?: string;
  years?: string;
}

/** The `evaluate --json` document (SPEC §4), built from the same values the human output shows. */
export interface EvaluateResult extends ScheduleFigures {
  company: { slug: string; name: string };
  role: { slug: string; name: string };
  region: string;
  level: LevelJson | null;
  offer: Offer & { vestingSchedule: string };
  currency: string;
  rates: Rate[];
  band: BandJson & { annualTC: { low: number; high: number } };
  /** The grants that start in year 1, each over its own vesting years (the band's stock range is per year too). */
  stockPerYear: number;
  withRefresher: Evaluation['schedule']['withRefresher'];
  bonusScenarios: BonusScenario[];
  /** Every rate the figures rest on: the assumed ones as given, and each exchange rate used. */
  assumptions: Assumptions;
  /** Each amount given in another currency than `currency`, as given (`rates` holds the rate used). */
  converted: Converted[];
  vesting: { schedule: string; percents: number[]; years: number; cliffMonths: number };
  scenarios: Evaluation['scenarios'];
  positions: Evaluation['positions'];
  beyond: Evaluation['beyond'];
  target: Evaluation['target'];
  floor: Evaluation['floor'];
  rating: Evaluation['rating'];
  verdict: string;
  asOf: string | null;
  stale: boolean;
  warnings: string[];
}

/** The `assumptions` of evaluate and compare: each assumed rate as given ([] when none), and the exchange rates used. */
export interface Assumptions {
  raise: number[];
  stockGrowth: number[];
  bonusMultiplier: number[];
  stockChange: number[];
  exchangeRates: Rate[];
}

/** An amount as the user gave it before conversion: `field` names it (`stock`, `grants[2]`, `benefits[1]`). */
export interface Converted {
  field: string;
  currency: string;
  amount: number;
}

/** The amounts of an offer that are in another currency than `out`, as given. */
export function convertedAmounts(offer: Offer, offerCurrency: string, out: string): Converted[] {
  const list: Converted[] = [];
  const add = (field: string, amount: number, currency: string | null | undefined) => {
    const from = currency ?? offerCurrency;
    if (from !== out && amount) list.push({ field, currency: from, amount });
  };
  const c = offer.currencies;
  add('base', offer.base, c.base);
  add('stock', offer.stock, c.stock);
  for (const [i, x] of offer.signOn.entries())
    add(offer.signOn.length > 1 ? `signOn[${i + 1}]` : 'signOn', x, c.signOn);
  add('refresher', offer.refresher, c.refresher);
  if (offer.bonusAmount !== null) add('bonusAmount', offer.bonusAmount, c.bonusAmount);
  for (const [i, g] of offer.grants.entries()) add(`grants[${i + 1}]`, g.amount, g.currency);
  for (const [i, g] of offer.refreshers.entries()) add(`refreshers[${i + 1}]`, g.amount, g.currency);
  for (const [i, g] of offer.benefits.entries()) add(`benefits[${i + 1}]`, g.amount, g.currency);
  return list;
}

/** The --stock-change list: percentages from -100 to 1000. */
export function parseStockChanges(value: string): number[] {
  const parts = value.split(/\s*[,;/]\s*/).filter((p) => p !== '');
  const nums = parts.map((p) => Number(p.replace(/%$/, '').replace(/^\+/, '')));
  if (parts.length === 0 || parts.length > 10 || nums.some((n) => !Number.isFinite(n) || n < -100 || n > 1000)) {
    throw new UsageError(`--stock-change: "${value}" is not a list of percentages`, [
      'write it like -30,0,30 (each from -100 to 1000)',
    ]);
  }
  return nums;
}

/** Converts everything to the output currency, evaluates, and builds the result document. */
export function buildEvaluation(
  ctx: Context,
  r: EvaluationInputs,
  opts: EvaluationOptions,
  fxTable: FxTable,
): { result: EvaluateResult; offerCurrency: string; offer: Offer } {
  const { guide, body, band: nativeBand, level, parsed } = r;
  const out = opts.currency ? parseCurrencyCode(opts.currency) : nativeBand.currency;
  // Plain amounts are in the offer's currency; a component that names another is converted with it.
  const offerCurrency = resolveOfferCurrency(parsed, nativeBand.currency, nativeBand.region, opts.currency);
  const offer = { ...completeOffer(parsed.input), currency: offerCurrency };
  const fx = collectRates(() => fxTable);
  const rateFor = fx.rate;
  const native = targetsForBand(body.strategy, guide.meta.bands, nativeBand, {
    narrowed: level !== null,
    rate: rateFor,
  });
  const toOut = rateFor(nativeBand.currency, out);
  const band = convertBand(nativeBand, toOut);
  const evaluated = convertOffer(offer, (from) => rateFor(from, out), offerCurrency);
  const stockChanges = opts.stockChange ? parseStockChanges(opts.stockChange) : [];
  const evaluation = evaluateOffer({
    offer: evaluated,
    band,
    target: convertFigures(native.target, toOut),
    floor: convertFigures(native.floor, toOut),
    stockChanges,
    horizon: parseYears(opts.years) ?? undefined,
  });
  const s = evaluation.schedule;
  const warnings = staleWarnings(guide.meta, ctx.today);
  warnings.push(...(native.notes ?? []));
  if (!offer.bonusPct && offer.bonusAmount === null && band.bonusPct)
    warnings.push(`no bonus given: counted as 0% (the band's target is ${band.bonusPct}%; pass --bonus)`);
  warnings.push(...implausibleAmountWarnings(offer, offerCurrency), ...staleRateWarnings(fx.rates));
  const m = guide.meta;
  const result: EvaluateResult = {
    company: { slug: m.company, name: m.companyName },
    role: { slug: m.role, name: m.roleName },
    region: nativeBand.region,
    level: level ? levelToJson(level) : null,
    offer: { ...evaluated, vestingSchedule: describeVesting(offer.vesting) },
    currency: out,
    rates: fx.rates,
    band: { ...bandToJson(band, level !== null), annualTC: evaluation.bandAnnualTC },
    ...scheduleFigures(s),
    stockPerYear: Math.round(s.stockPerYear),
    withRefresher: s.withRefresher,
    bonusScenarios: evaluation.bonusScenarios,
    converted: convertedAmounts(offer, offerCurrency, out),
    assumptions: {
      raise: offer.raisePct,
      stockGrowth: offer.stockGrowthPct,
      bonusMultiplier: offer.bonusMultipliers,
      stockChange: stockChanges,
      exchangeRates: fx.rates,
    },
    vesting: {
      schedule: describeVesting(offer.vesting),
      percents: s.vestingPercents.map((p) => Math.round(p * 100) / 100),
      years: s.vestingYears,
      cliffMonths: offer.cliffMonths,
    },
    scenarios: evaluation.scenarios,
    positions: evaluation.positions,
    beyond: evaluation.beyond,
    target: evaluation.target,
    floor: evaluation.floor,
    rating: evaluation.rating,
    verdict: evaluation.verdict,
    asOf: m.lastUpdated,
    stale: isStale(m, ctx.today),
    warnings,
  };
  return { result, offerCurrency, offer };
}
