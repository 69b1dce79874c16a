// The guide's negotiate-up targets and walk-away floor, brought to the band being asked about. Pure.
//
// A guide states them once, in one currency: they belong to the first band in that currency (San
// Francisco in the seed). For another region or level they are scaled by the ratio of band midpoints,
// component by component (base by base midpoints, stock by stock midpoints), and marked estimated.
import type { Strategy } from '../guides/body.js';
import type { Band } from '../guides/types.js';
import { annualTotal, midpoint } from './bands.js';
import { convert, type Rate } from './fx.js';

export interface GuideFigures {
  base: number | null;
  /** The whole grant over `stockYears`. */
  stock: number | null;
  stockYears: number;
  bonusPct: number | null;
  /** base × (1 + bonus %) + stock / years. */
  annualTC: number | null;
  currency: string;
  /** True when scaled from another region or level (or converted), not as the guide states it. */
  estimated: boolean;
  /** The band the guide's figures belong to. */
  from: { region: string; currency: string };
}

export interface GuideTargets {
  target: GuideFigures | null;
  floor: GuideFigures | null;
  /** Said to the user (evaluate's warnings, draft's notes): why the guide's strategy gives nothing, when it cannot be read. */
  notes?: string[];
}

/** The note evaluate and draft give when a guide has a strategy that could not be read (SPEC §2: never silent). */
export function unreadStrategyNote(strategy: Pick<Strategy, 'unread'> | null): string | null {
  return strategy?.unread
    ? `the guide's strategy could not be read, so no target or walk-away floor is used: ${strategy.unread} (negotiate validate shows where)`
    : null;
}

/** The band a guide's strategy figures belong to: the first band in their currency. */
export function referenceBand(bands: Band[], currency: string): Band | undefined {
  return bands.find((b) => b.currency === currency);
}

function ratio(to: { low: number; high: number } | null, from: { low: number; high: number } | null): number | null {
  if (!to || !from) return null;
  const m = midpoint(from);
  return m > 0 ? midpoint(to) / m : null;
}

/**
 * The strategy's target and floor for `band` (already narrowed to a level when `narrowed`). `rate`
 * converts figures stated in a currency no band uses into the first band's currency (estimated).
 */
export function targetsForBand(
  strategy: Strategy | null,
  bands: Band[],
  band: Band,
  opts: { narrowed?: boolean; rate?: (from: string, to: string) => Rate } = {},
): GuideTargets {
  if (!strategy) return { target: null, floor: null };
  const unread = unreadStrategyNote(strategy);
  if (unread) return { target: null, floor: null, notes: [unread] };
  const currency =
    strategy.targetBase?.currency ??
    strategy.floorBase?.currency ??
    strategy.targetStock?.currency ??
    strategy.floorStock?.currency;
  if (!currency) return { target: null, floor: null };
  let reference = referenceBand(bands, currency);
  let convertFigure = (n: number) => n;
  let converted = false;
  if (!reference) {
    reference = bands[0];
    if (!reference || !opts.rate) return { target: null, floor: null };
    const rate = opts.rate(currency, reference.currency);
    convertFigure = (n) => convert(n, rate);
    converted = true;
  }
  // The whole band the figures belong to, compared with the (region's, level's) band asked for.
  const sameBand = reference.region === band.region && reference.currency === band.currency && !opts.narrowed;
  const baseRatio = sameBand ? 1 : (ratio(band.base, reference.base) ?? 1);
  const stockRatio = sameBand ? 1 : (ratio(band.stock, reference.stock) ?? baseRatio);
  const estimated = converted || !sameBand;
  const scaleBase = (n: number) => Math.round(convertFigure(n) * baseRatio);
  const scaleStock = (n: number) => Math.round(convertFigure(n) * stockRatio);
  const from = { region: reference.region, currency };

  const build = (
    base: number | null,
    stock: number | null,
    stockYears: number,
    bonusPct: number | null,
  ): GuideFigures | null => {
    if (base === null && stock === null) return null;
    const annualTC = base === null ? null : Math.round(annualTotal(base, bonusPct, stock, stockYears));
    return { base, stock, stockYears, bonusPct, annualTC, currency: band.currency, estimated, from };
  };
  const s = strategy;
  const targetYears = s.stockYears ?? band.stockYears;
  return {
    target: build(
      s.targetBase ? scaleBase(s.targetBase.amount) : null,
      s.targetStock ? scaleStock(s.targetStock.amount) : null,
      targetYears,
      s.targetBonusPct ?? band.bonusPct,
    ),
    // The floor's annual TC uses the band's bonus % and vesting years (SPEC §4).
    floor: build(
      s.floorBase ? scaleBase(s.floorBase.amount) : null,
      s.floorStock ? scaleStock(s.floorStock.amount) : null,
      band.stockYears,
      band.bonusPct,
    ),
  };
}

/** The figures converted to another currency (the figures were scaled first, so this is exact FX). */
export function convertFigures(f: GuideFigures | null, rate: Rate): GuideFigures | null {
  if (!f || rate.from === rate.to) return f;
  const c = (n: number | null) => (n === null ? null : convert(n, rate));
  return { ...f, base: c(f.base), stock: c(f.stock), annualTC: c(f.annualTC), currency: rate.to };
}
