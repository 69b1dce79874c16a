// The ask and the walk-away floor of a counter-offer. Pure.
//
// The guide states its negotiate-up targets and its "Accept at" floor in one currency: they belong to
// the first band in that currency (San Francisco in the seed). For another region or level they are
// scaled component by component by the ratio of band midpoints, and marked estimated.
import { annualTotal, midpoint } from '../comp/bands.js';
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
  /** base × (1 + bonus %) + stock / years: the one total every command rates offers against. */
  annualTC: number | null;
  /** A one-time sign-on asked for (second-round: the gap traded for a sign-on). */
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
  /** The target's annual TC before rounding: the figure evaluate shows as the guide's target. */
  targetTC: number | null;
  notes: string[];
}

/** Where in its band the ask goes for a component the guide gives no target for (0 = low, 100 = high). */
export const FALLBACK_POSITION = 75;

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
    return { target: null, floor: null, targetTC: null, notes };
  }
  const scaled = targetsForBand(strategy, bands, band, { narrowed: opts.isLevelSlice, rate: opts.rate });
  if (scaled.notes?.length) return { target: null, floor: null, targetTC: null, notes: scaled.notes };
  const t = scaled.target ?? scaled.floor;
  if (!t) {
    const c = (strategy.targetBase ?? strategy.targetStock ?? strategy.floorBase ?? strategy.floorStock)?.currency;
    notes.push(
      c
        ? `the guide's targets are in ${c}, which none of its bands uses, and there is no rate to convert them: targets and floor are not used`
        : 'the guide states no target amounts and no walk-away floor',
    );
    return { target: null, floor: null, targetTC: null, notes };
  }
  if (!scaled.floor) notes.push('the guide states no walk-away floor ("Accept at …")');
  if (t.estimated) {
    const s = strategy;
    const ref = referenceBand(bands, t.from.currency);
    const stated = [
      s.targetBase && `${formatMoney(s.targetBase.amount, t.from.currency)} base`,
      s.targetStock && `${formatMoney(s.targetStock.amount, t.from.currency)} stock`,
      s.targetBonusPct !== null && `${formatPercent(s.targetBonusPct)} bonus`,
    ]
      .filter(Boolean)
      .join(', ');
    const how = ref
      ? `scaled by the ratio of band midpoints (base ${fmtRatio(midpoint(band.base) / midpoint(ref.base))}` +
        `${band.stock && ref.stock ? `, stock ${fmtRatio(midpoint(band.stock) / midpoint(ref.stock))}` : ''})`
      : `converted from ${t.from.currency} to ${band.currency} at the bundled rate and scaled to this band`;
    notes.push(
      `the guide states its targets (${stated}) for ${ref?.region ?? 'no band of its own'}; for ${opts.where} they are ${how} and rounded to thousands: estimated`,
    );
  }
  return {
    target: scaled.target && toFigures(scaled.target, roundAmount),
    floor: scaled.floor && toFigures(scaled.floor, Math.round),
    targetTC: scaled.target?.annualTC ?? null,
    notes,
  };
}

const describe = { base: 'base', stock: 'stock grant', bonusPct: 'target bonus' } as const;
type Component = keyof typeof describe;

function show(c: Component, n: number, currency: string): string {
  return c === 'bonusPct' ? formatPercent(n) : formatMoney(n, currency);
}

/**
 * The ask, component by component: targets (or overrides), never below the offer on any component.
 * Where the offer already meets a target, that component is held (asking for less is never done).
 * `metAll` is true when the offer meets the target on every component the ask has.
 */
export function computeAsk(
  target: Figures | null,
  band: Band,
  offer: OfferFigures | null,
  overrides: AskOverrides,
): { ask: Ask; notes: string[]; metAll: boolean } {
  const notes: string[] = [];
  const currency = band.currency;
  const bandRange = { base: band.base, stock: band.stock, bonusPct: null };
  // Without a target bonus the ask states the bonus it expects: the offer's, or else the band's.
  const keep = { base: null, stock: null, bonusPct: band.bonusPct };
  const ask: Ask = { base: null, stock: null, bonusPct: null, currency, estimated: false, annualTC: null };
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
        notes.push(
          `the guide states no target ${describe[c]}: the ask uses the band's ${FALLBACK_POSITION}% point (${show(c, wanted, currency)})`,
        );
      }
    }
    if (offered !== undefined && wanted !== null && offered >= wanted) {
      if (override !== undefined && offered > override) {
        notes.push(
          `--ask-${c === 'bonusPct' ? 'bonus' : c} ${show(c, override, currency)} is below the offer's ${show(c, offered, currency)}: the ask keeps ${show(c, offered, currency)} (it never asks for less)`,
        );
      } else if (override === undefined) {
        notes.push(
          `the offer's ${describe[c]} (${show(c, offered, currency)}) already meets the target (${show(c, wanted, currency)}): the ask holds it rather than ask for less`,
        );
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
  ask.annualTC = ask.base === null ? null : Math.round(annualTotal(ask.base, ask.bonusPct, ask.stock, band.stockYears));
  return { ask, notes, metAll: raised.length === 0 && met.length > 0 };
}
