import { describe, expect, test } from 'vitest';
import {
  findAmounts,
  formatCompact,
  formatMoney,
  parseAmount,
  parseCurrencyCode,
  parsePercent,
  parseTextRange,
} from '../src/comp/money.js';
import { UsageError } from '../src/errors.js';

describe('parseAmount', () => {
  test.each([
    ['185000', 185000, undefined],
    ['185,000', 185000, undefined],
    ['185k', 185000, undefined],
    ['185K', 185000, undefined],
    ['1.2m', 1200000, undefined],
    ['$185k', 185000, 'USD'],
    ['£132,000', 132000, 'GBP'],
    ['GBP 132000', 132000, 'GBP'],
    ['gbp132k', 132000, 'GBP'],
    ['132000 EUR', 132000, 'EUR'],
    ['€85,000', 85000, 'EUR'],
    ['0', 0, undefined],
    [' 99.5k ', 99500, undefined],
    // SPEC §5: the prose reader's rules (a dot or comma before three digits groups; before one or two, decimals).
    ['85.000', 85000, undefined],
    ['1,00', 1, undefined],
    ['1,5m', 1500000, undefined],
    ['CHF 175K', 175000, 'CHF'],
    ["175'000 CHF", 175000, 'CHF'],
    ['€85.5K', 85500, 'EUR'],
    ['102.000,00 €', 102000, 'EUR'],
    ['₹45,00,000', 4500000, 'INR'],
    ['45 LPA', 4500000, 'INR'],
    ['CA$200k', 200000, 'CAD'],
    ['SEK 650 000', 650000, 'SEK'],
  ])('%s → %d %s', (input, amount, currency) => {
    expect(parseAmount(input, '--base')).toEqual({ amount, currency });
  });

  test.each([
    ['-5', /negative/],
    ['$-5k', /negative/],
    ['abc', /not an amount/],
    ['', /not an amount/],
    ['1e12', /not an amount/],
    ['2000m', /too large/],
    ['Infinity', /not an amount/],
    ['NaN', /not an amount/],
    ['XYZ 100', /unknown currency "XYZ"/],
    ['GBP $100', /two currencies/],
    ['kr 100', /could be SEK, NOK, DKK, ISK/],
    ['$100 $200', /not an amount/],
  ])('%s is refused naming the flag and value', (input, message) => {
    const err = (() => {
      try {
        parseAmount(input, '--base');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain('--base');
    expect((err as Error).message).toContain(`"${input}"`);
  });
});

test.each([
  ['USD', 'USD'],
  ['gbp', 'GBP'],
  [' eur ', 'EUR'],
])('currency code %s', (input, code) => expect(parseCurrencyCode(input)).toBe(code));

test.each(['XYZ', 'US', 'dollars', ''])('unknown currency %s is a usage error', (input) => {
  expect(() => parseCurrencyCode(input)).toThrow(UsageError);
});

test.each([
  ['15', 15],
  ['15%', 15],
  ['12.5', 12.5],
])('percent %s', (input, n) => expect(parsePercent(input, '--bonus')).toBe(n));

test.each(['-1', '101', 'lots'])('bad percent %s', (input) =>
  expect(() => parsePercent(input, '--bonus')).toThrow(/--bonus/),
);

describe('money in guide prose', () => {
  test.each([
    ['$198K–$255K', { low: 198000, high: 255000, currency: 'USD' }],
    ['£132K-£170K', { low: 132000, high: 170000, currency: 'GBP' }],
    ['$1.2M to $1.5M', { low: 1200000, high: 1500000, currency: 'USD' }],
    ['€85,000 – €95,000', { low: 85000, high: 95000, currency: 'EUR' }],
    ['$198K–255K', { low: 198000, high: 255000, currency: 'USD' }],
    ['10–15%', { low: 10, high: 15 }],
    ['10%', { low: 10, high: 10 }],
    ['$220K+', { low: 220000, high: 220000, currency: 'USD' }],
  ])('%s', (text, range) => expect(parseTextRange(text)).toEqual(range));

  test('findAmounts reads every amount in order', () => {
    expect(findAmounts('Accept at $220K+ base and $305K+ RSUs, or £1.5M')).toEqual([
      { amount: 220000, currency: 'USD' },
      { amount: 305000, currency: 'USD' },
      { amount: 1500000, currency: 'GBP' },
    ]);
  });
});

test.each([
  [132000, 'GBP', '£132,000', '£132K'],
  [198000, 'USD', '$198,000', '$198K'],
  [1200000, 'USD', '$1,200,000', '$1.2M'],
  [85000, 'EUR', '€85,000', '€85K'],
  [150000, 'CHF', 'CHF 150,000', 'CHF 150K'],
  [500, 'USD', '$500', '$500'],
])('format %d %s', (n, cur, full, compact) => {
  expect(formatMoney(n, cur)).toBe(full);
  expect(formatCompact(n, cur)).toBe(compact);
});
