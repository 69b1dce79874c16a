import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CURRENCY_SYMBOLS,
  findAmounts,
  findRanges,
  findUnplacedMoney,
  isBareDollarNote,
  readAmount,
  readRange,
  type MoneyContext,
} from '../src/comp/money-text.js';

const one = (text: string, ctx: MoneyContext = {}) => findAmounts(text, ctx).map((a) => [a.amount, a.currency]);

describe('findAmounts: money in sentences', () => {
  test.each<[string, [number, string | null][], MoneyContext?]>([
    [
      "I'm targeting CHF 175K base … Accept at CHF 150K+",
      [
        [175000, 'CHF'],
        [150000, 'CHF'],
      ],
    ],
    [
      'Target 175K CHF base and 120K CHF in RSUs',
      [
        [175000, 'CHF'],
        [120000, 'CHF'],
      ],
    ],
    ['Offers of EUR 85.000 are common', [[85000, 'EUR']]],
    ['a base salary of 85,000 EUR', [[85000, 'EUR']]],
    ['€85.5K is the median', [[85500, 'EUR']]],
    ['Brutto 102.000,00 € im Jahr', [[102000, 'EUR']]],
    ['Grundgehalt 1,5M € (Vorstand)', [[1500000, 'EUR']]],
    ["Base CHF 175'000, bonus 15%", [[175000, 'CHF']]],
    ['Base CHF 175’000', [[175000, 'CHF']]],
    ['salaire de 175 000 € brut', [[175000, 'EUR']]],
    ['salaire de 175\u202F000\u00A0€ brut', [[175000, 'EUR']]],
    ['CTC of ₹45,00,000 per year', [[4500000, 'INR']]],
    ['about 45 lakh fixed', [[4500000, 'INR']]],
    ['1.2 crore total', [[12000000, 'INR']]],
    ['Offer: 45 LPA', [[4500000, 'INR']]],
    [
      '₹45L base, ₹1.2Cr TC',
      [
        [4500000, 'INR'],
        [12000000, 'INR'],
      ],
    ],
    ['Rs. 18,00,000 fixed', [[1800000, 'INR']]],
    ['Aim for a base of €120K', [[120000, 'EUR']]],
    ['Walk away below €105K.', [[105000, 'EUR']]],
    [
      'Target £140K base, £200K RSUs over 4 years',
      [
        [140000, 'GBP'],
        [200000, 'GBP'],
      ],
    ],
    ['¥12,000,000 base', [[12000000, 'JPY']], { currencies: ['JPY'] }],
    ['¥12,000,000 base', [[12000000, null]], { currencies: ['USD'] }],
    ['¥600K base', [[600000, 'CNY']], { currencies: ['USD', 'CNY'] }],
    ['Lön 650 000 kr per år', [[650000, 'SEK']], { currencies: ['SEK'] }],
    ['kr 650.000 i grundløn', [[650000, 'DKK']], { currencies: ['DKK', 'EUR'] }],
    ['650 000 kr', [[650000, null]], { currencies: ['SEK', 'NOK'] }],
    ['₩85,000,000 base', [[85000000, 'KRW']]],
    ['₪480K base', [[480000, 'ILS']]],
    ['₺1.2M', [[1200000, 'TRY']]],
    ['₽3,600,000 per year', [[3600000, 'RUB']]],
    ['₱2.4M a year', [[2400000, 'PHP']]],
    ['12 000 zł brutto', [[12000, 'PLN']]],
    ['Fr. 140’000', [[140000, 'CHF']]],
    ['140’000 Fr. base', [[140000, 'CHF']]],
    ['CA$150K base', [[150000, 'CAD']]],
    ['C$150K base', [[150000, 'CAD']]],
    ['A$180K base', [[180000, 'AUD']]],
    ['NZ$140K base', [[140000, 'NZD']]],
    ['US$200K base', [[200000, 'USD']]],
    ['HK$1.2M base', [[1200000, 'HKD']]],
    ['S$180K base', [[180000, 'SGD']]],
    ['R$25.000 por mês', [[25000, 'BRL']]],
    ['USD $150K', [[150000, 'USD']]],
    ['CAD$200K', [[200000, 'CAD']]],
    ['CHF175K', [[175000, 'CHF']]],
    ['$200K base', [[200000, 'CAD']], { currencies: ['CAD'] }],
    ['$200K base', [[200000, 'USD']], { currencies: ['USD', 'CAD'] }],
    ['$200K base', [[200000, 'USD']], { currencies: ['GBP'] }],
    ['190 thousand dollars', [[190000, 'USD']]],
    ['2 million euros', [[2000000, 'EUR']]],
    ['$1.2M', [[1200000, 'USD']]],
    ['$1.125M in stock', [[1125000, 'USD']]],
    ['Accept at 150K+ base', [[150000, 'CHF']], { defaultCurrency: 'CHF' }],
    ['Salary: 85.000', [[85000, null]]],
    ['20M+ developers use it', []],
    ['Over 20M+ developers and 4 years of growth', []],
    ['Google L5 at $420K TC', [[420000, 'USD']]],
    ['In 2024 the bonus was 15%', []],
    ['401k match of 4%', []],
    ['Q3 2025 salary data', []],
    ['GBP $100', []],
    ['TOP 100 companies pay well', []],
  ])('%s', (text, expected, ctx) => {
    expect(one(text, ctx)).toEqual(expected);
  });

  test('offsets, text, plus, period, approximate', () => {
    const [a, b] = findAmounts('Expect ~€95K/yr, accept at €90K+ base');
    expect(a).toMatchObject({
      amount: 95000,
      currency: 'EUR',
      text: '€95K',
      approximate: true,
      period: 'year',
      marker: '€',
    });
    expect(b).toMatchObject({ amount: 90000, text: '€90K+', plus: true });
    const text = 'Expect ~€95K/yr, accept at €90K+ base';
    expect(text.slice(b.start, b.end)).toBe(b.text);
    expect(findAmounts('$85/hour contract')[0].period).toBe('hour');
    expect(findAmounts('€7,000 per month')[0].period).toBe('month');
  });

  test('bare numbers only on request, marked as not money', () => {
    expect(findAmounts('20M+ developers', { bare: true })).toMatchObject([
      { amount: 20000000, money: false, currency: null },
    ]);
  });

  test('candidates for shared symbols', () => {
    expect(findAmounts('650 000 kr')[0].candidates).toEqual(['SEK', 'NOK', 'DKK', 'ISK']);
    expect(findAmounts('¥8,000,000')[0].candidates).toEqual(['JPY', 'CNY']);
    expect(findAmounts('CHF 100K')[0].candidates).toBeUndefined();
  });
});

describe('findRanges', () => {
  test.each<[string, [number, number, string | null][], MoneyContext?]>([
    ['$198K–$255K', [[198000, 255000, 'USD']]],
    ['£132K-£170K', [[132000, 170000, 'GBP']]],
    ['$1.2M to $1.5M', [[1200000, 1500000, 'USD']]],
    ['€85,000 – €95,000', [[85000, 95000, 'EUR']]],
    ['$198K–255K', [[198000, 255000, 'USD']]],
    ['$150-200K', [[150000, 200000, 'USD']]],
    ['CHF 150–175K', [[150000, 175000, 'CHF']]],
    ['150K to 175K CHF', [[150000, 175000, 'CHF']]],
    ['between €85,000 and €95,000 per year', [[85000, 95000, 'EUR']]],
    ['CA$150K–210K', [[150000, 210000, 'CAD']]],
    ['₹30-45 LPA', [[3000000, 4500000, 'INR']]],
    ['30 – 45 lakh', [[3000000, 4500000, 'INR']]],
    ['Base salary range: 120,000-150,000 EUR', [[120000, 150000, 'EUR']]],
    ['20M-30M developers', []],
    ['from 2019 to 2024', []],
  ])('%s', (text, expected, ctx) => {
    expect(findRanges(text, ctx).map((r) => [r.low.amount, r.high.amount, r.currency])).toEqual(expected);
  });

  test('period of a range', () => {
    expect(findRanges('$60–$80 per hour')[0].period).toBe('hour');
  });
});

describe('readAmount: a whole value', () => {
  test.each<[string, number, string | null]>([
    ['85.000', 85000, null],
    ['85,000', 85000, null],
    ['1,00', 1, null],
    ['1,5M', 1500000, null],
    ['CHF 175K', 175000, 'CHF'],
    ['175k chf', 175000, 'CHF'],
    ['gbp132k', 132000, 'GBP'],
    ["CHF 175'000", 175000, 'CHF'],
    ['₹45,00,000', 4500000, 'INR'],
    ['45 LPA', 4500000, 'INR'],
    ['102.000,00 €', 102000, 'EUR'],
    ['1,234.56', 1234.56, null],
    ['$220K+', 220000, 'USD'],
    ['  99.5k ', 99500, null],
    ['€85,000/yr', 85000, 'EUR'],
  ])('%s', (text, amount, currency) => {
    const a = readAmount(text);
    expect(a).not.toBeNull();
    expect([a!.amount, a!.currency]).toEqual([amount, currency]);
  });

  test.each(['abc', '', '1e12', 'Infinity', 'GBP $100', '$100 and $200', 'XYZ 100', 'base 100'])(
    '%s is not one amount',
    (text) => {
      expect(readAmount(text)).toBeNull();
    },
  );

  test('defaultCurrency for unmarked values', () => {
    expect(readAmount('150K', { defaultCurrency: 'CHF' })?.currency).toBe('CHF');
  });

  test('readRange reads a table cell', () => {
    expect(readRange('CHF 150K–175K')).toMatchObject({
      low: { amount: 150000 },
      high: { amount: 175000 },
      currency: 'CHF',
    });
    expect(readRange('CHF 150K')).toMatchObject({ low: { amount: 150000 }, high: { amount: 150000 }, currency: 'CHF' });
    expect(readRange('n/a')).toBeNull();
  });
});

describe('unplaced money and notes', () => {
  test('spelled-out sums and shared symbols with no settled currency', () => {
    const found = findUnplacedMoney('ask for one hundred ninety thousand dollars, or kr 500 000', {
      currencies: ['EUR'],
    });
    expect(found.map((f) => f.text)).toEqual(['one hundred ninety thousand dollars', 'kr 500 000']);
    expect(found[1].candidates).toEqual(['SEK', 'NOK', 'DKK', 'ISK']);
  });

  test('a bare $ read as anything but USD is a note', () => {
    const [cad] = findAmounts('$200K', { currencies: ['CAD'] });
    expect(isBareDollarNote(cad)).toBe(true);
    expect(isBareDollarNote(findAmounts('$200K')[0])).toBe(false);
    expect(isBareDollarNote(findAmounts('CA$200K')[0])).toBe(false);
  });
});

// Properties: any amount written in any supported form reads back as the same number and currency.
const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const UNAMBIGUOUS: [string, string][] = Object.entries(CURRENCY_SYMBOLS)
  .filter(([, c]) => c.length === 1)
  .map(([s, c]) => [s, c[0]]);

const forms = (n: number): fc.Arbitrary<string> =>
  fc.constantFrom(
    String(n),
    group(n, ','),
    group(n, '.'),
    group(n, "'"),
    group(n, '’'),
    group(n, '\u202F'),
    group(n, '\u00A0'),
    ...(n % 1000 === 0 ? [`${n / 1000}K`, `${n / 1000}k`] : []),
    ...(n % 100000 === 0 && n >= 1e6 ? [`${n / 1e6}M`.replace('.', ','), `${n / 1e6}M`] : []),
  );

describe('properties', () => {
  test('any whole amount, any grouping, any unambiguous symbol before or after', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 999_999_999 }).chain((n) => fc.tuple(fc.constant(n), forms(n))),
        fc.constantFrom(...UNAMBIGUOUS),
        fc.boolean(),
        ([n, written], [symbol, currency], after) => {
          const text = after ? `${written} ${symbol}` : `${symbol}${written}`;
          const a = readAmount(text);
          expect(a && [a.amount, a.currency]).toEqual([n, currency]);
          const inProse = findAmounts(`The base is ${text} a year.`);
          expect(inProse.map((x) => [x.amount, x.currency])).toEqual([[n, currency]]);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('any ISO code before or after, any case in values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_999_999 }),
        fc.constantFrom('USD', 'EUR', 'GBP', 'CHF', 'CAD', 'INR', 'SEK', 'JPY', 'ISK', 'PHP', 'RUB', 'PLN'),
        fc.boolean(),
        fc.boolean(),
        (n, code, after, lower) => {
          const c = lower ? code.toLowerCase() : code;
          const written = group(n, ',');
          const text = after ? `${written} ${c}` : `${c} ${written}`;
          expect(readAmount(text)).toMatchObject({ amount: n, currency: code });
          expect(one(`Target: ${after ? `${written} ${code}` : `${code} ${written}`} base`)).toEqual([[n, code]]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('decimals: one or two digits after a dot or comma are cents', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.boolean(),
        (whole, cents, euro) => {
          const c = String(cents).padStart(2, '0');
          const text = euro ? `${group(whole, '.')},${c} €` : `$${group(whole, ',')}.${c}`;
          const a = readAmount(text);
          expect(a?.amount).toBeCloseTo(whole + cents / 100, 2);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('Indian grouping and lakh / crore words', () => {
    const indian = (n: number) => {
      const s = String(n);
      if (s.length <= 3) return s;
      return `${s.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',')},${s.slice(-3)}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), (lakhs) => {
        const n = lakhs * 1e5;
        expect(readAmount(`₹${indian(n)}`)).toMatchObject({ amount: n, currency: 'INR' });
        expect(readAmount(`${lakhs} lakh`)).toMatchObject({ amount: n, currency: 'INR' });
        expect(readAmount(`${lakhs} LPA`)).toMatchObject({ amount: n, currency: 'INR', period: 'year' });
      }),
      { numRuns: 200 },
    );
  });

  test('a range in any joiner reads both ends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 900 }),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom('–', '-', ' - ', ' to ', '—'),
        (lowK, addK, join) => {
          const text = `€${lowK}K${join}€${lowK + addK}K`;
          expect(findRanges(text).map((r) => [r.low.amount, r.high.amount, r.currency])).toEqual([
            [lowK * 1000, (lowK + addK) * 1000, 'EUR'],
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('never throws and never returns a non-finite amount, on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        for (const a of findAmounts(text, { bare: true })) expect(Number.isFinite(a.amount)).toBe(true);
        readAmount(text);
        findUnplacedMoney(text);
      }),
      { numRuns: 300 },
    );
  });
});

test('assumeMoney: a cell known to be money', () => {
  expect(
    findRanges('198K–255K', { assumeMoney: true, defaultCurrency: 'CHF' }).map((r) => [
      r.low.amount,
      r.high.amount,
      r.currency,
    ]),
  ).toEqual([[198000, 255000, 'CHF']]);
  expect(findAmounts('15%', { assumeMoney: true })).toEqual([]);
  expect(findAmounts('198K–255K')).toEqual([]);
});
