// --format svg|html: the charts' specs (the data they carry, as snapshots), the floor kept private, ties
// and expected totals, escaping, deterministic bytes, and --output. The real-browser check of the page is
// test/browser/pictures.browser.test.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import type { CompareResult } from '../src/results/compare.js';
import type { EvaluateResult } from '../src/offer-evaluation.js';
import {
  compareCharts,
  compareTotalsChart,
  evaluateCharts,
  tiedLabels,
  type Chart,
} from '../src/render/chart/specs.js';
import { escapeHtml } from '../src/render/html.js';
import { FIXTURES, guideText, runCli, tempTree } from './helpers.js';

const SF = [
  'evaluate',
  'cloudflare-workers',
  'ml-ai-engineer',
  '--region',
  'San Francisco',
  '--base',
  '220k',
  '--stock',
  '300k',
  '--bonus',
  '10',
  '--sign-on',
  '50k',
];
const O = (name: string) => join(FIXTURES, 'offers', name);
const OFFERS = [O('cf-london.yaml'), O('cf-sf.yaml'), O('startup-berlin.yaml')];

async function ok(argv: string[]): Promise<string> {
  const r = await runCli([...argv, '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}
const evaluation = async (argv = SF): Promise<EvaluateResult> => JSON.parse(await ok([...argv, '--json']));
const comparison = async (files = OFFERS): Promise<CompareResult> =>
  JSON.parse(await ok(['compare', ...files, '--json']));

/** What a chart carries: its data rows (every dataset), titles and marks, without styling. */
function carried(chart: Chart) {
  const s = chart.spec as { data: { values: unknown[] }; title: unknown };
  return { name: chart.name, title: chart.title, description: chart.description, data: s.data.values };
}

/** Every spec compiles without a vega-lite warning. */
function compileQuietly(chart: Chart): string[] {
  const said: string[] = [];
  const note =
    (kind: string) =>
    (...m: unknown[]) => {
      said.push(`${kind} ${m.join(' ')}`);
      return logger;
    };
  const logger: Record<string, unknown> = {
    level: () => logger,
    error: note('error'),
    warn: note('warn'),
    info: () => logger,
    debug: () => logger,
  };
  compile(chart.spec as never, { logger: logger as never });
  return said;
}

describe("the charts carry the result objects' figures", () => {
  test('evaluate: year bars (refresher outside the total) and band positions with the target; snapshots of their data', async () => {
    const r = await evaluation([...SF, '--refresher', '40k']);
    const charts = evaluateCharts(r, { showFloor: false });
    expect(charts.map((c) => c.name)).toEqual(['years', 'positions']);
    for (const c of charts) expect(compileQuietly(c)).toEqual([]);
    const totals = (charts[0].spec as { data: { values: { kind: string; total: number }[] } }).data.values.filter(
      (x) => x.kind === 'total',
    );
    expect(totals.map((x) => x.total)).toEqual(r.years.map((y) => y.total));
    expect(charts.map(carried)).toMatchSnapshot();
  });

  test('compare: years on one scale, totals with the best, positions where a guide is named; snapshots of their data', async () => {
    const r = await comparison();
    const bands = new Map([
      [
        'Cloudflare London',
        { base: { low: 132000, high: 170000 }, stockPerYear: { low: 35500, high: 62500 }, offerStockPerYear: 50000 },
      ],
    ]);
    const charts = compareCharts(r, bands);
    expect(charts.map((c) => c.name)).toEqual(['years', 'totals', 'positions']);
    for (const c of charts) expect(compileQuietly(c)).toEqual([]);
    expect(charts.map(carried)).toMatchSnapshot();
    // No target and no floor in compare.
    expect(JSON.stringify(charts.map((c) => c.spec))).not.toMatch(/target|floor/i);
  });

  test("raises, stock growth and refreshers (the offer model's assumptions) are their own parts, above the total, never in it", async () => {
    const r = await evaluation([...SF, '--refresher', '40k', '--raise', '5', '--stock-growth', '10']);
    const rows = (evaluateCharts(r, { showFloor: false })[0].spec as { data: { values: Record<string, unknown>[] } })
      .data.values;
    const year4 = rows.filter((x) => x.year === 'Year 4');
    expect(year4.filter((x) => x.kind === 'part').map((x) => x.part)).toEqual([
      'Base',
      'Bonus',
      'Stock',
      'Refresher (not in total)',
      'Raises (not in total)',
      'Stock growth (not in total)',
    ]);
    const y = r.years[3];
    expect(year4.find((x) => x.kind === 'total')).toMatchObject({ total: y.total, top: y.expectedTotal });
  });

  test("ties are ties: compare's own `tied` when present, else equal totals at the whole unit", () => {
    const offer = (label: string, total: number) => ({ label, total, years: [] }) as never;
    const base = { offers: [offer('A', 100.4), offer('B', 100), offer('C', 90)], best: 'A', currency: 'USD', years: 4 };
    expect(tiedLabels(base)).toEqual(['A', 'B']);
    expect(tiedLabels({ ...base, offers: [offer('A', 101), offer('B', 100)] })).toEqual([]);
    expect(tiedLabels({ ...base, tied: ['A', 'C'] })).toEqual(['A', 'C']);
    const rows = (compareTotalsChart(base).spec as { data: { values: { text: string }[] } }).data.values;
    expect(rows.map((x) => x.text)).toEqual(['$100  = tie for best', '$100  = tie for best', '$90']);
  });

  test('an expected total is a second mark only where the result has one that differs', () => {
    const offers = [
      { label: 'A', total: 400000, expectedTotal: 450000 },
      { label: 'B', total: 380000, expectedTotal: 380000 },
      { label: 'C', total: 300000 },
    ] as never;
    const chart = compareTotalsChart({ offers, best: 'A', currency: 'USD', years: 4 });
    expect(compileQuietly(chart)).toEqual([]);
    const rows = (chart.spec as { data: { values: { offer: string; expected: number | null }[] } }).data.values;
    expect(rows.map((x) => [x.offer, x.expected])).toEqual([
      ['A', 450000],
      ['B', null],
      ['C', null],
    ]);
    expect(JSON.stringify(chart.spec)).toContain('diamond');
    const without = compareTotalsChart({
      offers: [
        { label: 'C', total: 300000 },
        { label: 'D', total: 1 },
      ] as never,
      best: 'C',
      currency: 'USD',
      years: 4,
    });
    expect(JSON.stringify(without.spec)).not.toContain('diamond');
  });
});

describe('ties and expected totals in the page', () => {
  test('offers equal at the whole unit: the page says tie, in the verdict and the table', async () => {
    const dir = tempTree({
      'a.yaml': 'label: First\ncurrency: USD\nbase: 200000\nstock: 200000\n',
      'b.yaml': 'label: Second\ncurrency: USD\nbase: 200000\nstock: 200000\n',
      'c.yaml': 'label: Third\ncurrency: USD\nbase: 150000\n',
    });
    const html = await ok([
      'compare',
      join(dir, 'a.yaml'),
      join(dir, 'b.yaml'),
      join(dir, 'c.yaml'),
      '--format',
      'html',
    ]);
    expect(html).toContain('Tie over 4 years: First and Second ($1,000,000 each, guaranteed)');
    expect(html.match(/<td class="num total">\$1,000,000 <span class="mark">tie<\/span><\/td>/g)).toHaveLength(2);
    expect(html).toContain('= tie for best');
    expect(html).not.toContain('★ best');
  });

  test("evaluate: an expected total in the result (the offer model's) is its own row, apart from the total", async () => {
    const { renderEvaluatePicture } = await import('../src/render/pictures.js');
    const r = await evaluation();
    const provenance = { guides: [], rates: [], estimated: [], notes: [], version: 'test' };
    const without = await renderEvaluatePicture(r, 'html', { showFloor: false, provenance });
    expect(without).not.toContain('expected total');
    const html = await renderEvaluatePicture({ ...r, expectedTotal: r.total + 12345 } as EvaluateResult, 'html', {
      showFloor: false,
      provenance,
    });
    expect(html).toContain('<td class="num expected-total">$1,330,345</td>');
  });
});

describe('the walk-away floor is private', () => {
  test('without --show-floor: no floor in the charts, the tables or the verdict (even when the offer is under it)', async () => {
    const r = await evaluation();
    expect(r.rating).toBe('below-floor');
    for (const c of evaluateCharts(r, { showFloor: false })) expect(JSON.stringify(c.spec)).not.toMatch(/floor/i);
    for (const format of ['svg', 'html']) {
      const out = await ok([...SF, '--format', format]);
      expect(out).not.toMatch(/floor/i);
      expect(out).not.toContain('318,250');
    }
    const html = await ok([...SF, '--format', 'html']);
    expect(html).toContain(
      'Verdict: fair: mid-band (annual TC $317,000, 43.9% of the band); $60,200 under the guide&#39;s target of $377,200</p>',
    );
  });

  test('with --show-floor: the floor tick in the chart and its column in the table; text and JSON unchanged', async () => {
    const r = await evaluation();
    const spec = JSON.stringify(evaluateCharts(r, { showFloor: true })[1].spec);
    expect(spec).toContain('walk-away floor $318,250');
    const html = await ok([...SF, '--format', 'html', '--show-floor']);
    expect(html).toContain('Walk-away floor');
    expect(html).toContain('$318,250');
    expect(html).toContain('short of the floor');
    expect(await ok([...SF, '--show-floor'])).toBe(await ok(SF));
  });
});

describe('the page and the SVG', () => {
  test('HTML: one self-contained file, no scripts or anything that loads; the tables hold the JSON figures', async () => {
    const r = await comparison();
    const html = await ok(['compare', ...OFFERS, '--format', 'html']);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|@font-face|src=|url\(\s*['"]?(https?:|\/\/)/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain('@media print');
    for (const o of r.offers)
      expect(html).toContain(
        `<td class="num total">${escapeHtml(new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 }).format(o.total))}`,
      );
    expect(html).toContain('Best over 4 years: Cloudflare SF');
    expect(html).toContain('1 USD = 0.75188 GBP, as of 2025-10-31');
    // Each chart has a title and a description, referenced from its svg element.
    for (const id of ['compare1', 'compare2', 'compare3']) {
      expect(html).toContain(`aria-labelledby="${id}-title" aria-describedby="${id}-desc"`);
      expect(html).toContain(`<title id="${id}-title">`);
    }
  });

  test('SVG: one file with every chart; the same input gives the same bytes', async () => {
    const a = await ok(['compare', ...OFFERS, '--format', 'svg']);
    const b = await ok(['compare', ...OFFERS, '--format', 'svg']);
    expect(a).toBe(b);
    expect(a.startsWith('<svg')).toBe(true);
    expect(a).toContain(
      '<title id="compare-title">Offers compared: Cloudflare London, Cloudflare SF, Startup Berlin</title>',
    );
    expect(a).toContain('<pattern id="compare-pattern-bonus"');
    expect(a).toContain('url(#compare-pattern-stock)');
    const h1 = await ok([...SF, '--format', 'html']);
    expect(await ok([...SF, '--format', 'html'])).toBe(h1);
    // Ids are unique in the page (several charts in one document).
    const ids = [...h1.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('text from guides and offer files is escaped everywhere', async () => {
    const evil = '<script>alert(1)</script>';
    const dir = tempTree({
      'evil.md': guideText({ company: 'evil-co', extra: `data_sources:\n  - "<img src=x onerror=alert(2)>"\n` })
        .replace('company_display: Acme Corp', `company_display: "${evil}"`)
        .replace(/data_sources:\n {2}- Synthetic test data\n/, ''),
      'a.yaml': `label: "<b onmouseover=x>A & B</b>"\ncompany: evil-co\nrole: data-engineer\nregion: Zürich\nbase: 160000\n`,
      'b.yaml': 'label: Plain\ncurrency: CHF\nbase: 150000\n',
    });
    const argv = ['--no-bundled', '--data', dir];
    for (const out of [
      await ok([...argv, 'compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--format', 'html']),
      await ok([...argv, 'compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--format', 'svg']),
      await ok([...argv, 'evaluate', 'evil-co', 'data-engineer', '--base', '160k', '--format', 'html']),
      await ok([...argv, 'evaluate', 'evil-co', 'data-engineer', '--base', '160k', '--format', 'svg']),
    ]) {
      expect(out).not.toMatch(/<script|<img|<b /i);
    }
    const html = await ok([...argv, 'evaluate', 'evil-co', 'data-engineer', '--base', '160k', '--format', 'html']);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  test('escapeHtml: the five characters, and control characters dropped', () => {
    expect(escapeHtml(`<a href="x">'&'</a>\u0007\u001b[31m`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;[31m',
    );
  });
});

describe('--output and the format flags', () => {
  test('--output writes the file atomically; an existing file is refused without --force (exit 2), replaced with it', async () => {
    const dir = tempTree({ 'taken.html': 'mine' });
    const file = join(dir, 'offers.html');
    const r = await runCli(['compare', ...OFFERS, '--format', 'html', '--output', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`wrote ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(await ok(['compare', ...OFFERS, '--format', 'html']));
    const taken = join(dir, 'taken.html');
    const refused = await runCli(['compare', ...OFFERS, '--format', 'html', '--output', taken]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists');
    expect(readFileSync(taken, 'utf8')).toBe('mine');
    const e = await runCli([...SF, '--format', 'svg', '--output', taken, '-q']);
    expect(e.code).toBe(2);
    expect((await runCli([...SF, '--format', 'svg', '--output', taken, '--force', '-q'])).code).toBe(0);
    expect(readFileSync(taken, 'utf8').startsWith('<svg')).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['offers.html', 'taken.html']);
  });

  test('--output takes the text formats too (without colour)', async () => {
    const dir = tempTree({});
    const file = join(dir, 'offers.csv');
    expect((await runCli(['compare', ...OFFERS, '--format', 'csv', '--output', file, '-q'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(await ok(['compare', ...OFFERS, '--format', 'csv']));
    const text = join(dir, 'eval.txt');
    expect((await runCli([...SF, '--output', text, '--color', 'always', '-q'])).code).toBe(0);
    expect(readFileSync(text, 'utf8')).not.toContain('\u001b[');
  });

  test.each([
    [[...SF, '--format', 'png'], '--format: "png" is not text, svg or html'],
    [['compare', ...OFFERS, '--format', 'pdf'], '--format: "pdf" is not csv, tsv, markdown, svg or html'],
    [[...SF, '--format', 'svg', '--json'], '--json and --format are two output formats'],
    [['compare', ...OFFERS, '--format', 'svg', '--json'], '--json and --format are two output formats'],
    [['compare', ...OFFERS, '--force'], '--force only goes with --output FILE'],
    [[...SF, '--force'], '--force only goes with --save FILE or --output FILE'],
    [['compare', ...OFFERS, '--output', ''], '--output: give a file name'],
  ])('%j exits 2: %s', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  test('an unwritable --output is one clear line, no stack trace, and leaves no temporary file', async () => {
    const dir = tempTree({});
    const r = await runCli([...SF, '--format', 'svg', '--output', join(dir, 'no', 'such', 'dir.svg'), '-q']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/cannot write .*dir\.svg/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
