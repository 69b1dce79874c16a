// Data-quality checks for `validate`: what a guide says that parses fine but does not add up. Pure.
import { computedTotalComp } from '../comp/bands.js';
import { parseLevelMapping } from '../comp/level-mapping.js';
import { currencySymbol, formatCompact, formatMoney, type TextRange } from '../comp/money.js';
import { editDistance, normaliseName } from '../text/names.js';
import type { CompRow, CompTable, GuideBody } from './body.js';
import { normaliseText } from './frontmatter.js';
import { repairMojibake } from './mojibake.js';
import { isOutOfDate, isPastReview, STALE_AFTER_MONTHS } from './review.js';
import type { ParsedGuide } from './parse.js';
import { BAND_FIELDS, GUIDE_FIELDS, LEVEL_MAPPING_FIELDS } from './schema.js';
import type { Band, Finding, GuideMeta, Range } from './types.js';

/** Stated total comp may differ from base + bonus + grant/years by this much (%, either end) before a warning. */
export const TOTAL_COMP_TOLERANCE_PCT = 10;
/** Body-table money agrees with the front matter within this fraction (tables round to $198K). */
export const TABLE_TOLERANCE = 0.01;

export interface CheckOptions {
  /** YYYY-MM-DD */
  today: string;
  /** Also report unknown front-matter fields. */
  strict: boolean;
}

const warning = (code: string, message: string, line?: number): Finding => ({
  severity: 'warning',
  code,
  message,
  ...(line !== undefined ? { line } : {}),
});

interface BandRef {
  /** "compensation[1] (Austin)" */
  name: string;
  /** " (compensation[1])", or "" when the front-matter index is not known. */
  suffix: string;
  /** The file line of one of the band's fields, or of the band. */
  line(field?: string): number | undefined;
}

/**
 * How findings name band i of the model, and where it is. When the loader dropped an invalid band, model
 * indexes no longer match the front matter's, so bands are named by region only, without a line.
 */
function bandRefs(meta: GuideMeta, fieldLines: Record<string, number>): (i: number) => BandRef {
  const items = Object.keys(fieldLines).filter((k) => /^compensation\[\d+\]$/.test(k)).length;
  const aligned = items === meta.bands.length;
  return (i) => {
    const region = meta.bands[i].region;
    if (!aligned) return { name: `the ${region} band`, suffix: '', line: () => undefined };
    const path = `compensation[${i}]`;
    return {
      name: `${path} (${region})`,
      suffix: ` (${path})`,
      line: (field) => (field ? fieldLines[`${path}.${field}`] : undefined) ?? fieldLines[path],
    };
  };
}

/** Signed percentage difference of a stated value from the computed one, one decimal: "+14.2%". */
export function percentDifference(stated: number, computed: number): number {
  if (computed === 0) return stated === 0 ? 0 : Infinity;
  return Math.round(((stated - computed) / computed) * 1000) / 10;
}

const signed = (pct: number) => (pct === Infinity ? '+∞%' : `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`);

/** "$198,000 + 10% + $215,000/4 = $271,550": the formula of record with one end's numbers. */
function formulaText(band: Band, end: 'low' | 'high', total: number): string {
  const parts = [formatMoney(band.base[end], band.currency)];
  if (band.bonusPct !== null) parts.push(`${band.bonusPct}%`);
  if (band.stock) parts.push(`${formatMoney(band.stock[end], band.currency)}/${band.stockYears}`);
  return `${parts.join(' + ')} = ${formatMoney(total, band.currency)}`;
}

/** Stated total comp against base + bonus + grant/years, per band: one warning per band that is off. */
export function checkTotalComp(meta: GuideMeta, fieldLines: Record<string, number> = {}): Finding[] {
  const findings: Finding[] = [];
  const ref = bandRefs(meta, fieldLines);
  meta.bands.forEach((band, i) => {
    if (!band.totalComp) return;
    const computed = computedTotalComp(band);
    const low = percentDifference(band.totalComp.low, computed.low);
    const high = percentDifference(band.totalComp.high, computed.high);
    if (Math.abs(low) <= TOTAL_COMP_TOLERANCE_PCT && Math.abs(high) <= TOTAL_COMP_TOLERANCE_PCT) return;
    const stated = `${formatMoney(band.totalComp.low, band.currency)}–${formatMoney(band.totalComp.high, band.currency)}`;
    findings.push(
      warning(
        'total-comp',
        `${ref(i).name}: stated total comp ${stated} is ${signed(low)} / ${signed(high)} off base + bonus + grant/years ` +
          `(low: ${formulaText(band, 'low', computed.low)}; high: ${formulaText(band, 'high', computed.high)}), ` +
          `more than ${TOTAL_COMP_TOLERANCE_PCT}% apart; correct total_comp_low/total_comp_high or the components they should add up to`,
        ref(i).line('total_comp_low'),
      ),
    );
  });
  return findings;
}

const within = (a: number, b: number, tolerance: number) =>
  Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));

const formatRange = (r: Range, format: (n: number) => string) =>
  r.low === r.high ? format(r.low) : `${format(r.low)}–${format(r.high)}`;
const formatPercentRange = (r: Range) => `${r.low === r.high ? r.low : `${r.low}–${r.high}`}%`;

/** A table cell's currency agrees with the band's when the band's symbol ends with it ("$" fits USD, CA$ …). */
function sameCurrency(cell: TextRange, band: Band): boolean {
  if (!cell.currency) return true;
  return currencySymbol(band.currency).trim().endsWith(currencySymbol(cell.currency).trim());
}

interface Component {
  label: string;
  fields: string;
  cell: (row: CompRow) => TextRange | null;
  band: (band: Band) => Range | null;
  money: boolean;
}

const COMPONENTS: Component[] = [
  { label: 'base', fields: 'base_low/base_high', cell: (r) => r.base, band: (b) => b.base, money: true },
  { label: 'stock', fields: 'stock_low/stock_high', cell: (r) => r.stock, band: (b) => b.stock, money: true },
  {
    label: 'bonus',
    fields: 'bonus_pct',
    cell: (r) => r.bonusPct,
    band: (b) => (b.bonusPct === null ? null : { low: b.bonusPct, high: b.bonusPct }),
    money: false,
  },
  {
    label: 'total comp',
    fields: 'total_comp_low/total_comp_high',
    cell: (r) => r.totalComp,
    band: (b) => b.totalComp,
    money: true,
  },
];

/** The body's comp table against the front matter: one warning per row and component that disagree. */
export function checkCompTable(
  meta: GuideMeta,
  table: CompTable | null,
  fieldLines: Record<string, number> = {},
): Finding[] {
  if (!table || table.rows.length === 0) return [];
  const findings: Finding[] = [];
  const ref = bandRefs(meta, fieldLines);
  const matched = new Set<number>();
  for (const row of table.rows) {
    const i = meta.bands.findIndex((b) => normaliseName(b.region) === normaliseName(row.region));
    if (i < 0) {
      findings.push(
        warning(
          'table-mismatch',
          `body comp table row "${row.region}" has no band in the front matter: add a compensation entry with region: ${row.region}, or remove the row`,
          row.line,
        ),
      );
      continue;
    }
    matched.add(i);
    const band = meta.bands[i];
    for (const c of COMPONENTS) {
      const cell = c.cell(row);
      if (!cell) continue;
      const where = `body comp table, ${row.region}`;
      const said = c.money
        ? formatRange(cell, (n) => formatCompact(n, cell.currency ?? band.currency))
        : formatPercentRange(cell);
      if (c.money && !sameCurrency(cell, band)) {
        findings.push(
          warning(
            'table-mismatch',
            `${where}: ${c.label} ${said} is in ${cell.currency}, but ${ref(i).name} is in ${band.currency}; write the table in ${band.currency}`,
            row.line,
          ),
        );
        continue;
      }
      const fm = c.band(band);
      const fmText = fm ? formatRange(fm, (n) => (c.money ? formatMoney(n, band.currency) : String(n))) : null;
      const tolerance = c.money ? TABLE_TOLERANCE : 0;
      if (fm && within(cell.low, fm.low, tolerance) && within(cell.high, fm.high, tolerance)) continue;
      findings.push(
        warning(
          'table-mismatch',
          fmText
            ? `${where}: ${c.label} ${said} but the front matter says ${c.fields} ${fmText}${ref(i).suffix}; make the table and the front matter agree`
            : `${where}: ${c.label} ${said} but ${ref(i).name} has no ${c.fields}; add it to the front matter or remove it from the table`,
          row.line,
        ),
      );
    }
  }
  meta.bands.forEach((band, i) => {
    if (!matched.has(i)) {
      findings.push(
        warning(
          'table-mismatch',
          `${ref(i).name} is missing from the body comp table (line ${table.line}): add a row for ${band.region}`,
          ref(i).line(),
        ),
      );
    }
  });
  return findings;
}

/** The review date has passed. */
export function checkReviewDate(meta: GuideMeta, today: string, fieldLines: Record<string, number> = {}): Finding[] {
  if (isOutOfDate(meta, today)) {
    return [
      warning(
        'stale',
        `last_updated ${meta.lastUpdated} is more than ${STALE_AFTER_MONTHS} months before today (${today}) and there is no next_review_due: review the data, update it and set next_review_due`,
        fieldLines.last_updated,
      ),
    ];
  }
  if (!isPastReview(meta, today)) return [];
  return [
    warning(
      'review-passed',
      `next_review_due ${meta.reviewDue} has passed (today is ${today}): review the data, update it and set a new next_review_due`,
      fieldLines.next_review_due,
    ),
  ];
}

/** The 1-based lines of a file's text that carry mojibake (what the loader repairs). */
export function findMojibakeLines(text: string): number[] {
  const lines: number[] = [];
  normaliseText(text)
    .split('\n')
    .forEach((line, i) => {
      if (repairMojibake(line).repairs > 0) lines.push(i + 1);
    });
  return lines;
}

const MAX_LINES_LISTED = 5;

/** How many mojibake sequences the loader repaired, and on which lines when the caller knows them. */
export function checkMojibake(repairs: number, lines: number[] = []): Finding[] {
  if (repairs === 0) return [];
  const n = repairs === 1 ? '1 mojibake sequence was' : `${repairs} mojibake sequences were`;
  const listed = lines.slice(0, MAX_LINES_LISTED).join(', ') + (lines.length > MAX_LINES_LISTED ? ', …' : '');
  const where =
    lines.length === 0 ? '' : lines.length === 1 ? ` on line ${listed}` : ` on ${lines.length} lines (${listed})`;
  return [
    warning(
      'mojibake',
      `${n} repaired${where}: UTF-8 text once read as Windows-1252, such as "â€“" for "–"; commands show the repaired text; re-save the file as UTF-8 to fix it at the source`,
      lines[0],
    ),
  ];
}

/** No numbered levers for `levers` and `draft` to quote. */
export function checkLevers(body: GuideBody, bodyLine: number): Finding[] {
  if (body.levers.length > 0) return [];
  const sections = body.leverSections.length
    ? ` (found ${body.leverSections.length} lever section${body.leverSections.length === 1 ? '' : 's'}, but no numbered levers)`
    : '';
  return [
    warning(
      'no-levers',
      `no levers${sections}: add numbered items like 1. **Title:** "what you would say", under a **Global Levers** heading, so that levers and draft have scripts to quote`,
      bodyLine,
    ),
  ];
}

/**
 * The level mapping as `levels` and `--level` will read it: what the parser had to guess, the guide's
 * own entry without a level range, and a body "Level Mapping:" line that says something else.
 */
export function checkLevelMapping(
  meta: GuideMeta,
  body: GuideBody | null,
  fieldLines: Record<string, number> = {},
): Finding[] {
  const raw = meta.levelMapping.raw;
  if (!raw?.trim()) return [];
  const line = fieldLines['level_mapping.raw'] ?? fieldLines.level_mapping;
  const mapping = parseLevelMapping(raw, meta.levelMapping.internal, [meta.companyName]);
  const findings = mapping.warnings.map((w) =>
    warning(
      'level-mapping',
      `${w}; make level_mapping.internal name one of the entries`,
      fieldLines['level_mapping.internal'] ?? line,
    ),
  );
  const own = mapping.entries[0];
  if (own && own.levels.length === 0) {
    findings.push(
      warning(
        'level-mapping',
        `level_mapping: the guide's own entry "${own.raw}" gives no level range, so levels --from and --level cannot place a level in its bands; write it like "${own.raw} (L3-L5)"`,
        line,
      ),
    );
  }
  const said = body?.levelMapping;
  const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
  if (said && squash(said) !== squash(raw)) {
    findings.push(
      warning(
        'level-mapping',
        `the body's Level Mapping says "${squash(said)}" but level_mapping.raw says "${squash(raw)}"; make them agree (commands use the front matter)`,
        line,
      ),
    );
  }
  return findings;
}

/**
 * The strategy's findings (strategy-unread, strategy-bounds, strategy-disagrees: read by guides/strategy.ts),
 * and a floor above the target in the prose (in the block it is an error of the schema).
 */
export function checkStrategy(_meta: GuideMeta, body: GuideBody | null): Finding[] {
  const st = body?.strategy;
  if (!st) return [];
  const findings: Finding[] = [...st.findings];
  if (st.source === 'block') return findings;
  const pairs = [
    ['base', st.targetBase, st.floorBase],
    ['stock', st.targetStock, st.floorStock],
  ] as const;
  for (const [what, target, floor] of pairs) {
    if (target && floor && target.currency === floor.currency && floor.amount > target.amount) {
      findings.push(
        warning(
          'strategy-bounds',
          `the Negotiate Up Strategy's walk-away ${what} ${formatMoney(floor.amount, floor.currency)} is above its target ${what} ${formatMoney(target.amount, target.currency)}; the floor ("Accept at …") should be at or below the target`,
          st.line,
        ),
      );
    }
  }
  return findings;
}

/** Known field names at the level of an unknown field's path, for "did you mean". */
function knownFieldsFor(path: string): string[] {
  if (/^compensation\[\d+\]\./.test(path)) return Object.keys(BAND_FIELDS);
  if (path.startsWith('level_mapping.')) return Object.keys(LEVEL_MAPPING_FIELDS);
  return Object.keys(GUIDE_FIELDS);
}

/** Front-matter fields the schema does not know (kept and ignored; reported with --strict). */
export function checkUnknownFields(meta: GuideMeta, fieldLines: Record<string, number> = {}): Finding[] {
  return meta.unknownFields.map((path) => {
    const name = path.slice(path.lastIndexOf('.') + 1);
    const close = knownFieldsFor(path)
      .map((known) => ({ known, d: editDistance(name.toLowerCase(), known) }))
      .filter((c) => c.d <= Math.max(2, Math.floor(c.known.length / 3)))
      .sort((a, b) => a.d - b.d)[0];
    const hint = close ? `did you mean "${close.known}"?` : `known fields: ${knownFieldsFor(path).join(', ')}`;
    return warning('unknown-field', `unknown field "${path}" (kept but ignored); ${hint}`, fieldLines[path]);
  });
}

/** Every data-quality warning for one parsed guide (the schema's own findings are the guide's). */
export function checkGuideQuality(
  guide: ParsedGuide,
  body: GuideBody | null,
  opts: CheckOptions,
  mojibakeLines: number[] = [],
): Finding[] {
  const meta = guide.meta;
  const lines = guide.fieldLines ?? {};
  const findings: Finding[] = [];
  if (meta) {
    findings.push(...checkReviewDate(meta, opts.today, lines));
    findings.push(...checkTotalComp(meta, lines));
    if (body) findings.push(...checkCompTable(meta, body.compTable, lines));
    findings.push(...checkLevelMapping(meta, body, lines));
    findings.push(...checkStrategy(meta, body));
    if (opts.strict) findings.push(...checkUnknownFields(meta, lines));
  }
  if (body && meta) findings.push(...checkLevers(body, guide.bodyLine));
  findings.push(...checkMojibake(guide.repairs, mojibakeLines));
  return findings;
}
