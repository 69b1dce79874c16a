// The levels command and lookup --level, in-process and (for exit codes) through the built binary.
import { describe, expect, test } from 'vitest';
import { guideText, runCli, spawnCli, tempTree } from './helpers.js';

const messy = tempTree({
  'acme.md': guideText({
    extra:
      'level_mapping:\n  internal: Acme\n  raw: "Microsoft 59–64 = Acme Data (IC2 to IC4) = Google L3-L5 = Initech"\n',
  }),
  'plain/globex.md': guideText({ company: 'globex' }).replace('Acme Corp', 'Globex'),
  'body/initech.md': guideText({
    company: 'initech',
    body: '### Data Engineer | Initech\n\n**Level Mapping:** Initech Data (**P2–P4**) = Google L4-L6 = Amazon SDE I-III\n',
  }).replace('Acme Corp', 'Initech'),
});
const data = (...argv: string[]) => [...argv, '--no-bundled', '--data', messy];

describe('levels', () => {
  test('the seed mapping as a table', async () => {
    const r = await runCli(['levels', 'cloudflare', 'ml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatchInlineSnapshot(`
      "Cloudflare Workers · ML/AI Engineer · level mapping

      Company     Family         Levels
      Cloudflare  ML/AI          L3–L5            this guide
      Google      ML             L4–L6
      Meta        ML             E4–E6
      Fastly      AI             no levels given
      AWS         Inferentia ML  no levels given
      "
    `);
  });

  test.each([
    ['Google L5', 'Google L5 ≈ Cloudflare L4  (one to one: both ranges have 3 levels)'],
    ['google:L4', 'Google L4 ≈ Cloudflare L3  (one to one: both ranges have 3 levels)'],
    ['meta e6', 'Meta E6 ≈ Cloudflare L5  (one to one: both ranges have 3 levels)'],
    ['Gogle L6', 'Google L6 ≈ Cloudflare L5  (one to one: both ranges have 3 levels)'],
  ])('--from %s', async (from, answer) => {
    const r = await runCli(['levels', 'cloudflare', 'ml', '--from', from]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(answer);
  });

  test('--json with --from', async () => {
    const r = await runCli(['levels', 'cloudflare-workers', 'ml-ai-engineer', '--from', 'Google L5', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.mapping.map((e: { company: string; levels: string[] }) => [e.company, e.levels.length])).toEqual([
      ['Cloudflare', 3],
      ['Google', 3],
      ['Meta', 3],
      ['Fastly', 0],
      ['AWS', 0],
    ]);
    expect(doc.mapping[1]).toEqual({
      company: 'Google',
      family: 'ML',
      levels: ['L4', 'L5', 'L6'],
      raw: 'Google ML L4-L6',
    });
    expect(doc.from).toEqual({ company: 'Google', level: 'L5' });
    expect(doc.to).toEqual({ company: 'Cloudflare', level: 'L4' });
    expect(doc.approximate).toBe(false);
    expect(doc.source).toBe('front matter');
  });

  test('--json without --from has no from/to', async () => {
    const doc = JSON.parse((await runCli(['levels', 'cloudflare', 'ml', '--json'])).stdout);
    expect(doc).not.toHaveProperty('from');
    expect(doc).not.toHaveProperty('to');
    expect(doc).not.toHaveProperty('approximate');
  });

  test('internal picks the own entry; unequal ranges are approximate', async () => {
    const table = await runCli(data('levels', 'acme', 'data'));
    expect(table.stdout).toMatchInlineSnapshot(`
      "Acme Corp · Data Engineer · level mapping

      Company    Family  Levels
      Acme       Data    IC2–IC4          this guide
      Microsoft  —       59–64
      Google     —       L3–L5
      Initech    —       no levels given
      "
    `);
    const r = await runCli(data('levels', 'acme', 'data', '--from', 'Microsoft 62', '--json'));
    expect(JSON.parse(r.stdout)).toMatchObject({
      from: { company: 'Microsoft', level: '62' },
      to: { company: 'Acme', level: 'IC3' },
      approximate: true,
    });
    const human = await runCli(data('levels', 'acme', 'data', '--from', 'microsoft:64'));
    expect(human.stdout).toContain(
      'Microsoft 64 ≈ Acme IC4  (approximate: Microsoft has 6 levels here and Acme 3, so it is mapped by relative position)',
    );
  });

  test.each([
    ['59', 'IC2'],
    ['60', 'IC2'],
    ['61', 'IC3'],
    ['62', 'IC3'],
    ['63', 'IC4'],
    ['64', 'IC4'],
  ])('Microsoft %s → Acme %s (six levels onto three)', async (level, to) => {
    const r = await runCli(data('levels', 'acme', 'data', '--from', `Microsoft ${level}`, '--json'));
    expect(JSON.parse(r.stdout).to.level).toBe(to);
  });

  test('without level_mapping in the front matter, the body\'s "Level Mapping:" line is read', async () => {
    const r = await runCli(data('levels', 'initech', 'data', '--from', 'Amazon SDE III'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Initech · Data Engineer · level mapping

      Company  Family  Levels
      Initech  Data    P2–P4          this guide
      Google   —       L4–L6
      Amazon   —       SDE I–SDE III

      read from the guide's "Level Mapping:" line (the front matter has no level_mapping.raw)

      Amazon SDE III ≈ Initech P4  (one to one: both ranges have 3 levels)
      "
    `);
    const json = JSON.parse((await runCli(data('levels', 'initech', 'data', '--json'))).stdout);
    expect(json).toMatchObject({ source: 'body', raw: 'Initech Data (P2–P4) = Google L4-L6 = Amazon SDE I-III' });
    const lookup = JSON.parse(
      (await runCli(data('lookup', 'initech', 'data', '--level', 'google:l4', '--json'))).stdout,
    );
    expect(lookup.level).toMatchObject({ company: 'P2', range: ['P2', 'P4'] });
    expect(lookup.bands[0].base).toEqual({ low: 150000, high: 163333 });
  });

  test('a guide without a mapping: an empty answer, exit 0, a note on stderr', async () => {
    const r = await runCli(data('levels', 'globex', 'data'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/gives no level mapping/);
    const json = await runCli(data('levels', 'globex', 'data', '--json'));
    expect(JSON.parse(json.stdout)).toMatchObject({ raw: null, source: null, mapping: [] });
  });

  test.each([
    [
      ['levels', 'cloudflare', 'ml', '--from', 'Google L9'],
      /Google ML has no level "L9" in this mapping\n {2}valid: L4, L5, L6/,
    ],
    [
      ['levels', 'cloudflare', 'ml', '--from', 'Amazon L5'],
      /names no company "Amazon"\n {2}it names: Cloudflare ML\/AI \(L3–L5\), Google ML \(L4–L6\)/,
    ],
    [
      ['levels', 'cloudflare', 'ml', '--from', 'L2'],
      /no level "L2" in Cloudflare ML\/AI's range L3–L5\n {2}valid: L3, L4, L5/,
    ],
    [['levels', 'cloudflare', 'ml', '--from', 'fastly 2'], /gives no levels for Fastly AI/],
    [data('levels', 'globex', 'data', '--from', 'Google L5'), /the guide for Globex gives no level mapping/],
  ])('exit 1: %j', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

test('escape sequences in a mapping reach neither stdout nor an error on stderr', async () => {
  const evil = tempTree({
    'evil.md': guideText({
      company: 'evil',
      extra: 'level_mapping:\n  raw: "Evil\\e[31m (L1-L2) = Bad\\e]0\\apwn AI = Google L3-L4"\n',
    }),
  });
  const table = await runCli(['levels', 'evil', 'data', '--no-bundled', '--data', evil]);
  const error = await runCli(['levels', 'evil', 'data', '--no-bundled', '--data', evil, '--from', 'Amazon L1']);
  expect(table.code).toBe(0);
  expect(error.code).toBe(1);
  expect(error.stderr).toMatch(/it names: Evil/);
  for (const text of [table.stdout, error.stderr]) expect(text).not.toMatch(/[\u001b\u0007]/);
});

describe('lookup --level', () => {
  test.each([
    ['L4', 'L4', { company: 'Cloudflare', level: 'L4' }],
    ['Google L5', 'L4', { company: 'Google', level: 'L5' }],
    ['meta:e4', 'L3', { company: 'Meta', level: 'E4' }],
  ])('%s: the level object and the London slice', async (asked, level, from) => {
    const r = await runCli(['lookup', 'cloudflare', 'ml', '--region', 'London', '--level', asked, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.level).toEqual({ asked, company: level, range: ['L3', 'L5'], from, approximate: false });
    const third = Number(level.slice(1)) - 3;
    const slice = (low: number, high: number) => ({
      low: Math.round(low + ((high - low) * third) / 3),
      high: Math.round(low + ((high - low) * (third + 1)) / 3),
    });
    const base = slice(132000, 170000);
    const stock = slice(142000, 250000);
    expect(doc.bands).toEqual([
      {
        region: 'London',
        currency: 'GBP',
        base,
        stock: { ...stock, years: 4 },
        bonusPct: 10,
        totalComp: slice(205000, 288000),
        // The slice's own annual TC: base + 10% bonus + grant / 4 years.
        annualTC: {
          low: Math.round(base.low * 1.1 + stock.low / 4),
          high: Math.round(base.high * 1.1 + stock.high / 4),
        },
        estimated: true,
      },
    ]);
  });

  test('L4 in London: the middle third, written out', async () => {
    const doc = JSON.parse(
      (await runCli(['lookup', 'cloudflare', 'ml', '--region', 'London', '--level', 'L4', '--json'])).stdout,
    );
    expect(doc.bands[0].base).toEqual({ low: 144667, high: 157333 });
    expect(doc.bands[0].totalComp).toEqual({ low: 232667, high: 260333 });
  });

  test('without --level the level is null and nothing is estimated', async () => {
    const doc = JSON.parse((await runCli(['lookup', 'cloudflare', 'ml', '--json'])).stdout);
    expect(doc.level).toBeNull();
    expect(doc.bands.every((b: { estimated: boolean }) => !b.estimated)).toBe(true);
  });

  test('human output marks the estimate and names the band it came from', async () => {
    const r = await runCli(['lookup', 'cloudflare', 'ml', '--level', 'Google L5', '-q']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Cloudflare Workers · ML/AI Engineer

      Region          Base         Stock (4 yr grant)  Bonus  Annual TC    Stated total
      San Francisco*  $217K–$236K  $269K–$324K         10%    $306K–$341K  $351K–$391K (+15%, +15%)  ·············███
      Austin*         $207K–$226K  $257K–$310K         10%    $292K–$326K  $338K–$378K (+16%, +16%)  ·············██·
      London*         £145K–£157K  £178K–£214K         10%    £204K–£227K  £233K–£260K (+14%, +15%)  ·············███

      * level L4 (Google L5): estimated from the L3–L5 band, one equal slice per level
      Annual TC = base + bonus + grant/4 yrs: what evaluate, compare and draft rate offers against.
      Stated total: the guide's own figure, shown where it differs from the annual TC by more than 5% (the difference at each end in brackets; ≈ within it).
      as of 2026-02-23 · sources: Levels.fyi · data quality: high · salary data: 2025-Q4 · past its review date
      "
    `);
    const own = await runCli(['lookup', 'cloudflare', 'ml', '--level', 'l3', '-q']);
    expect(own.stdout).toContain('* level L3: estimated from the L3–L5 band, one equal slice per level');
  });

  test('narrowed, then converted', async () => {
    const r = await runCli([
      'lookup',
      'cloudflare',
      'ml',
      '--region',
      'London',
      '--level',
      'L5',
      '--currency',
      'USD',
      '--fx',
      'GBP=1.25',
      '--json',
    ]);
    const doc = JSON.parse(r.stdout);
    expect(doc.bands[0]).toMatchObject({
      currency: 'USD',
      base: { low: Math.round(157333 * 1.25), high: 170000 * 1.25 },
      estimated: true,
    });
  });

  test('an approximate level from another guide', async () => {
    const doc = JSON.parse((await runCli(data('lookup', 'acme', 'data', '--level', 'Microsoft 61', '--json'))).stdout);
    expect(doc.level).toEqual({
      asked: 'Microsoft 61',
      company: 'IC3',
      range: ['IC2', 'IC4'],
      from: { company: 'Microsoft', level: '61' },
      approximate: true,
    });
    expect(doc.bands[0].base).toEqual({ low: 163333, high: 176667 });
    const human = await runCli(data('lookup', 'acme', 'data', '--level', 'Microsoft 61'));
    expect(human.stdout).toContain('* level IC3 (Microsoft 61, approximately): estimated from the IC2–IC4 band');
  });
});

describe('exit codes of the built binary', () => {
  // One spawn per command and exit code; the in-process tests above cover the answers.
  test.each([
    [['levels', 'cloudflare-workers', 'ml-ai-engineer', '--from', 'Google L5', '--json'], 0],
    [['levels', 'cloudflare-workers', 'ml-ai-engineer', '--from', 'Apple ICT4'], 1],
    [['levels', 'cloudflare-workers', 'ml-ai-engineer', '--from', ' '], 2],
    [['lookup', 'cloudflare-workers', 'ml-ai-engineer', '--level', 'meta e5', '--json'], 0],
    [['lookup', 'cloudflare-workers', 'ml-ai-engineer', '--level', 'L7'], 1],
  ])('%j exits %i', (argv, code) => {
    const r = spawnCli(argv);
    expect(r.code).toBe(code);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    if (code === 0) expect(() => JSON.parse(r.stdout)).not.toThrow();
    else expect(r.stdout).toBe('');
  });
});

describe('usage errors (exit 2), in-process', () => {
  test.each([
    [['lookup', 'cloudflare', 'ml', '--level', ''], /empty level/],
    [['lookup', 'cloudflare', 'ml', '--level', '  '], /empty level/],
    [['levels', 'cloudflare', 'ml', '--from', ''], /empty level/],
    [['levels', 'cloudflare'], /missing required argument 'role'/],
    [['levels', 'cloudflare', 'ml', '--from'], /argument missing/],
  ])('%j', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

test('lookup, evaluate and draft --json give the same level object', async () => {
  const level = async (argv: string[]) => {
    const r = await runCli([...argv, '--json']);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };
  const where = ['cloudflare', 'ml', '--region', 'San Francisco', '--level', 'Google L5'];
  const lookup = (await level(['lookup', ...where])).level;
  const evaluate = (await level(['evaluate', ...where, '--base', '250k'])).level;
  const draft = (await level(['draft', ...where, '--base', '250k'])).market.level;
  expect(lookup).toEqual({
    asked: 'Google L5',
    company: 'L4',
    range: ['L3', 'L5'],
    from: { company: 'Google', level: 'L5' },
    approximate: false,
  });
  expect(evaluate).toEqual(lookup);
  expect(draft).toEqual(lookup);
});
