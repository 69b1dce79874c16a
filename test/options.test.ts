import { Command } from 'commander';
import { beforeAll, describe, expect, test } from 'vitest';
import { UsageError } from '../src/errors.js';
import {
  addOfferOptions,
  completeOffer,
  flagFor,
  OFFER_FIELDS,
  parseOfferInput,
  resolveOfferCurrency,
} from '../src/options.js';
import { offerToYaml, parseOfferYaml } from '../src/offer-file.js';
import { loadParser, type GuideParser } from '../src/guides/lazy-parser.js';

// These call parser-side code directly (the CLI loads the parser before any command that needs it).
let p: GuideParser;
beforeAll(async () => {
  p = await loadParser();
});

function parseFlags(argv: string[]): Record<string, unknown> {
  const cmd = addOfferOptions(new Command().exitOverride());
  cmd.parse(argv, { from: 'user' });
  return cmd.opts();
}

const fails = (fn: () => unknown): UsageError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error('expected a usage error');
};

describe('offer flags', () => {
  test('every flag of OFFER_FIELDS is registered, with its default in the help', () => {
    const cmd = addOfferOptions(new Command());
    const names = cmd.options.map((o) => o.long);
    for (const spec of OFFER_FIELDS) if (spec.flag) expect(names).toContain(spec.flag.split(' ')[0]);
    expect(names).toContain('--offer');
    expect(cmd.helpInformation()).toMatch(/--vesting <schedule>\s+even [\s\S]*\(default:\s+even\)/);
  });

  test('commander applies no defaults (so an offer file is not masked)', () => {
    expect(parseFlags([])).toEqual({});
  });

  test.each([
    [['--base', '185k'], { base: 185000 }],
    [['--base', '$185,000', '--stock', '$400k'], { base: 185000, stock: 400000, currency: 'USD' }],
    [['--base', 'GBP 132000'], { base: 132000, currency: 'GBP' }],
    [['--bonus', '15%'], { bonusPct: 15 }],
    [['--vesting', 'front'], { vesting: 'front' }],
    [['--vesting', '10,20,30,40'], { vesting: [10, 20, 30, 40] }],
    [['--cliff', '12'], { cliffMonths: 12 }],
    [['--sign-on', '30000'], { signOn: [30000] }],
    [['--sign-on', '30,000'], { signOn: [30000] }],
    [['--sign-on', '30k,20k'], { signOn: [30000, 20000] }],
    [['--sign-on', '30000,20000'], { signOn: [30000, 20000] }],
    [['--sign-on', '30,000/20,000'], { signOn: [30000, 20000] }],
    // Commas that do not group thousands split the list (SPEC §5): two amounts, never 30.20.
    [['--sign-on', '30,20'], { signOn: [30, 20] }],
    [['--sign-on', '1,5M'], { signOn: [1, 5000000] }],
    [['--refresher', '50k'], { refresher: 50000 }],
    [
      ['--region', 'London', '--level', 'L4', '--label', 'Cloudflare'],
      { region: 'London', level: 'L4', label: 'Cloudflare' },
    ],
    // A component may name its own currency: plain amounts follow the base's (else the band's).
    [
      ['--base', '£150k', '--stock', '$100k'],
      { base: 150000, stock: 100000, currency: 'GBP', currencies: { stock: 'USD' } },
    ],
    [['--base', '150k', '--stock', 'USD 200k'], { base: 150000, stock: 200000, currencies: { stock: 'USD' } }],
    [['--raise', '3'], { raisePct: [3] }],
    [['--raise', '5,4,3'], { raisePct: [5, 4, 3] }],
    [['--raise', '5/4/-2'], { raisePct: [5, 4, -2] }],
    [['--stock-growth', '10,+5%,-20'], { stockGrowthPct: [10, 5, -20] }],
    [['--bonus-amount', '20k'], { bonusAmount: 20000 }],
    [['--bonus-multiplier', '0.5,1,1.5x'], { bonusMultipliers: [0.5, 1, 1.5] }],
    [['--benefits', '12,500'], { benefits: [{ name: 'benefits', amount: 12500, currency: null }] }],
    [['--sign-on', '50,000'], { signOn: [50000] }],
  ])('%j → %j', (argv, expected) => {
    expect(parseOfferInput(parseFlags(argv)).input).toEqual(expected);
  });

  test.each([
    [['--base', 'lots'], '--base: "lots" is not an amount'],
    [['--base', '-5'], '--base: "-5" is negative'],
    [['--base', '2000m'], '--base: "2000m" is too large'],
    [['--stock', 'abc'], '--stock: "abc" is not an amount'],
    [['--bonus', '150'], '--bonus: "150" is out of range (0 to 100)'],
    [['--vesting', '50,40'], '--vesting: "50,40" sums to 90%, not 100%'],
    [['--cliff', 'x'], '--cliff: "x" is not a cliff in months'],
    [['--sign-on', '30,000,20,000'], '--sign-on: "30,000,20,000" is ambiguous'],
    [['--sign-on', '10k,zz'], '--sign-on: "zz" is not an amount'],
    [['--sign-on', '$10k,£5k'], '--sign-on: "$10k,£5k" names two currencies'],
    [['--bonus', '10', '--bonus-amount', '20k'], '--bonus and --bonus-amount are two bonuses; give one'],
    [['--raise', 'fast'], '--raise: "fast" is not a percentage'],
    [['--raise', '5,4,300'], '--raise: "300" is out of range (-50 to 100)'],
    [['--stock-growth', '-95'], '--stock-growth: "-95" is out of range (-90 to 1000)'],
    [['--bonus-multiplier', '0.5,lots'], '--bonus-multiplier: "lots" is not a bonus multiplier'],
    [['--benefits', 'plenty'], '--benefits: "plenty" is not an amount'],
    [['--stock', 'XYZ 200k'], '--stock: "XYZ 200k" names an unknown currency "XYZ"'],
  ])('%j is refused: %s', (argv, message) => {
    expect(fails(() => parseOfferInput(parseFlags(argv))).message).toContain(message);
  });

  test('flagFor names the flag, or the file field when there is no flag', () => {
    expect(flagFor('base')).toBe('--base');
    expect(flagFor('signOn')).toBe('--sign-on');
    expect(flagFor('currency')).toBe('currency');
  });
});

describe('offer files', () => {
  const yaml = `label: Cloudflare London
company: cloudflare-workers
role: ml-ai-engineer
region: London
currency: GBP
base: 150k
stock: 200000
vesting: [40, 30, 20, 10]
cliff: 12
bonus_pct: 10
sign_on: [20000, 10000]
refresher: 0
`;

  test('fields map onto the offer; flags override them', () => {
    const fields = parseOfferYaml(p, yaml, 'a.yaml');
    const { input, named } = parseOfferInput({ base: '160000' }, { path: 'a.yaml', fields });
    expect(input).toEqual({
      label: 'Cloudflare London',
      company: 'cloudflare-workers',
      role: 'ml-ai-engineer',
      region: 'London',
      currency: 'GBP',
      base: 160000,
      stock: 200000,
      vesting: [40, 30, 20, 10],
      cliffMonths: 12,
      bonusPct: 10,
      signOn: [20000, 10000],
      refresher: 0,
    });
    expect(named).toEqual({ currency: 'GBP', where: 'a.yaml: currency "GBP"' });
  });

  test('a flag in another currency than the file keeps its own currency (converted later)', () => {
    const fields = parseOfferYaml(p, yaml, 'a.yaml');
    const { input } = parseOfferInput({ base: '$160k' }, { path: 'a.yaml', fields });
    expect(input).toMatchObject({ base: 160000, currency: 'GBP', currencies: { base: 'USD' } });
  });

  const grants = `base: 150k
currency: GBP
grants:
  - { amount: USD 200k, vesting: back, cliff: 12 }
  - { amount: 40000, start_year: 3, vesting: [50, 50], currency: EUR }
refreshers:
  - { amount: 30k, start_year: 2 }
benefits:
  - { name: 401k match, amount: 6000 }
  - { name: ESPP, amount: 4411.76 }
raise: [5, 4, 3]
stock_growth: 10
bonus_amount: 20000
bonus_multiplier: [0.5, 1.5]
`;

  test('grants, refreshers, benefits and the assumptions read from a file, each amount in its own currency', () => {
    const { input, notes } = parseOfferInput({}, { path: 'g.yaml', fields: parseOfferYaml(p, grants, 'g.yaml') });
    expect(notes).toEqual([]);
    expect(input).toEqual({
      base: 150000,
      currency: 'GBP',
      grants: [
        { amount: 200000, vesting: 'back', cliffMonths: 12, startYear: 1, currency: 'USD' },
        { amount: 40000, vesting: [50, 50], cliffMonths: 0, startYear: 3, currency: 'EUR' },
      ],
      refreshers: [{ amount: 30000, startYear: 2, vesting: null, currency: null }],
      benefits: [
        { name: '401k match', amount: 6000, currency: null },
        { name: 'ESPP', amount: 4411.76, currency: null },
      ],
      raisePct: [5, 4, 3],
      stockGrowthPct: [10],
      bonusAmount: 20000,
      bonusMultipliers: [0.5, 1.5],
    });
  });

  test("a --stock flag replaces the file's grants, with a note; a flag's bonus replaces the file's other kind", () => {
    const { input, notes } = parseOfferInput(
      { stock: '100k', bonus: '10' },
      { path: 'g.yaml', fields: parseOfferYaml(p, grants, 'g.yaml') },
    );
    expect(input).toMatchObject({ stock: 100000, grants: [], bonusPct: 10 });
    expect(input.bonusAmount).toBeUndefined();
    expect(notes).toEqual(['--stock replaces the 2 grants in g.yaml (grants:)']);
  });

  test('offerToYaml writes grants, refreshers, benefits and own currencies back as they are read', () => {
    const offer = completeOffer(
      parseOfferInput(
        { stock: 'USD 50k' },
        {
          path: 'g.yaml',
          fields: parseOfferYaml(p, grants.replace(/^grants:[\s\S]*?refreshers:/m, 'refreshers:'), 'g.yaml'),
        },
      ).input,
    );
    const text = offerToYaml(p, offer, 'GBP');
    expect(text).toContain('stock: USD 50000');
    expect(
      completeOffer(parseOfferInput({}, { path: 'b.yaml', fields: parseOfferYaml(p, text, 'b.yaml') }).input),
    ).toEqual(offer);
    const withGrants = completeOffer(
      parseOfferInput({}, { path: 'g.yaml', fields: parseOfferYaml(p, grants, 'g.yaml') }).input,
    );
    expect(
      completeOffer(
        parseOfferInput({}, { path: 'c.yaml', fields: parseOfferYaml(p, offerToYaml(p, withGrants, 'GBP'), 'c.yaml') })
          .input,
      ),
    ).toEqual(withGrants);
  });

  test.each([
    ['base: [1', /^a\.yaml:1:9: not valid YAML: Flow sequence/],
    ['', /a\.yaml: the offer file is empty/],
    ['- 1\n- 2', /a\.yaml: an offer file is a YAML mapping/],
    ['base: 1\nbonus: 10', /a\.yaml: unknown field "bonus"/],
    ['base: 1\nbase: 2', /not valid YAML/],
  ])('%j is refused', (text, message) => {
    expect(fails(() => parseOfferYaml(p, text, 'a.yaml')).message).toMatch(message);
  });

  test.each([
    ['base: lots', 'a.yaml: base: "lots" is not an amount'],
    ['base: {a: 1}', 'a.yaml: base: {"a":1} is not an amount'],
    ['bonus_pct: 120', 'a.yaml: bonus_pct: "120" is out of range'],
    ['vesting: [50, 40]', 'a.yaml: vesting: "[50,40]" sums to 90%'],
    ['sign_on: [10k, x]', 'a.yaml: sign_on[2]: "x" is not an amount'],
    ['currency: DOLLARS', 'a.yaml: currency: "DOLLARS" is not an ISO 4217 currency code'],
    ['bonus_pct: 10\nbonus_amount: 5000', 'a.yaml: bonus_pct and bonus_amount are two bonuses; give one'],
    ['grants: 5', 'a.yaml: grants: a list is expected'],
    ['grants: [{ amount: 1000, vest: even }]', 'a.yaml: grants[1]: unknown field "vest"'],
    ['grants: [{ vesting: even }]', 'a.yaml: grants[1]: amount: missing'],
    ['grants: [{ amount: 1000, start_year: 0 }]', 'a.yaml: grants[1]: start_year: "0" is not a year from 1 to 10'],
    [
      'grants: [{ amount: $1000, currency: GBP }]',
      'a.yaml: grants[1]: amount "$1000" is in USD, but currency says GBP',
    ],
    [
      'grants: [{ amount: 1000, currency: XYZ }]',
      'a.yaml: grants[1]: currency: "XYZ" is not an ISO 4217 currency code',
    ],
    ['refreshers: [{ amount: 1000, vesting: [50, 40] }]', 'a.yaml: refreshers[1]: vesting: "[50,40]" sums to 90%'],
    ['benefits: [{ name: x }]', 'a.yaml: benefits[1]: amount: missing'],
    ['raise: [5, x]', 'a.yaml: raise[2]: "x" is not a percentage'],
    ['region: [a]', 'a.yaml: region: ["a"] is not text'],
    ['label: "a\\u009b31mred"', 'a.yaml: label: the value is too long or has control characters'],
    ['label: "a\\u202eevil"', 'a.yaml: label: the value is too long or has control characters'],
  ])('%j: %s', (text, message) => {
    expect(
      fails(() => parseOfferInput({}, { path: 'a.yaml', fields: parseOfferYaml(p, text, 'a.yaml') })).message,
    ).toContain(message);
  });

  test('offerToYaml writes what parseOfferYaml reads back', () => {
    const offer = completeOffer(
      parseOfferInput({}, { path: 'a.yaml', fields: parseOfferYaml(p, yaml, 'a.yaml') }).input,
    );
    const text = offerToYaml(p, offer, 'GBP');
    expect(text).toBe(`label: Cloudflare London
company: cloudflare-workers
role: ml-ai-engineer
region: London
currency: GBP
base: 150000
stock: 200000
vesting: 40/30/20/10
cliff: 12
bonus_pct: 10
sign_on:
  - 20000
  - 10000
`);
    expect(
      completeOffer(parseOfferInput({}, { path: 'b.yaml', fields: parseOfferYaml(p, text, 'b.yaml') }).input),
    ).toEqual(offer);
  });
});

describe('currency against the band', () => {
  test.each([
    [['--base', '150000'], 'USD', undefined, 'USD'],
    [['--base', '$150k'], 'USD', undefined, 'USD'],
    [['--base', '£150k'], 'USD', 'GBP', 'GBP'],
    [['--base', '£150k'], 'USD', 'USD', 'GBP'],
  ])('%j against a %s band with --currency %s → %s', (argv, band, convertTo, expected) => {
    expect(resolveOfferCurrency(parseOfferInput(parseFlags(argv)), band, 'San Francisco', convertTo)).toBe(expected);
  });

  // Issue 32 replaced the refusal: an amount in another currency than the band's is converted (evaluate, compare).
  test("a contradicting currency without --currency is the offer's own currency, converted later", () => {
    expect(
      resolveOfferCurrency(parseOfferInput(parseFlags(['--base', '£150k'])), 'USD', 'San Francisco', undefined),
    ).toBe('GBP');
    expect(
      resolveOfferCurrency(
        parseOfferInput(parseFlags(['--base', '150k', '--stock', '£150k'])),
        'USD',
        'San Francisco',
        undefined,
      ),
    ).toBe('USD');
  });

  test('for a command without --currency (null) any amount in another currency is still refused', () => {
    const err = fails(() =>
      resolveOfferCurrency(
        parseOfferInput(parseFlags(['--base', '150k', '--stock', 'GBP 100k'])),
        'USD',
        'acme San Francisco',
        null,
      ),
    );
    expect(err.message).toBe('--stock "GBP 100k" is in GBP, but the acme San Francisco band is in USD');
  });

  test('for a command without --currency (null) the hint offers no conversion', () => {
    const err = fails(() =>
      resolveOfferCurrency(parseOfferInput(parseFlags(['--base', '£150k'])), 'USD', 'acme San Francisco', null),
    );
    expect(err.message).toBe('--base "£150k" is in GBP, but the acme San Francisco band is in USD');
    expect(err.hints).toEqual(["write the offer's amounts in USD: this command argues in the band's currency"]);
  });
});

test('vesting: 100 in a file is one year, as --vesting 100 is (YAML reads it as a number)', () => {
  const fields = parseOfferYaml(p, 'base: 150000\nstock: 50000\nvesting: 100\n', 'one.yaml');
  expect(parseOfferInput({}, { path: 'one.yaml', fields }).input.vesting).toEqual([100]);
  expect(parseOfferInput({ vesting: '100' }).input.vesting).toEqual([100]);
  expect(() =>
    parseOfferInput({}, { path: 'bad.yaml', fields: parseOfferYaml(p, 'base: 1\nvesting: 90\n', 'bad.yaml') }),
  ).toThrow(/sums to 90%/);
});
