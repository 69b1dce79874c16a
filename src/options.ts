// Offer options declared once, as data: the flags evaluate and draft share (and the offer-file fields
// compare and --offer read) with their help, parser and default. Flags and files go through the same
// parsers, so `--base 185k` and `base: 185k` cannot drift, and messages name the flag or the field.
import { Option, type Command } from 'commander';
import { parseAmount, parseCurrencyCode, parsePercent, type Amount } from './comp/money.js';
import { EMPTY_OFFER, type Offer } from './comp/offer.js';
import { parseCliff, parseVesting } from './comp/vesting.js';
import { parseFxOverride } from './comp/fx.js';
import { UsageError } from './errors.js';

/** What the user gave for an offer, field by field, before defaults: undefined = not given. */
export type OfferInput = { [K in keyof Offer]?: Offer[K] };

/** Where the offer's amounts said their currency: the currency and the flag or field that named it. */
export interface NamedCurrency {
  currency: string;
  where: string;
}

export interface ParsedOffer {
  input: OfferInput;
  /** The currency the amounts named (symbols, codes or the file's `currency`), if any. */
  named: NamedCurrency | null;
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
  if (text.length > MAX_TEXT || /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text)) throw new UsageError(`${where}: the value is too long or has control characters`);
  return text;
}

function parseMoney(value: unknown, where: string, currencies: NamedCurrency[]): number {
  if (typeof value !== 'string' && typeof value !== 'number') throw new UsageError(`${where}: ${JSON.stringify(value)} is not an amount`, ['write it like 185000, 185k or $185k']);
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
  if (parts.length > 10) throw new UsageError(`${where}: "${value}" has ${parts.length} amounts; at most 10 (one per year)`);
  return parts.map((p) => parseMoney(p, where, currencies));
}

function parseBonus(value: unknown, where: string): number {
  if (typeof value !== 'string' && typeof value !== 'number') throw new UsageError(`${where}: ${JSON.stringify(value)} is not a percentage`, ['write it like 15 or 15%']);
  return parsePercent(value, where);
}

function parseCurrencyField(value: unknown, where: string, currencies: NamedCurrency[]): string {
  const code = parseCurrencyCode(String(value), where);
  currencies.push({ currency: code, where: `${where} "${value}"` });
  return code;
}

/** Every offer field, in the order offer files are written. */
export const OFFER_FIELDS: OfferFieldSpec[] = [
  { target: 'label', field: 'label', flag: '--label <text>', key: 'label', help: 'a name for this offer (in comparisons and saved files)', parse: parseText },
  { target: 'company', field: 'company', help: 'company slug or name', parse: parseText },
  { target: 'role', field: 'role', help: 'role slug or name', parse: parseText },
  { target: 'region', field: 'region', flag: '--region <region>', key: 'region', help: 'the band to compare with, e.g. London', parse: parseText },
  { target: 'level', field: 'level', flag: '--level <level>', key: 'level', help: 'narrow the band to a level, e.g. L4 or "Google L5"', parse: parseText },
  { target: 'currency', field: 'currency', help: "the currency of the file's amounts (default: the band's)", parse: parseCurrencyField },
  { target: 'base', field: 'base', flag: '--base <amount>', key: 'base', help: 'annual base salary, e.g. 185000, 185k, $185k, GBP 132000', parse: parseMoney },
  { target: 'stock', field: 'stock', flag: '--stock <amount>', key: 'stock', help: 'the whole stock grant over its vesting period', default: '0', parse: parseMoney },
  {
    target: 'vesting',
    field: 'vesting',
    flag: '--vesting <schedule>',
    key: 'vesting',
    help: "even (over the guide's years), front (40/30/20/10), back (5/15/40/40) or yearly % like 25,25,25,25",
    default: 'even',
    parse: parseVesting,
  },
  { target: 'cliffMonths', field: 'cliff', flag: '--cliff <months>', key: 'cliff', help: 'vesting cliff in months (stock accrued before it vests at it)', default: '0', parse: parseCliff },
  { target: 'bonusPct', field: 'bonus_pct', flag: '--bonus <pct>', key: 'bonus', help: 'target bonus, % of base', default: '0', parse: parseBonus },
  { target: 'signOn', field: 'sign_on', flag: '--sign-on <amounts>', key: 'signOn', help: 'sign-on bonus: one amount (year 1) or one per year, e.g. 30k,20k', parse: parseSignOn },
  { target: 'refresher', field: 'refresher', flag: '--refresher <amount>', key: 'refresher', help: 'annual refresher grant (shown apart from the totals)', default: '0', parse: parseMoney },
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
  parse: (value, previous) => (parseFxOverride(value), collect(value, previous)),
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

/** `--fx CODE=RATE`, repeatable. */
export function fxOption(): Option {
  return toOption(FX_OPTION);
}

/**
 * `--format`, its help listing the command's formats as "a | b | c" (completion offers those words).
 * The command checks the value itself, so its message names the formats it takes.
 */
export function formatOption(formats: readonly string[], opts: { default?: string; note?: string } = {}): Option {
  const option = toOption(FORMAT_OPTION, [formats.join(' | '), opts.note].filter(Boolean).join(' '));
  return opts.default === undefined ? option : option.default(opts.default);
}

/** The flags of OFFER_FIELDS plus --offer: what evaluate and draft both accept. */
export const OFFER_FILE_OPTION = { flag: '--offer <file>', key: 'offer', help: 'read the offer from a YAML file (flags override its fields)' };

/** Adds the shared offer flags (and --offer) to a command. */
export function addOfferOptions(cmd: Command): Command {
  for (const spec of OFFER_FIELDS) {
    if (!spec.flag) continue;
    cmd.addOption(new Option(spec.flag, spec.default === undefined ? spec.help : `${spec.help} (default: ${spec.default})`));
  }
  cmd.addOption(new Option(OFFER_FILE_OPTION.flag, OFFER_FILE_OPTION.help));
  return cmd;
}

/** The flag that sets an Offer property, for "missing input" messages: base → --base. */
export function flagFor(target: keyof Offer): string {
  const spec = OFFER_FIELDS.find((s) => s.target === target);
  return spec?.flag?.split(' ')[0] ?? spec?.field ?? String(target);
}

function agreeOnCurrency(currencies: NamedCurrency[]): NamedCurrency | null {
  const first = currencies[0];
  const other = currencies.find((c) => c.currency !== first?.currency);
  if (first && other) {
    throw new UsageError(`the offer's amounts are in two currencies: ${first.where} is ${first.currency}, ${other.where} is ${other.currency}`, [
      'write every amount of one offer in one currency',
    ]);
  }
  return first ?? null;
}

/**
 * The offer as the user gave it: an offer file's fields (if any), overridden by flags. Parses every
 * value with the field's parser; errors name the flag (`--base`) or the file and field (`a.yaml: base`).
 */
export function parseOfferInput(options: Record<string, unknown>, file?: { path: string; fields: Record<string, unknown> }): ParsedOffer {
  const input: OfferInput = {};
  const currencies: NamedCurrency[] = [];
  if (file) {
    for (const spec of OFFER_FIELDS) {
      const v = file.fields[spec.field];
      if (v !== undefined && v !== null) (input as Record<string, unknown>)[spec.target] = spec.parse(v, `${file.path}: ${spec.field}`, currencies);
    }
  }
  for (const spec of OFFER_FIELDS) {
    const v = spec.key ? options[spec.key] : undefined;
    if (v !== undefined) (input as Record<string, unknown>)[spec.target] = spec.parse(v, spec.flag!.split(' ')[0], currencies);
  }
  // Plain numbers are in the currency the others name; every named currency must agree.
  const named = agreeOnCurrency(currencies);
  if (named) input.currency = named.currency;
  return { input, named };
}

/** Fills the defaults (no stock, even vesting, no cliff, no bonus, no sign-on, no refresher). */
export function completeOffer(input: OfferInput): Offer {
  const offer = { ...EMPTY_OFFER };
  for (const [k, v] of Object.entries(input)) if (v !== undefined) (offer as Record<string, unknown>)[k] = v;
  return offer;
}

/**
 * Checks the offer's currency against the band's: a contradiction is an error unless the user asked
 * for conversion with --currency. Returns the currency the offer's amounts are in.
 * `convertTo` is the --currency given (undefined when none), or null for a command that has no
 * --currency (draft: it argues in the band's currency), whose hint then offers no conversion.
 */
export function resolveOfferCurrency(parsed: ParsedOffer, bandCurrency: string, bandName: string, convertTo: string | undefined | null): string {
  const named = parsed.named;
  if (!named || named.currency === bandCurrency) return bandCurrency;
  if (convertTo) return named.currency;
  throw new UsageError(`${named.where} is in ${named.currency}, but the ${bandName} band is in ${bandCurrency}`, [
    convertTo === null
      ? `write the offer's amounts in ${bandCurrency}: this command argues in the band's currency`
      : `write the amount in ${bandCurrency}, or pass --currency ${named.currency} (or --currency ${bandCurrency}) to convert`,
  ]);
}

// ---- offer files: what they may hold (read and written by src/offer-file.ts) -------------------

/** Offer-file fields that describe the situation rather than the offer: draft reads `competing` (the user's own competing offers). */
export const CONTEXT_FIELDS = ['competing'];
