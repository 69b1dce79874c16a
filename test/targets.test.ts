import { describe, expect, test } from 'vitest';
import { evaluateOffer, rate } from '../src/comp/evaluation.js';
import { EMPTY_OFFER } from '../src/comp/offer.js';
import { targetsForBand } from '../src/comp/targets.js';
import { parseStrategy } from '../src/guides/body.js';
import type { Band } from '../src/guides/types.js';

const band = (
  region: string,
  currency: string,
  base: [number, number],
  stock: [number, number] | null,
  bonusPct: number | null = 10,
): Band => ({
  region,
  currency,
  base: { low: base[0], high: base[1] },
  stock: stock ? { low: stock[0], high: stock[1] } : null,
  stockYears: 4,
  bonusPct,
  totalComp: null,
});

const SF = band('San Francisco', 'USD', [198000, 255000], [215000, 378000]);
const LONDON = band('London', 'GBP', [132000, 170000], [142000, 250000]);
const NO_STOCK = band('Berlin', 'EUR', [100000, 120000], null);
const STRATEGY = parseStrategy(
  '"I\'m targeting $248K base and $368K RSUs over 4 years with 15% performance bonus." Accept at $220K+ base and $305K+ RSUs.',
  1,
);

describe('targetsForBand', () => {
  test('the band the figures belong to: as stated, not estimated', () => {
    const t = targetsForBand(STRATEGY, [SF, LONDON], SF);
    expect(t.target).toMatchObject({
      base: 248000,
      stock: 368000,
      bonusPct: 15,
      annualTC: 377200,
      estimated: false,
      currency: 'USD',
    });
    // floor: base × (1 + the band's 10%) + stock / 4
    expect(t.floor).toMatchObject({ base: 220000, stock: 305000, bonusPct: 10, annualTC: 318250, estimated: false });
  });

  test.each([
    ['another region', LONDON, false, 151000 / 226500, 196000 / 296500],
    [
      'a level slice of the same region',
      band('San Francisco', 'USD', [236000, 255000], [323667, 378000]),
      true,
      245500 / 226500,
      350833.5 / 296500,
    ],
    ['a band without stock: stock scales like base', NO_STOCK, false, 110000 / 226500, 110000 / 226500],
  ])('%s: scaled by midpoint ratios, estimated', (_name, target, narrowed, baseRatio, stockRatio) => {
    const t = targetsForBand(STRATEGY, [SF, LONDON, NO_STOCK], target, { narrowed });
    expect(t.target).toMatchObject({
      base: Math.round(248000 * baseRatio),
      stock: Math.round(368000 * stockRatio),
      estimated: true,
      currency: target.currency,
    });
    expect(t.floor).toMatchObject({
      base: Math.round(220000 * baseRatio),
      stock: Math.round(305000 * stockRatio),
      estimated: true,
    });
  });

  test('no strategy, or figures without amounts: no target and no floor', () => {
    expect(targetsForBand(null, [SF], SF)).toEqual({ target: null, floor: null });
    // SPEC §2: a strategy that cannot be read is said, not dropped.
    const unread = targetsForBand(parseStrategy('"Ask for more."', 1), [SF], SF);
    expect(unread).toMatchObject({ target: null, floor: null });
    expect(unread.notes).toEqual([
      expect.stringMatching(
        /^the guide's strategy could not be read, so no target or walk-away floor is used: no target or floor was found in ""Ask for more\."" /,
      ),
    ]);
  });

  test('figures in a currency no band uses are converted to the first band, then scaled (estimated)', () => {
    const t = targetsForBand(STRATEGY, [LONDON], LONDON, {
      rate: (from, to) => ({ from, to, rate: 0.75, asOf: '2025-10-31', source: 't', origin: 'table', stale: false }),
    });
    expect(t.target).toMatchObject({ base: 186000, stock: 276000, currency: 'GBP', estimated: true });
  });
});

describe('rating', () => {
  test.each([
    [-5, false, 'below-band'],
    [0, false, 'low'],
    [34.9, false, 'low'],
    [35, false, 'fair'],
    [70, false, 'fair'],
    [70.1, false, 'strong'],
    [100, false, 'strong'],
    [100.1, false, 'above-band'],
    [90, true, 'below-floor'],
  ])('position %d%%, below floor %s → %s', (position, belowFloor, rating) => {
    expect(rate(position, belowFloor)).toBe(rating);
  });

  test('positions are null where the band lacks the component', () => {
    const e = evaluateOffer({
      offer: { ...EMPTY_OFFER, base: 110000, bonusPct: 10 },
      band: NO_STOCK,
      target: null,
      floor: null,
    });
    expect(e.positions).toEqual({ base: 50, stock: null, totalComp: 50, totalCompStated: null });
    expect(e.verdict).toBe('fair: mid-band (annual TC €121,000, 50% of the band)');
  });

  test('stock position compares yearly amounts, so a 2-year grant is not mistaken for a small one', () => {
    const e = evaluateOffer({
      offer: { ...EMPTY_OFFER, base: 226500, stock: 148250, vesting: [50, 50] },
      band: SF,
      target: null,
      floor: null,
    });
    expect(e.positions.stock).toBe(50);
  });
});
