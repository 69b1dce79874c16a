// The ask and the walk-away floor of a counter-offer. Pure.
//
// The guide states its negotiate-up targets and its "Accept at" floor in one currency: they belong to
// the first band in that currency (San Francisco in the seed). For another region or level they are
// scaled component by component by the ratio of band midpoints, and marked estimated.
import { midpoint } from '../comp/bands.js';
import { formatMoney, formatPercent } from '../comp/money.js';
import type { Strategy } from '../guides/body.js';
import type { Band } from '../guides/types.js';

export interface Figures {
  base: number | null;
  /** The whole grant over the band's vesting period. */
  stock: number | null;
  bonusPct: number | null;
  currency: string;
  estimated: boolean;
}

export interface Ask extends Figures {
  /** A one-time sign-on asked for instead of less, when the offer already meets every target. */
  signOn?: number;
}

/** The parts of an offer the ask is compared with (all in the band's currency). */
export interface OfferFigures {
  base?: number;
  stock?: number;
  bonusPct?: number;
  /** One-time sign-on payments already offered, in order. */
  signOn?: number[];
}

export interface AskOverrides {
  base?: number;
  stock?: number;
  bonusPct?: number;
}

/** How a band differs from the band the guide states its targets for. */
export interface Scaling {
  /** The band the targets belong to; null when no band is in the strategy's currency. */
  reference: Band | null;
  base: number;
  stock: number;
  bonus: number;
  /** True when the asked band is not the reference band itself (another region, or a level slice). */
  scaled: boolean;
}

export interface TargetsAndFloor {
  target: Figures | null;
  floor: Figures | null;
  scaling: Scaling;
  notes: string[];
}

/** Where in its band the ask goes for a component the guide gives no target for (0 = low, 100 = high). */
export const FALLBACK_POSITION = 75;
/** The sign-on asked for when the offer meets every target: this share of base, on top of any offered. */
export const SIGN_ON_SHARE = 0.1;

/** Whole thousands for amounts a person would say out loud; small amounts stay as they are. */
export function roundAmount(n: number): number {
  return n >= 10_000 ? Math.round(n / 1000) * 1000 : Math.round(n);
}

const roundPct = (n: number) => Math.round(n * 10) / 10;
const ratio = (a: number, b: number) => (b > 0 ? a / b : 1);
const fmtRatio = (r: number) => `×${(Math.round(r * 1000) / 1000).toString()}`;

/** The currency the strategy states its figures in (the first figure that names one). */
function strategyCurrency(s: Strategy): string | null {
  return (s.targetBase ?? s.targetStock ?? s.floorBase ?? s.floorStock)?.currency ?? null;
}

/** The ratios that carry the guide's figures from its reference band to the asked band. */
export function findScaling(strategy: Strategy | null, bands: Band[], band: Band, isLevelSlice: boolean): Scaling {
  const currency = strategy ? strategyCurrency(strategy) : null;
  const reference = currency ? bands.find((b) => b.currency === currency) ?? null : null;
  if (!reference) return { reference: null, base: 1, stock: 1, bonus: 1, scaled: false };
  const base = ratio(midpoint(band.base), midpoint(reference.base));
  const stock = band.stock && reference.stock ? ratio(midpoint(band.stock), midpoint(reference.stock)) : base;
  const bonus = band.bonusPct !== null && reference.bonusPct !== null && reference.bonusPct > 0 ? ratio(band.bonusPct, reference.bonusPct) : 1;
  return { reference, base, stock, bonus, scaled: isLevelSlice || reference !== band };
}

/**
 * The guide's targets and floor for the asked band. `where` names the band for notes
 * ("London", "London, level L4").
 */
export function computeTargets(strategy: Strategy | null, bands: Band[], band: Band, opts: { isLevelSlice: boolean; where: string }): TargetsAndFloor {
  const scaling = findScaling(strategy, bands, band, opts.isLevelSlice);
  const notes: string[] = [];
  if (!strategy) {
    notes.push('the guide has no negotiate-up strategy: no targets and no walk-away floor');
    return { target: null, floor: null, scaling, notes };
  }
  const ref = scaling.reference;
  if (!ref) {
    const currency = strategyCurrency(strategy);
    notes.push(currency
      ? `the guide states its targets in ${currency} but has no ${currency} band: targets and floor are not used`
      : 'the guide states no target amounts');
    return { target: null, floor: null, scaling, notes };
  }
  // A grant stated over other years than the band's vests the same per year.
  const yearsFactor = strategy.stockYears && strategy.stockYears !== band.stockYears ? band.stockYears / strategy.stockYears : 1;
  if (yearsFactor !== 1) notes.push(`the guide's target grant is over ${strategy.stockYears} years; it is restated over the band's ${band.stockYears} years`);
  const scale = (fig: { amount: number } | null, r: number) => (fig ? roundAmount(fig.amount * r) : null);
  const target: Figures = {
    base: scale(strategy.targetBase, scaling.base),
    stock: strategy.targetStock ? roundAmount(strategy.targetStock.amount * scaling.stock * yearsFactor) : null,
    bonusPct: strategy.targetBonusPct === null ? null : roundPct(strategy.targetBonusPct * scaling.bonus),
    currency: band.currency,
    estimated: scaling.scaled,
  };
  const hasFloor = strategy.floorBase !== null || strategy.floorStock !== null;
  const floor: Figures | null = hasFloor
    ? {
        base: scale(strategy.floorBase, scaling.base),
        stock: strategy.floorStock ? roundAmount(strategy.floorStock.amount * scaling.stock * yearsFactor) : null,
        bonusPct: band.bonusPct,
        currency: band.currency,
        estimated: scaling.scaled,
      }
    : null;
  if (!hasFloor) notes.push('the guide states no walk-away floor ("Accept at …")');
  if (scaling.scaled) {
    const stated = [
      strategy.targetBase && `${formatMoney(strategy.targetBase.amount, ref.currency)} base`,
      strategy.targetStock && `${formatMoney(strategy.targetStock.amount, ref.currency)} stock`,
      strategy.targetBonusPct !== null && `${formatPercent(strategy.targetBonusPct)} bonus`,
    ].filter(Boolean).join(', ');
    notes.push(
      `the guide states its targets (${stated}) for ${ref.region}; for ${opts.where} they are scaled by the ratio of band midpoints ` +
        `(base ${fmtRatio(scaling.base)}, stock ${fmtRatio(scaling.stock)}, bonus ${fmtRatio(scaling.bonus)}) and rounded to thousands: estimated`,
    );
  }
  return { target, floor, scaling, notes };
}

const describe = { base: 'base', stock: 'stock grant', bonusPct: 'target bonus' } as const;
type Component = keyof typeof describe;

function show(c: Component, n: number, currency: string): string {
  return c === 'bonusPct' ? formatPercent(n) : formatMoney(n, currency);
}

/**
 * The ask: targets (or overrides), never below the offer on any component. Where the offer already
 * meets a target, that component is held and the ask rests on the others; when it meets every
 * target, the ask moves to a one-time sign-on instead of asking for less.
 */
export function computeAsk(target: Figures | null, band: Band, offer: OfferFigures | null, overrides: AskOverrides): { ask: Ask; notes: string[] } {
  const notes: string[] = [];
  const currency = band.currency;
  const bandRange = { base: band.base, stock: band.stock, bonusPct: null };
  // Without a target bonus the ask states the bonus it expects: the offer's, or else the band's.
  const keep = { base: null, stock: null, bonusPct: band.bonusPct };
  const ask: Ask = { base: null, stock: null, bonusPct: null, currency, estimated: false };
  const met: Component[] = [];
  const raised: Component[] = [];
  for (const c of ['base', 'stock', 'bonusPct'] as const) {
    const offered = offer?.[c];
    const override = overrides[c];
    let wanted = override ?? target?.[c] ?? null;
    let estimated = override === undefined && wanted !== null && !!target?.estimated;
    if (wanted === null) {
      const range = bandRange[c];
      if (range) {
        wanted = roundAmount(range.low + ((range.high - range.low) * FALLBACK_POSITION) / 100);
        estimated = false;
        notes.push(`the guide states no target ${describe[c]}: the ask uses the band's ${FALLBACK_POSITION}% point (${show(c, wanted, currency)})`);
      }
    }
    if (offered !== undefined && wanted !== null && offered >= wanted) {
      if (override !== undefined && offered > override) {
        notes.push(`--ask-${c === 'bonusPct' ? 'bonus' : c} ${show(c, override, currency)} is below the offer's ${show(c, offered, currency)}: the ask keeps ${show(c, offered, currency)} (it never asks for less)`);
      } else if (override === undefined) {
        notes.push(`the offer's ${describe[c]} (${show(c, offered, currency)}) already meets the target (${show(c, wanted, currency)}): the message holds it rather than ask for less`);
      }
      ask[c] = offered;
      met.push(c);
      continue;
    }
    if (wanted === null) {
      ask[c] = offered ?? keep[c];
      continue;
    }
    ask[c] = wanted;
    if (estimated) ask.estimated = true;
    raised.push(c);
  }
  if (raised.length > 0 && met.length > 0) {
    notes.push(`the ask rests on the ${raised.map((c) => describe[c]).join(' and ')} instead`);
  }
  if (raised.length === 0 && met.length > 0 && ask.base !== null) {
    const offered = (offer?.signOn ?? []).reduce((a, b) => a + b, 0);
    ask.signOn = roundAmount(offered + ask.base * SIGN_ON_SHARE);
    notes.push(
      `the offer meets every target, so the ask moves to a one-time sign-on of ${formatMoney(ask.signOn, currency)} ` +
        `(${SIGN_ON_SHARE * 100}% of base${offered > 0 ? `, on top of the ${formatMoney(offered, currency)} offered` : ''}) instead of asking for less`,
    );
  }
  return { ask, notes };
}
