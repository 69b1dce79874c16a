// The ask and the walk-away floor of a counter-offer. Pure.
//
// The guide states its negotiate-up targets and its "Accept at" floor in one currency: they belong to
// the first band in that currency (San Francisco in the seed). For another region or level they are
// scaled component by component by the ratio of band midpoints, and marked estimated.
import { midpoint } from '../comp/bands.js';
import type { Rate } from '../comp/fx.js';
import { formatMoney, formatPercent } from '../comp/money.js';
import { referenceBand, targetsForBand, type GuideFigures } from '../comp/targets.js';
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

export interface TargetsAndFloor {
  /** The guide's targets for the asked band, money rounded to thousands (an ask is said out loud). */
  target: Figures | null;
  /** The walk-away floor for the asked band, exactly as evaluate computes it. */
  floor: Figures | null;
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

const fmtRatio = (r: number) => `×${(Math.round(r * 1000) / 1000).toString()}`;
const toFigures = (f: GuideFigures, round: (n: number) => number): Figures => ({
  base: f.base === null ? null : round(f.base),
  stock: f.stock === null ? null : round(f.stock),
  bonusPct: f.bonusPct,
  currency: f.currency,
  estimated: f.estimated,
});

/**
 * The guide's targets and floor for the asked band (scaled by comp/targets.ts, shared with evaluate),
 * with notes that say how. `where` names the band ("London", "London, level L4"); `rate` converts
 * figures stated in a currency no band uses.
 */
export function computeTargets(
  strategy: Strategy | null,
  bands: Band[],
  band: Band,
  opts: { isLevelSlice: boolean; where: string; rate?: (from: string, to: string) => Rate },
): TargetsAndFloor {
  const notes: string[] = [];
  if (!strategy) {
    notes.push('the guide has no negotiate-up strategy: no targets and no walk-away floor');
    return { target: null, floor: null, notes };
  }
  const scaled = targetsForBand(strategy, bands, band, { narrowed: opts.isLevelSlice, rate: opts.rate });
  if (scaled.notes?.length) return { target: null, floor: null, notes: scaled.notes };
  const t = scaled.target ?? scaled.floor;
  if (!t) {
    const c = (strategy.targetBase ?? strategy.targetStock ?? strategy.floorBase ?? strategy.floorStock)?.currency;
    notes.push(c ? `the guide's targets are in ${c}, which none of its bands uses, and there is no rate to convert them: targets and floor are not used` : 'the guide states no target amounts and no walk-away floor');
    return { target: null, floor: null, notes };
  }
  if (!scaled.floor) notes.push('the guide states no walk-away floor ("Accept at …")');
  if (t.estimated) {
    const s = strategy;
    const ref = referenceBand(bands, t.from.currency);
    const stated = [
      s.targetBase && `${formatMoney(s.targetBase.amount, t.from.currency)} base`,
      s.targetStock && `${formatMoney(s.targetStock.amount, t.from.currency)} stock`,
      s.targetBonusPct !== null && `${formatPercent(s.targetBonusPct)} bonus`,
    ].filter(Boolean).join(', ');
    const how = ref
      ? `scaled by the ratio of band midpoints (base ${fmtRatio(midpoint(band.base) / midpoint(ref.base))}` +
        `${band.stock && ref.stock ? `, stock ${fmtRatio(midpoint(band.stock) / midpoint(ref.stock))}` : ''})`
      : `converted from ${t.from.currency} to ${band.currency} at the bundled rate and scaled to this band`;
    notes.push(`the guide states its targets (${stated}) for ${ref?.region ?? 'no band of its own'}; for ${opts.where} they are ${how} and rounded to thousands: estimated`);
  }
  return { target: scaled.target && toFigures(scaled.target, roundAmount), floor: scaled.floor && toFigures(scaled.floor, Math.round), notes };
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
