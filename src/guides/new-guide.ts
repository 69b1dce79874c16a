// Guide files as `negotiate new` writes them: a whole new guide from bands, sources, levers and a strategy;
// and surgical edits of an existing guide's text (a band added or replaced, its comp-table row, the dates,
// sources, a strategy block), which keep every other byte: comments, field order, the rest of the body.
// Pure: text in, text out.
import { formatCompact, formatMoney, formatPercent } from '../comp/money.js';
import { normaliseName } from '../text/names.js';

export interface NewRange {
  low: number;
  high: number;
}

export interface NewBand {
  region: string;
  currency: string;
  base: NewRange;
  stock: NewRange | null;
  /** The years the grant vests over (front matter `stock_years`); null when no stock is given. */
  stockYears: number | null;
  bonusPct: number | null;
}

export interface NewLever {
  title: string;
  script: string;
}

export interface NewStrategy {
  currency: string;
  target: { base?: number; stock?: number; bonusPct?: number };
  floor: { base?: number; stock?: number };
}

export interface NewGuide {
  company: string;
  companyName: string;
  role: string;
  roleName: string;
  bands: NewBand[];
  sources: string[];
  /** `level_mapping.raw`, e.g. "Acme (L3-L5) = Google L4-L6"; null when none. */
  levelMapping: string | null;
  levers: NewLever[];
  strategy: NewStrategy | null;
}

/** "Acme Corp, Inc." → "acme-corp-inc"; "Zürich Labs" → "zurich-labs". Empty when nothing is left. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The file a company + role is written to. */
export const guideFileName = (company: string, role: string) => `${company}--${role}.md`;

/** YYYY-MM-DD plus `months` months (the day clamped to the month's end: 2026-08-31 + 6 → 2027-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${ny}-${pad(nm)}-${pad(Math.min(d, last))}`;
}

/** How long a guide's data is good for: `next_review_due` is this many months after the data. */
export const REVIEW_MONTHS = 6;

// ---- YAML scalars ---------------------------------------------------------------------------------

const YAML_WORDS = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

/** A YAML scalar for text: plain when that reads back as the same string, else double-quoted (JSON). */
export function yamlString(text: string): string {
  const plain =
    /^[\p{L}\p{N}][\p{L}\p{N} .,()'/&+_-]*$/u.test(text) &&
    !/\s$/.test(text) &&
    !YAML_WORDS.test(text) &&
    !/^[\d.+-][\d.,_+-]*$/.test(text);
  return plain ? text : JSON.stringify(text);
}

const num = (n: number) => String(Math.round(n * 100) / 100);

/** A band as YAML lines: `dash` before the first key, `indent` before the others. */
export function bandYaml(band: NewBand, dash = '  - ', indent = '    '): string[] {
  const fields: [string, string][] = [
    ['region', yamlString(band.region)],
    ['currency', band.currency],
    ['base_low', num(band.base.low)],
    ['base_high', num(band.base.high)],
  ];
  if (band.stock) {
    fields.push(['stock_low', num(band.stock.low)], ['stock_high', num(band.stock.high)]);
    if (band.stockYears !== null) fields.push(['stock_years', String(band.stockYears)]);
  }
  if (band.bonusPct !== null) fields.push(['bonus_pct', num(band.bonusPct)]);
  return fields.map(([k, v], i) => `${i === 0 ? dash : indent}${k}: ${v}`);
}

/** The front-matter `strategy` block (SPEC §2), lines. */
export function strategyYaml(s: NewStrategy): string[] {
  const lines = ['strategy:', `  currency: ${s.currency}`];
  const target = [
    s.target.base !== undefined ? `base: ${num(s.target.base)}` : null,
    s.target.stock !== undefined ? `stock: ${num(s.target.stock)}` : null,
    s.target.bonusPct !== undefined ? `bonus_pct: ${num(s.target.bonusPct)}` : null,
  ].filter(Boolean);
  const floor = [
    s.floor.base !== undefined ? `base: ${num(s.floor.base)}` : null,
    s.floor.stock !== undefined ? `stock: ${num(s.floor.stock)}` : null,
  ].filter(Boolean);
  if (target.length) lines.push(`  target: { ${target.join(', ')} }`);
  if (floor.length) lines.push(`  floor: { ${floor.join(', ')} }  # walk-away floor: private, never in a message`);
  return lines;
}

// ---- the body ---------------------------------------------------------------------------------------

/** Currencies whose symbol every reader of guide prose places without doubt; others are written as codes. */
const SYMBOL_CURRENCIES = new Set(['USD', 'GBP', 'EUR', 'INR', 'JPY']);

/** One amount as the comp table writes it: "$132K", "$95,500", "CHF 150K". */
function cellAmount(n: number, currency: string): string {
  const round = n % 1000 === 0;
  if (SYMBOL_CURRENCIES.has(currency)) return round ? formatCompact(n, currency) : formatMoney(n, currency);
  const digits = round && n >= 1000 ? `${n / 1000}K` : String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${digits}`;
}

const cellRange = (r: NewRange, currency: string) =>
  r.low === r.high ? cellAmount(r.low, currency) : `${cellAmount(r.low, currency)}–${cellAmount(r.high, currency)}`;

/** The comp-table cell of a column (by its header) for a band. */
function cellFor(header: string, band: NewBand): string {
  const h = header.toLowerCase();
  if (/region|location|city/.test(h)) return band.region.replace(/\|/g, '\\|');
  if (/base|salary/.test(h)) return cellRange(band.base, band.currency);
  if (/stock|rsu|equity/.test(h)) return band.stock ? cellRange(band.stock, band.currency) : '—';
  if (/bonus/.test(h)) return band.bonusPct !== null ? formatPercent(band.bonusPct) : '—';
  if (/currency/.test(h)) return band.currency;
  return '—';
}

/** The comp table's stock header: the vesting years when every band with stock shares them. */
function stockHeader(bands: NewBand[]): string {
  const years = [...new Set(bands.filter((b) => b.stock).map((b) => b.stockYears ?? 4))];
  return years.length <= 1 ? `Stock (RSU/${years[0] ?? 4}yr)` : 'Stock (grant)';
}

const tableRow = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** The Negotiate Up Strategy quote, as guides write it (agrees with the front-matter block). */
export function strategyQuote(s: NewStrategy, band: NewBand | undefined): string {
  const m = (n: number) => formatMoney(n, s.currency);
  const target: string[] = [];
  if (s.target.base !== undefined) target.push(`${m(s.target.base)} base`);
  if (s.target.stock !== undefined) target.push(`${m(s.target.stock)} RSUs over ${band?.stockYears ?? 4} years`);
  if (s.target.bonusPct !== undefined)
    target.push(`${formatPercent(s.target.bonusPct).replace('.0%', '%')} performance bonus`);
  const floor: string[] = [];
  if (s.floor.base !== undefined) floor.push(`${m(s.floor.base)}+ base`);
  if (s.floor.stock !== undefined) floor.push(`${m(s.floor.stock)}+ RSUs`);
  const pitch = target.length
    ? `"I'm targeting ${target.length > 1 ? `${target.slice(0, -1).join(', ')} and ${target.at(-1)}` : target[0]}."`
    : '';
  const accept = floor.length ? `Accept at ${floor.join(' and ')}.` : '';
  return `> **Negotiate Up Strategy:** ${[pitch, accept].filter(Boolean).join(' ')}`;
}

const LEVER_GUIDANCE = [
  '<!-- Levers: what you bring that the company pays for. Write each as a numbered item with a bold title',
  '     and a quoted script you could say, under a bold "Global Levers" line, e.g.',
  '',
  '       1. Scale: "I run pipelines that move 40 TB a day." (with the title in double asterisks)',
  '',
  '     negotiate draft quotes them in counter-offers; negotiate levers lists them. -->',
];

const STRATEGY_GUIDANCE = [
  '<!-- Strategy: your target and your walk-away floor. Add them to the front matter as a block',
  '     named strategy with target and floor maps (base, stock, bonus_pct), or run negotiate new again',
  '     for this company and role with --target-base and --floor-base. evaluate and draft use them;',
  '     the floor is private and never appears in a drafted message. -->',
];

/** A whole new guide file: front matter, then a body generated from the bands, levers and strategy. */
export function renderNewGuide(g: NewGuide, today: string): string {
  const fm: string[] = [
    '---',
    `company: ${g.company}`,
    `company_display: ${yamlString(g.companyName)}`,
    `role: ${g.role}`,
    `role_display: ${yamlString(g.roleName)}`,
  ];
  fm.push(`last_updated: ${today}`, `next_review_due: ${addMonths(today, REVIEW_MONTHS)}`, 'compensation:');
  for (const b of g.bands) fm.push(...bandYaml(b));
  if (g.levelMapping) fm.push('level_mapping:', '  internal: null', `  raw: ${yamlString(g.levelMapping)}`);
  fm.push('data_sources:', ...g.sources.map((s) => `  - ${yamlString(s)}`));
  if (g.strategy) fm.push(...strategyYaml(g.strategy));
  fm.push('---');

  const header = ['Region', 'Base Salary', stockHeader(g.bands), 'Bonus'];
  const body: string[] = [
    `### ${g.roleName} | ${g.companyName}`,
    '',
    `<!-- Written by negotiate new on ${today}. Edit freely; negotiate validate checks it. -->`,
    '',
    tableRow(header),
    tableRow(header.map((h) => '-'.repeat(Math.max(3, h.length)))),
    ...g.bands.map((b) => tableRow(header.map((h) => cellFor(h, b)))),
    '',
  ];
  if (g.levelMapping) body.push(`**Level Mapping:** ${g.levelMapping}`, '');
  if (g.levers.length) {
    body.push(
      '**Global Levers**',
      '',
      ...g.levers.map((l, i) => `${i + 1}. **${l.title.replace(/\*/g, '')}:** "${l.script.replace(/"/g, '\u201d')}"`),
      '',
    );
  } else body.push(...LEVER_GUIDANCE, '');
  if (g.strategy)
    body.push(
      strategyQuote(
        g.strategy,
        g.bands.find((b) => b.currency === g.strategy!.currency),
      ),
      '',
    );
  else body.push(...STRATEGY_GUIDANCE, '');
  body.push('**Evidence & Sources**', '', ...g.sources.map((s) => `- ${s}`), '');
  return `${fm.join('\n')}\n${body.join('\n')}`;
}

// ---- surgical edits of an existing guide's text -----------------------------------------------------

/** An existing guide file's text, split where edits happen. Line arrays keep their original line ends. */
interface Split {
  bom: string;
  eol: string;
  /** Front-matter lines between the two `---` lines (no line ends). */
  fm: string[];
  open: string;
  close: string;
  body: string[];
}

export class GuideEditError extends Error {}

function splitGuide(text: string): Split {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const rest = text.slice(bom.length);
  const eol = /\r\n/.test(rest.slice(0, 4096)) ? '\r\n' : '\n';
  const lines = rest.split(/\r?\n/);
  if (lines[0].trimEnd() !== '---')
    throw new GuideEditError('the file does not start with front matter (a line "---")');
  const end = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(l));
  if (end < 0) throw new GuideEditError('the front matter has no closing "---" line');
  return { bom, eol, open: lines[0], fm: lines.slice(1, end), close: lines[end], body: lines.slice(end + 1) };
}

const joinGuide = (s: Split) => s.bom + [s.open, ...s.fm, s.close, ...s.body].join(s.eol);

/** The top-level key a front-matter line starts (col 0), or null. */
const topKey = (line: string) => /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1] ?? null;
const isContinuation = (line: string) =>
  line === '' || /^\s/.test(line) || line.startsWith('-') || line.startsWith('#');

/** The lines [start, end) of a top-level key's block, end past its last non-blank, non-comment line. */
function blockOf(fm: string[], key: string): { start: number; end: number } | null {
  const start = fm.findIndex((l) => topKey(l) === key);
  if (start < 0) return null;
  let end = start + 1;
  for (let i = start + 1; i < fm.length && isContinuation(fm[i]); i++) {
    if (fm[i].trim() !== '' && !fm[i].trim().startsWith('#')) end = i + 1;
  }
  return { start, end };
}

/** The items of a block sequence: each item's first line and end (exclusive), and the layout of its keys. */
function sequenceItems(
  fm: string[],
  block: { start: number; end: number },
): { items: { start: number; end: number }[]; dash: string; indent: string } {
  if (/:\s*\S/.test(fm[block.start].replace(/\s+#.*$/, '')))
    throw new GuideEditError(
      `"${topKey(fm[block.start])}" is written on one line (flow style); it can only be edited by hand`,
    );
  const starts: number[] = [];
  let dashCol = -1;
  for (let i = block.start + 1; i < block.end; i++) {
    const m = /^(\s*)- /.exec(fm[i]) ?? /^(\s*)-$/.exec(fm[i]);
    if (m && (dashCol < 0 || m[1].length === dashCol)) {
      dashCol = m[1].length;
      starts.push(i);
    }
  }
  const items = starts.map((s, k) => {
    let end = k + 1 < starts.length ? starts[k + 1] : block.end;
    while (end > s + 1 && (fm[end - 1].trim() === '' || fm[end - 1].trim().startsWith('#'))) end--;
    return { start: s, end };
  });
  const first = items.length ? fm[items[0].start] : '  - x';
  const dm = /^(\s*-\s+)/.exec(first);
  const dash = dm ? dm[1] : '  - ';
  return { items, dash, indent: ' '.repeat(dash.length) };
}

const regionOfItem = (fm: string[], item: { start: number; end: number }) => {
  for (let i = item.start; i < item.end; i++) {
    const m = /^(?:\s*-\s+|\s+)region\s*:\s*(.*?)\s*(?:#.*)?$/.exec(fm[i]);
    if (m) return m[1].replace(/^["']|["']$/g, '');
  }
  return null;
};

/** Sets a top-level scalar (`last_updated: …`), keeping a trailing comment; inserted before `before` when absent (if `insert`). */
function setScalar(fm: string[], key: string, value: string, insert: { before: string } | null): void {
  const i = fm.findIndex((l) => topKey(l) === key);
  if (i >= 0) {
    const comment = /\s+#.*$/.exec(fm[i].slice(key.length + 1).replace(/^\s*(["'])(?:(?!\1).)*\1/, ''))?.[0] ?? '';
    fm[i] = `${key}: ${value}${comment}`;
  } else if (insert) {
    const at = fm.findIndex((l) => topKey(l) === insert.before);
    fm.splice(at < 0 ? fm.length : at, 0, `${key}: ${value}`);
  }
}

/** The body's comp table: the line of its header, its columns, and its last row's line (indexes into body). */
function findCompTable(body: string[]): { header: number; columns: string[]; rows: number[] } | null {
  let fence = false;
  for (let i = 0; i + 1 < body.length; i++) {
    if (/^\s{0,3}(```|~~~)/.test(body[i])) fence = !fence;
    if (fence) continue;
    if (!/^\s*\|/.test(body[i]) || !/^\s*\|?\s*:?-{2,}/.test(body[i + 1])) continue;
    const columns = splitRow(body[i]);
    if (!columns.some((c) => /region|location|city/i.test(c))) continue;
    const rows: number[] = [];
    for (let j = i + 2; j < body.length && /^\s*\|/.test(body[j]); j++) rows.push(j);
    return { header: i, columns, rows };
  }
  return null;
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.replace(/\*\*|__/g, '').trim());
}

export interface EditResult {
  text: string;
  /** What was done, for notes: "added the band Toronto", "replaced the band London". */
  changes: string[];
}

export interface BandEdit {
  band: NewBand;
  /** Replace an existing band of this region (the caller has checked --force). */
  replace: boolean;
}

/**
 * Adds (or replaces) bands in a guide's text, with their comp-table rows, and sets the dates: last_updated
 * today and, when `moveReview` and the guide has one, next_review_due six months on. Also adds sources not
 * yet listed, and a strategy block (replacing one only when `replaceStrategy`). Everything else is kept
 * byte for byte.
 */
export function editGuideText(
  text: string,
  edits: BandEdit[],
  opts: { today: string; moveReview: boolean; sources: string[]; strategy: NewStrategy | null; levers: NewLever[] },
): EditResult {
  const s = splitGuide(text);
  const changes: string[] = [];
  const comp = blockOf(s.fm, 'compensation');
  if (!comp) throw new GuideEditError('the front matter has no compensation list');
  const table = findCompTable(s.body);
  const tableEdits: { row: number | null; cells: string[] }[] = [];

  // Replacements first (line counts change only inside the block), then additions at its end.
  for (const e of edits.filter((x) => x.replace)) {
    const { items, dash, indent } = sequenceItems(s.fm, blockOf(s.fm, 'compensation')!);
    const item = items.find((it) => normaliseName(regionOfItem(s.fm, it) ?? '') === normaliseName(e.band.region));
    if (!item) throw new GuideEditError(`the guide has no band ${e.band.region} to replace`);
    s.fm.splice(item.start, item.end - item.start, ...bandYaml(e.band, dash, indent));
    changes.push(`replaced the band ${e.band.region}`);
  }
  for (const e of edits.filter((x) => !x.replace)) {
    const block = blockOf(s.fm, 'compensation')!;
    const { dash, indent } = sequenceItems(s.fm, block);
    s.fm.splice(block.end, 0, ...bandYaml(e.band, dash, indent));
    changes.push(`added the band ${e.band.region}`);
  }
  if (table) {
    for (const e of edits) {
      const row = table.rows.find((r) => {
        const cells = splitRow(s.body[r]);
        const regionCol = table.columns.findIndex((c) => /region|location|city/i.test(c));
        return normaliseName(cells[regionCol] ?? '') === normaliseName(e.band.region);
      });
      tableEdits.push({ row: row ?? null, cells: table.columns.map((c) => cellFor(c, e.band)) });
    }
    // Rows replaced in place; new rows after the last row, in order.
    let after = table.rows.length ? table.rows[table.rows.length - 1] : table.header + 1;
    for (const t of tableEdits) {
      if (t.row !== null) s.body[t.row] = tableRow(t.cells);
      else {
        s.body.splice(after + 1, 0, tableRow(t.cells));
        after++;
      }
    }
  }

  setScalar(s.fm, 'last_updated', opts.today, { before: 'compensation' });
  if (opts.moveReview) setScalar(s.fm, 'next_review_due', addMonths(opts.today, REVIEW_MONTHS), null);

  const newSources = opts.sources.filter(
    (src) => !s.fm.some((l) => l.trim() === `- ${yamlString(src)}` || l.trim() === `- ${src}`),
  );
  if (newSources.length) {
    const block = blockOf(s.fm, 'data_sources');
    if (block) {
      const { items, dash } = sequenceItems(s.fm, block);
      const at = items.length ? items[items.length - 1].end : block.end;
      s.fm.splice(at, 0, ...newSources.map((src) => `${dash}${yamlString(src)}`));
    } else s.fm.push('data_sources:', ...newSources.map((src) => `  - ${yamlString(src)}`));
    changes.push(`added the source${newSources.length > 1 ? 's' : ''} ${newSources.join('; ')}`);
  }

  if (opts.strategy) {
    const block = blockOf(s.fm, 'strategy');
    if (block) {
      s.fm.splice(block.start, block.end - block.start, ...strategyYaml(opts.strategy));
      changes.push('replaced the strategy');
    } else {
      s.fm.push(...strategyYaml(opts.strategy));
      changes.push('added a strategy');
    }
  }
  if (opts.levers.length) {
    // Numbered on from the levers the guide has, under a "Global Levers" line (not a lever section of its own).
    const first = s.body.filter((l) => /^\s{0,3}\d{1,3}[.)]\s+\*\*/.test(l)).length + 1;
    while (s.body.length && s.body[s.body.length - 1].trim() === '') s.body.pop();
    const items = opts.levers.map(
      (l, i) => `${first + i}. **${l.title.replace(/\*/g, '')}:** "${l.script.replace(/"/g, '\u201d')}"`,
    );
    s.body.push('', `<!-- levers added by negotiate new on ${opts.today} -->`, '**Global Levers**', '', ...items, '');
    changes.push(`added ${opts.levers.length} lever${opts.levers.length > 1 ? 's' : ''}`);
  }
  return { text: joinGuide(s), changes };
}

/** True when the guide's front matter has a strategy block (writing another replaces it: --force). */
export function hasStrategyBlock(text: string): boolean {
  try {
    return blockOf(splitGuide(text).fm, 'strategy') !== null;
  } catch {
    return false;
  }
}
