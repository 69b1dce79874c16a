import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bestIndexes, isClose, rankTotals } from '../src/comp/compare.js';
import { FIXTURES, runCli, spawnCli, tempTree } from './helpers.js';

const F = (name: string) => join(FIXTURES, 'offers', name);
const LONDON = F('cf-london.yaml');
const SF = F('cf-sf.yaml');
const BERLIN = F('startup-berlin.yaml');

describe('ranking', () => {
  test.each([
    [100, 98, true],
    [100, 97.9, false],
    [0, 0, true],
    [1087600, 1080000, true],
  ])('isClose(%d, %d) = %s', (a, b, close) => expect(isClose(a, b)).toBe(close));

  test.each([
    [[1, 3, 2], [1]],
    [
      [3, 3, 1],
      [0, 1],
    ],
    [[null, 2, null], [1]],
    [[null, null], []],
  ])('bestIndexes(%j) = %j', (values, best) => expect(bestIndexes(values)).toEqual(best));

  test('rankTotals: the best, the close ones, how far behind', () => {
    expect(rankTotals([100, 99, 90])).toEqual({ best: 0, close: [1], behindPct: [0, 1, 10] });
    expect(rankTotals([90, 100])).toEqual({ best: 1, close: [], behindPct: [10, 0] });
  });
});

describe('compare', () => {
  test("--json: mixed currencies converted to the first offer's, rates stated, best named", async () => {
    const r = await runCli(['compare', LONDON, SF, BERLIN, '--json', '-q']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.currency).toBe('GBP');
    expect(d.rates).toEqual([
      expect.objectContaining({ from: 'USD', to: 'GBP', rate: 0.75188, asOf: '2025-10-31' }),
      expect.objectContaining({ from: 'EUR', to: 'GBP', rate: 0.87218, asOf: '2025-10-31' }),
    ]);
    expect(d.offers.map((o: { label: string }) => o.label)).toEqual([
      'Cloudflare London',
      'Cloudflare SF',
      'Startup Berlin',
    ]);
    const [london, sf, berlin] = d.offers;
    expect(london).toMatchObject({
      firstYear: 235000,
      average: 220000,
      recurringAverage: 215000,
      total: 880000,
      inIndex: true,
    });
    expect(london.years.map((y: { total: number }) => y.total)).toEqual([235000, 215000, 215000, 215000]);
    expect(london.positions).toMatchObject({ base: 47.4, totalComp: 49.9 });
    // $230k base → £172,932 at 0.75188; front vesting of $320k → £240,602
    expect(sf).toMatchObject({ base: 172932, stock: 240602, offerCurrency: 'USD', inIndex: true });
    expect(berlin).toMatchObject({
      inIndex: false,
      positions: null,
      indexNote: 'not in the index: unknown company "tiny-startup"',
    });
    expect(d.best).toBe('Cloudflare SF');
    expect(d.close).toEqual([]);
    expect(d.years).toBe(4);
  });

  test('the terminal table: best marked per row, an offer outside the index shown as such', async () => {
    const r = await runCli(['compare', LONDON, BERLIN, '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "                   Cloudflare London     Startup Berlin
      Company            cloudflare-workers    tiny-startup
      Role               ml-ai-engineer        ml-engineer
      Region             London                Berlin
      Currency           GBP                   EUR→GBP
      Year 1             £235K ★               £131K
      Year 2             £215K ★               £126K
      Year 3             £215K ★               £122K
      Year 4             £215K ★               £122K
      4-yr total         £880,000 ★            £501,505
      First year         £235K ★               £131K
      4-yr average       £220K ★               £125K
      Recurring average  £215K ★               £122K
      Annual TC          £215K ★               £122K
      Base               £150K ★               £105K
      Stock grant        £200K ★               £70K
      Vesting            even                  25/25/25/25
      Bonus              10% ★                 0%
      Sign-on            £20K ★                £13K
      Base in band       47.4%                 not in the index
      Stock in band      53.7%                 not in the index
      Annual TC in band  49.9%                 not in the index
      TC vs band         ·····████▲██████····  —

      Best over 4 years: Cloudflare London (£880,000)
      ★ best in the row · ≈ within 2% of the best total · amounts in GBP; annual TC = base + bonus + grant/years
      Startup Berlin: not in the index: unknown company "tiny-startup"
      converted EUR→GBP at 0.87218 (bundled table: approximate mid-market reference rates compiled by the negotiate maintainers (fallback table, not live), as of 2025-10-31, more than 90 days old)
      "
    `);
  });

  test('"close" when the totals are within 2%', async () => {
    const r = await runCli(['compare', F('close-a.yaml'), F('close-b.yaml'), '-q']);
    expect(r.stdout).toMatch(/4-yr total\s+\$1,080,000 ≈\s+\$1,087,600 ★/);
    expect(r.stdout).toContain('close: Offer A is within 2% of the best ($7,600, 0.7% less)');
    const d = JSON.parse((await runCli(['compare', F('close-a.yaml'), F('close-b.yaml'), '--json'])).stdout);
    expect(d).toMatchObject({ best: 'Offer B', close: ['Offer A'] });
  });

  test('--currency and --fx choose the output currency and the rate', async () => {
    const d = JSON.parse(
      (await runCli(['compare', LONDON, SF, '--currency', 'usd', '--fx', 'GBP=1.25', '--json', '-q'])).stdout,
    );
    expect(d.currency).toBe('USD');
    expect(d.rates).toEqual([expect.objectContaining({ from: 'GBP', to: 'USD', rate: 1.25, asOf: '2026-11-29' })]);
    expect(d.offers[0].base).toBe(187500);
  });

  test('--years: the same horizon for every offer', async () => {
    const d = JSON.parse(
      (await runCli(['compare', LONDON, F('no-label.yaml'), '--years', '2', '--json', '-q'])).stdout,
    );
    expect(d.years).toBe(2);
    expect(d.offers.map((o: { years: unknown[] }) => o.years.length)).toEqual([2, 2]);
    expect(d.offers[1].label).toBe('no-label.yaml'); // named after its file
  });

  test.each([
    ['csv', 'metric,Cloudflare London,Startup Berlin,best\nCompany,cloudflare-workers,tiny-startup,\n'],
    ['tsv', 'metric\tCloudflare London\tStartup Berlin\tbest\nCompany\tcloudflare-workers\ttiny-startup\t\n'],
    [
      'markdown',
      '| | Cloudflare London | Startup Berlin |\n|---|---:|---:|\n| Company | cloudflare-workers | tiny-startup |\n',
    ],
  ])('--format %s', async (format, start) => {
    const r = await runCli(['compare', LONDON, BERLIN, '--format', format, '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(start)).toBe(true);
    expect(r.stdout).toContain(
      format === 'markdown'
        ? '| Annual TC in band | 49.9% | not in the index |'
        : `Annual TC in band (%)${format === 'csv' ? ',' : '\t'}49.9${format === 'csv' ? ',' : '\t'}not in the index`,
    );
  });

  test('csv: the rates go to stderr, the best of each row is named, values with commas are quoted', async () => {
    const dir = tempTree({
      'a.yaml': 'label: "Acme, Inc"\ncurrency: EUR\nbase: 100000\n',
      'b.yaml': 'label: B\ncurrency: GBP\nbase: 90000\n',
    });
    const r = await runCli(['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--format', 'csv']);
    expect(r.stdout.split('\n')[0]).toBe('metric,"Acme, Inc",B,best');
    expect(r.stdout).toContain('Base (EUR),100000,103190,B');
    expect(r.stderr).toContain('converted GBP→EUR at 1.146552');
  });

  test.each([
    [[LONDON], 'compare takes 2 to 6 offer files; got 1'],
    [[LONDON, SF, SF, SF, SF, SF, SF], 'compare takes 2 to 6 offer files; got 7'],
    [[LONDON, SF, '--years', 'x'], '--years: "x" is not a number of years from 1 to 20'],
    [[LONDON, SF, '--format', 'xls'], '--format: "xls" is not csv, tsv, markdown, svg or html'],
    [[LONDON, SF, '--format', 'csv', '--json'], '--json and --format are two output formats'],
    [[LONDON, SF, '--currency', 'XYZ'], '--currency: "XYZ" is not an ISO 4217 currency code'],
    [[LONDON, F('bad/missing-base.yaml')], 'missing-base.yaml: base: missing'],
    [[LONDON, F('bad/bad-yaml.yaml')], 'bad-yaml.yaml:3:1: not valid YAML'],
    [[LONDON, F('bad/unknown-field.yaml')], 'unknown-field.yaml: unknown field "bonus"'],
    [[LONDON, F('bad/bad-amount.yaml')], 'bad-amount.yaml: base: "lots" is not an amount'],
    [[LONDON, '/no/such/offer.yaml'], 'offer file /no/such/offer.yaml cannot be read: it does not exist'],
  ])('%j exits 2: %s', async (argv, message) => {
    const r = await runCli(['compare', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  test('every bad file is reported at once', async () => {
    const r = await runCli(['compare', F('bad/missing-base.yaml'), F('bad/bad-amount.yaml')]);
    expect(r.stderr).toMatch(
      /2 offer files cannot be used:\n\s+.*missing-base\.yaml: base: missing[\s\S]*bad-amount\.yaml: base: "lots"/,
    );
  });

  test('an offer outside the index without a currency cannot be compared', async () => {
    const dir = tempTree({ 'x.yaml': 'company: nobody\nrole: none\nbase: 100000\n' });
    const r = await runCli(['compare', LONDON, join(dir, 'x.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x.yaml: currency: missing; the offer is not in the index');
  });

  test('spawned: exit 0 with JSON on stdout, exit 2 with one message and no stack', () => {
    const ok = spawnCli(['compare', LONDON, SF, '--json', '-q']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).best).toBe('Cloudflare SF');
    const bad = spawnCli(['compare', LONDON, F('bad/bad-yaml.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
