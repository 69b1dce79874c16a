import { expect, test } from 'vitest';
import { collectRates, type FxTable } from '../src/comp/fx.js';

const TABLE: FxTable = { asOf: '2025-10-31', source: 'test table', usdPer: { USD: 1, GBP: 1.25, EUR: 1.1 } };

test('collectRates keeps each distinct conversion once, in first-use order, and no identity rate', () => {
  let reads = 0;
  const fx = collectRates(() => (reads++, TABLE));
  expect(fx.rates).toEqual([]);
  expect(reads).toBe(0);
  expect(fx.rate('USD', 'USD').rate).toBe(1);
  expect(fx.rate('GBP', 'USD').rate).toBe(1.25);
  expect(fx.rate('EUR', 'USD').rate).toBe(1.1);
  expect(fx.rate('GBP', 'USD').rate).toBe(1.25);
  expect(fx.rate('USD', 'GBP').rate).toBe(0.8);
  expect(fx.rates.map((r) => `${r.from}→${r.to}`)).toEqual(['GBP→USD', 'EUR→USD', 'USD→GBP']);
  expect(fx.rates[0]).toEqual({ from: 'GBP', to: 'USD', rate: 1.25, asOf: '2025-10-31', source: 'test table' });
  expect(() => fx.rate('JPY', 'USD')).toThrow(/no exchange rate for JPY/);
});
