import { Command } from 'commander';
import { beforeAll, describe, expect, test } from 'vitest';
import { UsageError } from '../src/errors.js';
import { addOfferOptions, completeOffer, flagFor, OFFER_FIELDS, parseOfferInput, resolveOfferCurrency } from '../src/options.js';
import { offerToYaml, parseOfferYaml } from '../src/offer-file.js';
import { loadParser } from '../src/guides/lazy-parser.js';

// These call parser-side code directly (the CLI loads the parser before any command that needs it).
beforeAll(() => loadParser());

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
    [['--refresher', '50k'], { refresher: 50000 }],
    [['--region', 'London', '--level', 'L4', '--label', 'Cloudflare'], { region: 'London', level: 'L4', label: 'Cloudflare' }],
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
    [['--base', '£150k', '--stock', '$100k'], 'two currencies: --base "£150k" is GBP, --stock "$100k" is USD'],
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
    const fields = parseOfferYaml(yaml, 'a.yaml');
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

  test('a flag in another currency than the file is refused', () => {
    const fields = parseOfferYaml(yaml, 'a.yaml');
    expect(fails(() => parseOfferInput({ base: '$160k' }, { path: 'a.yaml', fields })).message).toContain('two currencies');
  });

  test.each([
    ['base: [1', /^a\.yaml:1:9: not valid YAML: Flow sequence/],
    ['', /a\.yaml: the offer file is empty/],
    ['- 1\n- 2', /a\.yaml: an offer file is a YAML mapping/],
    ['base: 1\nbonus: 10', /a\.yaml: unknown field "bonus"/],
    ['base: 1\nbase: 2', /not valid YAML/],
  ])('%j is refused', (text, message) => {
    expect(fails(() => parseOfferYaml(text, 'a.yaml')).message).toMatch(message);
  });

  test.each([
    ['base: lots', 'a.yaml: base: "lots" is not an amount'],
    ['base: {a: 1}', 'a.yaml: base: {"a":1} is not an amount'],
    ['bonus_pct: 120', 'a.yaml: bonus_pct: "120" is out of range'],
    ['vesting: [50, 40]', 'a.yaml: vesting: "[50,40]" sums to 90%'],
    ['sign_on: [10k, x]', 'a.yaml: sign_on[2]: "x" is not an amount'],
    ['currency: DOLLARS', 'a.yaml: currency: "DOLLARS" is not an ISO 4217 currency code'],
    ['base: $1\ncurrency: GBP', 'two currencies'],
    ['region: [a]', 'a.yaml: region: ["a"] is not text'],
    ['label: "a\\u009b31mred"', 'a.yaml: label: the value is too long or has control characters'],
    ['label: "a\\u202eevil"', 'a.yaml: label: the value is too long or has control characters'],
  ])('%j: %s', (text, message) => {
    expect(fails(() => parseOfferInput({}, { path: 'a.yaml', fields: parseOfferYaml(text, 'a.yaml') })).message).toContain(message);
  });

  test('offerToYaml writes what parseOfferYaml reads back', () => {
    const offer = completeOffer(parseOfferInput({}, { path: 'a.yaml', fields: parseOfferYaml(yaml, 'a.yaml') }).input);
    const text = offerToYaml(offer, 'GBP');
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
    expect(completeOffer(parseOfferInput({}, { path: 'b.yaml', fields: parseOfferYaml(text, 'b.yaml') }).input)).toEqual(offer);
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

  test('a contradicting currency without --currency is an error that says how to fix it', () => {
    const err = fails(() => resolveOfferCurrency(parseOfferInput(parseFlags(['--base', '£150k'])), 'USD', 'San Francisco', undefined));
    expect(err.message).toBe('--base "£150k" is in GBP, but the San Francisco band is in USD');
    expect(err.hints[0]).toContain('--currency GBP');
  });

  test('for a command without --currency (null) the hint offers no conversion', () => {
    const err = fails(() => resolveOfferCurrency(parseOfferInput(parseFlags(['--base', '£150k'])), 'USD', 'acme San Francisco', null));
    expect(err.message).toBe('--base "£150k" is in GBP, but the acme San Francisco band is in USD');
    expect(err.hints).toEqual(["write the offer's amounts in USD: this command argues in the band's currency"]);
  });
});
