// The one reader of money written by people: guide prose and tables, job postings, offer letters and
// command-line amounts all go through it (SPEC §2, §5). Pure: no I/O, no module state.
//
// API (stable; extend, don't rename):
//
//   findAmounts(text, ctx?)  → MoneyAmount[]   every amount in the text, in order. By default only
//                                               money (a currency marker, or a money word beside it:
//                                               "150K base"); `ctx.bare` also returns other numbers
//                                               (money: false) — "20M+ developers" is never money.
//   findRanges(text, ctx?)   → MoneyRange[]    "$150K–$200K", "CHF 150–175K", "150K to 175K CHF",
//                                               "between €85,000 and €95,000": low/high share a
//                                               currency and a k/m suffix written once.
//   readAmount(text, ctx?)   → MoneyAmount | null   the whole text as one amount (a flag value, a
//                                               table cell), codes in any case; null when it is not.
//   readRange(text, ctx?)    → MoneyRange | null    the whole text as a range or one amount (low = high).
//   findUnplacedMoney(text, ctx?) → MoneyMention[]  money named but not placed: amounts whose currency
//                                               could not be settled, and spelled-out numbers with a
//                                               currency word ("one hundred ninety thousand dollars").
//   isBareDollarNote(a)      → boolean         a bare "$" read as a currency other than USD.
//   CURRENCY_SYMBOLS         every symbol the reader knows → its candidate currencies.
//
// MoneyContext: { currencies?: the guide's band currencies (settle shared symbols), defaultCurrency?:
//   the currency of money written without a marker ("150K base"), bare?: also return non-money numbers,
//   assumeMoney?: every figure in the text is money (a table cell under "Base") }.
//
// Grammar: symbols $ £ € ¥ ₹ ₩ ₪ ₺ ₽ ₱ zł kr Fr. Rs (before or after), ISO 4217 codes before or after
// (uppercase in prose), prefixed dollars CA$ C$ A$ AU$ NZ$ US$ HK$ S$ SG$ R$ MX$ NT$, currency words
// (dollars, euros, pounds, Swiss francs, rupees, yen, kronor …). A dot or comma followed by exactly
// three digits groups thousands (85.000 = 85000); followed by one or two digits that end the number it
// is a decimal point (1,5M, €85.5K, 102.000,00 €); an apostrophe or a (thin, no-break) space groups too
// (175'000, 175 000 €); Indian grouping 45,00,000. Suffixes k, m, mm, mn, bn, thousand, million,
// lakh/lac, crore/cr, L and Cr after ₹/INR, LPA (lakh per annum: a yearly INR amount). One exception to
// the three-digit rule: a dot before a k/m suffix is a decimal point ("$1.125M" is 1,125,000).
// Shared symbols ($: USD CAD AUD NZD SGD HKD MXN TWD; kr: SEK NOK DKK ISK; ¥: JPY CNY) take the one
// candidate the guide's bands use; with none or several, a bare $ is USD and kr / ¥ stay unplaced
// (currency null, candidates listed).

import { isCurrencyCode } from './money.js';

export type Period = 'year' | 'month' | 'week' | 'day' | 'hour';

export interface MoneyContext {
  /** The currencies of the guide's bands, in order: a shared symbol takes the one of these it can be. */
  currencies?: readonly string[];
  /** The currency of money written with no marker at all ("Accept at 150K+ base"); otherwise null. */
  defaultCurrency?: string | null;
  /** Return numbers that are not money too (money: false). */
  bare?: boolean;
  /** The text is known to be money (a cell under "Base", a salary line): every figure in it is (but "4 years", "15%"). */
  assumeMoney?: boolean;
}

export interface MoneyAmount {
  amount: number;
  /** ISO 4217 code, or null when no marker was written (and no default applies) or a shared symbol could not be placed. */
  currency: string | null;
  /** For a shared symbol ($, kr, ¥, dollars…): the currencies it could be. */
  candidates?: string[];
  /** The currency marker as written ("$", "CHF", "kr", "euros"), or null. */
  marker: string | null;
  /** True for money: a currency marker, a lakh/crore word, or a money word beside the figure. */
  money: boolean;
  /** Offsets in the text read: text.slice(start, end) === this.text. */
  start: number;
  end: number;
  text: string;
  /** "~", "about", "around", "roughly", "approx." before it. */
  approximate?: boolean;
  /** "150K+": at least this much. */
  plus?: boolean;
  /** "/yr", "per month", "an hour", "p.a.", "LPA" after it. */
  period?: Period;
}

export interface MoneyRange {
  low: MoneyAmount;
  high: MoneyAmount;
  currency: string | null;
  candidates?: string[];
  start: number;
  end: number;
  text: string;
  period?: Period;
}

export interface MoneyMention {
  text: string;
  start: number;
  end: number;
  /** Why it could not be placed. */
  reason: string;
  candidates?: string[];
}

const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'TWD'];
const KRONOR = ['SEK', 'NOK', 'DKK', 'ISK'];
const YEN = ['JPY', 'CNY'];

/** Every symbol the reader knows, with the currencies it may stand for (one: unambiguous). */
export const CURRENCY_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  CA$: ['CAD'],
  C$: ['CAD'],
  A$: ['AUD'],
  AU$: ['AUD'],
  NZ$: ['NZD'],
  US$: ['USD'],
  HK$: ['HKD'],
  S$: ['SGD'],
  SG$: ['SGD'],
  R$: ['BRL'],
  MX$: ['MXN'],
  NT$: ['TWD'],
  'CN¥': ['CNY'],
  'JP¥': ['JPY'],
  $: DOLLARS,
  '£': ['GBP'],
  '€': ['EUR'],
  '¥': YEN,
  '￥': YEN,
  '₹': ['INR'],
  '₩': ['KRW'],
  '₪': ['ILS'],
  '₺': ['TRY'],
  '₽': ['RUB'],
  '₱': ['PHP'],
  zł: ['PLN'],
  kr: KRONOR,
  'kr.': KRONOR,
  Kr: KRONOR,
  'Fr.': ['CHF'],
  Fr: ['CHF'],
  SFr: ['CHF'],
  'SFr.': ['CHF'],
  Rs: ['INR'],
  'Rs.': ['INR'],
  '₨': ['INR'],
};

/** Currency words written after (or before) a figure: "190 thousand dollars", "Swiss francs 120,000". */
const CURRENCY_WORDS: [RegExp, readonly string[]][] = [
  [/^(?:US|U\.S\.|American)\s+dollars?/i, ['USD']],
  [/^Canadian\s+dollars?/i, ['CAD']],
  [/^Australian\s+dollars?/i, ['AUD']],
  [/^(?:New\s+Zealand|NZ)\s+dollars?/i, ['NZD']],
  [/^Singapore\s+dollars?/i, ['SGD']],
  [/^Hong\s+Kong\s+dollars?/i, ['HKD']],
  [/^Swiss\s+francs?/i, ['CHF']],
  [/^(?:Indian\s+)?rupees?/i, ['INR']],
  [/^(?:Swedish\s+)?kronor/i, ['SEK']],
  [/^Swedish\s+krona/i, ['SEK']],
  [/^Norwegian\s+kron[ae]r?/i, ['NOK']],
  [/^Danish\s+kron[ae]r?/i, ['DKK']],
  [/^Icelandic\s+kr[oó]n(?:a|ur)/i, ['ISK']],
  [/^(?:Japanese\s+)?yen/i, ['JPY']],
  [/^(?:Chinese\s+)?(?:yuan|renminbi|RMB)/i, ['CNY']],
  [/^(?:South\s+)?Korean\s+won/i, ['KRW']],
  [/^(?:British\s+)?pounds?(?:\s+sterling)?/i, ['GBP']],
  [/^euros?/i, ['EUR']],
  [/^francs?/i, ['CHF']],
  [/^z[lł]oty(?:ch|s)?/i, ['PLN']],
  [/^(?:Israeli\s+)?(?:new\s+)?shekels?/i, ['ILS']],
  [/^(?:Turkish\s+)?lira/i, ['TRY']],
  [/^roubles?|^rubles?/i, ['RUB']],
  [/^(?:Philippine\s+)?pesos?/i, ['PHP', 'MXN']],
  [/^reais|^reals?\b/i, ['BRL']],
  [/^kron(?:a|or|er|e)/i, KRONOR],
  [/^bucks|^dollars?/i, DOLLARS],
];

/** Uppercase words that are ISO codes but far likelier English in prose ("TOP 10", "ALL 3"). */
const NOT_CODES_IN_PROSE = new Set([
  'ALL',
  'TOP',
  'CUP',
  'SOS',
  'MAD',
  'PEN',
  'BOB',
  'GEL',
  'MOP',
  'LAK',
  'DOP',
  'BAM',
  'TRY',
  'SAR',
  'CVE',
]);

const SYMBOL_LIST = Object.keys(CURRENCY_SYMBOLS).sort((a, b) => b.length - a.length);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SYMBOL_ALT = SYMBOL_LIST.map(escapeRe).join('|');
// A symbol right before the figure (the text before the figure, reversed matching is awkward: anchor at end).
const PRE_SYMBOL = new RegExp(`(?:^|[^\\p{L}\\p{N}])(${SYMBOL_ALT})\\s?$`, 'du');
const PRE_CODE = new RegExp(`(?:^|[^\\p{L}])([A-Za-z]{3})\\s?(?:(${SYMBOL_ALT})\\s?)?$`, 'du');
const POST_SYMBOL = new RegExp(`^\\s?(${SYMBOL_ALT})(?![\\p{L}\\p{N}])`, 'u');
const POST_CODE = /^\s?([A-Za-z]{3})(?![\p{L}\p{N}])/u;

/** Separators between digit groups: dot, comma, apostrophes, spaces (plain, no-break, thin, narrow). */
const GROUP_SPACES = ' \u00A0\u202F\u2009\u2007';
// Bounded (a figure of at most 40 digits per group and 12 groups): every match is short, so a scan is linear.
const NUMBER_RE = new RegExp(`(?<!\\p{N}|\\p{N}[.,'’])\\d{1,40}(?:[.,'’${GROUP_SPACES}]\\d{1,40}){0,12}(?!\\d)`, 'u');

interface Suffix {
  re: RegExp;
  mult: number;
  inrOnly?: boolean;
  indian?: boolean;
  period?: Period;
}
// Tried in order at the end of the figure (after an optional space for words).
const SUFFIXES: Suffix[] = [
  { re: /^\s?LPA(?![\p{L}])/iu, mult: 1e5, indian: true, period: 'year' },
  { re: /^\s?(?:lakhs?|lacs?)(?![\p{L}])/iu, mult: 1e5, indian: true },
  { re: /^\s?(?:crores?|cr)(?![\p{L}])\.?/iu, mult: 1e7, indian: true },
  { re: /^L(?![\p{L}\p{N}])/u, mult: 1e5, inrOnly: true },
  { re: /^\s?thousand(?![\p{L}])/iu, mult: 1e3 },
  { re: /^\s?million(?![\p{L}])/iu, mult: 1e6 },
  { re: /^\s?billion(?![\p{L}])/iu, mult: 1e9 },
  { re: /^(?:mm|MM|mn|Mn)(?![\p{L}])/u, mult: 1e6 },
  { re: /^(?:bn|Bn)(?![\p{L}])/u, mult: 1e9 },
  { re: /^\s?[kK](?![\p{L}])/u, mult: 1e3 },
  { re: /^[mM](?![\p{L}])/u, mult: 1e6 },
];

const PERIODS: [RegExp, Period][] = [
  [/^\s*(?:\/|per\s+|an?\s+|each\s+)(?:yr|year|annum)\b/i, 'year'],
  [/^\s*(?:p\.\s?a\.?|pa\b|annually\b|yearly\b|annual\b)/i, 'year'],
  [/^\s*(?:\/|per\s+|a\s+|each\s+)(?:mo|mth|month)\b/i, 'month'],
  [/^\s*(?:monthly\b|p\.\s?m\.)/i, 'month'],
  [/^\s*(?:\/|per\s+|a\s+|each\s+)(?:wk|week)\b/i, 'week'],
  [/^\s*weekly\b/i, 'week'],
  [/^\s*(?:\/|per\s+|a\s+|each\s+)day\b/i, 'day'],
  [/^\s*daily\b/i, 'day'],
  [/^\s*(?:\/|per\s+|an\s+|each\s+)(?:hr|hour)\b/i, 'hour'],
  [/^\s*(?:hourly\b|p\.\s?h\.)/i, 'hour'],
];

const APPROX_BEFORE =
  /(?:~|≈|\b(?:about|around|roughly|approx\.?|approximately|circa|c\.|some|up to|nearly|almost))\s*$/i;

/** Words that make a figure beside them money ("150K base", "salary: 85.000"). */
const MONEY_WORD =
  /\b(?:salar(?:y|ies)|base|pay|paid|wages?|compensation|comp|TC|CTC|package|RSUs?|stock|equity|bonus(?:es)?|sign[- ]?on|signing|relocation|stipend|income|earn(?:s|ing)?|grant|offer(?:ed|s)?|dollars?|euros?|pounds?|francs?|rupees?|yen|kronor|krona|kroner|budget|raise|refresher)\b/i;
/** Units that make a figure something else ("4 years", "20M+ developers" needs no rule: no money word). */
const NOT_MONEY_AFTER =
  /^\+?\s*(?:%|percent\b|per\s*cent\b|years?\b|yrs?\b|months?\b|mos?\b|weeks?\b|days?\b|hours?\b|hrs?\b|people\b|employees\b|users\b|developers\b|engineers\b|customers\b|shares\b|options\b|units\b|x\b|×)/i;

interface Raw {
  start: number;
  end: number;
  /** The figure as written without suffix, as a number. */
  value: number;
  mult: number;
  suffixWritten: boolean;
  indian: boolean;
  marker: string | null;
  candidates: readonly string[] | null;
  markerBefore: boolean;
  plus: boolean;
  approximate: boolean;
  period?: Period;
  /** Where the digits start and end (for context checks). */
  numStart: number;
  numEnd: number;
}

/**
 * Reads the digits of one figure by the grouping rules. Returns its value and how many characters of
 * `s` it used (the rest is not part of the number), or null.
 */
function readDigits(s: string, dotBeforeSuffix: (len: number) => boolean): { value: number; len: number } | null {
  const parts = s.split(/([.,'’ \u00A0\u202F\u2009\u2007])/);
  const first = parts[0];
  if (!/^\d+$/.test(first)) return null;
  // Indian grouping: 45,00,000 / 1,00,00,000 (optionally .00).
  const indian = /^(\d{1,2}(?:,\d{2})+,\d{3})(?:\.(\d{1,2}))?(?![\d])/.exec(s);
  if (indian) {
    const int = indian[1].replace(/,/g, '');
    return { value: Number(int + (indian[2] ? `.${indian[2]}` : '')), len: indian[0].length };
  }
  let digits = first;
  let len = first.length;
  let groupSep: string | null = null;
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const sep = parts[i];
    const g = parts[i + 1];
    const last = i + 2 >= parts.length;
    const isSpace = GROUP_SPACES.includes(sep);
    const canGroup = g.length === 3 && first.length <= 3 && (groupSep === null || groupSep === sep);
    if (canGroup && !(sep === '.' && groupSep === null && last && dotBeforeSuffix(len + 1 + g.length))) {
      digits += g;
      len += 1 + g.length;
      groupSep = sep;
      continue;
    }
    if ((sep === '.' || sep === ',') && sep !== groupSep && last && !isSpace) {
      // A decimal point: one or two digits that end the number; or, after a dot, four and more digits
      // (which cannot be a group) or any digits before a k/m suffix.
      if (g.length <= 2 || (sep === '.' && (g.length >= 4 || dotBeforeSuffix(len + 1 + g.length)))) {
        return { value: Number(`${digits}.${g}`), len: len + 1 + g.length };
      }
    }
    break;
  }
  return { value: Number(digits), len };
}

function codeOk(code: string, anyCase: boolean, before: boolean): boolean {
  if (!anyCase && code !== code.toUpperCase()) return false;
  const up = code.toUpperCase();
  if (!isCurrencyCode(up)) return false;
  if (!anyCase && NOT_CODES_IN_PROSE.has(up) && before) return false;
  return true;
}

/** Every figure in the text with the markers written around it (nothing resolved yet). */
function scan(text: string, anyCase: boolean): Raw[] {
  const out: Raw[] = [];
  const re = new RegExp(NUMBER_RE.source, 'gu');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const numStart = m.index;
    // The digits by the grouping rules; the rest of the match is not this number.
    const after = (len: number) => text.slice(numStart + len, numStart + len + 16);
    const hasMagnitudeAfter = (len: number) =>
      /^\s?(?:[kKmM](?![\p{L}])|mm|mn|bn|thousand|million|lakh|lac|crore|cr|LPA)/iu.test(after(len));
    const d = readDigits(m[0], hasMagnitudeAfter);
    if (!d) continue;
    // What the grouping rules leave of the match is read again ("2024 100K": two figures).
    re.lastIndex = numStart + d.len;
    let end = numStart + d.len;
    const numEnd = end;
    // The marker before the figure.
    const before = text.slice(Math.max(0, numStart - 12), numStart);
    let marker: string | null = null;
    let candidates: readonly string[] | null = null;
    let start = numStart;
    let markerBefore = false;
    const base = numStart - before.length;
    const preSym = PRE_SYMBOL.exec(before);
    const preCode = preSym ? null : PRE_CODE.exec(before);
    if (preSym) {
      marker = preSym[1];
      candidates = CURRENCY_SYMBOLS[marker];
      start = base + preSym.indices![1]![0];
      markerBefore = true;
      // "USD $150K": a code before the symbol names the currency.
      const codeBefore = /(?:^|[^\p{L}])([A-Za-z]{3})\s?$/du.exec(text.slice(Math.max(0, start - 5), start));
      const code = codeBefore?.[1].toUpperCase();
      if (code && codeOk(codeBefore![1], anyCase, true)) {
        if (!candidates.includes(code)) continue; // "GBP $100": two currencies
        marker = `${code} ${marker}`;
        candidates = [code];
        start = Math.max(0, start - 5) + codeBefore!.indices![1]![0];
      }
    } else if (preCode && codeOk(preCode[1], anyCase, true)) {
      const code = preCode[1].toUpperCase();
      const sym = preCode[2];
      if (sym && !CURRENCY_SYMBOLS[sym].includes(code)) continue; // "GBP $100": two currencies
      marker = sym ? `${code}${sym}` : code;
      candidates = [code];
      start = base + preCode.indices![1]![0];
      markerBefore = true;
    }
    // A 401(k) plan is not money (a "$401K" is).
    if (!marker && m[0].startsWith('401') && /^\(?k\)?/i.test(text.slice(numStart + 3, numStart + 6))) continue;
    // Digits glued to letters are a name ("L5", "Q3", "E4"), unless the letters are the currency ("CHF175K").
    if (/\p{L}$/u.test(before) && start === numStart) {
      re.lastIndex = numStart + /^\d+/.exec(m[0])![0].length;
      continue;
    }
    // Suffix.
    let mult = 1;
    let suffixWritten = false;
    let indian = false;
    let period: Period | undefined;
    // Quick gates before the lists of patterns: most figures have no letter after them.
    const letterAfter = /^\s?\p{L}/u.test(text.slice(end, end + 2));
    for (const s of letterAfter ? SUFFIXES : []) {
      const sm = s.re.exec(text.slice(end, end + 16));
      if (!sm) continue;
      if (s.inrOnly && !candidates?.includes('INR')) continue;
      mult = s.mult;
      suffixWritten = true;
      indian = !!s.indian || !!s.inrOnly;
      period = s.period;
      end += sm[0].length;
      break;
    }
    let plus = false;
    if (text[end] === '+') {
      plus = true;
      end += 1;
    }
    // A marker after the figure, when none was before.
    if (!marker) {
      const rest = text.slice(end, end + 40);
      const postSym = POST_SYMBOL.exec(rest);
      const postCode = POST_CODE.exec(rest);
      if (postSym) {
        marker = postSym[1];
        candidates = CURRENCY_SYMBOLS[marker];
        end += postSym[0].length;
      } else if (postCode && codeOk(postCode[1], anyCase, false)) {
        marker = postCode[1].toUpperCase();
        candidates = [marker];
        end += postCode[0].length;
      } else {
        const ws = /^\s?/.exec(rest)![0].length;
        for (const [re, cands] of /^\s?\p{L}/u.test(rest) ? CURRENCY_WORDS : []) {
          const w = re.exec(rest.slice(ws));
          if (w) {
            marker = w[0];
            candidates = cands;
            end += ws + w[0].length;
            break;
          }
        }
      }
      if (!plus && text[end] === '+') {
        plus = true;
        end += 1;
      }
    }
    if (!period) {
      for (const [re, p] of /^\s*[/\p{L}]/u.test(text.slice(end, end + 8)) ? PERIODS : []) {
        const pm = re.exec(text.slice(end, end + 20));
        if (pm) {
          period = p;
          break;
        }
      }
    }
    const approximate = APPROX_BEFORE.test(text.slice(Math.max(0, start - 16), start));
    out.push({
      start,
      end,
      value: d.value,
      mult,
      suffixWritten,
      indian,
      marker,
      candidates,
      markerBefore,
      plus,
      approximate,
      period,
      numStart,
      numEnd,
    });
  }
  return out;
}

function resolve(
  candidates: readonly string[] | null,
  marker: string | null,
  ctx: MoneyContext,
  indian: boolean,
): { currency: string | null; candidates?: string[] } {
  if (!candidates) {
    if (indian) return { currency: 'INR' };
    return { currency: marker === null ? (ctx.defaultCurrency ?? null) : null };
  }
  if (candidates.length === 1) return { currency: candidates[0] };
  const used = candidates.filter((c) => (ctx.currencies ?? []).includes(c));
  const list = [...candidates];
  if (used.length === 1) return { currency: used[0], candidates: list };
  if (candidates === DOLLARS) return { currency: 'USD', candidates: list };
  return { currency: null, candidates: list };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const RANGE_JOIN = /^\s*(?:[–—-]|to|and|until|through|thru)\s*$/i;

/** Pairs neighbouring figures joined by –, -, to, and: the pair shares a marker and a suffix written once. */
function pairs(text: string, raws: Raw[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < raws.length; i++) {
    const a = raws[i];
    const b = raws[i + 1];
    if (b.start - a.end > 40) continue;
    const between = text.slice(a.end, b.start);
    if (!RANGE_JOIN.test(between)) continue;
    if (
      /and/i.test(between) &&
      !/\b(?:between|from)\s+\S*$/i.test(`${text.slice(Math.max(0, a.start - 20), a.start + 1)}`)
    ) {
      if (!/\bbetween\s*$/i.test(text.slice(Math.max(0, a.start - 12), a.start))) continue;
    }
    if (a.marker && b.marker && a.candidates?.join() !== b.candidates?.join()) continue;
    out.push([i, i + 1]);
    i++;
  }
  return out;
}

function shareWithinRanges(text: string, raws: Raw[]): [number, number][] {
  const ps = pairs(text, raws);
  for (const [i, j] of ps) {
    const a = raws[i];
    const b = raws[j];
    if (!a.suffixWritten && b.suffixWritten && a.value * b.mult <= b.value * b.mult && a.value < 1000) {
      a.mult = b.mult;
      a.indian = b.indian;
    }
    if (!a.marker && b.marker) {
      a.marker = b.marker;
      a.candidates = b.candidates;
    } else if (a.marker && !b.marker) {
      b.marker = a.marker;
      b.candidates = a.candidates;
    }
    if (!a.period && b.period) a.period = b.period;
  }
  return ps;
}

function isMoney(text: string, r: Raw, ctx: MoneyContext): boolean {
  if (r.marker || r.indian) return true;
  if (NOT_MONEY_AFTER.test(text.slice(r.end, r.end + 16))) return false;
  if (ctx.assumeMoney) return true;
  const value = r.value * r.mult;
  // A bare 4-digit year is not money, whatever word is near it.
  if (!r.suffixWritten && /^(?:19|20)\d\d$/.test(text.slice(r.numStart, r.numEnd))) return false;
  if (!r.suffixWritten && value < 1000) return false;
  const clauseBefore =
    text
      .slice(Math.max(0, r.start - 40), r.start)
      .split(/[.!?;\n]\s|\n/)
      .pop() ?? '';
  const clauseAfter = text.slice(r.end, r.end + 30).split(/[.!?;,\n]\s|\n|[([]/)[0];
  return MONEY_WORD.test(clauseBefore) || MONEY_WORD.test(clauseAfter);
}

function toAmount(text: string, r: Raw, ctx: MoneyContext, money: boolean): MoneyAmount {
  const { currency, candidates } = resolve(
    r.candidates,
    r.marker,
    money ? ctx : { ...ctx, defaultCurrency: null },
    r.indian,
  );
  const a: MoneyAmount = {
    amount: round2(r.value * r.mult),
    currency,
    marker: r.marker,
    money,
    start: r.start,
    end: r.end,
    text: text.slice(r.start, r.end),
  };
  if (candidates) a.candidates = candidates;
  if (r.approximate) a.approximate = true;
  if (r.plus) a.plus = true;
  if (r.period) a.period = r.period;
  return a;
}

function readAll(text: string, ctx: MoneyContext, anyCase: boolean): { amounts: MoneyAmount[]; ranges: MoneyRange[] } {
  const raws = scan(text, anyCase);
  const ps = shareWithinRanges(text, raws);
  const money = raws.map((r) => isMoney(text, r, ctx));
  // A range is money when either end is.
  for (const [i, j] of ps) money[i] = money[j] = money[i] || money[j];
  const amounts = raws.map((r, i) => toAmount(text, r, ctx, money[i]));
  const ranges: MoneyRange[] = ps
    .filter(([i]) => money[i])
    .map(([i, j]) => {
      const low = amounts[i];
      const high = amounts[j];
      const range: MoneyRange = {
        low,
        high,
        currency: high.currency ?? low.currency,
        start: low.start,
        end: high.end,
        text: text.slice(low.start, high.end),
      };
      const cands = high.candidates ?? low.candidates;
      if (cands) range.candidates = cands;
      const period = high.period ?? low.period;
      if (period) range.period = period;
      return range;
    });
  return { amounts, ranges };
}

/** Every amount in the text, in order (money only, unless `ctx.bare`). */
export function findAmounts(text: string, ctx: MoneyContext = {}): MoneyAmount[] {
  const { amounts } = readAll(text, ctx, false);
  return ctx.bare ? amounts : amounts.filter((a) => a.money);
}

/** Every money range in the text, in order: "$150K–$200K", "CHF 150–175K", "between €85,000 and €95,000". */
export function findRanges(text: string, ctx: MoneyContext = {}): MoneyRange[] {
  return readAll(text, ctx, false).ranges;
}

/** Words that may surround a lone amount in a cell or a flag value without being part of it. */
const AROUND = /^[\s~≈]*|[\s.,;:]*$/g;

/** The whole text as one amount ("CHF 175K", "85.000", "₹45,00,000", "175'000 Fr."), codes in any case; else null. */
export function readAmount(text: string, ctx: MoneyContext = {}): MoneyAmount | null {
  const t = text.replace(AROUND, '');
  const lead = text.indexOf(t);
  const { amounts } = readAll(t, { ...ctx, bare: true }, true);
  if (amounts.length !== 1) return null;
  const a = amounts[0];
  if (a.start !== 0) return null;
  const rest = t.slice(a.end);
  if (rest.trim() !== '' && !(a.period && PERIODS.some(([re]) => re.test(rest) && rest.replace(re, '').trim() === '')))
    return null;
  // With no marker a figure read whole is money: the caller asked for an amount.
  const money = { ...a, money: true, start: a.start + lead, end: a.end + lead };
  if (a.marker === null && !a.money) money.currency = ctx.defaultCurrency ?? a.currency ?? null;
  return money;
}

/** The whole text as a range, or as one amount (low = high); else null. */
export function readRange(text: string, ctx: MoneyContext = {}): MoneyRange | null {
  const t = text.trim();
  const { amounts, ranges } = readAll(t, { ...ctx, bare: true }, true);
  if (ranges.length === 1 && ranges[0].start === 0 && t.slice(ranges[0].end).trim() === '' && amounts.length === 2)
    return ranges[0];
  const one = readAmount(t, ctx);
  return one
    ? {
        low: one,
        high: one,
        currency: one.currency,
        candidates: one.candidates,
        start: one.start,
        end: one.end,
        text: one.text,
        ...(one.period ? { period: one.period } : {}),
      }
    : null;
}

const NUMBER_WORD =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|a|and)$/i;
const CURRENCY_WORD_RE = /\b(?:dollars?|euros?|pounds?|francs?|rupees?|yen|kronor|krona|kroner|bucks)\b/gi;

/** "one hundred ninety thousand dollars": number words (with hundred, thousand or million) right before a currency word. */
function findSpelledMoney(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(CURRENCY_WORD_RE)) {
    // Walk back over at most 12 words (bounded: linear in the text).
    let start = m.index!;
    let words = 0;
    let magnitude = false;
    for (let i = 0; i < 12; i++) {
      const before = /(\p{L}+)[\s-]+(?:(?:US|Canadian|Australian|Swiss)\s+)?$/u.exec(
        text.slice(Math.max(0, start - 40), start),
      );
      if (!before || !NUMBER_WORD.test(before[1])) break;
      if (/^(?:hundred|thousand|million)$/i.test(before[1])) magnitude = true;
      start -= before[0].length;
      words++;
    }
    if (words > 0 && magnitude)
      out.push({ text: text.slice(start, m.index! + m[0].length), start, end: m.index! + m[0].length });
  }
  return out;
}

/** Money named that the reader could not place: shared symbols with no settled currency, and spelled-out sums. */
export function findUnplacedMoney(text: string, ctx: MoneyContext = {}): MoneyMention[] {
  const out: MoneyMention[] = [];
  for (const a of findAmounts(text, ctx)) {
    if (a.currency !== null) continue;
    out.push(
      a.candidates
        ? {
            text: a.text,
            start: a.start,
            end: a.end,
            reason: `"${a.marker}" could be ${a.candidates.join(', ')}`,
            candidates: a.candidates,
          }
        : { text: a.text, start: a.start, end: a.end, reason: 'no currency is written' },
    );
  }
  for (const m of findSpelledMoney(text)) out.push({ ...m, reason: 'written in words' });
  return out.sort((x, y) => x.start - y.start);
}

/** True for a bare "$" read as a currency other than USD (a validate note). */
export function isBareDollarNote(a: Pick<MoneyAmount, 'marker' | 'currency'>): boolean {
  return (
    (a.marker === '$' || /^(?:bucks|dollars?)$/i.test(a.marker ?? '')) && a.currency !== null && a.currency !== 'USD'
  );
}
