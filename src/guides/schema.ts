// The front-matter schema, declared once: it checks guides and generates schema/guide.schema.json.
import { isCurrencyCode, MAX_AMOUNT } from '../comp/money.js';
import { isRealDate } from '../text/date.js';
import { formatFieldPath } from './frontmatter.js';
import { figureBounds, formatBounds } from './strategy-bounds.js';
import type { Band, Finding, GuideMeta, StrategyBlock, StrategyFigures } from './types.js';

type FieldType =
  | 'slug'
  | 'text'
  | 'date'
  | 'amount'
  | 'percent'
  | 'years'
  | 'currency'
  | 'textList'
  | 'nullableText'
  | 'object'
  | 'bandList'
  | 'strategy'
  | 'figures';

interface FieldSpec {
  type: FieldType;
  required?: boolean;
  description: string;
}

export const GUIDE_FIELDS: Record<string, FieldSpec> = {
  company: { type: 'slug', required: true, description: 'Company slug, e.g. cloudflare-workers' },
  company_display: { type: 'text', description: 'Company name as shown (default: the slug)' },
  role: { type: 'slug', required: true, description: 'Role slug, e.g. ml-ai-engineer' },
  role_display: { type: 'text', description: 'Role name as shown (default: the slug)' },
  role_type: { type: 'text', description: 'Kind of role, e.g. standard' },
  last_updated: { type: 'date', description: 'When the data was gathered (YYYY-MM-DD)' },
  data_quality: { type: 'text', description: 'e.g. high, medium, low' },
  salary_data_quarter: { type: 'text', description: 'e.g. 2025-Q4' },
  next_review_due: { type: 'date', description: 'When the data should be reviewed (YYYY-MM-DD)' },
  compensation: { type: 'bandList', required: true, description: 'Compensation bands, one per region' },
  level_mapping: { type: 'object', description: 'Level mapping across companies' },
  data_sources: { type: 'textList', description: 'Where the data comes from' },
  negotiation_dna_summary: { type: 'text', description: 'One-line summary of how this company pays' },
  strategy: { type: 'strategy', description: 'The negotiate-up strategy as data: canonical over the prose quote' },
};

/** The strategy block (SPEC §2): its figures belong to the first band in its currency. */
export const STRATEGY_FIELDS: Record<string, FieldSpec> = {
  currency: { type: 'currency', description: "ISO 4217 code of the figures (default: the first band's currency)" },
  target: {
    type: 'figures',
    description:
      "Negotiate-up targets: base, stock (the whole grant over the band's stock_years), bonus_pct; any subset",
  },
  floor: { type: 'figures', description: 'Walk-away floor: base, stock; private, never in a message' },
  example_competitors: {
    type: 'textList',
    description: 'The guide\'s example competing offers, e.g. "Google ML at $420K TC" (never the user\'s offers)',
  },
};

export const TARGET_FIELDS: Record<string, FieldSpec> = {
  base: { type: 'amount', description: 'Base salary' },
  stock: { type: 'amount', description: "Whole stock grant over the band's stock_years" },
  bonus_pct: { type: 'percent', description: 'Target bonus as % of base (0–100)' },
};

export const FLOOR_FIELDS: Record<string, FieldSpec> = {
  base: { type: 'amount', description: 'Lowest base salary to accept' },
  stock: { type: 'amount', description: "Lowest whole stock grant to accept, over the band's stock_years" },
};

export const BAND_FIELDS: Record<string, FieldSpec> = {
  region: { type: 'text', required: true, description: 'Region or city, e.g. London' },
  currency: { type: 'currency', required: true, description: 'ISO 4217 code, e.g. GBP' },
  base_low: { type: 'amount', required: true, description: 'Base salary, low end of the band' },
  base_high: { type: 'amount', required: true, description: 'Base salary, high end of the band' },
  stock_low: { type: 'amount', description: 'Whole stock grant over the vesting period, low end' },
  stock_high: { type: 'amount', description: 'Whole stock grant over the vesting period, high end' },
  stock_years: {
    type: 'years',
    description: 'Years the stock grant vests over (1–10; default: the body table header "Stock (RSU/4yr)", then 4)',
  },
  bonus_pct: { type: 'percent', description: 'Target bonus as % of base (0–100)' },
  total_comp_low: { type: 'amount', description: 'Total comp as stated by the guide, low end' },
  total_comp_high: { type: 'amount', description: 'Total comp as stated by the guide, high end' },
};

export const LEVEL_MAPPING_FIELDS: Record<string, FieldSpec> = {
  internal: { type: 'nullableText', description: "The guide's own company entry in the mapping (default: the first)" },
  raw: { type: 'text', description: 'e.g. "Cloudflare ML/AI (L3-L5) = Google ML L4-L6 = Meta ML E4-E6"' },
};

/** low/high pairs of a band, with the name used in messages and in the model. */
export const BAND_RANGES = [
  ['base_low', 'base_high'],
  ['stock_low', 'stock_high'],
  ['total_comp_low', 'total_comp_high'],
] as const;

const EXAMPLES: Record<FieldType, string> = {
  slug: 'lower-case letters, digits and hyphens, e.g. cloudflare-workers',
  text: 'text',
  date: 'a date YYYY-MM-DD, e.g. 2026-02-23',
  amount: `a number from 0 to ${MAX_AMOUNT.toExponential()}, e.g. 132000`,
  percent: 'a number from 0 to 100, e.g. 10',
  years: 'a whole number of years from 1 to 10, e.g. 4',
  currency: 'an ISO 4217 code, e.g. USD, GBP, EUR',
  textList: 'a list of text',
  nullableText: 'text or null',
  object: 'a mapping',
  bandList: 'a list of bands (region, currency, base_low, base_high …)',
  strategy: 'a mapping: currency, target { base, stock, bonus_pct }, floor { base, stock }, example_competitors',
  figures: 'a mapping of amounts, e.g. { base: 150000, stock: 200000 }',
};

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why a value does not fit its type, or undefined when it does. */
function checkType(type: FieldType, value: unknown): string | undefined {
  switch (type) {
    case 'slug':
      return typeof value === 'string' && SLUG_RE.test(value) ? undefined : 'is not a slug';
    case 'text':
      return typeof value === 'string' || typeof value === 'number' ? undefined : 'is not text';
    case 'nullableText':
      return value === null || typeof value === 'string' ? undefined : 'is not text or null';
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? undefined : 'is not a date';
    case 'amount':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'is not a number';
      if (value < 0) return 'is negative';
      if (value > MAX_AMOUNT) return 'is absurdly large';
      return undefined;
    case 'percent':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'is not a number';
      return value < 0 || value > 100 ? 'is out of range' : undefined;
    case 'years':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'is not a whole number';
      return value < 1 || value > 10 ? 'is out of range' : undefined;
    case 'currency':
      if (typeof value !== 'string') return 'is not a currency code';
      return isCurrencyCode(value) ? undefined : 'is not a known ISO 4217 currency code';
    case 'textList':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'is not a list of text';
    case 'object':
    case 'strategy':
    case 'figures':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : 'is not a mapping';
    case 'bandList':
      if (!Array.isArray(value)) return 'is not a list';
      return value.length === 0 ? 'is empty' : undefined;
  }
}

export type Locate = (path: (string | number)[]) => number | undefined;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Checks the fields of one mapping against their specs; returns the fields that passed. */
function checkFields(
  data: Record<string, unknown>,
  specs: Record<string, FieldSpec>,
  path: (string | number)[],
  locate: Locate,
  findings: Finding[],
): { ok: Set<string>; unknown: string[] } {
  const ok = new Set<string>();
  const unknown: string[] = [];
  const name = (field: string) => formatFieldPath([...path, field]);
  for (const [field, spec] of Object.entries(specs)) {
    const has = Object.hasOwn(data, field);
    const value = has ? data[field] : undefined;
    if (!has || value === undefined || (value === null && spec.type !== 'nullableText')) {
      if (spec.required) {
        findings.push({
          severity: 'error',
          code: 'missing-field',
          message: `missing required field "${name(field)}" (${EXAMPLES[spec.type]})`,
          line: locate(path.length ? path : []),
        });
      }
      continue;
    }
    const problem = checkType(spec.type, value);
    if (problem) {
      findings.push({
        severity: 'error',
        code:
          spec.type === 'currency' ? 'unknown-currency' : problem === 'is negative' ? 'negative-amount' : 'wrong-type',
        message: `"${name(field)}" ${problem}: ${describe(value)}; expected ${EXAMPLES[spec.type]}`,
        line: locate([...path, field]),
      });
      continue;
    }
    ok.add(field);
  }
  for (const field of Object.keys(data)) if (!Object.hasOwn(specs, field)) unknown.push(name(field)); // not `in`: "constructor" is in every object
  return { ok, unknown };
}

export interface SchemaResult {
  /** The checked front matter; absent when identity (company, role) or every band is unusable. */
  meta?: GuideMeta;
  findings: Finding[];
}

/**
 * Checks repaired front-matter data against the schema and builds the model.
 * `stockYears` comes from the body (the front matter does not carry it).
 */
export function checkFrontMatter(data: Record<string, unknown>, locate: Locate, stockYears: number): SchemaResult {
  const findings: Finding[] = [];
  const top = checkFields(data, GUIDE_FIELDS, [], locate, findings);
  const unknownFields = [...top.unknown];

  let levelMapping = { internal: null as string | null, raw: null as string | null };
  if (top.ok.has('level_mapping')) {
    const lm = data.level_mapping as Record<string, unknown>;
    const r = checkFields(lm, LEVEL_MAPPING_FIELDS, ['level_mapping'], locate, findings);
    unknownFields.push(...r.unknown);
    levelMapping = {
      internal: r.ok.has('internal') ? ((lm.internal as string | null) ?? null) : null,
      raw: r.ok.has('raw') ? String(lm.raw) : null,
    };
  }

  const bands: Band[] = [];
  if (top.ok.has('compensation')) {
    (data.compensation as unknown[]).forEach((raw, i) => {
      const path = ['compensation', i];
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        findings.push({
          severity: 'error',
          code: 'wrong-type',
          message: `"compensation[${i}]" is not a band (a mapping with region, currency, base_low …)`,
          line: locate(path),
        });
        return;
      }
      const band = raw as Record<string, unknown>;
      const before = findings.length;
      const r = checkFields(band, BAND_FIELDS, path, locate, findings);
      unknownFields.push(...r.unknown);
      for (const [lo, hi] of BAND_RANGES) {
        if (r.ok.has(lo) !== r.ok.has(hi) && lo in band !== hi in band) {
          findings.push({
            severity: 'error',
            code: 'missing-field',
            message: `compensation[${i}] has "${lo in band ? lo : hi}" without "${lo in band ? hi : lo}"`,
            line: locate(path),
          });
        } else if (r.ok.has(lo) && r.ok.has(hi) && (band[lo] as number) > (band[hi] as number)) {
          findings.push({
            severity: 'error',
            code: 'low-above-high',
            message: `compensation[${i}] (${band.region ?? '?'}): ${lo} ${band[lo]} is above ${hi} ${band[hi]}; low must be ≤ high`,
            line: locate([...path, lo]),
          });
        }
      }
      if (findings.length > before) return;
      const range = (lo: string, hi: string) =>
        r.ok.has(lo) && r.ok.has(hi) ? { low: band[lo] as number, high: band[hi] as number } : null;
      bands.push({
        region: String(band.region),
        currency: String(band.currency),
        base: range('base_low', 'base_high')!,
        stock: range('stock_low', 'stock_high'),
        // The band's own field, then the body table header (the caller's), then 4.
        stockYears: r.ok.has('stock_years') ? (band.stock_years as number) : stockYears,
        bonusPct: r.ok.has('bonus_pct') ? (band.bonus_pct as number) : null,
        totalComp: range('total_comp_low', 'total_comp_high'),
      });
    });
  }

  const strategy = top.ok.has('strategy')
    ? checkStrategyBlock(data.strategy as Record<string, unknown>, bands, locate, findings, unknownFields)
    : null;

  if (!top.ok.has('company') || !top.ok.has('role')) return { findings };
  const text = (field: string) => (top.ok.has(field) ? String(data[field]) : null);
  const meta: GuideMeta = {
    company: data.company as string,
    companyName: text('company_display') ?? (data.company as string),
    role: data.role as string,
    roleName: text('role_display') ?? (data.role as string),
    roleType: text('role_type'),
    dataQuality: text('data_quality'),
    salaryQuarter: text('salary_data_quarter'),
    lastUpdated: text('last_updated'),
    reviewDue: text('next_review_due'),
    bands,
    levelMapping,
    sources: top.ok.has('data_sources') ? (data.data_sources as string[]) : [],
    summary: text('negotiation_dna_summary'),
    strategy,
    unknownFields,
  };
  return { meta, findings };
}

/**
 * The strategy block: types (as any field), then what a bad band is an error for too: figures outside the
 * bounds SPEC §2 sets for prose (against the first band in the block's currency), a floor above the target,
 * a currency that no band uses.
 */
function checkStrategyBlock(
  data: Record<string, unknown>,
  bands: Band[],
  locate: Locate,
  findings: Finding[],
  unknownFields: string[],
): StrategyBlock | null {
  const before = findings.length;
  const r = checkFields(data, STRATEGY_FIELDS, ['strategy'], locate, findings);
  unknownFields.push(...r.unknown);
  const figures = (key: 'target' | 'floor', specs: Record<string, FieldSpec>): StrategyFigures => {
    const out: StrategyFigures = { base: null, stock: null, bonusPct: null };
    if (!r.ok.has(key)) return out;
    const f = data[key] as Record<string, unknown>;
    const c = checkFields(f, specs, ['strategy', key], locate, findings);
    unknownFields.push(...c.unknown);
    if (c.ok.has('base')) out.base = f.base as number;
    if (c.ok.has('stock')) out.stock = f.stock as number;
    if (c.ok.has('bonus_pct')) out.bonusPct = f.bonus_pct as number;
    return out;
  };
  const target = figures('target', TARGET_FIELDS);
  const floor = figures('floor', FLOOR_FIELDS);
  const currency = r.ok.has('currency') ? String(data.currency) : bands[0]?.currency;
  if (findings.length > before || !currency) return null;
  const error = (message: string, path: (string | number)[]) =>
    findings.push({ severity: 'error', code: 'strategy-block', message, line: locate(path) });
  const reference = bands.find((b) => b.currency === currency);
  if (!reference) {
    error(
      `strategy.currency ${currency} is not the currency of any band (${[...new Set(bands.map((b) => b.currency))].join(', ')}); state the targets in a band's currency`,
      ['strategy', 'currency'],
    );
    return null;
  }
  for (const [key, f] of [
    ['target', target],
    ['floor', floor],
  ] as const) {
    for (const what of ['base', 'stock', 'bonusPct'] as const) {
      const v = f[what];
      if (v === null) continue;
      const bounds = figureBounds(what, reference);
      if (v < bounds.min || v > bounds.max) {
        const field = what === 'bonusPct' ? 'bonus_pct' : what;
        error(
          `strategy.${key}.${field} ${v} is outside ${formatBounds(what, bounds, currency)} (for the ${reference.region} band); check the figure`,
          ['strategy', key, field],
        );
      }
    }
  }
  for (const what of ['base', 'stock'] as const) {
    const t = target[what];
    const fl = floor[what];
    if (t !== null && fl !== null && fl > t)
      error(
        `strategy.floor.${what} ${fl} is above strategy.target.${what} ${t}; the walk-away floor must be at or below the target`,
        ['strategy', 'floor', what],
      );
  }
  if (findings.length > before) return null;
  return {
    currency,
    target,
    floor,
    exampleCompetitors: r.ok.has('example_competitors') ? (data.example_competitors as string[]) : [],
  };
}

function fieldSchema(spec: FieldSpec): Record<string, unknown> {
  const d = { description: spec.description };
  switch (spec.type) {
    case 'slug':
      return { ...d, type: 'string', pattern: SLUG_RE.source };
    case 'text':
      return { ...d, type: ['string', 'number'] };
    case 'nullableText':
      return { ...d, type: ['string', 'null'] };
    case 'date':
      return { ...d, type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    case 'amount':
      return { ...d, type: 'number', minimum: 0, maximum: MAX_AMOUNT };
    case 'percent':
      return { ...d, type: 'number', minimum: 0, maximum: 100 };
    case 'years':
      return { ...d, type: 'integer', minimum: 1, maximum: 10 };
    case 'currency':
      return { ...d, type: 'string', pattern: '^[A-Z]{3}$' };
    case 'textList':
      return { ...d, type: 'array', items: { type: 'string' } };
    case 'object':
      return { ...d, ...objectSchema(LEVEL_MAPPING_FIELDS) };
    case 'bandList':
      return { ...d, type: 'array', minItems: 1, items: objectSchema(BAND_FIELDS) };
    case 'strategy':
      return {
        ...d,
        type: 'object',
        properties: {
          currency: fieldSchema(STRATEGY_FIELDS.currency),
          target: { description: STRATEGY_FIELDS.target.description, ...objectSchema(TARGET_FIELDS) },
          floor: { description: STRATEGY_FIELDS.floor.description, ...objectSchema(FLOOR_FIELDS) },
          example_competitors: fieldSchema(STRATEGY_FIELDS.example_competitors),
        },
      };
    case 'figures':
      return { ...d, type: 'object' };
  }
}

function objectSchema(specs: Record<string, FieldSpec>): Record<string, unknown> {
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, fieldSchema(s)])),
    required: Object.entries(specs)
      .filter(([, s]) => s.required)
      .map(([k]) => k),
  };
}

/** The JSON Schema of a guide's front matter, for editors (yaml-language-server). */
export function buildJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://negotiate.invalid/schema/guide.schema.json',
    title: 'negotiate guide front matter',
    ...objectSchema(GUIDE_FIELDS),
  };
}
