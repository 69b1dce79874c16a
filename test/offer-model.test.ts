// The offer model of issue 32: raises, share-price growth, several grants, refreshers on their own
// schedule, benefits, fixed and scenario bonuses, the horizon rule and mixed currencies. The maths as
// tables, then scenarios from public open-source compensation calculators (each cited by repository
// and file, reproduced with their published inputs and outputs), then properties.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  bonusScenarios,
  computeSchedule,
  convertOffer,
  EMPTY_OFFER,
  horizonOf,
  type Offer,
} from '../src/comp/offer.js';
import { rankTotals, tiedIndexes } from '../src/comp/compare.js';
import { convert, findRate, type FxTable } from '../src/comp/fx.js';
import { vestByYear, vestingPercents, type Vesting } from '../src/comp/vesting.js';

const offer = (o: Partial<Offer>): Offer => ({ ...EMPTY_OFFER, ...o });
const col = (o: Partial<Offer>, pick: keyof ReturnType<typeof computeSchedule>['years'][number], opts = {}) =>
  computeSchedule(offer(o), opts).years.map((y) => y[pick]);

describe('the maths, as tables', () => {
  test.each([
    // base, bonus %, bonus amount, raises → the yearly `raise` (extra base + the bonus on it)
    [100000, 10, null, [5], [0, 5500, 11275, 17339]],
    [100000, 0, null, [5, 4, 3], [0, 5000, 9200, 12476]],
    [100000, 0, null, [5, 4], [0, 5000, 9200, 9200]],
    [100000, 10, 20000, [5], [0, 5000, 10250, 15763]],
    [100000, 10, null, [-10], [0, -11000, -20900, -29810]],
    [100000, 10, null, [], [0, 0, 0, 0]],
  ] as const)(
    'base %d, bonus pct %d or amount %s, raise %j → %j',
    (base, bonusPct, bonusAmount, raisePct, expected) => {
      expect(col({ base, bonusPct, bonusAmount, raisePct: [...raisePct] }, 'raise')).toEqual(expected);
    },
  );

  test.each([
    // stock, vesting, growth → the yearly `growth` (compounding from the grant date; a year's vest at that year's end)
    [400000, 'even', [10], [10000, 21000, 33100, 46410]],
    [400000, 'even', [10, 0], [10000, 10000, 10000, 10000]],
    [400000, 'back', [10], [2000, 12600, 52960, 74256]],
    [400000, 'even', [-20], [-20000, -36000, -48800, -59040]],
    [400000, 'even', [], [0, 0, 0, 0]],
  ] as const)('stock %d %s, growth %j → %j', (stock, vesting, growth, expected) => {
    expect(col({ base: 100000, stock, vesting, stockGrowthPct: [...growth] }, 'growth')).toEqual(expected);
  });

  test("growth compounds from each grant's own date: a grant from year 3 starts at that year's price", () => {
    const o = {
      base: 100000,
      grants: [{ amount: 100000, vesting: [50, 50], cliffMonths: 0, startYear: 3, currency: null }],
      stockGrowthPct: [10],
    };
    expect(col(o, 'stock')).toEqual([0, 0, 50000, 50000]);
    expect(col(o, 'growth')).toEqual([0, 0, 5000, 10500]);
  });

  test('several grants: each vests on its own schedule, cliff and start; annual TC counts those from year 1', () => {
    const o = offer({
      base: 200000,
      bonusPct: 10,
      stock: 400000,
      grants: [
        { amount: 90000, vesting: [50, 50], cliffMonths: 0, startYear: 1, currency: null },
        { amount: 100000, vesting: 'even', cliffMonths: 12, startYear: 3, currency: null },
      ],
    });
    const s = computeSchedule(o);
    expect(s.years.map((y) => y.stock)).toEqual([145000, 145000, 125000, 125000, 25000, 25000]);
    expect(s.years.map((y) => y.total)).toEqual([365000, 365000, 345000, 345000, 245000, 245000]);
    expect(s).toMatchObject({ annualTC: 365000, firstYearGrants: 490000, stockPerYear: 145000, total: 1910000 });
  });

  test.each([
    // offer → the horizon: the last year any grant vests (start_year − 1 + its years), and every sign-on year
    ['one 4-year grant', {}, 4, 4],
    ['the guide says 3 years', {}, 3, 3],
    ['front', { vesting: 'front' as const }, 4, 4],
    ['a 2-year grant, sign-on over 3 years', { stock: 1, vesting: [50, 50], signOn: [1, 1, 1] }, 4, 3],
    [
      'a back-loaded grant from year 2',
      { stock: 1, grants: [{ amount: 1, vesting: 'back' as const, cliffMonths: 0, startYear: 2, currency: null }] },
      4,
      5,
    ],
    [
      'only a 3-year grant from year 4',
      { grants: [{ amount: 1, vesting: [50, 25, 25], cliffMonths: 0, startYear: 4, currency: null }] },
      4,
      6,
    ],
  ])('%s: %j, guide years %d → %d years', (_name, o, evenYears, years) => {
    expect(horizonOf(offer(o), evenYears)).toBe(years);
  });

  test.each([
    // refreshers on their own schedule: vesting without a cliff from their start year
    [[{ amount: 40000, startYear: 2, vesting: null, currency: null }], [0, 10000, 10000, 10000]],
    [[{ amount: 40000, startYear: 2, vesting: [50, 50], currency: null }], [0, 20000, 20000, 0]],
    [
      [
        { amount: 40000, startYear: 2, vesting: null, currency: null },
        { amount: 80000, startYear: 3, vesting: null, currency: null },
      ],
      [0, 10000, 30000, 30000],
    ],
  ] as const)('refreshers %j → %j', (refreshers, expected) => {
    const s = computeSchedule(
      offer({
        base: 100000,
        refreshers: refreshers.map((r) => ({ ...r, vesting: r.vesting === null ? null : [...r.vesting] })),
      }),
    );
    expect(s.years.map((y) => y.refresher)).toEqual(expected);
    expect(s.withRefresher?.total).toBe(400000 + expected.reduce((a: number, b: number) => a + b, 0));
  });

  test.each([
    // base, bonus, multipliers → [multiplier, annual TC, 4-year total]
    [
      { base: 200000, bonusPct: 15, stock: 400000 },
      [0.5, 1, 1.5],
      [
        [0.5, 315000, 1260000],
        [1, 330000, 1320000],
        [1.5, 345000, 1380000],
      ],
    ],
    [
      { base: 200000, bonusAmount: 25000, stock: 400000 },
      [0, 2],
      [
        [0, 300000, 1200000],
        [2, 350000, 1400000],
      ],
    ],
  ])('bonus scenarios of %j at %j', (o, multipliers, expected) => {
    const s = computeSchedule(offer(o));
    expect(bonusScenarios(s, multipliers).map((b) => [b.multiplier, b.annualTC, b.total])).toEqual(expected);
  });

  test('a fixed bonus: every year and in annual TC; a raise adds no bonus to it', () => {
    const s = computeSchedule(offer({ base: 200000, bonusAmount: 25000, stock: 400000, raisePct: [10] }));
    expect(s.annualTC).toBe(325000);
    expect(s.years.map((y) => y.bonus)).toEqual([25000, 25000, 25000, 25000]);
    expect(s.years.map((y) => y.raise)).toEqual([0, 20000, 42000, 66200]);
  });

  test('benefits: one yearly figure beside the rows, only in withBenefits', () => {
    const s = computeSchedule(
      offer({
        base: 100000,
        benefits: [
          { name: 'match', amount: 6000, currency: null },
          { name: 'ESPP', amount: 4411.76, currency: null },
        ],
      }),
    );
    expect(s.years.map((y) => y.benefits)).toEqual([10412, 10412, 10412, 10412]);
    expect(s).toMatchObject({ total: 400000, expectedTotal: 400000, withBenefits: 441648, annualTC: 100000 });
  });

  test("mixed currencies: each component from its own currency to the band's", () => {
    const rates: Record<string, number> = { GBP: 1, USD: 0.75, EUR: 0.85 };
    const rateFrom = (from: string) => ({
      from,
      to: 'GBP',
      rate: rates[from],
      asOf: '2025-10-31',
      source: 'test',
      origin: 'table' as const,
      stale: false,
    });
    const o = convertOffer(
      offer({
        base: 150000,
        stock: 200000,
        currencies: { stock: 'USD' },
        grants: [{ amount: 100000, vesting: 'even', cliffMonths: 0, startYear: 2, currency: 'EUR' }],
        benefits: [{ name: 'match', amount: 8000, currency: 'USD' }],
      }),
      rateFrom,
      'GBP',
    );
    expect(o).toMatchObject({
      currency: 'GBP',
      currencies: {},
      base: 150000,
      stock: 150000,
      grants: [{ amount: 85000, currency: null }],
      benefits: [{ amount: 6000, currency: null }],
    });
  });

  test.each([
    // totals → tied (equal at the whole unit), best (the first of a tie), close (within 2%, not tied)
    [[100, 100], [0, 1], 0, []],
    [[100.4, 99.6, 50], [0, 1], 0, []],
    [[100, 99, 50], [], 0, [1]],
    [[50, 100, 100, 99], [1, 2], 1, [3]],
  ])('totals %j → tied %j, best %d, close %j', (totals, tied, best, close) => {
    expect(tiedIndexes(totals)).toEqual(tied);
    expect(rankTotals(totals)).toMatchObject({ best, close });
  });
});

describe('scenarios from public open-source calculators, reproduced', () => {
  // alexchaomander/ClearMoney, packages/web/src/lib/calculators/total-compensation/__tests__/calculations.test.ts
  // (its baseInputs; the formulas in src/lib/calculators/total-compensation/calculations.ts): base 150,000, target
  // bonus 15%, RSUs 200,000 over 4 years, sign-on 50,000 spread over 2 years, 401(k) match min(150,000 × 50%, 10,000),
  // ESPP 25,000 × 15% / 85%, HSA 3,000, refresher 40,000 a year vesting over 4 years.
  const clearMoney = {
    base: 150000,
    bonusPct: 15,
    stock: 200000,
    signOn: [25000, 25000],
    benefits: [
      { name: '401(k) match', amount: Math.min(150000 * 0.5, 10000), currency: null },
      { name: 'ESPP', amount: (25000 * 0.15) / 0.85, currency: null },
      { name: 'HSA', amount: 3000, currency: null },
    ],
  };

  test('ClearMoney "calculates standard vesting correctly": year 1 = 264,911.76 with benefits', () => {
    const [y1] = computeSchedule(offer(clearMoney)).years;
    expect(y1).toMatchObject({ base: 150000, bonus: 22500, stock: 50000, oneTime: 25000, total: 247500 });
    // Their year-1 total counts benefits; ours keeps them beside the rows (withBenefits).
    expect(y1.expectedTotal + y1.benefits).toBe(Math.round(150000 + 22500 + 50000 + 25000 + 10000 + 4411.76 + 3000));
  });

  test('ClearMoney "handles Amazon-style vesting correctly": 5/15/40/40 with refreshers vesting evenly', () => {
    // Their refresher: (40,000 / 4) × min(year − 1, 4) from year 2, i.e. one 4-year grant a year from year 2.
    const refreshers = [2, 3, 4].map((startYear) => ({
      amount: 40000,
      startYear,
      vesting: 'even' as const,
      currency: null,
    }));
    const s = computeSchedule(offer({ ...clearMoney, vesting: 'back', refreshers }));
    expect(s.years.map((y) => y.stock)).toEqual([10000, 30000, 80000, 80000]); // published: year 1 10,000, year 4 80,000
    expect(s.years.map((y) => y.refresher)).toEqual([0, 10000, 20000, 30000]);
    // Their totals (calculations.ts): 224,911.76, 254,911.76, 289,911.76, 299,911.76 with benefits and refreshers.
    expect(s.years.map((y) => y.expectedTotal + y.benefits)).toEqual([224912, 254912, 289912, 299912]);
  });

  test('ClearMoney "handles cliff_monthly vesting correctly": 0 in year 1, then 33.33% a year', () => {
    const s = computeSchedule(offer({ ...clearMoney, vesting: [0, 33.33, 33.33, 33.34] }));
    expect(s.years[0].stock).toBe(0);
    expect(Math.abs(s.years[1].stock - 200000 * 0.3333)).toBeLessThan(0.5);
  });

  test('ClearMoney "scales RSU value with stock price changes": a price 50% up → 75,000 in year 1', () => {
    expect(computeSchedule(offer({ ...clearMoney }), { stockChangePct: 50 }).years[0].stock).toBe(75000);
  });

  // lrinkedewit/secfi, src/index.test.ts: 4,800 options at $10, 48 months, monthly vesting; the value vested at
  // each month's start. With a 12-month cliff: 0 until month 12, 12,000 at it, then 1,000 a month to 48,000.
  test.each([
    ['a 12-month cliff, monthly after', 12],
    ['no cliff, monthly from the start', 0],
  ])('secfi "%s": 12,000 vested by the end of each year, 48,000 in all', (_name, cliff) => {
    const years = vestByYear(4800 * 10, vestingPercents('even', 4), cliff);
    expect(years).toEqual([12000, 12000, 12000, 12000]);
    const cumulative = years.map((_, i) => years.slice(0, i + 1).reduce((a, b) => a + b, 0));
    expect(cumulative).toEqual([12000, 24000, 36000, 48000]); // their values at 01-01-2019, -2020, -2021, -2022
  });

  test("beyond secfi's cases: a cliff mid-year pays what accrued before it at the cliff", () => {
    expect(vestByYear(48000, vestingPercents('even', 4), 6)).toEqual([12000, 12000, 12000, 12000]);
    expect(vestByYear(48000, vestingPercents('even', 4), 18)).toEqual([0, 24000, 12000, 12000]);
  });

  // mokhan/grants, spec/unit/employee_spec.rb: a grant of 80,000 units at $1.00 vesting annually over 4 years; a
  // year later at $10.00 the vested units are worth 200,000 and the unvested 600,000.
  test('mokhan/grants "computes the value of the grant after one year": growth from $1 to $10', () => {
    const s = computeSchedule(offer({ base: 0, stock: 80000, stockGrowthPct: [900, 0] }));
    expect(s.years[0].stock + s.years[0].growth).toBe(200000);
    expect(s.years.slice(1).reduce((a, y) => a + y.stock + y.growth, 0)).toBe(600000);
    expect(s.years[0].stock).toBe(20000); // the guaranteed row stays the grant as written
  });

  // rcalsaverini/pegasus, tests/equity/test_valuation.py: 100 units vesting on each of two dates at a price of 10.
  test('pegasus "test_get_grant_values": two vests of 100 units at 10 → 1,000 each', () => {
    expect(computeSchedule(offer({ stock: 2000, vesting: [50, 50] })).years.map((y) => y.stock)).toEqual([1000, 1000]);
  });

  // circld/match_maximizer, tests/test_cli.py "test_no_optimized": salary 12,000, the company matches 100% up to 9%,
  // the employee puts in 1,200 → a match of 1,080. The README's rule: match = rate × min(contribution, cap × salary).
  test('match_maximizer "test_no_optimized": a 401(k) match with its cap → 1,080 a year of benefits', () => {
    const match = 1.0 * Math.min(1200, 0.09 * 12000);
    expect(match).toBe(1080);
    const s = computeSchedule(
      offer({ base: 12000, benefits: [{ name: '401(k) match', amount: match, currency: null }] }),
    );
    expect(s.withBenefits - s.expectedTotal).toBe(4 * 1080);
    expect(s.annualTC).toBe(12000); // benefits never in annual TC
  });

  // jeremychan/total_comp_calculator, src/services/compensationCalculator.ts: base in GBP, RSUs in USD; each year
  // totalCompInBaseCurrency = base + base × bonus % × performanceMultiplier + RSU vest × the USD→GBP rate. Its
  // createSampleData inputs (base 120,000 GBP, bonus 15% × 1.0, RSUs in USD at $350) with a grant of 400 shares
  // vesting 25% a year (the sample has no grant; this one is ours).
  test('total_comp_calculator: a GBP base with USD RSUs, converted at the stated rate, within rounding', () => {
    const rate = {
      from: 'USD',
      to: 'GBP',
      rate: 0.75188,
      asOf: '2025-10-31',
      source: 'table',
      origin: 'table' as const,
      stale: false,
    };
    const same = { ...rate, from: 'GBP', rate: 1 };
    const o = convertOffer(
      offer({ base: 120000, bonusPct: 15, stock: 400 * 350, currencies: { stock: 'USD' }, bonusMultipliers: [1] }),
      (from) => (from === 'USD' ? rate : same),
      'GBP',
    );
    const s = computeSchedule(o);
    const theirs = 120000 + 120000 * 0.15 * 1.0 + 100 * 350 * 0.75188;
    for (const y of s.years) expect(Math.abs(y.total - theirs)).toBeLessThanOrEqual(1);
    expect(bonusScenarios(s, [1])[0].annualTC).toBe(s.annualTC);
  });

  // JoshDoody/joshdoody.github.io, _posts/2018-11-08-amazon-salary-negotiation.md (a worked offer, not a calculator):
  // base 145K, sign-on 30K + 20K, 50 RSUs at $2,000 = 100K vesting 5/15/40/40 → 180K, 180K, 185K, 185K; 730K.
  test("Josh Doody's Amazon offer: back-loaded 5/15/40/40 with a two-year sign-on", () => {
    const s = computeSchedule(offer({ base: 145000, signOn: [30000, 20000], stock: 100000, vesting: 'back' }));
    expect(s.years.map((y) => y.total)).toEqual([180000, 180000, 185000, 185000]);
    expect(s.total).toBe(730000);
  });
});

// ---- properties ---------------------------------------------------------------------------------

const amount = fc.integer({ min: 0, max: 2_000_000 });
const vesting = fc.constantFrom<Vesting>(
  'even',
  'front',
  'back',
  [50, 50],
  [10, 20, 30, 40],
  [0, 33.33, 33.33, 33.34],
  [100],
);
const pcts = (min: number, max: number) => fc.array(fc.integer({ min, max }), { maxLength: 4 });
const anOffer = fc.record({
  base: amount,
  stock: amount,
  vesting,
  cliffMonths: fc.constantFrom(0, 6, 12),
  bonusPct: fc.integer({ min: 0, max: 50 }),
  bonusAmount: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
  signOn: fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 3 }),
  refresher: fc.integer({ min: 0, max: 200_000 }),
  grants: fc.array(
    fc.record({
      amount,
      vesting,
      cliffMonths: fc.constantFrom(0, 12),
      startYear: fc.integer({ min: 1, max: 4 }),
      currency: fc.constant(null),
    }),
    { maxLength: 2 },
  ),
  refreshers: fc.array(
    fc.record({
      amount,
      startYear: fc.integer({ min: 2, max: 4 }),
      vesting: fc.option(vesting, { nil: null }),
      currency: fc.constant(null),
    }),
    { maxLength: 2 },
  ),
  raisePct: pcts(-10, 20),
  stockGrowthPct: pcts(-50, 100),
  benefits: fc.array(
    fc.record({ name: fc.constant('b'), amount: fc.integer({ min: 0, max: 50_000 }), currency: fc.constant(null) }),
    { maxLength: 2 },
  ),
});

/** The model before issue 32 (one grant, % bonus, the yearly refresher), kept here as the reference. */
function before(o: Offer, evenYears: number) {
  const percents = vestingPercents(o.vesting, evenYears);
  const horizon = Math.max(percents.length, o.signOn.length);
  const vested = vestByYear(o.stock, percents, o.cliffMonths);
  const bonus = Math.round((o.base * o.bonusPct) / 100);
  return Array.from({ length: horizon }, (_, i) => {
    const total = o.base + bonus + (vested[i] ?? 0) + (o.signOn[i] ?? 0);
    return { base: o.base, bonus, stock: vested[i] ?? 0, oneTime: o.signOn[i] ?? 0, total };
  });
}

describe('properties', () => {
  test('no raise and no growth: expectedTotal = total + refresher, every year', () => {
    fc.assert(
      fc.property(anOffer, (o) => {
        const s = computeSchedule(offer({ ...o, raisePct: [], stockGrowthPct: [] }));
        for (const y of s.years) expect(y.expectedTotal).toBe(y.total + y.refresher);
      }),
    );
  });

  test("an offer of today's shape gives today's figures; assumptions never change the guaranteed rows", () => {
    fc.assert(
      fc.property(anOffer, fc.integer({ min: 2, max: 5 }), (o, evenYears) => {
        const today = offer({
          ...o,
          grants: [],
          refreshers: [],
          bonusAmount: null,
          raisePct: [],
          stockGrowthPct: [],
          benefits: [],
        });
        const rows = computeSchedule(today, { evenYears }).years.map(({ base, bonus, stock, oneTime, total }) => ({
          base,
          bonus,
          stock,
          oneTime,
          total,
        }));
        expect(rows).toEqual(before(today, evenYears));
        const guaranteed = (x: Offer) =>
          computeSchedule(x, { evenYears }).years.map(({ base, bonus, stock, oneTime, total, refresher }) => ({
            base,
            bonus,
            stock,
            oneTime,
            total,
            refresher,
          }));
        expect(guaranteed(offer(o))).toEqual(
          guaranteed(offer({ ...o, raisePct: [], stockGrowthPct: [], benefits: [] })),
        );
      }),
    );
  });

  test('totals are sums of their rows', () => {
    fc.assert(
      fc.property(anOffer, (o) => {
        const s = computeSchedule(offer(o));
        const sum = (pick: (y: (typeof s.years)[number]) => number) => s.years.reduce((a, y) => a + pick(y), 0);
        for (const y of s.years) {
          expect(y.total).toBe(y.base + y.bonus + y.stock + y.oneTime);
          expect(y.expectedTotal).toBe(y.total + y.raise + y.growth + y.refresher);
          expect(y.totalWithRefresher).toBe(y.total + y.refresher);
        }
        expect(s.total).toBe(sum((y) => y.total));
        expect(s.expectedTotal).toBe(sum((y) => y.expectedTotal));
        expect(s.withBenefits).toBe(s.expectedTotal + sum((y) => y.benefits));
        expect(s.firstYear).toBe(s.years[0].total);
      }),
    );
  });

  const table: FxTable = {
    asOf: '2025-10-31',
    source: 'test',
    overrides: {},
    today: '2025-11-01',
    usdPer: { USD: 1, GBP: 1.33, EUR: 1.16, JPY: 0.0067, INR: 0.0114, CHF: 1.25 },
  };
  test('converting there and back is within rounding (of the amount and of the 6-decimal rates)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e8 }),
        fc.constantFrom(...Object.keys(table.usdPer)),
        fc.constantFrom(...Object.keys(table.usdPer)),
        (x, a, b) => {
          const there = findRate(table, a, b);
          const back = findRate(table, b, a);
          const roundTrip = convert(convert(x, there), back);
          const tolerance = 0.5 * back.rate + 0.5 + x * Math.abs(there.rate * back.rate - 1);
          expect(Math.abs(roundTrip - x)).toBeLessThanOrEqual(tolerance + 1e-9);
        },
      ),
    );
  });
});
