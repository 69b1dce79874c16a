import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { guideText, runCli, spawnCli, tempTree } from './helpers.js';

const SF = ['evaluate', 'cloudflare-workers', 'ml-ai-engineer', '--region', 'San Francisco'];
const json = async (argv: string[]) => {
  const r = await runCli([...argv, '--json', '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('evaluate (scripted)', () => {
  test('--json: the SPEC fields, year by year, positions, target, floor, verdict', async () => {
    const d = await json([...SF, '--base', '220k', '--stock', '300k', '--bonus', '10', '--sign-on', '50k']);
    expect(d.currency).toBe('USD');
    expect(d.years).toEqual([
      {
        year: 1,
        base: 220000,
        bonus: 22000,
        stock: 75000,
        oneTime: 50000,
        total: 367000,
        refresher: 0,
        totalWithRefresher: 367000,
        raise: 0,
        growth: 0,
        expectedTotal: 367000,
        benefits: 0,
      },
      {
        year: 2,
        base: 220000,
        bonus: 22000,
        stock: 75000,
        oneTime: 0,
        total: 317000,
        refresher: 0,
        totalWithRefresher: 317000,
        raise: 0,
        growth: 0,
        expectedTotal: 317000,
        benefits: 0,
      },
      {
        year: 3,
        base: 220000,
        bonus: 22000,
        stock: 75000,
        oneTime: 0,
        total: 317000,
        refresher: 0,
        totalWithRefresher: 317000,
        raise: 0,
        growth: 0,
        expectedTotal: 317000,
        benefits: 0,
      },
      {
        year: 4,
        base: 220000,
        bonus: 22000,
        stock: 75000,
        oneTime: 0,
        total: 317000,
        refresher: 0,
        totalWithRefresher: 317000,
        raise: 0,
        growth: 0,
        expectedTotal: 317000,
        benefits: 0,
      },
    ]);
    expect(d).toMatchObject({
      firstYear: 367000,
      average: 329500,
      recurringAverage: 317000,
      annualTC: 317000,
      total: 1318000,
    });
    // 220K in 198K–255K; 75K/yr in 53.75K–94.5K/yr; 317K in the formula band 271.55K–375K; stated 310K–432K.
    expect(d.positions).toEqual({ base: 38.6, stock: 52.1, totalComp: 43.9, totalCompStated: 5.7 });
    expect(d.band).toMatchObject({
      region: 'San Francisco',
      currency: 'USD',
      annualTC: { low: 271550, high: 375000 },
      estimated: false,
    });
    expect(d.target).toMatchObject({
      base: 248000,
      stock: 368000,
      stockYears: 4,
      bonusPct: 15,
      annualTC: 377200,
      currency: 'USD',
      estimated: false,
    });
    expect(d.target.gap).toEqual({ base: -28000, stock: -68000, annualTC: -60200, annualTCPct: -16 });
    expect(d.floor).toMatchObject({ base: 220000, stock: 305000, annualTC: 318250, estimated: false, met: false });
    expect(d.rating).toBe('below-floor');
    expect(d.verdict).toBe(
      "below the walk-away floor (annual TC $317,000, 43.9% of the band); $60,200 under the guide's target of $377,200; $1,250 short of the floor",
    );
    expect(d.offer).toMatchObject({
      company: 'cloudflare-workers',
      role: 'ml-ai-engineer',
      region: 'San Francisco',
      base: 220000,
      stock: 300000,
      bonusPct: 10,
      signOn: [50000],
    });
  });

  test('another region: the target and floor are scaled by band midpoints and marked estimated', async () => {
    const d = await json([
      'evaluate',
      'cloudflare',
      'ml',
      '--region',
      'London',
      '--base',
      '150k',
      '--stock',
      '200k',
      '--bonus',
      '10',
    ]);
    // base × 151K/226.5K, stock × 196K/296.5K (London midpoints over San Francisco's)
    expect(d.target).toMatchObject({
      base: 165333,
      stock: 243265,
      annualTC: 250949,
      currency: 'GBP',
      estimated: true,
      from: { region: 'San Francisco', currency: 'USD' },
    });
    expect(d.floor).toMatchObject({ base: 146667, stock: 201619, annualTC: 211738, estimated: true, met: true });
    expect(d.rating).toBe('fair');
  });

  test('--level narrows the band to the level slice and scales the target to it', async () => {
    const d = await json([...SF, '--level', 'L5', '--base', '250k']);
    expect(d.level).toEqual({
      asked: 'L5',
      company: 'L5',
      range: ['L3', 'L5'],
      from: { company: 'Cloudflare', level: 'L5' },
      approximate: false,
    });
    expect(d.band).toMatchObject({ base: { low: 236000, high: 255000 }, estimated: true });
    expect(d.target.estimated).toBe(true);
    expect(d.target.base).toBe(Math.round(248000 * (245500 / 226500)));
    const google = await json([...SF, '--level', 'Google L4', '--base', '200k']);
    expect(google.level).toMatchObject({ asked: 'Google L4', company: 'L3' });
  });

  test('--currency converts band, offer and targets, and states the rate and its date', async () => {
    const d = await json(['evaluate', 'cloudflare', 'ml', '--region', 'London', '--base', '150k', '--currency', 'USD']);
    expect(d.currency).toBe('USD');
    expect(d.offer.base).toBe(199500);
    expect(d.band.base).toEqual({ low: 175560, high: 226100 });
    expect(d.rates).toEqual([expect.objectContaining({ from: 'GBP', to: 'USD', rate: 1.33, asOf: '2025-10-31' })]);
    const human = await runCli([
      'evaluate',
      'cloudflare',
      'ml',
      '--region',
      'London',
      '--base',
      '150k',
      '--currency',
      'USD',
      '--fx',
      'GBP=1.25',
      '-q',
    ]);
    expect(human.stdout).toMatch(/converted GBP→USD at 1\.25 \(override --fx GBP=1\.25, as of 2026-11-29\)/);
  });

  // Issue 32 replaced the refusal (exit 2): an amount in another currency than the band's is converted at a printed rate.
  test("an amount in the currency of another band is converted to the band's, at a stated rate", async () => {
    const plain = await json(['evaluate', 'cloudflare', 'ml', '--region', 'London', '--base', '$200k']);
    expect(plain.currency).toBe('GBP');
    expect(plain.offer.base).toBe(Math.round(200000 / 1.33));
    expect(plain.assumptions.exchangeRates).toEqual([
      expect.objectContaining({ from: 'USD', to: 'GBP', asOf: '2025-10-31' }),
    ]);
    const d = await json([
      'evaluate',
      'cloudflare',
      'ml',
      '--region',
      'London',
      '--base',
      '$200k',
      '--currency',
      'GBP',
    ]);
    expect(d.offer.base).toBe(Math.round(200000 / 1.33));
    expect(d.rates).toEqual([expect.objectContaining({ from: 'USD', to: 'GBP' })]);
  });

  test('--stock-change gives a scenario per change', async () => {
    const d = await json([...SF, '--base', '200k', '--stock', '400k', '--stock-change', '-30,0,+30']);
    expect(
      d.scenarios.map((s: { stockChangePct: number; annualTC: number }) => [s.stockChangePct, s.annualTC]),
    ).toEqual([
      [-30, 270000],
      [0, 300000],
      [30, 330000],
    ]);
  });

  test('a refresher is shown apart from the totals', async () => {
    const d = await json([...SF, '--base', '200k', '--stock', '400k', '--refresher', '40k']);
    expect(d.years.map((y: { refresher: number }) => y.refresher)).toEqual([0, 10000, 20000, 30000]);
    expect(d.total).toBe(1200000);
    expect(d.withRefresher.total).toBe(1260000);
  });

  test('human output: table, band bars, target, floor, verdict', async () => {
    const r = await runCli([...SF, '--base', '220k', '--stock', '300k', '--bonus', '10', '--sign-on', '50k', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Cloudflare Workers · ML/AI Engineer · San Francisco
      Offer: base $220,000 · stock $300,000 over 4 yrs (even) · bonus 10% · sign-on $50,000

      Year   Base  Bonus  Stock  One-time  Total
         1  $220K   $22K   $75K      $50K  $367K
         2  $220K   $22K   $75K         —  $317K
         3  $220K   $22K   $75K         —  $317K
         4  $220K   $22K   $75K         —  $317K

      First year  4-yr average  Recurring average  Annual TC  4-yr total
      $367,000    $329,500      $317,000           $317,000   $1,318,000

      Band: San Francisco, as of 2026-02-23
                 Offer  Band         Position
      Base       $220K  $198K–$255K  38.6%     ·····███▲███████····
      Stock/yr   $75K   $54K–$95K    52.1%     ·····█████▲█████····
      Annual TC  $317K  $272K–$375K  43.9%     ·····████▲██████····
      Annual TC = base + bonus + grant/years; the guide states total comp $310K–$432K (offer at 5.7% of it)

      Target  $248K base · $368K stock over 4 yrs · 15% bonus = $377K annual TC   offer −$60,200 (−16%)
      Floor   $220K base · $305K stock over 4 yrs = $318K annual TC   offer −$1,250 (−0.4%)

      Verdict: below the walk-away floor (annual TC $317,000, 43.9% of the band); $60,200 under the guide's target of $377,200; $1,250 short of the floor
      "
    `);
  });

  test('no bonus given while the band has one: counted as 0, with a warning', async () => {
    const r = await runCli([...SF, '--base', '220k', '--json']);
    expect(r.stderr).toContain("no bonus given: counted as 0% (the band's target is 10%; pass --bonus)");
  });
});

describe('evaluate: missing inputs never prompt without a terminal', () => {
  test.each([
    [['evaluate'], 'missing input: <company> <role> (arguments, or company and role in --offer), --base', {}],
    [['evaluate', 'cloudflare', 'ml'], 'missing input: --region (San Francisco, Austin or London), --base', {}],
    [['evaluate', 'cloudflare', 'ml', '--region', 'London'], 'missing input: --base', {}],
    [['evaluate', 'cloudflare', 'ml', '--region', 'London', '--json'], 'missing input: --base', { tty: true }],
    [['evaluate', 'cloudflare', 'ml', '--region', 'London', '--no-input'], 'missing input: --base', { tty: true }],
    [
      [
        'evaluate',
        'cloudflare',
        'ml',
        '--region',
        'London',
        '--base',
        '150k',
        '--bonus',
        '10',
        '--bonus-amount',
        '20k',
      ],
      '--bonus and --bonus-amount are two bonuses; give one',
      {},
    ],
    [
      ['evaluate', 'cloudflare', 'ml', '--region', 'London', '--base', '150k', '--stock', 'XYZ 200k'],
      '--stock: "XYZ 200k" names an unknown currency "XYZ"',
      {},
    ],
    [
      ['evaluate', 'cloudflare', 'ml', '--region', 'London', '--base', '150k', '--years', '0'],
      '--years: "0" is not a number of years from 1 to 20',
      {},
    ],
  ])('%j exits 2: %s', async (argv, message, opts) => {
    const r = await runCli(argv, opts);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('evaluate: bad values exit 2 naming the flag and value', () => {
  test.each([
    [['--base', 'lots'], '--base: "lots" is not an amount'],
    [['--base', '150k', '--stock', '-5'], '--stock: "-5" is negative'],
    [['--base', '150k', '--vesting', '50,40'], '--vesting: "50,40" sums to 90%, not 100%'],
    [['--base', '150k', '--bonus', 'x'], '--bonus: "x" is not a percentage'],
    [['--base', '150k', '--stock-change', 'up'], '--stock-change: "up" is not a list of percentages'],
    [['--base', '150k', '--fail-below', 'target'], "option '--fail-below <what>' argument 'target' is invalid"],
    [['--base', '150k', '--currency', 'XYZ'], '--currency: "XYZ" is not an ISO 4217 currency code'],
    [['--base', '150k', '--force'], '--force only goes with --save FILE'],
    [['--base', '1e12'], '--base: "1e12" is not an amount'],
  ])('%j', async (flags, message) => {
    const r = await runCli(['evaluate', 'cloudflare', 'ml', '--region', 'London', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  test('unknown company exits 1, unknown level exits 1', async () => {
    expect((await runCli(['evaluate', 'nope', 'ml', '--base', '1'])).code).toBe(1);
    const r = await runCli([...SF, '--base', '200k', '--level', 'L9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no level "L9"/);
  });
});

describe('evaluate --fail-below', () => {
  test.each([
    [['--base', '200k'], 'floor', 4, 'annual TC $200,000 is under the walk-away floor of $318,250'],
    [['--base', '260k', '--stock', '400k', '--bonus', '10'], 'floor', 0, ''],
    [['--base', '200k'], 'band', 4, "annual TC $200,000 is under the band's low of $271,550"],
    [['--base', '230k', '--stock', '200k', '--bonus', '10'], 'band', 0, ''],
  ])('%j below %s exits %d', async (flags, mode, code, message) => {
    const r = await runCli([...SF, ...flags, '--fail-below', mode, '-q']);
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(/Verdict:/);
    if (message) expect(r.stderr).toContain(message);
  });

  test('floor with a guide that states none is a usage error', async () => {
    const dir = tempTree({ 'g.md': guideText() });
    const r = await runCli([
      'evaluate',
      'acme',
      'data',
      '--base',
      '160k',
      '--fail-below',
      'floor',
      '--data',
      dir,
      '--no-bundled',
      '-q',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the guide states no walk-away floor');
  });
});

describe('evaluate --save and --offer', () => {
  test('--save writes the offer atomically and never overwrites without --force', async () => {
    const dir = tempTree({});
    const file = join(dir, 'offer.yaml');
    const first = await runCli([
      'evaluate',
      'cloudflare',
      'ml',
      '--region',
      'London',
      '--base',
      '150k',
      '--stock',
      '200k',
      '--bonus',
      '10',
      '--label',
      'CF',
      '--save',
      file,
    ]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`saved the offer to ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(
      'label: CF\ncompany: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\ncurrency: GBP\nbase: 150000\nstock: 200000\nvesting: even\nbonus_pct: 10\n',
    );
    const again = await runCli([
      'evaluate',
      'cloudflare',
      'ml',
      '--region',
      'London',
      '--base',
      '160k',
      '--save',
      file,
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; not overwriting it');
    expect(again.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('base: 150000');
    const forced = await runCli([
      'evaluate',
      'cloudflare',
      'ml',
      '--region',
      'London',
      '--base',
      '160k',
      '--save',
      file,
      '--force',
      '-q',
    ]);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('base: 160000');
    expect(readdirSync(dir)).toEqual(['offer.yaml']); // no temporary file left behind
  });

  test('--offer reads a saved offer back; flags override its fields', async () => {
    const dir = tempTree({
      'o.yaml':
        'company: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\nbase: 150k\nstock: 200000\nbonus_pct: 10\n',
    });
    const d = await json(['evaluate', '--offer', join(dir, 'o.yaml'), '--base', '155k']);
    expect(d.offer).toMatchObject({ region: 'London', base: 155000, stock: 200000, bonusPct: 10 });
  });

  test.each([
    ['missing.yaml', null, /offer file .*missing\.yaml cannot be read: it does not exist/],
    ['bad.yaml', 'base: [1', /bad\.yaml:1:9: not valid YAML/],
    ['unknown.yaml', 'base: 1\nsalary: 2', /unknown\.yaml: unknown field "salary"/],
    ['amount.yaml', 'base: lots', /amount\.yaml: base: "lots" is not an amount/],
  ])('a bad offer file %s exits 2 naming the file and field', async (name, content, message) => {
    const dir = tempTree(content === null ? {} : { [name]: content });
    const r = await runCli(['evaluate', 'cloudflare', 'ml', '--region', 'London', '--offer', join(dir, name)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('evaluate, spawned', () => {
  test('exit codes of the built binary: 0, 1, 2, 4; stdin closed never hangs', () => {
    const ok = spawnCli([...SF, '--base', '240k', '--stock', '300k', '--bonus', '10', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).rating).toBe('fair');
    expect(spawnCli(['evaluate', 'nope', 'ml', '--base', '1']).code).toBe(1);
    const missing = spawnCli(['evaluate', 'cloudflare', 'ml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing input: --region');
    expect(spawnCli([...SF, '--base', '100k', '--fail-below', 'band', '-q']).code).toBe(4);
  });

  test('--save from the binary leaves a readable offer file', () => {
    const dir = tempTree({});
    const file = join(dir, 's.yaml');
    expect(spawnCli([...SF, '--base', '220k', '--save', file, '-q']).code).toBe(0);
    expect(existsSync(file)).toBe(true);
    writeFileSync(join(dir, 'note.txt'), 'x');
    expect(spawnCli(['evaluate', '--offer', file, '--json', '-q']).code).toBe(0);
  });
});
