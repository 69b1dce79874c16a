// One self-contained HTML page: inline SVG charts, tables, and a provenance footer. No scripts, no
// external fonts, styles, images or links that load anything; light and dark schemes and print. Pure.
import type { Rate } from '../comp/fx.js';

/**
 * The one escaping function for everything the pages and SVGs write themselves (guide text, labels,
 * file names): HTML's five special characters, and control characters dropped (XML forbids them).
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A table cell: text (escaped here), right-aligned when it is a figure, a header cell when `head`. */
export interface Cell {
  text: string;
  num?: boolean;
  head?: boolean;
  /** A word or two after the text, set apart (★ best, tie, estimated). */
  mark?: string;
  /** A class for tests and styles (e.g. "total"). */
  cls?: string;
}

export interface Table {
  caption: string;
  /** The header row. */
  head: (string | Cell)[];
  rows: (string | Cell)[][];
  /** A class on the table, for tests and styles. */
  cls?: string;
}

const asCell = (c: string | Cell): Cell => (typeof c === 'string' ? { text: c } : c);

function renderCell(c: Cell, tag: 'td' | 'th', scope?: string): string {
  const cls = [c.num ? 'num' : '', c.cls ?? ''].filter(Boolean).join(' ');
  const attrs = `${scope ? ` scope="${scope}"` : ''}${cls ? ` class="${escapeHtml(cls)}"` : ''}`;
  const mark = c.mark ? ` <span class="mark">${escapeHtml(c.mark)}</span>` : '';
  return `<${tag}${attrs}>${escapeHtml(c.text)}${mark}</${tag}>`;
}

export function renderHtmlTable(t: Table): string {
  const head = t.head.map((c) => renderCell(asCell(c), 'th', 'col')).join('');
  const rows = t.rows
    .map(
      (row) =>
        `<tr>${row
          .map((c, i) => {
            const cell = asCell(c);
            return cell.head || i === 0 ? renderCell(cell, 'th', 'row') : renderCell(cell, 'td');
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table${t.cls ? ` class="${escapeHtml(t.cls)}"` : ''}>\n<caption>${escapeHtml(t.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

/** Where the figures come from: the guides, their dates, the exchange rates, what is estimated. */
export interface Provenance {
  guides: {
    name: string;
    sources: string[];
    asOf: string | null;
    salaryQuarter: string | null;
    dataQuality: string | null;
    reviewDue: string | null;
    pastReview: boolean;
  }[];
  rates: Rate[];
  /** Lines that say what is estimated ("the band is an estimated slice of L3–L5"). */
  estimated: string[];
  /** Other notes (an offer no guide covers, the currency of the amounts). */
  notes: string[];
  version: string;
}

function renderFooter(p: Provenance): string {
  const items: string[] = [];
  for (const g of p.guides) {
    const dates = [
      g.asOf ? `as of ${g.asOf}` : 'undated',
      g.salaryQuarter ? `salary data ${g.salaryQuarter}` : '',
      g.dataQuality ? `data quality: ${g.dataQuality}` : '',
      g.pastReview && g.reviewDue ? `past its review date (${g.reviewDue})` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const sources = g.sources.length
      ? `<ul>${g.sources.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`
      : '<p>No sources named.</p>';
    items.push(`<li><strong>${escapeHtml(g.name)}</strong> (${escapeHtml(dates)}). Sources:${sources}</li>`);
  }
  const guides = items.length
    ? `<h3>Guides</h3>\n<ul class="guides">${items.join('\n')}</ul>`
    : '<h3>Guides</h3>\n<p>No guide was used.</p>';
  const rates = p.rates.length
    ? `<h3>Exchange rates</h3>\n<ul class="rates">${p.rates.map((r) => `<li>1 ${escapeHtml(r.from)} = ${escapeHtml(String(r.rate))} ${escapeHtml(r.to)}, as of ${escapeHtml(r.asOf)} (${escapeHtml(r.source)})</li>`).join('')}</ul>`
    : '';
  const estimated = p.estimated.length
    ? `<h3>Estimated</h3>\n<ul class="estimated">${p.estimated.map((e) => `<li><span class="est">estimated</span> ${escapeHtml(e)}</li>`).join('')}</ul>`
    : '';
  const notes = p.notes.length
    ? `<h3>Notes</h3>\n<ul class="notes">${p.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    : '';
  return `<footer>\n<h2>Where the figures come from</h2>\n${guides}\n${rates}\n${estimated}\n${notes}\n<p class="made">Made by negotiate ${escapeHtml(p.version)}, offline. Annual TC = base + bonus + grant ÷ vesting years. Guide figures are a guide's estimates, not an offer.</p>\n</footer>`;
}

/** A chart in the page: its SVG (already escaped by vega and svg.ts; its title and description name it for screen readers). */
export function renderFigure(svg: string, name: string): string {
  return `<figure class="chart chart-${escapeHtml(name)}">\n${svg}\n</figure>`;
}

const CSS = `
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #ffffff; --muted: #555; --line: #d0d0d0; --card: #ffffff; --accent: #0a5a94; --mark: #7a4b00; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --bg: #16181b; --muted: #aaa; --line: #3c4046; --card: #ffffff; --accent: #8cc8f5; --mark: #f2c46d; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.45rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .6rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
p.lead { color: var(--muted); margin: 0 0 1rem; }
.verdict { font-weight: 600; padding: .6rem .8rem; border-left: 4px solid var(--accent); background: color-mix(in srgb, var(--accent) 10%, transparent); }
figure.chart { margin: 1rem 0; padding: .75rem; background: var(--card); border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .7rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--fg); }
td.num, th.num { text-align: right; }
.mark { color: var(--mark); font-weight: 700; white-space: nowrap; }
.est { font-style: italic; color: var(--mark); }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
footer ul { margin: .2rem 0 .6rem; padding-left: 1.2rem; }
.made { font-size: .8rem; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --line: #999; --accent: #000; --mark: #000; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  figure.chart { border: none; padding: 0; break-inside: avoid; page-break-inside: avoid; overflow: visible; }
  table { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
`.trim();

/** The whole page. `body` is markup built by the caller from escaped parts; the title is escaped here. */
export function renderHtmlPage(opts: { title: string; lead: string; body: string[]; provenance: Provenance }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load: no scripts, no connections, no frames; inline styles and images only.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(opts.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(opts.title)}</h1>`,
    `<p class="lead">${escapeHtml(opts.lead)}</p>`,
    ...opts.body,
    '</main>',
    renderFooter(opts.provenance),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
