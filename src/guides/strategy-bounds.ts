// The bounds on a strategy's figures (SPEC §2), shared by the front-matter block (errors) and prose
// (figures outside are ignored with a warning). Pure.
import { formatMoney } from '../comp/money.js';
import type { Band } from './types.js';

export interface Bounds {
  min: number;
  max: number;
}

export type FigureKind = 'base' | 'stock' | 'bonusPct' | 'years';

/**
 * Base and stock between a tenth of the band's low and ten times its high (stock against the band's
 * stock range, or its base range when the band states no stock); bonus 0–100 %; vesting years 1–10.
 */
export function figureBounds(kind: FigureKind, band: Pick<Band, 'base' | 'stock'>): Bounds {
  if (kind === 'bonusPct') return { min: 0, max: 100 };
  if (kind === 'years') return { min: 1, max: 10 };
  const range = kind === 'stock' && band.stock && band.stock.high > 0 ? band.stock : band.base;
  return { min: range.low / 10, max: range.high * 10 };
}

export function inBounds(kind: FigureKind, value: number, band: Pick<Band, 'base' | 'stock'>): boolean {
  const b = figureBounds(kind, band);
  return Number.isFinite(value) && value >= b.min && value <= b.max;
}

export function formatBounds(kind: FigureKind, b: Bounds, currency: string): string {
  if (kind === 'bonusPct') return 'the bounds 0–100%';
  if (kind === 'years') return 'the bounds 1–10 years';
  return `the bounds ${formatMoney(b.min, currency)}–${formatMoney(b.max, currency)} (a tenth of the band's low to ten times its high)`;
}
