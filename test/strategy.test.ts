// The strategy: prose phrasings (table-driven, real-looking sentences), the front-matter block and its
// errors, stock_years precedence, bounds. Pure: parseGuide + parseBody.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CURRENCY_SYMBOLS } from '../src/comp/money-text.js';
import { parseBody } from '../src/guides/body.js';
import { parseGuide } from '../src/guides/parse.js';
import { guideText, ROOT } from './helpers.js';

const USD = `  - region: Seattle
    currency: USD
    base_low: 170000
    base_high: 230000
    stock_low: 150000
    stock_high: 300000
    bonus_pct: 10`;
const EUR = `  - region: Berlin
    currency: EUR
    base_low: 90000
    base_high: 130000
    stock_low: 40000
    stock_high: 100000`;
const CHF = `  - region: Zürich
    currency: CHF
    base_low: 150000
    base_high: 190000
    stock_low: 80000
    stock_high: 120000`;

function strategyOf(body: string, bands = USD, extra = '') {
  const g = parseGuide(guideText({ bands, body: `# Guide\n\n${body}\n`, extra }), 'g.md');
  expect(g.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return parseBody(g.body, g.bodyLine, g.meta)!.strategy;
}

type Fig = [number, string] | null;
const fig = (f: { amount: number; currency: string } | null): Fig => (f ? [f.amount, f.currency] : null);

describe('prose: target and floor phrasings', () => {
  test.each<[string, string, Fig, Fig, Fig, Fig, string?]>([
    // [body, bands, target base, target stock, floor base, floor stock]
    [
      '> **Negotiate Up Strategy:** "I\'m targeting $248K base and $368K RSUs over 4 years with 15% performance bonus." Accept at $220K+ base and $305K+ RSUs.',
      USD,
      [248000, 'USD'],
      [368000, 'USD'],
      [220000, 'USD'],
      [305000, 'USD'],
    ],
    [
      '> **Negotiate Up Strategy:** "I\'m targeting CHF 175K base … Accept at CHF 150K+"',
      CHF,
      [175000, 'CHF'],
      null,
      [150000, 'CHF'],
      null,
    ],
    [
      '> **Strategy:** Aim for a base of €120K. Walk away below €105K.',
      EUR,
      [120000, 'EUR'],
      null,
      [105000, 'EUR'],
      null,
    ],
    [
      "> **Strategy:** Aiming for €125,000 base and €80,000 in stock. We won't go below €110,000 base.",
      EUR,
      [125000, 'EUR'],
      [80000, 'EUR'],
      [110000, 'EUR'],
      null,
    ],
    [
      '## Strategy\n\nOur goal is a base salary of EUR 120.000 and equity of EUR 60.000. Minimum: EUR 100.000 base.',
      EUR,
      [120000, 'EUR'],
      [60000, 'EUR'],
      [100000, 'EUR'],
      null,
    ],
    [
      '## Negotiation strategy\n\nAsk for 185K CHF base. No less than 160K CHF base and 90K CHF RSUs.',
      CHF,
      [185000, 'CHF'],
      null,
      [160000, 'CHF'],
      [90000, 'CHF'],
    ],
    [
      "## Strategy\n\nTarget: CHF 180'000 base, CHF 100'000 RSUs. Floor: CHF 155'000 base.",
      CHF,
      [180000, 'CHF'],
      [100000, 'CHF'],
      [155000, 'CHF'],
      null,
    ],
    [
      "## Strategy\n\nAsking for Fr. 170'000 base. CHF 150'000 minimum.",
      CHF,
      [170000, 'CHF'],
      null,
      [150000, 'CHF'],
      null,
    ],
    [
      '> **Negotiate Up Strategy:** "Targeting 200k base and 250k RSUs." Accept at 180k+ base.',
      USD,
      [200000, 'USD'],
      [250000, 'USD'],
      [180000, 'USD'],
      null,
    ],
    [
      '> **Negotiate Up Strategy:** "I\'m asking for US$215,000 base." Walk away below US$185,000.',
      USD,
      [215000, 'USD'],
      null,
      [185000, 'USD'],
      null,
    ],
    [
      '> **Negotiate Up Strategy:** "Target $210K base and a $260K grant; my competing offers are [Google at $420K TC / Meta at $425K TC]." At least $190K base.',
      USD,
      [210000, 'USD'],
      [260000, 'USD'],
      [190000, 'USD'],
      null,
    ],
    [
      "## Strategy\n\nWe're aiming for €110K base (about €9K/month). Walk away from anything below €95K base.",
      EUR,
      [110000, 'EUR'],
      null,
      [95000, 'EUR'],
      null,
    ],
    [
      '## Strategy\n\n<!-- TODO -->\n\nGoal: €115K base salary plus €70K stock over 4 years.',
      EUR,
      [115000, 'EUR'],
      [70000, 'EUR'],
      null,
      null,
    ],
    [
      '> **Negotiate Up Strategy:** "I\'m targeting 102.000,00 € base." Accept at 95.000 €+ base.',
      EUR,
      [102000, 'EUR'],
      null,
      [95000, 'EUR'],
      null,
    ],
  ])('%s', (body, bands, tb, ts, fb, fs) => {
    const s = strategyOf(body, bands)!;
    expect([fig(s.targetBase), fig(s.targetStock), fig(s.floorBase), fig(s.floorStock)]).toEqual([tb, ts, fb, fs]);
    expect(s.unread).toBeNull();
  });

  test("bonus, years and the guide's examples", () => {
    const s = strategyOf(
      '> **Negotiate Up Strategy:** "I\'m targeting $248K base and $368K RSUs over 4 years with 15% performance bonus. I have offers from [Google ML at $420K TC / Meta ML at $425K TC]." Accept at $220K+ base.',
    )!;
    expect(s.targetBonusPct).toBe(15);
    expect(s.stockYears).toBe(4);
    expect(s.exampleCompetitors).toEqual([
      { name: 'Google ML', amount: 420000, currency: 'USD', basis: 'TC' },
      { name: 'Meta ML', amount: 425000, currency: 'USD', basis: 'TC' },
    ]);
  });

  test('a guide with no strategy has none; a strategy heading with only a comment under it is none', () => {
    expect(strategyOf('## Levers\n\nNothing here.')).toBeNull();
    expect(strategyOf('## Strategy\n\n<!-- to do -->\n\n## Levers\n\nNothing.')).toBeNull();
  });

  test('"20M+ developers" is not money; a strategy without figures is unread', () => {
    const s = strategyOf('> **Negotiate Up Strategy:** "I\'m targeting a role that serves 20M+ developers."')!;
    expect(s.unread).toMatch(/no target or floor was found/);
    expect(s.findings.map((f) => f.code)).toEqual(['strategy-unread']);
  });

  test.each([
    ['$5M base', /target base "\$5M"/],
    ['$10K base', /target base "\$10K"/],
    ['$3,500,000 in RSUs', /target stock "\$3,500,000"/],
    ['$200K base and 150% bonus', /bonus "150% bonus" is outside the bounds 0–100%/],
    ['$200K base and RSUs over 0 years', /vesting period "over 0 years"/],
    ['$200K base and RSUs over 12 years', /vesting period "over 12 years"/],
  ])('bounds: %s is ignored with a warning naming it and its line', (target, message) => {
    const s = strategyOf(`> **Negotiate Up Strategy:** "I'm targeting ${target}." Accept at $180K+ base.`)!;
    const f = s.findings.find((x) => x.code === 'strategy-bounds')!;
    expect(f.message).toMatch(message);
    expect(f.line).toBe(s.line);
    expect(s.floorBase).toEqual({ amount: 180000, currency: 'USD' });
    expect(Number.isFinite(s.stockYears ?? 4)).toBe(true);
    expect(s.stockYears === null || (s.stockYears >= 1 && s.stockYears <= 10)).toBe(true);
  });
});

describe('the strategy block', () => {
  const block = (yaml: string, bands = USD) => parseGuide(guideText({ bands, extra: `strategy:\n${yaml}\n` }), 'g.md');

  test("read as the canonical strategy, its currency defaulting to the first band's", () => {
    const g = block('  target: { base: 210000, stock: 280000, bonus_pct: 12 }\n  floor: { base: 185000 }');
    expect(g.findings).toEqual([]);
    expect(g.meta!.strategy).toEqual({
      currency: 'USD',
      target: { base: 210000, stock: 280000, bonusPct: 12 },
      floor: { base: 185000, stock: null, bonusPct: null },
      exampleCompetitors: [],
    });
    const s = parseBody(g.body, g.bodyLine, g.meta)!.strategy!;
    expect(s.source).toBe('block');
    expect([fig(s.targetBase), fig(s.targetStock), s.targetBonusPct, fig(s.floorBase)]).toEqual([
      [210000, 'USD'],
      [280000, 'USD'],
      12,
      [185000, 'USD'],
    ]);
  });

  test.each([
    ['  target: { base: -5 }', 'negative-amount', /strategy\.target\.base" is negative/],
    ['  target: { base: "lots" }', 'wrong-type', /strategy\.target\.base" is not a number/],
    ['  target: 200000', 'wrong-type', /"strategy\.target" is not a mapping/],
    ['  target: { bonus_pct: 150 }', 'wrong-type', /strategy\.target\.bonus_pct" is out of range/],
    ['  currency: XYZ\n  target: { base: 200000 }', 'unknown-currency', /strategy\.currency" is not a known ISO 4217/],
    [
      '  currency: GBP\n  target: { base: 200000 }',
      'strategy-block',
      /strategy\.currency GBP is not the currency of any band \(USD\)/,
    ],
    [
      '  target: { base: 5000000 }',
      'strategy-block',
      /strategy\.target\.base 5000000 is outside the bounds \$17,000–\$2,300,000/,
    ],
    [
      '  target: { stock: 5000 }',
      'strategy-block',
      /strategy\.target\.stock 5000 is outside the bounds \$15,000–\$3,000,000/,
    ],
    [
      '  target: { base: 200000 }\n  floor: { base: 210000 }',
      'strategy-block',
      /strategy\.floor\.base 210000 is above strategy\.target\.base 200000/,
    ],
  ])('error: %s', (yaml, code, message) => {
    const g = block(yaml);
    const errors = g.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.code)).toEqual([code]);
    expect(errors[0].message).toMatch(message);
    expect(errors[0].line).toBeGreaterThan(1);
  });

  test('unknown fields in the block are kept and reported under --strict', () => {
    const g = block('  target: { base: 200000, bouns_pct: 10 }');
    expect(g.meta!.unknownFields).toEqual(['strategy.target.bouns_pct']);
  });

  test('the block and the prose disagreeing: a warning, the block wins', () => {
    const s = strategyOf(
      '> **Negotiate Up Strategy:** "I\'m targeting $215K base." Accept at $185K+ base.',
      USD,
      'strategy:\n  target: { base: 205000 }\n  floor: { base: 185000 }\n',
    )!;
    expect(s.targetBase).toEqual({ amount: 205000, currency: 'USD' });
    expect(s.findings.map((f) => [f.code, f.message])).toEqual([
      ['strategy-disagrees', expect.stringMatching(/target base \$205,000 in the block, \$215,000 in the prose/)],
    ]);
  });

  test('a block with neither target nor floor is unread', () => {
    const s = strategyOf('Nothing.', USD, 'strategy:\n  example_competitors: ["Google at $400K TC"]\n')!;
    expect(s.unread).toMatch(/no target and no floor/);
    expect(s.exampleCompetitors).toEqual([{ name: 'Google', amount: 400000, currency: 'USD', basis: 'TC' }]);
  });
});

describe('stock_years: the band field, then the body table header, then 4', () => {
  const years = (bandYears: string, body: string) =>
    parseGuide(guideText({ bands: `${CHF}${bandYears}`, body }), 'g.md').meta!.bands[0].stockYears;
  const table = '| Region | Base | Stock (RSU/3yr) |\n|---|---|---|\n| Zürich | CHF 150K–190K | CHF 80K–120K |\n';
  test.each([
    ['\n    stock_years: 5', table, 5],
    ['', table, 3],
    ['', 'No table.\n', 4],
    ['', 'RSUs over 0 years.\n', 4],
  ])('band %j, body %j → %d', (band, body, n) => expect(years(band, body)).toBe(n));

  test.each([['0'], ['11'], ['2.5'], ['"four"']])('stock_years %s is an error', (v) => {
    const g = parseGuide(guideText({ bands: `${CHF}\n    stock_years: ${v}` }), 'g.md');
    expect(g.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['wrong-type']);
  });
});

test('data/fx.yaml has a rate for every currency the reader knows by symbol', () => {
  const fx = readFileSync(join(ROOT, 'data', 'fx.yaml'), 'utf8');
  const codes = new Set([...fx.matchAll(/^ {2}([A-Z]{3}): [\d.]+$/gm)].map((m) => m[1]));
  for (const c of new Set(Object.values(CURRENCY_SYMBOLS).flat())) expect(codes.has(c), c).toBe(true);
});
