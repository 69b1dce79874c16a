// Offer options declared once, as data: the flags evaluate and draft share (and the offer-file fields
// compare and --offer read) with their help, parser and default. Flags and files go through the same
// parsers, so `--base 185k` and `base: 185k` cannot drift, and messages name the flag or the field.
import { Option, type Command } from 'commander';
import { parseAmount, parseCurrencyCode, parsePercent, type Amount } from './comp/money.js';
import {
  EMPTY_OFFER,
  type Benefit,
  type Grant,
  type MoneyComponent,
  type Offer,
  type Refresher,
} from './comp/offer.js';
import { parseCliff, parseVesting } from './comp/vesting.js';
import { parseFxOverride } from './comp/fx.js';
import { UsageError } from './errors.js';
import { COMMAND_FORMATS, type FormatCommand } from './formats.js';

/** What the user gave for an offer, field by field, before defaults: undefined = not given. */
export type OfferInput = { [K in keyof Offer]?: Offer[K] };

/** Where the offer's amounts said their currency: the currency and the flag or field that named it. */
export interface NamedCurrency {
  currency: string;
  where: string;
}

export interface ParsedOffer {
  input: OfferInput;
  /** The currency the offer's plain amounts are in (the file's `currency`, else the base's own), if any. */
  named: NamedCurrency | null;
  /** Every currency an amount or field named, in order (a component may name its own). */
  currencies: NamedCurrency[];
  /** What reading the offer decided that the user should know (a flag replacing a file's list). */
  notes: string[];
}

type FieldParser = (value: unknown, where: string, currencies: NamedCurrency[]) => unknown;

export interface OfferFieldSpec {
  /** The Offer property it sets. */
  target: keyof Offer;
  /** The name in offer files (`base`, `bonus_pct`, `sign_on` …). */
  field: string;
  /** The command-line flag, when there is one (company and role are arguments; currency is a file field). */
  flag?: string;
  /** commander's attribute for the flag (`--sign-on` → signOn). */
  key?: string;
  help: string;
  /** Shown in --help; applied by completeOffer, never by commander (so a file's value is not masked). */
  default?: string;
  parse: FieldParser;
}

const MAX_TEXT = 200;

function parseText(value: unknown, where: string): string {
  if ((typeof value !== 'string' && typeof value !== 'number') || String(value).trim() === '') {
    throw new UsageError(`${where}: ${JSON.stringify(value)} is not text`, ['write a name, e.g. London']);
  }
  const text = String(value).trim();
  if (text.length > MAX_TEXT || /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text))
    throw new UsageError(`${where}: the value is too long or has control characters`);
  return text;
}

function parseMoney(value: unknown, where: string, currencies: NamedCurrency[]): number {
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new UsageError(`${where}: ${JSON.stringify(value)} is not an amount`, [
      'write it like 185000, 185k or $185k',
    ]);
  const a: Amount = parseAmount(value, where);
  if (a.currency) currencies.push({ currency: a.currency, where: `${where} "${value}"` });
  return a.amount;
}

/**
 * Sign-on: one amount (paid in year 1) or one per year. "30k,20k", "30000/20000" and YAML lists are
 * per year; "30,000" is one amount, and "30,000,20,000" is refused as ambiguous.
 */
function parseSignOn(value: unknown, where: string, currencies: NamedCurrency[]): number[] {
  if (Array.isArray(value)) {
    if (value.length === 0 || value.length > 10) throw new UsageError(`${where}: give 1 to 10 amounts, one per year`);
    return value.map((v, i) => parseMoney(v, `${where}[${i + 1}]`, currencies));
  }
  if (typeof value === 'number') return [parseMoney(value, where, currencies)];
  if (typeof value !== 'string') throw new UsageError(`${where}: ${JSON.stringify(value)} is not an amount`);
  const text = value.trim();
  let parts: string[];
  if (/[/;]/.test(text)) parts = text.split(/\s*[/;]\s*/);
  else {
    try {
      // A list splits at commas that do not group thousands (SPEC §5): "30,20" is two amounts, not 30.20.
      if (/,\d{1,2}(?!\d)/.test(text)) throw new Error('a list');
      return [parseMoney(text, where, currencies)];
    } catch {
      parts = text.split(/\s*,\s*/);
      if (parts.slice(1).some((p) => /^\d{3}(\.\d+)?$/.test(p))) {
        throw new UsageError(`${where}: "${value}" is ambiguous (thousands separators or one amount per year?)`, [
          'write one amount per year like 30k,20k or 30000/20000, or one amount like 30,000',
        ]);
      }
    }
  }
  if (parts.length > 10)
    throw new UsageError(`${where}: "${value}" has ${parts.length} amounts; at most 10 (one per year)`);
  return parts.map((p) => parseMoney(p, where, currencies));
}

/**
 * Splits a list flag at commas that do not group thousands: "30k,20k" and "5,4,3" are lists, "50,000"
 * is one item; `/` and `;` always split. `isOne` says whether the whole text is one item.
 */
export function splitList(text: string, isOne: (t: string) => boolean): string[] {
  const t = text.trim();
  if (/[/;]/.test(t)) return t.split(/\s*[/;]\s*/);
  if (isOne(t)) return [t];
  return t.split(/\s*,\s*/);
}

const MAX_LIST = 10;

/** A list of numbers from a flag ("5,4,3"), a number, or a YAML list; each checked by `one`. */
function parseNumberList(value: unknown, where: string, one: (v: string | number, where: string) => number): number[] {
  let parts: (string | number)[];
  if (Array.isArray(value)) parts = value as (string | number)[];
  else if (typeof value === 'number') parts = [value];
  else if (typeof value === 'string') parts = splitList(value, (t) => !t.includes(','));
  else
    throw new UsageError(`${where}: ${JSON.stringify(value)} is not a list of numbers`, ['write it like 5 or 5,4,3']);
  if (parts.length === 0 || parts.length > MAX_LIST)
    throw new UsageError(`${where}: give 1 to ${MAX_LIST} values`, ['write it like 5 or 5,4,3']);
  return parts.map((p, i) => {
    if (typeof p !== 'string' && typeof p !== 'number')
      throw new UsageError(`${where}[${i + 1}]: ${JSON.stringify(p)} is not a number`);
    return one(p, parts.length > 1 && Array.isArray(value) ? `${where}[${i + 1}]` : where);
  });
}

/** A signed percentage such as 3, +3%, -10 within [min, max]. */
function signedPercent(min: number, max: number) {
  return (v: string | number, where: string) => parsePercent(String(v).trim().replace(/^\+/, ''), where, { min, max });
}

const parseRaise = (value: unknown, where: string) => parseNumberList(value, where, signedPercent(-50, 100));
const parseGrowth = (value: unknown, where: string) => parseNumberList(value, where, signedPercent(-90, 1000));

function parseMultipliers(value: unknown, where: string): number[] {
  return parseNumberList(value, where, (v, w) => {
    const text = String(v).trim().replace(/x$/i, '');
    const n = Number(text);
    if (text === '' || !Number.isFinite(n) || n < 0 || n > 10)
      throw new UsageError(`${w}: "${v}" is not a bonus multiplier (0 to 10)`, [
        'write it like 0.5,1,1.5 (1 = the target bonus)',
      ]);
    return n;
  });
}

/** A mapping's own keys, refusing any other (a typo in a grant must not pass silently). */
function fieldsOf(value: unknown, where: string, known: string[], example: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${where}: each entry is a mapping`, [`for example: ${example}`]);
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!known.includes(k))
      throw new UsageError(`${where}: unknown field "${k}"`, [`known fields: ${known.join(', ')}`]);
  return o;
}

function listOf(value: unknown, where: string, example: string): unknown[] {
  if (!Array.isArray(value)) throw new UsageError(`${where}: a list is expected`, [`for example: ${example}`]);
  if (value.length > MAX_LIST) throw new UsageError(`${where}: ${value.length} entries; at most ${MAX_LIST}`);
  return value;
}

function parseStartYear(value: unknown, where: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIST)
    throw new UsageError(`${where}: "${value}" is not a year from 1 to ${MAX_LIST}`, [
      'start_year: 1 is the first year of the offer',
    ]);
  return n;
}

/** An amount with its own currency: the `currency` field, else the one the amount names, else null (the offer's). */
function ownMoney(
  o: Record<string, unknown>,
  where: string,
  currencies: NamedCurrency[],
): { amount: number; currency: string | null } {
  if (o.amount === undefined || o.amount === null)
    throw new UsageError(`${where}: amount: missing`, ['for example: amount: 100000']);
  const named: NamedCurrency[] = [];
  const amount = parseMoney(o.amount, `${where}: amount`, named);
  let currency = named[0]?.currency ?? null;
  if (o.currency !== undefined && o.currency !== null) {
    const code = parseCurrencyCode(String(o.currency), `${where}: currency`);
    if (currency && currency !== code)
      throw new UsageError(`${where}: amount "${o.amount}" is in ${currency}, but currency says ${code}`);
    currency = code;
  }
  if (currency)
    currencies.push({ currency, where: `${where}: amount "${o.amount}"${o.currency ? ` (${currency})` : ''}` });
  return { amount, currency };
}

const GRANT_EXAMPLE = 'grants: [{ amount: 200000, vesting: even, cliff: 12, start_year: 1, currency: USD }]';

function parseGrants(value: unknown, where: string, currencies: NamedCurrency[]): Grant[] {
  return listOf(value, where, GRANT_EXAMPLE).map((item, i) => {
    const at = `${where}[${i + 1}]`;
    const o = fieldsOf(item, at, ['amount', 'vesting', 'cliff', 'start_year', 'currency'], GRANT_EXAMPLE);
    return {
      ...ownMoney(o, at, currencies),
      vesting: o.vesting === undefined || o.vesting === null ? 'even' : parseVesting(o.vesting, `${at}: vesting`),
      cliffMonths: o.cliff === undefined || o.cliff === null ? 0 : parseCliff(o.cliff, `${at}: cliff`),
      startYear: parseStartYear(o.start_year, `${at}: start_year`, 1),
    };
  });
}

const REFRESHER_EXAMPLE = 'refreshers: [{ amount: 50000, start_year: 2, vesting: even }]';

function parseRefreshers(value: unknown, where: string, currencies: NamedCurrency[]): Refresher[] {
  return listOf(value, where, REFRESHER_EXAMPLE).map((item, i) => {
    const at = `${where}[${i + 1}]`;
    const o = fieldsOf(item, at, ['amount', 'start_year', 'vesting', 'currency'], REFRESHER_EXAMPLE);
    return {
      ...ownMoney(o, at, currencies),
      startYear: parseStartYear(o.start_year, `${at}: start_year`, 2),
      vesting: o.vesting === undefined || o.vesting === null ? null : parseVesting(o.vesting, `${at}: vesting`),
    };
  });
}

const BENEFITS_EXAMPLE = 'benefits: [{ name: 401k match, amount: 9000 }, { name: ESPP, amount: 4400 }]';

/** One yearly amount (`--benefits 12k`), or a list of `{ name, amount }`. */
function parseBenefits(value: unknown, where: string, currencies: NamedCurrency[]): Benefit[] {
  if (!Array.isArray(value)) {
    const named: NamedCurrency[] = [];
    const amount = parseMoney(value, where, named);
    currencies.push(...named);
    return [{ name: 'benefits', amount, currency: named[0]?.currency ?? null }];
  }
  return listOf(value, where, BENEFITS_EXAMPLE).map((item, i) => {
    const at = `${where}[${i + 1}]`;
    const o = fieldsOf(item, at, ['name', 'amount', 'currency'], BENEFITS_EXAMPLE);
    return {
      name: o.name === undefined ? `benefit ${i + 1}` : parseText(o.name, `${at}: name`),
      ...ownMoney(o, at, currencies),
    };
  });
}

function parseBonus(value: unknown, where: string): number {
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new UsageError(`${where}: ${JSON.stringify(value)} is not a percentage`, ['write it like 15 or 15%']);
  return parsePercent(value, where);
}

function parseCurrencyField(value: unknown, where: string, currencies: NamedCurrency[]): string {
  const code = parseCurrencyCode(String(value), where);
  currencies.push({ currency: code, where: `${where} "${value}"` });
  return code;
}

/** --region and --level, for lookup and as offer flags (evaluate, draft); lookup words their help its own way. */
export const REGION_OPTION: SharedOptionSpec = {
  flags: '--region <region>',
  help: 'the band to compare with, e.g. London',
};
export const LEVEL_OPTION: SharedOptionSpec = {
  flags: '--level <level>',
  help: 'narrow the band to a level, e.g. L4 or "Google L5"',
};

/** Every offer field, in the order offer files are written. */
export const OFFER_FIELDS: OfferFieldSpec[] = [
  {
    target: 'label',
    field: 'label',
    flag: '--label <text>',
    key: 'label',
    help: 'a name for this offer (in comparisons and saved files)',
    parse: parseText,
  },
  { target: 'company', field: 'company', help: 'company slug or name', parse: parseText },
  { target: 'role', field: 'role', help: 'role slug or name', parse: parseText },
  {
    target: 'region',
    field: 'region',
    flag: REGION_OPTION.flags,
    key: 'region',
    help: REGION_OPTION.help,
    parse: parseText,
  },
  {
    target: 'level',
    field: 'level',
    flag: LEVEL_OPTION.flags,
    key: 'level',
    help: LEVEL_OPTION.help,
    parse: parseText,
  },
  {
    target: 'currency',
    field: 'currency',
    help: "the currency of the file's amounts (default: the band's)",
    parse: parseCurrencyField,
  },
  {
    target: 'base',
    field: 'base',
    flag: '--base <amount>',
    key: 'base',
    help: 'annual base salary, e.g. 185000, 185k, $185k, GBP 132000',
    parse: parseMoney,
  },
  {
    target: 'stock',
    field: 'stock',
    flag: '--stock <amount>',
    key: 'stock',
    help: 'the whole stock grant over its vesting period',
    default: '0',
    parse: parseMoney,
  },
  {
    target: 'vesting',
    field: 'vesting',
    flag: '--vesting <schedule>',
    key: 'vesting',
    help: "even (over the guide's years), front (40/30/20/10), back (5/15/40/40) or yearly % like 25,25,25,25",
    default: 'even',
    parse: parseVesting,
  },
  {
    target: 'cliffMonths',
    field: 'cliff',
    flag: '--cliff <months>',
    key: 'cliff',
    help: 'vesting cliff in months (stock accrued before it vests at it)',
    default: '0',
    parse: parseCliff,
  },
  {
    target: 'grants',
    field: 'grants',
    help: 'more stock grants: a list of { amount, vesting, cliff, start_year, currency }',
    parse: parseGrants,
  },
  {
    target: 'bonusPct',
    field: 'bonus_pct',
    flag: '--bonus <pct>',
    key: 'bonus',
    help: 'target bonus, % of base',
    default: '0',
    parse: parseBonus,
  },
  {
    target: 'bonusAmount',
    field: 'bonus_amount',
    flag: '--bonus-amount <amount>',
    key: 'bonusAmount',
    help: 'a fixed yearly bonus instead of --bonus %',
    parse: parseMoney,
  },
  {
    target: 'bonusMultipliers',
    field: 'bonus_multiplier',
    flag: '--bonus-multiplier <list>',
    key: 'bonusMultiplier',
    help: 'bonus paid at these multiples of target, e.g. 0.5,1,1.5 (scenarios)',
    parse: parseMultipliers,
  },
  {
    target: 'signOn',
    field: 'sign_on',
    flag: '--sign-on <amounts>',
    key: 'signOn',
    help: 'sign-on bonus: one amount (year 1) or one per year, e.g. 30k,20k',
    parse: parseSignOn,
  },
  {
    target: 'refresher',
    field: 'refresher',
    flag: '--refresher <amount>',
    key: 'refresher',
    help: 'assumed yearly refresher grant from year 2 (shown apart from the totals)',
    default: '0',
    parse: parseMoney,
  },
  {
    target: 'refreshers',
    field: 'refreshers',
    help: 'refresher grants on their own schedule: a list of { amount, start_year, vesting }',
    parse: parseRefreshers,
  },
  {
    target: 'raisePct',
    field: 'raise',
    flag: '--raise <pcts>',
    key: 'raise',
    help: 'assumed yearly raise %: one value every year from year 2, or one per year, e.g. 3 or 5,4,3',
    parse: parseRaise,
  },
  {
    target: 'stockGrowthPct',
    field: 'stock_growth',
    flag: '--stock-growth <pcts>',
    key: 'stockGrowth',
    help: 'assumed yearly share-price change %, compounding from each grant: one value or one per year',
    parse: parseGrowth,
  },
  {
    target: 'benefits',
    field: 'benefits',
    flag: '--benefits <amount>',
    key: 'benefits',
    help: 'yearly employer benefits (401(k) match, ESPP gain, health), kept apart from every total',
    parse: parseBenefits,
  },
];

// ---- options several commands share (lookup, evaluate, draft, compare) -----------------------------

/** Collects a repeatable option's values: `--fx A=1 --fx B=2` → ['A=1', 'B=2']. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A command option declared once: its flags, help, and (optionally) its parser. */
export interface SharedOptionSpec {
  flags: string;
  help: string;
  parse?: (value: string, previous: string[] | undefined) => string[];
}

export const CURRENCY_OPTION: SharedOptionSpec = {
  flags: '--currency <code>',
  help: 'show amounts in this currency (ISO 4217), converted at the bundled rates or --fx',
};

export const FX_OPTION: SharedOptionSpec = {
  flags: '--fx <CODE=RATE>',
  help: 'override an exchange rate: one unit in US dollars (repeatable)',
  // Checked as it is read, so a meaningless rate is refused even when nothing needs converting.
  parse: (value, previous) => {
    parseFxOverride(value);
    return collect(value, previous);
  },
};

export const FORMAT_OPTION: SharedOptionSpec = { flags: '--format <format>', help: '' };

export const OUTPUT_OPTION: SharedOptionSpec = {
  flags: '--output <file>',
  help: 'write the answer to this file instead of stdout (atomically; never replaces a file without --force)',
};

/** `--output FILE` (evaluate, compare): where the answer goes instead of stdout. */
export function outputOption(): Option {
  return toOption(OUTPUT_OPTION);
}

function toOption(spec: SharedOptionSpec, help = spec.help): Option {
  const option = new Option(spec.flags, help);
  return spec.parse ? option.argParser(spec.parse) : option;
}

/** `--currency`; `defaultText` says what the amounts are in without it ("the band's"). */
export function currencyOption(defaultText: string): Option {
  return toOption(CURRENCY_OPTION, `${CURRENCY_OPTION.help} (default: ${defaultText})`);
}

/** `--region`, `--level` (help: what they do for the command, when not the offer flags' help). */
export const regionOption = (help = REGION_OPTION.help): Option => toOption(REGION_OPTION, help);
export const levelOption = (help = LEVEL_OPTION.help): Option => toOption(LEVEL_OPTION, help);

/** `--fx CODE=RATE`, repeatable. */
export function fxOption(): Option {
  return toOption(FX_OPTION);
}

/**
 * `--format`, its help listing the command's formats (COMMAND_FORMATS, which completion reads too) as
 * "a | b | c". The command checks the value itself, so its message names the formats it takes.
 */
export function formatOption(command: FormatCommand, opts: { default?: string; note?: string } = {}): Option {
  const option = toOption(FORMAT_OPTION, [COMMAND_FORMATS[command].join(' | '), opts.note].filter(Boolean).join(' '));
  return opts.default === undefined ? option : option.default(opts.default);
}

/** The flags of OFFER_FIELDS plus --offer: what evaluate and draft both accept. */
export const OFFER_FILE_OPTION = {
  flag: '--offer <file>',
  key: 'offer',
  help: 'read the offer from a YAML file (flags override its fields)',
};

/** --letter: an offer letter read as `negotiate extract` reads it (flags override what was read). */
export const LETTER_OPTION = {
  flag: '--letter <file>',
  key: 'letter',
  help: 'read the offer from an offer letter (.txt .md .eml .html .pdf .docx), as extract does; flags override it',
};

/** Adds the shared offer flags (and --offer, --letter) to a command. */
export function addOfferOptions(cmd: Command): Command {
  for (const spec of OFFER_FIELDS) {
    if (!spec.flag) continue;
    cmd.addOption(
      new Option(spec.flag, spec.default === undefined ? spec.help : `${spec.help} (default: ${spec.default})`),
    );
  }
  cmd.addOption(new Option(OFFER_FILE_OPTION.flag, OFFER_FILE_OPTION.help));
  cmd.addOption(new Option(LETTER_OPTION.flag, LETTER_OPTION.help).conflicts(OFFER_FILE_OPTION.key));
  return cmd;
}

/** The flag that sets an Offer property, for "missing input" messages: base → --base. */
export function flagFor(target: keyof Offer): string {
  const spec = OFFER_FIELDS.find((s) => s.target === target);
  return spec?.flag?.split(' ')[0] ?? spec?.field ?? String(target);
}

/** The components whose amounts may name their own currency, and the flag or field that holds them. */
const MONEY_COMPONENTS: MoneyComponent[] = ['base', 'stock', 'signOn', 'refresher', 'bonusAmount'];

/** Years for evaluate and compare: `--years N` overrides the horizon rule. */
export const YEARS_OPTION: SharedOptionSpec = {
  flags: '--years <n>',
  help: 'show n years (default: the last year any grant vests)',
};

export const MAX_YEARS = 20;

/** Parses --years: a whole number of years from 1 to MAX_YEARS. */
export function parseYears(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_YEARS)
    throw new UsageError(`--years: "${value}" is not a number of years from 1 to ${MAX_YEARS}`);
  return n;
}

/** `--years N`. */
export function yearsOption(help = YEARS_OPTION.help): Option {
  return toOption(YEARS_OPTION, help);
}

/**
 * The offer as the user gave it: an offer file's fields (if any), overridden by flags. Parses every
 * value with the field's parser; errors name the flag (`--base`) or the file and field (`a.yaml: base`).
 * A component may name its own currency (`--stock 'USD 200k'`); plain amounts are in the file's
 * `currency`, else in the one the base names, else in the band's.
 */
export function parseOfferInput(
  options: Record<string, unknown>,
  file?: { path: string; fields: Record<string, unknown> },
): ParsedOffer {
  const input: OfferInput = {};
  const currencies: NamedCurrency[] = [];
  const own: Partial<Record<MoneyComponent, NamedCurrency>> = {};
  const notes: string[] = [];
  let declared: NamedCurrency | null = null;
  const read = (spec: OfferFieldSpec, value: unknown, where: string) => {
    const before = currencies.length;
    (input as Record<string, unknown>)[spec.target] = spec.parse(value, where, currencies);
    const named = currencies.slice(before);
    if (spec.target === 'currency') declared = named[0] ?? null;
    else if ((MONEY_COMPONENTS as string[]).includes(spec.target)) {
      const c = spec.target as MoneyComponent;
      delete own[c];
      if (named.some((n) => n.currency !== named[0].currency)) {
        throw new UsageError(`${where}: "${String(value)}" names two currencies`, [
          'write the amounts of one component in one currency',
        ]);
      }
      if (named[0]) own[c] = named[0];
    }
  };
  if (file) {
    for (const spec of OFFER_FIELDS) {
      const v = file.fields[spec.field];
      if (v !== undefined && v !== null) read(spec, v, `${file.path}: ${spec.field}`);
    }
    if (input.bonusPct !== undefined && input.bonusAmount !== undefined) {
      throw new UsageError(`${file.path}: bonus_pct and bonus_amount are two bonuses; give one`, [
        'bonus_pct: 15 (a % of base) or bonus_amount: 20000 (fixed)',
      ]);
    }
  }
  const fileBonus = { pct: input.bonusPct, amount: input.bonusAmount };
  for (const spec of OFFER_FIELDS) {
    const v = spec.key ? options[spec.key] : undefined;
    if (v !== undefined) read(spec, v, spec.flag!.split(' ')[0]);
  }
  if (options.bonus !== undefined && options.bonusAmount !== undefined) {
    throw new UsageError('--bonus and --bonus-amount are two bonuses; give one', [
      '--bonus 15 (a % of base) or --bonus-amount 20k (fixed)',
    ]);
  }
  // A flag's bonus replaces the file's other kind of bonus (flags win).
  if (options.bonus !== undefined && fileBonus.amount !== undefined) delete input.bonusAmount;
  if (options.bonusAmount !== undefined && fileBonus.pct !== undefined) delete input.bonusPct;
  // `--stock` is one grant from year 1: it replaces a file's grants rather than adding to them.
  if (options.stock !== undefined && input.grants?.length) {
    notes.push(
      `--stock replaces the ${input.grants.length === 1 ? 'grant' : `${input.grants.length} grants`} in ${file!.path} (grants:)`,
    );
    input.grants = [];
  }
  const named: NamedCurrency | null = declared ?? own.base ?? null;
  if (named) input.currency = named.currency;
  const differing: OfferInput['currencies'] = {};
  for (const c of MONEY_COMPONENTS) if (own[c] && own[c]!.currency !== named?.currency) differing[c] = own[c]!.currency;
  if (Object.keys(differing).length) input.currencies = differing;
  return { input, named, currencies, notes };
}

/** Fills the defaults (no stock, even vesting, no cliff, no bonus, no sign-on, no refresher). */
export function completeOffer(input: OfferInput): Offer {
  const offer = { ...EMPTY_OFFER };
  for (const [k, v] of Object.entries(input)) if (v !== undefined) (offer as Record<string, unknown>)[k] = v;
  return offer;
}

/**
 * The currency the offer's plain amounts are in: the file's `currency`, the base's own, else the
 * band's. Components in other currencies are converted (evaluate, compare). `convertTo` null is a
 * command that argues in the band's currency and converts nothing (draft): there every amount that
 * names another currency than the band's is an error.
 */
export function resolveOfferCurrency(
  parsed: ParsedOffer,
  bandCurrency: string,
  bandName: string,
  convertTo: string | undefined | null,
): string {
  if (convertTo === null) {
    const other = parsed.currencies.find((c) => c.currency !== bandCurrency);
    if (other) {
      throw new UsageError(`${other.where} is in ${other.currency}, but the ${bandName} band is in ${bandCurrency}`, [
        `write the offer's amounts in ${bandCurrency}: this command argues in the band's currency`,
      ]);
    }
  }
  return parsed.named?.currency ?? bandCurrency;
}

// ---- offer files: what they may hold (read and written by src/offer-file.ts) -------------------

/** Offer-file fields that describe the situation rather than the offer: draft reads `competing` (the user's own competing offers). */
export const CONTEXT_FIELDS = ['competing'];

// ---- negotiate new: a band and a guide, not an offer (its --base is a range; it has no --years) ------

/** A flag of `negotiate new`: commander's key, and whether it describes a band (repeatable, one per --region). */
export interface NewGuideOptionSpec {
  flags: string;
  key: string;
  help: string;
  /** Repeatable: the n-th value belongs to the n-th --region (one value applies to every region). */
  perRegion?: boolean;
}

export const NEW_GUIDE_OPTIONS: NewGuideOptionSpec[] = [
  {
    flags: '--company <name>',
    key: 'company',
    help: 'the company, as it is written ("Acme Corp"); the slug is derived',
  },
  { flags: '--role <name>', key: 'role', help: 'the role, as it is written ("Data Engineer"); the slug is derived' },
  {
    flags: REGION_OPTION.flags,
    key: 'region',
    help: "a band's region, e.g. London (repeatable: one band each)",
    perRegion: true,
  },
  {
    flags: '--currency <code>',
    key: 'currency',
    help: "the band's currency, ISO 4217 (default: the usual one for well-known cities)",
    perRegion: true,
  },
  {
    flags: '--base <low-high>',
    key: 'base',
    help: 'yearly base salary range, e.g. 95k-130k or $95,000-$130,000',
    perRegion: true,
  },
  {
    flags: '--stock <low-high>',
    key: 'stock',
    help: 'the whole stock grant range over its vesting years, e.g. 40k-80k',
    perRegion: true,
  },
  {
    flags: '--stock-years <n>',
    key: 'stockYears',
    help: 'the years the grant vests over, 1-10 (default 4)',
    perRegion: true,
  },
  { flags: '--bonus <pct>', key: 'bonus', help: 'target bonus, % of base', perRegion: true },
  {
    flags: '--source <text>',
    key: 'source',
    help: 'where the numbers come from, e.g. "recruiter call 2026-11-20" (repeatable; required)',
  },
  { flags: '--level-mapping <text>', key: 'levelMapping', help: 'e.g. "Acme (L3-L5) = Google L4-L6"' },
  {
    flags: '--lever <"Title: script">',
    key: 'lever',
    help: 'a negotiation lever: its title, a colon, what you would say (repeatable)',
  },
  { flags: '--target-base <amount>', key: 'targetBase', help: 'strategy: the base you aim for' },
  { flags: '--target-stock <amount>', key: 'targetStock', help: 'strategy: the stock grant you aim for' },
  { flags: '--target-bonus <pct>', key: 'targetBonus', help: 'strategy: the bonus % you aim for' },
  {
    flags: '--floor-base <amount>',
    key: 'floorBase',
    help: 'strategy: walk-away floor for base (private: never in a message)',
  },
  { flags: '--floor-stock <amount>', key: 'floorStock', help: 'strategy: walk-away floor for the stock grant' },
  {
    flags: '--from-posting <file>',
    key: 'fromPosting',
    help: 'read pay ranges, company, title and location from a job posting (text, Markdown, HTML; - for stdin)',
  },
  { flags: '--dir <dir>', key: 'dir', help: 'write into this folder instead of your guides folder' },
  { flags: '--force', key: 'force', help: 'replace an existing band, strategy or file (the old file is kept as .bak)' },
  { flags: '--no-input', key: 'input', help: 'never prompt: missing inputs exit 2' },
];

/** Adds `negotiate new`'s flags to its command. */
export function addNewGuideOptions(cmd: Command): Command {
  const repeatable = new Set(['region', 'currency', 'base', 'stock', 'stockYears', 'bonus', 'source', 'lever']);
  for (const spec of NEW_GUIDE_OPTIONS) {
    const option = new Option(spec.flags, spec.help);
    cmd.addOption(repeatable.has(spec.key) ? option.argParser(collect) : option);
  }
  return cmd;
}
