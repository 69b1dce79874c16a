import { describe, expect, test } from 'vitest';
import { computeSchedule, convertOffer, EMPTY_OFFER, stockScenarios, type Offer } from '../src/comp/offer.js';
import { parseCliff, parseVesting, refresherByYear, vestByYear, vestingPercents } from '../src/comp/vesting.js';
import { UsageError } from '../src/errors.js';

const offer = (o: Partial<Offer>): Offer => ({ ...EMPTY_OFFER, ...o });

describe('vesting', () => {
  test.each([
    ['even', 4, [25, 25, 25, 25]],
    ['even', 3, [100 / 3, 100 / 3, 100 / 3]],
    ['front', 3, [40, 30, 20, 10]],
    ['back', 4, [5, 15, 40, 40]],
    [[10, 20, 30, 40], 4, [10, 20, 30, 40]],
    [[50, 50], 4, [50, 50]],
  ] as const)('%j with %d guide years → %j', (v, years, percents) => {
    expect(vestingPercents(v as never, years)).toEqual(percents);
  });

  test.each([
    ['even', 'even'],
    [' Front ', 'front'],
    ['BACK', 'back'],
    ['40,30,20,10', [40, 30, 20, 10]],
    ['40/30/20/10', [40, 30, 20, 10]],
    ['25%, 25%, 25%, 25%', [25, 25, 25, 25]],
    ['33.33,33.33,33.34', [33.33, 33.33, 33.34]],
    [
      [60, 40],
      [60, 40],
    ],
    ['100', [100]],
  ] as const)('parseVesting(%j)', (input, expected) => {
    expect(parseVesting(input, '--vesting')).toEqual(expected);
  });

  test.each([
    ['40,30,20', /sums to 90%, not 100%/],
    ['50,60', /sums to 110%/],
    ['monthly', /not a vesting schedule/],
    ['-10,110', /not a vesting schedule/],
    ['', /not a vesting schedule/],
    [[], /not a vesting schedule/],
    [['a', 100], /not a vesting schedule/],
    // A number is one year's percentage (`vesting: 100` in YAML): 42 is refused for its sum.
    [42, /sums to 42%, not 100%/],
    [true, /not a vesting schedule/],
    ['10,10,10,10,10,10,10,10,10,5,5', /11 years; at most 10/],
  ])('parseVesting(%j) is refused: %s', (input, message) => {
    expect(() => parseVesting(input, '--vesting')).toThrow(message);
    expect(() => parseVesting(input, '--vesting')).toThrow(UsageError);
  });

  test.each([
    [400000, [25, 25, 25, 25], 0, [100000, 100000, 100000, 100000]],
    [400000, [25, 25, 25, 25], 12, [100000, 100000, 100000, 100000]],
    [400000, [25, 25, 25, 25], 18, [0, 200000, 100000, 100000]],
    [400000, [25, 25, 25, 25], 48, [0, 0, 0, 400000]],
    [400000, [40, 30, 20, 10], 0, [160000, 120000, 80000, 40000]],
    [400000, [5, 15, 40, 40], 0, [20000, 60000, 160000, 160000]],
    [100000, [100 / 3, 100 / 3, 100 / 3], 0, [33333, 33334, 33333]],
    [0, [25, 25, 25, 25], 12, [0, 0, 0, 0]],
  ])('vestByYear(%d, %j, cliff %d) → %j', (grant, percents, cliff, expected) => {
    const years = vestByYear(grant, percents, cliff);
    expect(years).toEqual(expected);
    expect(years.reduce((a, b) => a + b, 0)).toBe(grant);
  });

  test.each([
    [40000, [25, 25, 25, 25], 4, [0, 10000, 20000, 30000]],
    [40000, [25, 25, 25, 25], 6, [0, 10000, 20000, 30000, 40000, 40000]],
    [100000, [40, 30, 20, 10], 4, [0, 40000, 70000, 90000]],
  ])('refresherByYear(%d, %j, %d) → %j', (amount, percents, years, expected) => {
    expect(refresherByYear(amount, percents, years)).toEqual(expected);
  });

  test.each([
    ['12', 12],
    ['0', 0],
    [6, 6],
    ['12 months', 12],
  ])('parseCliff(%j) → %d', (input, n) => expect(parseCliff(input, '--cliff')).toBe(n));

  test.each(['-1', '1.5', 'soon', '', '121'])('parseCliff(%j) is refused', (input) => {
    expect(() => parseCliff(input, '--cliff')).toThrow(/--cliff: .* is not a cliff in months/);
  });
});

describe('computeSchedule', () => {
  const base = offer({ base: 200000, stock: 400000, bonusPct: 10, signOn: [50000] });

  test('year by year: base, bonus, stock, one-time, total', () => {
    const s = computeSchedule(base);
    expect(s.years.map((y) => [y.year, y.base, y.bonus, y.stock, y.oneTime, y.total])).toEqual([
      [1, 200000, 20000, 100000, 50000, 370000],
      [2, 200000, 20000, 100000, 0, 320000],
      [3, 200000, 20000, 100000, 0, 320000],
      [4, 200000, 20000, 100000, 0, 320000],
    ]);
    expect(s).toMatchObject({
      firstYear: 370000,
      total: 1330000,
      average: 332500,
      recurringAverage: 320000,
      annualTC: 320000,
      vestingYears: 4,
      withRefresher: null,
    });
  });

  test.each([
    ['front', { vesting: 'front' }, [380000, 340000, 300000, 260000], 320000],
    ['back', { vesting: 'back' }, [240000, 280000, 380000, 380000], 320000],
    ['custom', { vesting: [10, 20, 30, 40] }, [260000, 300000, 340000, 380000], 320000],
    ['two-year custom', { vesting: [50, 50] }, [420000, 420000], 420000],
    ['18-month cliff', { cliffMonths: 18 }, [220000, 420000, 320000, 320000], 320000],
    ['sign-on per year', { signOn: [30000, 20000] }, [350000, 340000, 320000, 320000], 320000],
    ['no stock, no bonus', { stock: 0, bonusPct: 0 }, [200000, 200000, 200000, 200000], 200000],
  ] as const)('%s', (_name, change, totals, annualTC) => {
    const s = computeSchedule(offer({ base: 200000, stock: 400000, bonusPct: 10, ...(change as Partial<Offer>) }));
    expect(s.years.map((y) => y.total)).toEqual(totals);
    expect(s.annualTC).toBe(annualTC);
    expect(s.recurringAverage).toBe(
      Math.round((s.total - s.years.reduce((a, y) => a + y.oneTime, 0)) / s.years.length),
    );
  });

  test("even vesting follows the guide's years", () => {
    const s = computeSchedule(offer({ base: 100000, stock: 300000 }), { evenYears: 3 });
    expect(s.years.map((y) => y.stock)).toEqual([100000, 100000, 100000]);
    expect(s.annualTC).toBe(200000);
  });

  test('a sign-on paid over more years than the vesting extends the table', () => {
    const s = computeSchedule(offer({ base: 100000, stock: 200000, vesting: [50, 50], signOn: [10000, 10000, 10000] }));
    expect(s.years.map((y) => y.total)).toEqual([210000, 210000, 110000]);
  });

  test('--years horizon: shorter cuts, longer adds years without stock', () => {
    expect(computeSchedule(base, { horizon: 2 }).years.map((y) => y.total)).toEqual([370000, 320000]);
    const five = computeSchedule(base, { horizon: 5 });
    expect(five.years.map((y) => y.total)).toEqual([370000, 320000, 320000, 320000, 220000]);
    expect(five.average).toBe(Math.round(1550000 / 5));
  });

  test('refresher is shown apart: totals exclude it, withRefresher includes it', () => {
    const s = computeSchedule(offer({ base: 200000, stock: 400000, refresher: 40000 }));
    expect(s.years.map((y) => y.refresher)).toEqual([0, 10000, 20000, 30000]);
    expect(s.total).toBe(1200000);
    expect(s.withRefresher).toEqual({ firstYear: 300000, total: 1260000, average: 315000, recurringAverage: 315000 });
  });

  test.each([
    [-30, 290000, 290000, 290000],
    [0, 320000, 320000, 320000],
    [30, 350000, 350000, 350000],
    [-100, 220000, 220000, 220000],
  ])('stock change %d%% → recurring %d', (pct, recurring, annualTC, _x) => {
    const [sc] = stockScenarios(base, [pct]);
    expect(sc).toMatchObject({ stockChangePct: pct, recurringAverage: recurring, annualTC });
    expect(sc.firstYear).toBe(recurring + 50000);
  });

  test('convertOffer converts every amount', () => {
    const rate = {
      from: 'GBP',
      to: 'USD',
      rate: 1.33,
      asOf: '2025-10-31',
      source: 'table',
      origin: 'table' as const,
      stale: false,
    };
    const o = convertOffer(
      offer({ base: 100000, stock: 200000, signOn: [10000, 5000], refresher: 1000, currency: 'GBP' }),
      () => rate,
      'GBP',
    );
    expect(o).toMatchObject({ base: 133000, stock: 266000, signOn: [13300, 6650], refresher: 1330, currency: 'USD' });
  });
});
