import { describe, expect, test } from 'vitest';
import {
  applyFxOverrides,
  collectRates,
  findRate,
  isTableStale,
  parseFxOverride,
  staleRateWarnings,
  type FxTable,
} from '../src/comp/fx.js';
import { UsageError } from '../src/errors.js';

const TABLE: FxTable = {
  asOf: '2025-10-31',
  source: 'test table',
  usdPer: { USD: 1, GBP: 1.25, EUR: 1.1 },
  overrides: {},
  today: '2025-11-15',
};

test('collectRates keeps each distinct conversion once, in first-use order, and no identity rate', () => {
  let reads = 0;
  const fx = collectRates(() => {
    reads++;
    return TABLE;
  });
  expect(fx.rates).toEqual([]);
  expect(reads).toBe(0);
  expect(fx.rate('USD', 'USD').rate).toBe(1);
  expect(fx.rate('GBP', 'USD').rate).toBe(1.25);
  expect(fx.rate('EUR', 'USD').rate).toBe(1.1);
  expect(fx.rate('GBP', 'USD').rate).toBe(1.25);
  expect(fx.rate('USD', 'GBP').rate).toBe(0.8);
  expect(fx.rates.map((r) => `${r.from}→${r.to}`)).toEqual(['GBP→USD', 'EUR→USD', 'USD→GBP']);
  expect(fx.rates[0]).toEqual({
    from: 'GBP',
    to: 'USD',
    rate: 1.25,
    asOf: '2025-10-31',
    source: 'test table',
    origin: 'table',
    stale: false,
  });
  expect(() => fx.rate('JPY', 'USD')).toThrow(/no exchange rate for JPY/);
});

describe('where a rate came from', () => {
  const overridden = applyFxOverrides(TABLE, ['GBP=1.27']);
  test.each([
    // from, to, rate, origin, asOf, source
    ['GBP', 'USD', 1.27, 'override', '2025-11-15', '--fx GBP=1.27'],
    ['USD', 'GBP', 0.787402, 'override', '2025-11-15', '--fx GBP=1.27'],
    // Half override, half table: an override, but with the table's date (and staleness), and both named.
    ['GBP', 'EUR', 1.154545, 'override', '2025-10-31', "--fx GBP=1.27 with the bundled table's EUR"],
    ['EUR', 'GBP', 0.866142, 'override', '2025-10-31', "--fx GBP=1.27 with the bundled table's EUR"],
    // The EUR rate was not overridden: it is the table's, with the table's date (the defect: it said override, today).
    ['EUR', 'USD', 1.1, 'table', '2025-10-31', 'test table'],
  ])('%s→%s', (from, to, rate, origin, asOf, source) => {
    expect(findRate(overridden, from, to)).toEqual({ from, to, rate, asOf, source, origin, stale: false });
  });

  test('a half-table cross rate is stale when the table is', () => {
    const t = applyFxOverrides({ ...TABLE, today: '2026-12-06' }, ['GBP=1.27']);
    expect(findRate(t, 'EUR', 'GBP')).toMatchObject({ origin: 'override', asOf: '2025-10-31', stale: true });
    expect(findRate(t, 'USD', 'GBP')).toMatchObject({ origin: 'override', asOf: '2026-12-06', stale: false });
  });

  test('rates under 1 keep 6 significant digits, so small currencies convert exactly enough', () => {
    const t = applyFxOverrides(TABLE, ['VND=0.000038', 'GBP=1.33']);
    expect(findRate(t, 'VND', 'GBP').rate).toBe(0.0000285714);
    expect(Math.round(900_000_000 * findRate(t, 'VND', 'GBP').rate)).toBe(25714);
  });

  test('an override of both sides names both', () => {
    const both = applyFxOverrides(TABLE, ['GBP=1.3', 'eur=1.2']);
    expect(findRate(both, 'GBP', 'EUR')).toMatchObject({
      origin: 'override',
      source: '--fx GBP=1.3, EUR=1.2',
      rate: 1.083333,
      asOf: '2025-11-15',
    });
  });
});

describe('a stale table', () => {
  test.each([
    ['2025-10-31', '2026-01-29', false], // 90 days
    ['2025-10-31', '2026-01-30', true], // 91 days
    ['2025-10-31', '2026-12-06', true],
  ])('as of %s, today %s: stale %s', (asOf, today, stale) => {
    expect(isTableStale({ asOf, today })).toBe(stale);
    const t: FxTable = { ...TABLE, asOf, today };
    expect(findRate(t, 'GBP', 'USD').stale).toBe(stale);
    expect(staleRateWarnings([findRate(t, 'GBP', 'USD')])).toHaveLength(stale ? 1 : 0);
  });

  test('an override is never stale, and the warning names the table date', () => {
    const t = applyFxOverrides({ ...TABLE, today: '2026-12-06' }, ['GBP=1.27']);
    expect(findRate(t, 'GBP', 'USD').stale).toBe(false);
    expect(findRate(t, 'EUR', 'USD').stale).toBe(true);
    expect(staleRateWarnings([findRate(t, 'EUR', 'USD')])[0]).toMatch(
      /dated 2025-10-31, more than 90 days ago: pass --fx CODE=RATE/,
    );
  });
});

describe('--fx values', () => {
  test.each([
    'GBP=1.27',
    'gbp=1.27',
    'JPY=0.0066',
    'USD=1',
    'KRW=0.000001',
    'GBP=1000000',
    'GBP = 1.27',
    'GBP=.5',
    'GBP=2.',
  ])('%s is a rate', (text) => {
    expect(() => parseFxOverride(text)).not.toThrow();
  });
  test.each([
    ['USD=0.79', /USD is always 1/],
    ['USD=2', /USD is always 1/],
    ['GBP=0', /not a believable rate/],
    ['GBP=-1.2', /not a believable rate/],
    ['GBP=0.0000001', /not a believable rate/],
    ['GBP=2000000', /not a believable rate/],
    ['GBP=abc', /not a believable rate/],
    ['GBP=Infinity', /not a believable rate/],
    ['XXY=1', /is not a rate/],
    ['GBP', /is not a rate/],
  ])('%s is refused', (text, message) => {
    let error: unknown;
    try {
      parseFxOverride(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    // Every refusal says what a rate means.
    expect((error as UsageError).hints.join(' ')).toMatch(/one unit of the currency in US dollars/);
  });
});
