// Numbers that agree: one annual TC in lookup and evaluate, positions outside the band in words, `beyond`,
// and a warning for yearly amounts typed without their thousands.
import { describe, expect, test } from 'vitest';
import { beyondRange } from '../src/comp/bands.js';
import type { Offer } from '../src/comp/offer.js';
import { implausibleAmountWarnings } from '../src/comp/plausible.js';
import { statedTotalCell } from '../src/render/lookup.js';
import { positionText } from '../src/comp/position.js';
import { guideText, runCli, tempTree } from './helpers.js';

describe('beyondRange: how far past which edge, in money and percent of the edge', () => {
  test.each([
    // value, low, high, expected
    [200000, 132000, 170000, { edge: 'high', amount: 30000, percent: 17.6 }],
    [100000, 132000, 170000, { edge: 'low', amount: 32000, percent: 24.2 }],
    [132000, 132000, 170000, null],
    [170000, 132000, 170000, null],
    [150000, 132000, 170000, null],
    [10, 0, 0, { edge: 'high', amount: 10, percent: 100 }],
    [0, 10, 20, { edge: 'low', amount: 10, percent: 100 }],
  ])('%d against %d–%d', (value, low, high, expected) => {
    expect(beyondRange(value, { low, high })).toEqual(expected);
  });
});

describe('positionText', () => {
  test.each([
    [50, null, 'GBP', {}, '50%'],
    [178.9, { edge: 'high', amount: 30000, percent: 17.6 }, 'GBP', {}, '£30,000 (17.6%) above the top'],
    [-131.5, { edge: 'low', amount: 50000, percent: 25 }, 'USD', { compact: true }, '$50K (25%) below the bottom'],
    [120, { edge: 'high', amount: 7500, percent: 12 }, 'EUR', { suffix: '/yr' }, '€7,500/yr (12%) above the top'],
    [null, null, 'GBP', {}, '—'],
  ] as const)('%s', (position, beyond, currency, opts, text) => {
    expect(positionText(position, beyond, currency, opts)).toBe(text);
  });
});

describe('the stated total beside the annual TC', () => {
  const band = (totalComp: { low: number; high: number } | null) => ({
    region: 'X',
    currency: 'GBP',
    base: { low: 100, high: 200 },
    stock: null,
    bonusPct: null,
    totalComp,
    annualTC: { low: 100000, high: 200000 },
    estimated: false,
  });
  test.each([
    [null, null],
    [{ low: 105000, high: 210000 }, null], // exactly 5%: close enough
    [{ low: 100000, high: 211000 }, '£100K–£211K (+0%, +6%)'],
    [{ low: 90000, high: 200000 }, '£90K–£200K (−10%, +0%)'],
  ])('%j → %s', (stated, cell) => {
    expect(statedTotalCell(band(stated))).toBe(cell);
  });
});

describe('implausibly small amounts', () => {
  const offer = (o: Partial<Pick<Offer, 'base' | 'stock' | 'grants' | 'currencies'>>) => ({
    base: 150000,
    stock: 0,
    grants: [],
    currencies: {},
    ...o,
  });
  const grant = (amount: number, currency: string | null = null) => ({
    amount,
    vesting: 'even' as const,
    cliffMonths: 0,
    startYear: 1,
    currency,
  });
  test.each([
    [
      offer({ base: 150 }),
      ['the yearly base salary £150 looks too small: did you mean 150k (£150,000)? It is used as given'],
    ],
    [
      offer({ stock: 200 }),
      ['the stock grant £200 looks too small: did you mean 200k (£200,000)? It is used as given'],
    ],
    // Each amount in the currency it was written in, before any conversion.
    [
      offer({ stock: 500, currencies: { stock: 'USD' } }),
      ['the stock grant $500 looks too small: did you mean 500k ($500,000)? It is used as given'],
    ],
    [
      offer({ grants: [grant(100000), grant(300, 'EUR')] }),
      ['grants[1] €300 looks too small: did you mean 300k (€300,000)? It is used as given'],
    ],
    [
      offer({ base: 999, stock: 999 }),
      [expect.stringContaining('base salary £999'), expect.stringContaining('stock grant £999')],
    ],
    [offer({ base: 1000 }), []],
    [offer({}), []], // no stock is normal
  ])('%j', (o, warnings) => {
    expect(implausibleAmountWarnings(o, 'GBP')).toEqual(warnings);
  });
});

const LONDON = ['evaluate', 'cloudflare', 'ml', '--region', 'London'];

describe('evaluate: positions outside the band, in words and in JSON', () => {
  test('a base £30K over the top says so, in money and percent of the top', async () => {
    const r = await runCli([...LONDON, '--base', '200k', '--stock', '200k', '--bonus', '10', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Base\s+£200K\s+£132K–£170K\s+£30,000 \(17\.6%\) above the top/);
    expect(r.stdout).not.toMatch(/178\.9%/);
    const d = JSON.parse(
      (await runCli([...LONDON, '--base', '200k', '--stock', '200k', '--bonus', '10', '--json'])).stdout,
    );
    expect(d.positions.base).toBe(178.9);
    // 200,000 × 1.1 + 200,000 / 4 = 270,000: over the annual TC band's 249,500, inside the stated 205,000–288,000.
    expect(d.beyond).toEqual({
      base: { edge: 'high', amount: 30000, percent: 17.6 },
      totalComp: { edge: 'high', amount: 20500, percent: 8.2 },
    });
  });

  test('below the bottom: base, grant and annual TC, each against its own band', async () => {
    const d = JSON.parse(
      (await runCli([...LONDON, '--base', '100k', '--stock', '100k', '--bonus', '10', '--json'])).stdout,
    );
    expect(d.beyond).toEqual({
      base: { edge: 'low', amount: 32000, percent: 24.2 },
      stock: { edge: 'low', amount: 42000, percent: 29.6 },
      // 100,000 × 1.1 + 100,000 / 4 = 135,000 against 180,700 (annual TC) and 205,000 (stated).
      totalComp: { edge: 'low', amount: 45700, percent: 25.3 },
      totalCompStated: { edge: 'low', amount: 70000, percent: 34.1 },
    });
    const r = await runCli([...LONDON, '--base', '100k', '--stock', '100k', '--bonus', '10', '-q']);
    expect(r.stdout).toMatch(/Annual TC\s+£135K\s+£181K–£250K\s+£45,700 \(25\.3%\) below the bottom/);
    expect(r.stdout).toMatch(/Stock\/yr\s+£25K\s+£36K–£63K\s+£10,500\/yr \(29\.6%\) below the bottom/);
    expect(r.stdout).toMatch(/the guide states total comp £205K–£288K \(offer £70,000 \(34\.1%\) below the bottom\)/);
  });

  test('inside the band: percentages only, and `beyond` is empty', async () => {
    const d = JSON.parse(
      (await runCli([...LONDON, '--base', '150k', '--stock', '200k', '--bonus', '10', '--json'])).stdout,
    );
    expect(d.beyond).toEqual({});
    // 150,000 × 1.1 + 200,000 / 4 = 215,000 in 180,700–249,500.
    expect(d.positions).toMatchObject({ base: 47.4, totalComp: 49.9 });
  });

  test('a base under 1,000 warns with the likely amount; the exit code is unchanged', async () => {
    const r = await runCli([...LONDON, '--base', '150', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: the yearly base salary £150 looks too small: did you mean 150k (£150,000)?');
    expect(JSON.parse(r.stdout).warnings).toContainEqual(expect.stringContaining('did you mean 150k'));
  });
});

describe('compare: positions in words and `beyond` per offer', () => {
  test('an offer above the band says how far, in the table and in JSON', async () => {
    const dir = tempTree({
      'high.yaml':
        'label: High\ncompany: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\ncurrency: GBP\nbase: 200000\nstock: 200000\nbonus_pct: 10\n',
      'low.yaml':
        'label: Low\ncompany: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\ncurrency: GBP\nbase: 100000\nstock: 200000\nbonus_pct: 10\n',
    });
    const d = JSON.parse((await runCli(['compare', `${dir}/high.yaml`, `${dir}/low.yaml`, '--json', '-q'])).stdout);
    expect(d.offers[0].beyond).toEqual({
      base: { edge: 'high', amount: 30000, percent: 17.6 },
      totalComp: { edge: 'high', amount: 20500, percent: 8.2 },
    });
    expect(d.offers[1].beyond).toEqual({
      base: { edge: 'low', amount: 32000, percent: 24.2 },
      totalComp: { edge: 'low', amount: 20700, percent: 11.5 },
      totalCompStated: { edge: 'low', amount: 45000, percent: 22 },
    });
    const r = await runCli(['compare', `${dir}/high.yaml`, `${dir}/low.yaml`, '-q']);
    expect(r.stdout).toMatch(/Base in band\s+£30K \(17\.6%\) above the top ★\s+£32K \(24\.2%\) below the bottom/);
    expect(r.stdout).not.toMatch(/-84\.2%|178\.9%/);
  });

  test('a tiny amount in an offer file is flagged with the offer it is in', async () => {
    const dir = tempTree({
      'a.yaml': 'label: Typo\ncurrency: USD\nbase: 200\n',
      'b.yaml': 'label: Fine\ncurrency: USD\nbase: 200000\n',
    });
    const r = await runCli(['compare', `${dir}/a.yaml`, `${dir}/b.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: Typo: the yearly base salary $200 looks too small');
  });
});

describe("lookup's bands are evaluate's bands, for every band of every test guide", () => {
  const guides = tempTree({
    'acme.md': guideText(),
    'multi.md': guideText({
      company: 'multi-co',
      bands: `  - region: Berlin
    currency: EUR
    base_low: 80000
    base_high: 110000
    stock_low: 30000
    stock_high: 60000
    stock_years: 3
    bonus_pct: 8
  - region: Bangalore
    currency: INR
    base_low: 3500000
    base_high: 5500000
  - region: Toronto
    currency: CAD
    base_low: 150000
    base_high: 210000
    stock_low: 100000
    stock_high: 200000
    total_comp_low: 190000
    total_comp_high: 270000`,
    }).replace('company_display: Acme Corp', 'company_display: Multi Co'),
  });
  const cases = [
    ['cloudflare-workers', 'ml-ai-engineer', ['San Francisco', 'Austin', 'London']],
    ['acme-corp', 'data-engineer', ['Zürich']],
    ['multi-co', 'data-engineer', ['Berlin', 'Bangalore', 'Toronto']],
  ] as const;
  for (const [company, role, regions] of cases) {
    for (const region of regions) {
      for (const currency of [undefined, 'USD']) {
        test(`${company} ${region}${currency ? ` in ${currency}` : ''}`, async () => {
          const extra = ['--data', guides, ...(currency ? ['--currency', currency] : []), '--json', '-q'];
          const looked = await runCli(['lookup', company, role, '--region', region, ...extra]);
          expect(looked.stderr).toBe('');
          const lookup = JSON.parse(looked.stdout);
          const evaluated = JSON.parse(
            (await runCli(['evaluate', company, role, '--region', region, '--base', '100k', ...extra])).stdout,
          );
          expect(lookup.bands).toHaveLength(1);
          const { annualTC, ...rest } = evaluated.band;
          expect(lookup.bands[0]).toEqual({ ...rest, annualTC });
          expect(lookup.bands[0].annualTC).toEqual(annualTC);
        });
      }
    }
  }
});

describe('one basis for a position and its words (review fixes)', () => {
  test('a one-year grant: the position and `beyond.stock` agree, per year and as a grant over the band years', async () => {
    const inside = JSON.parse(
      (await runCli([...LONDON, '--base', '150k', '--bonus', '10', '--stock', '50k', '--vesting', '100', '--json']))
        .stdout,
    );
    expect(inside.positions.stock).toBe(53.7);
    expect(inside.beyond.stock).toBeUndefined();
    const above = JSON.parse(
      (await runCli([...LONDON, '--base', '150k', '--bonus', '10', '--stock', '100k', '--vesting', '100', '--json']))
        .stdout,
    );
    expect(above.positions.stock).toBe(238.9);
    // £100K a year is £400K over the band's four years: £150K (60%) above its £250K top.
    expect(above.beyond.stock).toEqual({ edge: 'high', amount: 150000, percent: 60 });
    const text = await runCli([
      ...LONDON,
      '--base',
      '150k',
      '--bonus',
      '10',
      '--stock',
      '100k',
      '--vesting',
      '100',
      '-q',
    ]);
    expect(text.stdout).toMatch(/Stock\/yr\s+£100K\s+£36K–£63K\s+£37,500\/yr \(60%\) above the top/);
  });

  test('the verdict says how far outside the band, not a percentage of it', async () => {
    const d = JSON.parse(
      (await runCli([...LONDON, '--base', '300k', '--stock', '200k', '--bonus', '10', '--json'])).stdout,
    );
    // 300,000 × 1.1 + 50,000 = 380,000 against the 249,500 top.
    expect(d.verdict).toMatch(/^strong: above the band \(annual TC £380,000, £130,500 \(52\.3%\) above the top\)/);
    const inside = JSON.parse(
      (await runCli([...LONDON, '--base', '150k', '--stock', '200k', '--bonus', '10', '--json'])).stdout,
    );
    expect(inside.verdict).toMatch(/\(annual TC £215,000, 49\.9% of the band\)/);
  });

  test('a fixed bonus is a bonus: no "no bonus given" warning', async () => {
    const r = await runCli([...LONDON, '--base', '150k', '--bonus-amount', '20k', '--json']);
    expect(r.stderr).not.toMatch(/no bonus given/);
    expect(JSON.parse(r.stdout).warnings.join('\n')).not.toMatch(/no bonus given/);
  });

  test("compare marks a level's slice as estimated, as lookup and evaluate do", async () => {
    const dir = tempTree({
      'a.yaml':
        'label: A\ncompany: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\nlevel: Google L5\ncurrency: GBP\nbase: 150000\n',
      'b.yaml':
        'label: B\ncompany: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\ncurrency: GBP\nbase: 150000\n',
    });
    const d = JSON.parse((await runCli(['compare', `${dir}/a.yaml`, `${dir}/b.yaml`, '--json', '-q'])).stdout);
    expect(d.offers.map((o: { bandDetail: { estimated: boolean } }) => o.bandDetail.estimated)).toEqual([true, false]);
  });

  test('a cross rate of one override and one table rate keeps the table date and says both', async () => {
    const dir = tempTree({
      'a.yaml': 'label: A\ncurrency: GBP\nbase: 150000\n',
      'b.yaml': 'label: B\ncurrency: EUR\nbase: 150000\n',
    });
    const r = await runCli(['compare', `${dir}/a.yaml`, `${dir}/b.yaml`, '--fx', 'GBP=1.27', '--json']);
    expect(JSON.parse(r.stdout).rates).toEqual([
      {
        from: 'EUR',
        to: 'GBP',
        rate: 0.913386,
        asOf: '2025-10-31',
        source: "--fx GBP=1.27 with the bundled table's EUR",
        origin: 'override',
        stale: true,
      },
    ]);
    expect(r.stderr).toMatch(/exchange rates are from a table dated 2025-10-31/);
  });
});
