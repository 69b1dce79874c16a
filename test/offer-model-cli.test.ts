// What the user sees of the offer model (issue 32): evaluate's and compare's new flags, fields,
// columns and JSON, through the CLI.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempTree } from './helpers.js';

const SF = ['evaluate', 'cloudflare-workers', 'ml-ai-engineer', '--region', 'San Francisco'];
const LONDON = ['evaluate', 'cloudflare-workers', 'ml-ai-engineer', '--region', 'London'];
const json = async (argv: string[]) => {
  const r = await runCli([...argv, '--json', '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('evaluate: assumptions beside the guaranteed rows', () => {
  test('--raise, --stock-growth, --refresher and --benefits have fields of their own; the guaranteed rows stay as written', async () => {
    const plain = await json([...SF, '--base', '200k', '--stock', '400k', '--bonus', '10']);
    const d = await json([
      ...SF,
      '--base',
      '200k',
      '--stock',
      '400k',
      '--bonus',
      '10',
      '--raise',
      '5',
      '--stock-growth',
      '10',
      '--refresher',
      '40k',
      '--benefits',
      '12k',
    ]);
    const guaranteed = (x: { years: Record<string, number>[] }) =>
      x.years.map(({ base, bonus, stock, oneTime, total }) => ({ base, bonus, stock, oneTime, total }));
    expect(guaranteed(d)).toEqual(guaranteed(plain));
    expect(d.annualTC).toBe(plain.annualTC);
    expect(d.positions).toEqual(plain.positions);
    expect(d.years.map((y: { raise: number }) => y.raise)).toEqual([0, 11000, 22550, 34678]);
    expect(d.years.map((y: { refresher: number }) => y.refresher)).toEqual([0, 10000, 20000, 30000]);
    // growth on the grant (100K a year) and on each yearly refresher from its own grant date
    expect(d.years.map((y: { growth: number }) => y.growth)).toEqual([10000, 22000, 36200, 52820]);
    expect(d.years.map((y: { benefits: number }) => y.benefits)).toEqual([12000, 12000, 12000, 12000]);
    for (const y of d.years) expect(y.expectedTotal).toBe(y.total + y.raise + y.growth + y.refresher);
    expect(d.total).toBe(plain.total);
    expect(d.expectedTotal).toBe(d.years.reduce((a: number, y: { expectedTotal: number }) => a + y.expectedTotal, 0));
    expect(d.withBenefits).toBe(d.expectedTotal + 48000);
    expect(d.assumptions).toEqual({
      raise: [5],
      stockGrowth: [10],
      bonusMultiplier: [],
      stockChange: [],
      exchangeRates: [],
    });
  });

  test('the text output marks every assumed column and says what it rests on', async () => {
    const r = await runCli([
      ...SF,
      '--base',
      '200k',
      '--stock',
      '400k',
      '--raise',
      '5,4,3',
      '--stock-growth',
      '10',
      '--benefits',
      '12k',
      '-q',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Year +Base +Bonus +Stock +One-time +Total +Raise† +Growth† +Expected† +Benefits‡/);
    expect(r.stdout).toContain(
      '† assumed, not in the offer: raise 5%, 4%, 3% from year 2; share price 10% a year from each grant. Expected = total + raise + growth + refresher',
    );
    expect(r.stdout).toContain(
      '‡ benefits, yearly: in "with benefits" only, never in annual TC, positions or rankings',
    );
    expect(r.stdout).toMatch(/4-yr expected†/);
  });

  test('--bonus-amount and --bonus-multiplier: a fixed bonus, and scenarios of it', async () => {
    const d = await json([
      ...SF,
      '--base',
      '200k',
      '--stock',
      '400k',
      '--bonus-amount',
      '25k',
      '--bonus-multiplier',
      '0.5,1,1.5',
    ]);
    expect(d.annualTC).toBe(325000);
    expect(d.bonusScenarios).toEqual([
      { multiplier: 0.5, annualTC: 312500, total: 1250000 },
      { multiplier: 1, annualTC: 325000, total: 1300000 },
      { multiplier: 1.5, annualTC: 337500, total: 1350000 },
    ]);
    expect(d.assumptions.bonusMultiplier).toEqual([0.5, 1, 1.5]);
  });

  test('--years overrides the horizon; by default it is the last year any grant vests', async () => {
    expect((await json([...SF, '--base', '200k', '--stock', '400k', '--years', '6'])).years).toHaveLength(6);
    expect((await json([...SF, '--base', '200k', '--stock', '400k', '--years', '2'])).years).toHaveLength(2);
    const dir = tempTree({
      'o.yaml': 'base: 200k\nstock: 400k\ngrants:\n  - { amount: 100k, start_year: 3, vesting: back }\n',
    });
    const d = await json([...SF, '--offer', join(dir, 'o.yaml')]);
    expect(d.years).toHaveLength(6);
    expect(d.years.map((y: { stock: number }) => y.stock)).toEqual([100000, 100000, 105000, 115000, 40000, 40000]);
    // annual TC counts the grants that start in year 1 only
    expect(d.annualTC).toBe(300000);
  });

  test('a component in another currency is converted at a stated rate (JSON rates, text line); an unknown one is exit 2', async () => {
    const d = await json([...LONDON, '--base', '150k', '--stock', 'USD 200k']);
    expect(d.currency).toBe('GBP');
    expect(d.offer).toMatchObject({ base: 150000, stock: Math.round(200000 * 0.75188) });
    expect(d.rates).toEqual([expect.objectContaining({ from: 'USD', to: 'GBP', rate: 0.75188, asOf: '2025-10-31' })]);
    expect(d.assumptions.exchangeRates).toEqual(d.rates);
    expect(d.converted).toEqual([{ field: 'stock', currency: 'USD', amount: 200000 }]);
    const text = await runCli([...LONDON, '--base', '150k', '--stock', 'USD 200k', '-q']);
    expect(text.stdout).toContain(
      `Offer: base £150,000 · stock £${Math.round(200000 * 0.75188).toLocaleString('en-GB')} ($200,000) over 4 yrs (even)`,
    );
    expect(text.stdout).toMatch(/converted USD→GBP at 0\.75188 .*as of 2025-10-31/);
    const bad = await runCli([...LONDON, '--base', '150k', '--stock', 'VUV 200k']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no exchange rate for VUV in the bundled table');
  });

  test("a grant's own currency in an offer file; a --stock flag replaces the file's grants with a note", async () => {
    const dir = tempTree({ 'o.yaml': 'base: 150k\ngrants:\n  - { amount: 200000, currency: USD, cliff: 12 }\n' });
    const d = await json([...LONDON, '--offer', join(dir, 'o.yaml')]);
    expect(d.offer.grants).toEqual([
      { amount: Math.round(200000 * 0.75188), vesting: 'even', cliffMonths: 12, startYear: 1, currency: null },
    ]);
    expect(d.annualTC).toBe(150000 + Math.round(200000 * 0.75188) / 4);
    expect(d.converted).toEqual([{ field: 'grants[1]', currency: 'USD', amount: 200000 }]);
    const r = await runCli([...LONDON, '--offer', join(dir, 'o.yaml'), '--stock', '100k', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`--stock replaces the grant in ${join(dir, 'o.yaml')} (grants:)`);
    expect(JSON.parse(r.stdout).offer).toMatchObject({ stock: 100000, grants: [] });
  });

  test('--save writes the new fields back, and evaluate reads the file to the same figures', async () => {
    const dir = tempTree({});
    const file = join(dir, 's.yaml');
    const flags = [
      '--base',
      '150k',
      '--stock',
      'USD 200k',
      '--raise',
      '3',
      '--stock-growth',
      '5,5,0',
      '--benefits',
      '6k',
      '--bonus-amount',
      '10k',
    ];
    const first = await runCli([...LONDON, ...flags, '--save', file, '--json', '-q']);
    expect(first.code).toBe(0);
    const again = await json([...LONDON, '--offer', file]);
    const d = JSON.parse(first.stdout);
    expect(again.years).toEqual(d.years);
    expect(again.expectedTotal).toBe(d.expectedTotal);
  });
});

describe('compare: two rankings, ties', () => {
  const files = (extraA: string, extraB: string) =>
    tempTree({
      'a.yaml': `label: A\ncurrency: USD\nbase: 200000\nstock: 400000\n${extraA}`,
      'b.yaml': `label: B\ncurrency: USD\nbase: 200000\nstock: 400000\n${extraB}`,
    });

  test('identical guaranteed totals are a tie; a refresher makes the expected ranking differ, and the verdict says so', async () => {
    const dir = files('', 'refresher: 80000\n');
    const r = await runCli(['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--json', '-q']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.best).toBe('A');
    expect(d.tied).toEqual(['A', 'B']);
    expect(d.close).toEqual([]);
    expect(d.rankings).toEqual({ guaranteed: { best: 'A', tied: ['A', 'B'] }, expected: { best: 'B', tied: [] } });
    expect(d.offers.map((o: { expectedTotal: number }) => o.expectedTotal)).toEqual([
      1200000,
      1200000 + 80000 * (0.25 + 0.5 + 0.75),
    ]);
    const text = await runCli(['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '-q'], { env: { NO_COLOR: '1' } });
    expect(text.stdout).toMatch(/\$1,200,000 ★ tie +\$1,200,000 ★ tie/);
    expect(text.stdout).toContain('Tie over 4 years: A and B ($1,200,000 each)');
    expect(text.stdout).toContain(
      'the rankings differ: with the assumptions (raises, stock growth, refreshers) the best is B ($1,320,000 expected)',
    );
    expect(text.stdout).toMatch(/4-yr expected†/);
  });

  test('no tie: tied is [] and the rankings agree without a note', async () => {
    const dir = files('bonus_pct: 10\n', '');
    const d = JSON.parse((await runCli(['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--json', '-q'])).stdout);
    expect(d).toMatchObject({
      best: 'A',
      tied: [],
      rankings: { guaranteed: { best: 'A', tied: [] }, expected: { best: 'A', tied: [] } },
    });
    const text = await runCli(['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '-q'], { env: { NO_COLOR: '1' } });
    expect(text.stdout).not.toContain('rankings differ');
  });

  test('the horizon is the last year any grant of any offer vests; raises and growth from the files', async () => {
    const dir = files(
      'raise: 5\nstock_growth: 10\n',
      'grants:\n  - { amount: 100000, start_year: 2, vesting: back }\n',
    );
    const d = JSON.parse((await runCli(['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--json', '-q'])).stdout);
    expect(d.years).toBe(5);
    expect(d.assumptions.offers).toEqual([
      { label: 'A', raise: [5], stockGrowth: [10], refresher: 0, refreshers: 0 },
      { label: 'B', raise: [], stockGrowth: [], refresher: 0, refreshers: 0 },
    ]);
    expect(d.offers[0].expectedTotal).toBeGreaterThan(d.offers[0].total);
  });
});
