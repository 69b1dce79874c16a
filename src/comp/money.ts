// Money: one place that parses amounts (flags, offer files, guide text) and formats them.
import { UsageError } from '../errors.js';
import { findAmounts as findMoney, findRanges, readAmount, type MoneyContext } from './money-text.js';

/** Active ISO 4217 currency codes. */
const ISO_4217 = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF ' +
    'CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD ' +
    'HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD ' +
    'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN ' +
    'PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY ' +
    'TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG'
  ).split(' '),
);

/** Symbols we print, and accept on input. `$` alone means USD. */
const SYMBOLS: Record<string, string> = {
  USD: '$',
  GBP: '£',
  EUR: '€',
  JPY: '¥',
  INR: '₹',
  KRW: '₩',
  ILS: '₪',
  CAD: 'CA$',
  AUD: 'A$',
  NZD: 'NZ$',
  SGD: 'S$',
  HKD: 'HK$',
  BRL: 'R$',
  MXN: 'MX$',
  CHF: 'CHF ',
  SEK: 'SEK ',
  NOK: 'NOK ',
  DKK: 'DKK ',
  PLN: 'PLN ',
  CNY: 'CN¥',
};

export const MAX_AMOUNT = 1e9;
/** No amount is written in more characters than this ("GBP 1,000,000,000.00" is 20). */
const MAX_AMOUNT_TEXT = 40;

export function isCurrencyCode(code: string): boolean {
  return ISO_4217.has(code);
}

/** Normalises a currency code the user typed ("gbp" → "GBP"), or throws a usage error naming the flag. */
export function parseCurrencyCode(value: string, flag = '--currency'): string {
  const code = value.trim().toUpperCase();
  if (!isCurrencyCode(code)) {
    throw new UsageError(`${flag}: "${value}" is not an ISO 4217 currency code`, ['write it like USD, GBP or EUR']);
  }
  return code;
}

export function currencySymbol(code: string): string {
  return SYMBOLS[code] ?? `${code} `;
}

export interface Amount {
  amount: number;
  /** The currency the text named (symbol or code), if any. */
  currency?: string;
}

/**
 * Parses an amount as a user writes it, with the reader of guide prose (money-text.ts): 185000, 185,000,
 * 85.000 (= 85000), 185k, 1.2m, $185k, £132,000, GBP 132000, CHF 175K, 175'000 CHF, ₹45,00,000, 45 LPA.
 * Throws a usage error naming the flag and the value for anything else.
 */
export function parseAmount(value: string | number, flag: string): Amount {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || value > MAX_AMOUNT) throw badAmount(flag, String(value));
    return { amount: value };
  }
  const text = value.trim();
  // Refused before any pattern runs: a flag value is short, and patterns on 100,000 characters are not.
  if (text.length > MAX_AMOUNT_TEXT) throw badAmount(flag, `${text.slice(0, MAX_AMOUNT_TEXT)}…`);
  if (/^[^\d]*[-−][^\d]*\d/.test(text)) {
    throw new UsageError(`${flag}: "${value}" is negative; amounts are 0 or more`);
  }
  // The tool's own symbols settle the shared ones it prints: $ is USD and ¥ is JPY, as formatMoney writes them.
  const a = readAmount(text, { currencies: ['USD', 'JPY'] });
  if (!a) {
    const code = /(?:^|[^A-Za-z])([A-Za-z]{3})(?![A-Za-z])/.exec(text)?.[1];
    if (
      code &&
      /\d/.test(text) &&
      !isCurrencyCode(code.toUpperCase()) &&
      !/^(?:thousand|million|lakh|crore|LPA)$/i.test(code)
    ) {
      throw new UsageError(`${flag}: "${value}" names an unknown currency "${code.toUpperCase()}"`, [
        'write it like GBP 132000 or £132k',
      ]);
    }
    if (code && isCurrencyCode(code.toUpperCase()) && /[$£€¥₹₩₪₺₽₱]/.test(text))
      throw new UsageError(`${flag}: "${value}" names two currencies`);
    throw badAmount(flag, value);
  }
  if (a.currency === null && a.candidates) {
    throw new UsageError(`${flag}: "${value}": "${a.marker}" could be ${a.candidates.join(', ')}`, [
      `write the code, like ${a.candidates[0]} ${a.text.replace(a.marker ?? '', '').trim()}`,
    ]);
  }
  if (!Number.isFinite(a.amount) || a.amount > MAX_AMOUNT) {
    throw new UsageError(`${flag}: "${value}" is too large (over ${MAX_AMOUNT.toExponential()})`);
  }
  return { amount: a.amount, currency: a.currency ?? undefined };
}

function badAmount(flag: string, value: string): UsageError {
  return new UsageError(`${flag}: "${value}" is not an amount`, [
    'write it like 185000, 185,000, 185k, 1.2m, $185k or GBP 132000',
  ]);
}

/** Parses a percentage such as 15, 15%, 12.5 (0–100). */
export function parsePercent(value: string | number, flag: string, { min = 0, max = 100 } = {}): number {
  const text = String(value).trim().replace(/%$/, '');
  const n = Number(text);
  if (text === '' || !Number.isFinite(n))
    throw new UsageError(`${flag}: "${value}" is not a percentage`, ['write it like 15 or 15%']);
  if (n < min || n > max) throw new UsageError(`${flag}: "${value}" is out of range (${min} to ${max})`);
  return n;
}

const PERCENT_RANGE_RE = /(?<!\d)(\d+(?:\.\d+)?)\s*(?:%\s*)?(?:[–—-]|to)\s*(\d+(?:\.\d+)?)\s*%/;
const PERCENT_RE = /(?<!\d)(\d+(?:\.\d+)?)\s*%/;

/** Every amount of money written in a piece of prose, in order (see money-text.ts for the reader itself). */
export function findAmounts(text: string, ctx: MoneyContext = {}): Required<Amount>[] {
  return findMoney(text, ctx)
    .filter((a) => a.currency !== null)
    .map((a) => ({ amount: a.amount, currency: a.currency! }));
}

export interface TextRange {
  low: number;
  high: number;
  currency?: string;
}

/** A money range in prose ("$198K–$255K", "£132K to £170K", "CHF 150–175K") or a percent range ("10–15%"). */
export function parseTextRange(text: string, ctx: MoneyContext = {}): TextRange | undefined {
  const withCurrency = (r: { currency: string | null }) => (r.currency ? { currency: r.currency } : {});
  const range = findRanges(text, ctx)[0];
  if (range) return { low: range.low.amount, high: range.high.amount, ...withCurrency(range) };
  const p = PERCENT_RANGE_RE.exec(text);
  if (p) return { low: Number(p[1]), high: Number(p[2]) };
  const single = PERCENT_RE.exec(text);
  if (single) return { low: Number(single[1]), high: Number(single[1]) };
  const one = findMoney(text, ctx)[0] ?? readAmount(text, ctx);
  if (one) return { low: one.amount, high: one.amount, ...withCurrency(one) };
  return undefined;
}

function groupDigits(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** £132,000 — the currency's symbol and grouping, whole units. */
export function formatMoney(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}${currencySymbol(currency)}${groupDigits(Math.abs(amount))}`;
}

/** £132K, $1.2M — compact, for tables. */
export function formatCompact(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const sym = currencySymbol(currency);
  if (abs >= 1e6) return `${sign}${sym}${trimZeros((abs / 1e6).toFixed(abs >= 1e7 ? 1 : 2))}M`;
  if (abs >= 1e3) return `${sign}${sym}${Math.round(abs / 1e3)}K`;
  return `${sign}${sym}${Math.round(abs)}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function formatPercent(n: number): string {
  return `${trimZeros(n.toFixed(1))}%`;
}
