// The one number a short counter asks for, and the one standard behind it (SPEC §4 draft). Pure.
//
// The rule, in order:
//   1. the highest of the user's competing offers whose annual TC is above the current offer's: the ask's
//      annual TC is lifted to at least it (offers compare in totals, so the number is the annual TC);
//   2. else the market: the level's slice, else the whole band, whose top is at or above the ask;
//   3. else no range, and a note says the ask is above the market data the guide holds.
// Competing offers at or below the current offer, and any above an explicit --ask-*, are left out with a note.
import { annualTotal, computedTotalComp } from '../comp/bands.js';
import { formatMoney } from '../comp/money.js';
import type { Band, Range } from '../guides/types.js';
import type { Ask, OfferFigures } from './ask.js';
import type { CompetingOffer } from './competing.js';

/** What the one number is: a component, or the annual TC. */
export type Headline = 'base' | 'stock' | 'annualTC';
export type AskMode = 'component' | 'total';

export type Standard =
  | { kind: 'competing'; offer: CompetingOffer; inBand: number }
  | { kind: 'market'; scope: 'level' | 'band'; range: Range; band: Band }
  | { kind: 'none' };

export interface StandardInput {
  ask: Ask;
  offer: OfferFigures | null;
  /** The current offer's annual TC in the band's currency (null without an offer). */
  currentTC: number | null;
  competing: CompetingOffer[];
  /** The band the draft argues from (the level's slice when a level was asked). */
  band: Band;
  /** The region's whole band, when `band` is a level's slice; else null. */
  wholeBand: Band | null;
  mode: AskMode;
  /** True when --ask-* set any component. */
  explicit: boolean;
}

export interface StandardChoice {
  /** The ask, lifted to a competing offer when rule 1 applies (components split in the ask's proportions). */
  ask: Ask;
  headline: Headline;
  /** The one number, in the band's currency. */
  amount: number;
  standard: Standard;
  /** True when the offer meets the target everywhere and no competing offer is above it: the message accepts. */
  accept: boolean;
  notes: string[];
}

/** Rounds up to whole thousands (an ask lifted to an offer stays at or above it). */
export const ceilThousands = (n: number) => (n >= 10_000 ? Math.ceil(n / 1000) * 1000 : Math.ceil(n));

const inBandAmount = (o: CompetingOffer) => o.converted?.amount ?? o.amount;

/** "$420,000 ≈ £315,790 (USD→GBP at 0.75188, rate of 2025-10-31)": the offer, and its conversion when there is one. */
export function describeCompeting(o: CompetingOffer, c: string): string {
  const r = o.converted;
  return `${formatMoney(o.amount, o.currency)}${r ? ` ≈ ${formatMoney(r.amount, c)} (${r.rate.from}→${c} at ${r.rate.rate}, rate of ${r.rate.asOf})` : ''}`;
}

/** The component with the largest gap to the ask in annual money (grant ÷ years; a bonus gap is asked as annual TC). */
export function largestGap(ask: Ask, offer: OfferFigures | null, years: number): Headline | null {
  const gaps: [Headline, number][] = [];
  if (ask.base !== null) gaps.push(['base', ask.base - (offer?.base ?? 0)]);
  if (ask.stock !== null) gaps.push(['stock', (ask.stock - (offer?.stock ?? 0)) / years]);
  if (ask.bonusPct !== null && ask.base !== null)
    gaps.push(['annualTC', (ask.base * (ask.bonusPct - (offer?.bonusPct ?? 0))) / 100]);
  let best: [Headline, number] | null = null;
  for (const g of gaps) if (g[1] > 0 && (!best || g[1] > best[1])) best = g;
  return best ? best[0] : null;
}

function rangeOf(band: Band, h: Headline): Range | null {
  if (h === 'base') return band.base;
  if (h === 'stock') return band.stock;
  return computedTotalComp(band);
}

/** Picks the number and the standard; lifts the ask to a competing offer it cites. */
export function chooseStandard(input: StandardInput): StandardChoice {
  const { band, offer, currentTC, mode } = input;
  const c = band.currency;
  const years = band.stockYears;
  const notes: string[] = [];
  let ask = { ...input.ask };
  const askTC = ask.annualTC ?? 0;

  // Rule 1: competing offers above the current offer (and, with an explicit ask, not above it).
  const candidates: CompetingOffer[] = [];
  for (const o of input.competing) {
    const v = inBandAmount(o);
    const shown = describeCompeting(o, c);
    if (currentTC !== null && v <= currentTC) {
      notes.push(
        `competing offer ${o.name} (${shown}) is at or below the current offer's annual TC (${formatMoney(currentTC, c)}): left out of the message, as it argues for nothing more`,
      );
    } else if (input.explicit && v > askTC) {
      notes.push(
        `your --ask-* amounts put the ask's annual TC (${formatMoney(askTC, c)}) below competing offer ${o.name} (${shown}): it is left out of the message, which never asks for less than an offer it cites`,
      );
    } else candidates.push(o);
  }
  const top = candidates.reduce<CompetingOffer | null>(
    (best, o) => (!best || inBandAmount(o) > inBandAmount(best) ? o : best),
    null,
  );
  for (const o of candidates) {
    if (o !== top)
      notes.push(
        `competing offer ${o.name} (${formatMoney(o.amount, o.currency)}) is left out of the message: it cites one standard, your highest offer (${top!.name})`,
      );
  }
  if (top) {
    const v = inBandAmount(top);
    let amount = askTC;
    if (v > askTC && askTC > 0) {
      amount = ceilThousands(v);
      const f = amount / askTC;
      ask = {
        ...ask,
        base: ask.base === null ? null : ceilThousands(ask.base * f),
        stock: ask.stock === null ? null : ceilThousands(ask.stock * f),
        annualTC: amount,
      };
      notes.push(
        `competing offer ${top.name} (${describeCompeting(top, c)} a year) is above the target's annual TC (${formatMoney(askTC, c)}): the ask is lifted to ${formatMoney(amount, c)} a year, ` +
          `split in the target's proportions and rounded up to thousands (${formatMoney(ask.base ?? 0, c)} base${ask.stock !== null ? `, ${formatMoney(ask.stock, c)} stock` : ''}) for --style full and the JSON`,
      );
    } else {
      notes.push(
        `the message cites competing offer ${top.name} (${describeCompeting(top, c)} a year) as its standard and asks for ${formatMoney(amount, c)} in annual TC, at or above it`,
      );
    }
    return {
      ask,
      headline: 'annualTC',
      amount,
      standard: { kind: 'competing', offer: top, inBand: v },
      accept: false,
      notes,
    };
  }

  // Rule 2 and 3: the market.
  const gap = largestGap(ask, offer, years);
  if (gap === null && offer) {
    notes.push(
      'the offer meets the target on every component and no competing offer is above it: the message thanks, accepts and asks for the offer in writing',
    );
    return { ask, headline: 'annualTC', amount: askTC, standard: { kind: 'none' }, accept: true, notes };
  }
  const headline: Headline = mode === 'total' || gap === null ? 'annualTC' : gap;
  const amount = headline === 'annualTC' ? askTC : ask[headline]!;
  if (mode === 'component' && headline === 'annualTC' && gap === 'annualTC')
    notes.push('the largest gap is the bonus: the message asks for it as annual TC');
  for (const [scope, b] of [
    ['level', input.wholeBand ? band : null],
    ['band', input.wholeBand ?? band],
  ] as const) {
    if (!b) continue;
    const range = rangeOf(b, headline);
    if (range && range.high >= amount)
      return { ask, headline, amount, standard: { kind: 'market', scope, range, band: b }, accept: false, notes };
  }
  const whole = rangeOf(input.wholeBand ?? band, headline);
  notes.push(
    `the ask (${formatMoney(amount, c)}) is above the market data the guide holds${whole ? ` (its top: ${formatMoney(whole.high, c)})` : ''}: the message states it without a range`,
  );
  return { ask, headline, amount, standard: { kind: 'none' }, accept: false, notes };
}

/** The annual TC of figures with the band's vesting years. */
export const annualTCOf = (f: { base: number | null; stock: number | null; bonusPct: number | null }, years: number) =>
  Math.round(annualTotal(f.base ?? 0, f.bonusPct, f.stock, years));
