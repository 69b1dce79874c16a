// The pictures in a real browser: Debian's Chromium, headless, driven by playwright-core. The pages load
// with no console error and no request beyond the file itself; the bars' sizes (read from the SVG) are
// proportional to the totals; the page's figures equal the JSON's; screenshots go to test-output/browser/
// (and, with NEGOTIATE_UPDATE_DOCS=1, to docs/ for the README). Without Chromium the tests say they
// skipped; with NEGOTIATE_REQUIRE_BROWSER=1 (CI) a missing browser is a failure.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompareResult } from '../../src/results/compare.js';
import type { EvaluateResult } from '../../src/offer-evaluation.js';
import { formatMoney } from '../../src/comp/money.js';
import { FIXTURES, ROOT, spawnCli } from '../helpers.js';

const CHROMIUM = process.env.NEGOTIATE_CHROMIUM || '/usr/bin/chromium';
const REQUIRED = process.env.NEGOTIATE_REQUIRE_BROWSER === '1';
const HAVE = existsSync(CHROMIUM);
const OUT = join(ROOT, 'test-output', 'browser');
const DOCS = join(ROOT, 'docs');
const O = (name: string) => join(FIXTURES, 'offers', name);
const OFFERS = [O('cf-london.yaml'), O('cf-sf.yaml'), O('startup-berlin.yaml')];
const EVALUATE = [
  'evaluate',
  'cloudflare-workers',
  'ml-ai-engineer',
  '--region',
  'London',
  '--base',
  '150k',
  '--stock',
  '200k',
  '--bonus',
  '10',
  '--sign-on',
  '20k',
  '--refresher',
  '30k',
];

if (!HAVE) {
  const why = `no Chromium at ${CHROMIUM} (install it: apt-get install chromium, or set NEGOTIATE_CHROMIUM)`;
  if (REQUIRED) {
    test('the real-browser tests need Chromium (NEGOTIATE_REQUIRE_BROWSER=1)', () => {
      throw new Error(`browser tests cannot run: ${why}`);
    });
  } else {
    process.stderr.write(`SKIPPED: the real-browser tests of the pictures: ${why}\n`);
    test.skip(`SKIPPED: real-browser tests (${why})`, () => {});
  }
}

/** Runs the built binary; the answer must be whole and quiet. */
function run(argv: string[]): string {
  const r = spawnCli([...argv, '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe.runIf(HAVE)('the pictures in headless Chromium', () => {
  let context: BrowserContext;
  let dir: string;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'negotiate-browser-'));
    mkdirSync(OUT, { recursive: true });
    // A persistent context is how playwright takes an (empty) user-data-dir of our own.
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'negotiate-chromium-profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1000, height: 900 },
      deviceScaleFactor: 1,
      offline: true,
    });
    // Every request is recorded; anything but the page's own file is refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      return url.startsWith('file://') ? route.continue() : route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  async function open(name: string, html: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${name}: console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`));
    requests.length = 0;
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    expect(requests).toEqual([`file://${file}`]);
    return page;
  }

  /** The bars of one chart, from the SVG: each mark's accessible label and its drawn size. */
  async function bars(page: Page, chart: string) {
    return page.$$eval(`figure.chart-${chart} svg [aria-roledescription="bar"]`, (els) =>
      els.map((e) => {
        const box = (e as SVGGraphicsElement).getBBox();
        return { label: e.getAttribute('aria-label') ?? '', width: box.width, height: box.height };
      }),
    );
  }

  /** Heights summed per "offer, year N" of the guaranteed parts (the hatched ones are outside the total). */
  function yearHeights(found: { label: string; height: number }[]): Map<string, number> {
    const sums = new Map<string, number>();
    for (const b of found) {
      const m = /^(.*), year (\d+): (.*) \S+$/.exec(b.label);
      expect(m, b.label).not.toBeNull();
      if (/not in total/.test(m![3])) continue;
      const key = `${m![1]}|${m![2]}`;
      sums.set(key, (sums.get(key) ?? 0) + b.height);
    }
    return sums;
  }

  const expectProportional = (pairs: [number, number][]) => {
    const ratios = pairs.map(([drawn, amount]) => drawn / amount);
    for (const r of ratios) expect(Math.abs(r / ratios[0] - 1)).toBeLessThan(0.01);
  };

  async function tableText(page: Page, table: string): Promise<string[][]> {
    return page.$$eval(`table.${table} tbody tr`, (rows) =>
      rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())),
    );
  }

  async function shoot(page: Page, selector: string, name: string) {
    const path = join(OUT, name);
    await page.locator(selector).first().screenshot({ path });
    if (process.env.NEGOTIATE_UPDATE_DOCS === '1') copyFileSync(path, join(DOCS, name));
  }

  test('compare --format html: loads clean, bars proportional to the totals, the figures equal the JSON', async () => {
    const html = run(['compare', ...OFFERS, '--format', 'html']);
    const json: CompareResult = JSON.parse(run(['compare', ...OFFERS, '--json']));
    const page = await open('compare.html', html);
    const money = (n: number) => formatMoney(n, json.currency);

    // Year bars: the stacked guaranteed parts of each offer's year, on one scale for every offer.
    const heights = yearHeights(await bars(page, 'years'));
    const pairs: [number, number][] = [];
    for (const o of json.offers) for (const y of o.years) pairs.push([heights.get(`${o.label}|${y.year}`)!, y.total]);
    expect(pairs.every(([h]) => h > 0)).toBe(true);
    expectProportional(pairs);

    // Totals: one bar per offer, its length proportional to the guaranteed N-year total.
    const totals = await bars(page, 'totals');
    expect(totals.map((b) => b.label.split(':')[0])).toEqual(json.offers.map((o) => o.label));
    expectProportional(totals.map((b, i) => [b.width, json.offers[i].total]));

    // The page's text is the JSON's figures.
    const rows = await tableText(page, 'compare');
    const row = (metric: string) =>
      rows
        .find((r) => r[0] === metric)!
        .slice(1)
        .map((cell) => cell.replace(/\s+(★ best|tie|close \(within 2%\))$/, ''));
    expect(row(`${json.years}-yr total`)).toEqual(json.offers.map((o) => money(o.total)));
    for (let y = 1; y <= json.years; y++)
      expect(row(`Year ${y}`)).toEqual(json.offers.map((o) => money(o.years[y - 1].total)));
    expect(row('First year')).toEqual(json.offers.map((o) => money(o.firstYear)));
    expect(row('Annual TC')).toEqual(json.offers.map((o) => money(o.annualTC)));
    const best = json.offers.find((o) => o.label === json.best)!;
    expect(await page.locator('.verdict').innerText()).toBe(
      `Best over ${json.years} years: ${json.best} (${money(best.total)}, guaranteed)`,
    );
    const bestCell = rows.find((r) => r[0] === `${json.years}-yr total`)![json.offers.indexOf(best) + 1];
    expect(bestCell).toContain('★ best');
    for (const rate of json.rates)
      expect(await page.locator('footer').innerText()).toContain(
        `1 ${rate.from} = ${rate.rate} ${rate.to}, as of ${rate.asOf}`,
      );

    // Every chart is named for screen readers.
    const named = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((s) => [s.querySelector('title')?.textContent ?? '', s.querySelector('desc')?.textContent ?? '']),
    );
    expect(named).toHaveLength(3);
    for (const [title, desc] of named) {
      expect(title.length).toBeGreaterThan(5);
      expect(desc.length).toBeGreaterThan(20);
    }

    await page.screenshot({ path: join(OUT, 'compare-page.png'), fullPage: true });
    await shoot(page, 'figure.chart-totals', 'pictures-compare-totals.png');
    await shoot(page, 'figure.chart-years', 'pictures-compare-years.png');
    await shoot(page, 'figure.chart-positions', 'pictures-compare-positions.png');
    expect(problems).toEqual([]);
  });

  test("evaluate --format html: the year bars and the page's figures equal the JSON; dark scheme and print apply", async () => {
    const html = run([...EVALUATE, '--format', 'html']);
    const json: EvaluateResult = JSON.parse(run([...EVALUATE, '--json']));
    const page = await open('evaluate.html', html);
    const money = (n: number) => formatMoney(n, json.currency);

    const found = await bars(page, 'years');
    const heights = yearHeights(found);
    expectProportional(json.years.map((y) => [heights.get(`${json.company.name}|${y.year}`)!, y.total]));
    // The refresher is drawn, apart from the total.
    expect(found.some((b) => /refresher \(not in total\)/.test(b.label))).toBe(true);

    const summary = Object.fromEntries((await tableText(page, 'summary')).map(([k, v]) => [k, v]));
    expect(summary).toEqual({
      'First year': money(json.firstYear),
      [`${json.years.length}-year average`]: money(json.average),
      'Recurring average (no one-time items)': money(json.recurringAverage),
      'Annual TC': money(json.annualTC),
      [`${json.years.length}-year total`]: money(json.total),
      // The refresher is an assumption: the expected total (the offer model's) stands apart from the total.
      [`${json.years.length}-year expected total (rests on assumptions)`]: money(json.expectedTotal),
    });
    expect((await tableText(page, 'years')).map((r) => r[5])).toEqual(json.years.map((y) => money(y.total)));
    const positions = await tableText(page, 'positions');
    expect(positions.map((r) => r[3])).toEqual(
      [json.positions.base, json.positions.stock, json.positions.totalComp].map((p) => `${p}%`),
    );
    expect(await page.locator('body').innerText()).not.toMatch(/floor/i);

    await page.screenshot({ path: join(OUT, 'evaluate-page.png'), fullPage: true });
    await shoot(page, 'figure.chart-years', 'pictures-evaluate-years.png');
    await shoot(page, 'figure.chart-positions', 'pictures-evaluate-positions.png');

    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).not.toBe(light);
    await page.screenshot({ path: join(OUT, 'evaluate-page-dark.png'), fullPage: true });
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(problems).toEqual([]);
  });

  test('compare --format svg opens on its own', async () => {
    const svg = run(['compare', ...OFFERS, '--format', 'svg']);
    const file = join(dir, 'offers.svg');
    writeFileSync(file, svg);
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`svg: ${m.text()}`));
    requests.length = 0;
    await page.goto(`file://${file}`);
    expect(requests).toEqual([`file://${file}`]);
    expect(await page.locator('svg [aria-roledescription="bar"]').count()).toBeGreaterThan(20);
    await page.screenshot({ path: join(OUT, 'compare.svg.png') });
    expect(problems).toEqual([]);
  });
});
