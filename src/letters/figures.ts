// The figures of an offer letter: base salary (and its basis), equity, vesting and cliff, bonus, sign-on,
// relocation, clawback. Every amount is read by the one money reader (src/comp/money-text.ts); this module
// decides what each amount is from the words around it, and converts a monthly, weekly or hourly base to
// a year with the basis the letter states. Pure.
import { findAmounts, type MoneyAmount } from '../comp/money-text.js';
import type { Sentence } from './sentences.js';

export type Field =
  | 'base'
  | 'stock'
  | 'vesting'
  | 'cliff'
  | 'bonus_pct'
  | 'bonus_amount'
  | 'sign_on'
  | 'relocation'
  | 'clawback'
  | 'shares';

/** One amount or fact read from the letter. */
export interface Reading {
  field: Field;
  value: number | string | number[];
  /** The amount's currency as settled (null: none written, or a shared symbol not yet placed). */
  currency: string | null;
  /** For a shared symbol ($, kr, ¥): the currencies it may be. */
  candidates?: string[];
  /** The marker as written ("$", "kr"), when there was one. */
  marker?: string | null;
  text: string;
  line: number;
  /** How the value was derived ("monthly €7,500 × 13 salaries"), when it is not the figure as written. */
  note?: string;
  /** For the base: a label that names it outright ("base salary", "annual salary", "fixed pay"). */
  strong?: boolean;
}

// ---- what an amount is, from the words around it ------------------------------------------------

type Kind = 'base' | 'total' | 'stock' | 'bonus' | 'sign_on' | 'relocation' | 'other';

const KEYWORDS: [Kind, RegExp][] = [
  [
    'sign_on',
    /\b(?:sign[- ]?on|signing|joining|welcome|hiring)(?:\s+(?:bonus|payment|award|incentive))?\b|\bantrittsprämie\b|\beinmalzahlung\b|\bwillkommensprämie\b/gi,
  ],
  [
    'relocation',
    /\breloca\w*(?:\s+(?:allowance|bonus|package|assistance|support|expenses|costs|payment))?|\bmoving\s+(?:allowance|expenses|costs|assistance)|\bumzug\w*/gi,
  ],
  [
    'total',
    /\btotal\s+(?:target\s+|annual\s+|first[- ]year\s+)?(?:compensation|comp|remuneration|package|cash|ctc)\b|\bon[- ]target\s+earnings\b|\bOTE\b|\bgesamtvergütung\b|\bzielgehalt\b/gi,
  ],
  [
    'bonus',
    /\b(?:target\s+|annual\s+|performance\s+|variable\s+)?bonus\b|\bincentive\b|\bvariable\s+(?:pay|compensation|component)\b|\bSTIP?\b|\bzielbonus\b|\bbonus\w*|\btantieme\b|\bvariable\s+vergütung\b/gi,
  ],
  [
    'stock',
    /\b(?:RSUs?|restricted\s+stock(?:\s+units?)?|stock\s+options?|stock|shares?|equity|options?|ESOPs?|VSOPs?|aktien\w*|virtual\s+shares|grant)\b/gi,
  ],
  [
    'base',
    /\b(?:(?:annual|yearly|monthly|gross|basic|base|fixed)\s+(?:gross\s+)?(?:salary|pay|compensation|wage)|salary|wages?|base\s+pay|hourly\s+(?:rate|wage)|rate\s+of\s+pay|pay\s+rate|fixed\s+(?:pay|compensation|component)|CTC|cost\s+to\s+company|(?:brutto)?(?:jahres|monats|grund)?gehalt\w*|(?:jahres)?bruttogehalt\w*|festgehalt\w*|vergütung)\b/gi,
  ],
  [
    'other',
    /\b401\s*\(?k\)?|\bpension\b|\binsurance\b|\bstipend\b|\ballowance\b|\breimburse\w*|\bper\s+diem\b|\bmeal\w*|\bcommuter\b|\bwellness\b|\bgym\b|\bphone\b|\binternet\b|\bvacation\b|\bPTO\b|\bpaid\s+time\s+off\b|\bexercise\s+price\b|\bstrike\s+price\b|\bpreis\b/gi,
  ],
];

const STRONG_BASE =
  /\b(?:(?:annual|yearly|monthly|gross|basic|base|fixed)\s+(?:gross\s+)?(?:salary|pay|compensation|wage)|base\s+pay|hourly\s+(?:rate|wage)|fixed\s+(?:pay|compensation|component)|jahres\w*gehalt|bruttojahresgehalt|grundgehalt|festgehalt|monatsgehalt\w*)\b/i;

interface Hit {
  kind: Kind;
  start: number;
  end: number;
  text: string;
}

function keywordHits(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const [kind, re] of KEYWORDS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) hits.push({ kind, start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  // A bonus word inside a sign-on phrase ("sign-on bonus") is the sign-on's; a longer hit wins over one it covers.
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) {
    const cover = kept.find((k) => h.start < k.end && h.end > k.start);
    if (cover) {
      if (h.kind === 'sign_on' && cover.kind === 'bonus') Object.assign(cover, h);
      continue;
    }
    kept.push(h);
  }
  return kept;
}

/** The kind of an amount: the keyword just after it ("$20,000 signing bonus"), else the nearest before it in the sentence. */
function kindOf(
  a: { start: number; end: number },
  hits: Hit[],
  text: string,
  amounts: MoneyAmount[],
  percent = false,
): Hit | undefined {
  const prev = [...hits].reverse().find((h) => h.end <= a.start);
  const next = hits.find((h) => h.start >= a.end);
  // "a bonus of 10% of base salary": a percentage is of what follows it, and belongs to what precedes it.
  // "a 10% target bonus": a percentage right before its word is that word's.
  if (percent && next && /^\s*(?:annual\s+|target\s+|yearly\s+|performance\s+)?$/i.test(text.slice(a.end, next.start)))
    return next;
  if (percent && prev && a.start - prev.end <= 120) return prev;
  const gapAfter = next ? text.slice(a.end, next.start) : '';
  const nextAdjacent =
    next &&
    /^[\s\w()'’-]{0,30}$/.test(gapAfter) &&
    gapAfter.trim().split(/\s+/).filter(Boolean).length <= 3 &&
    !/\b(?:and|or|plus|per|a|an)\b/i.test(gapAfter);
  const prevBlocked = prev && amounts.some((o) => o.start >= prev.end && o.end <= a.start && o.money);
  const prevFar = prev && a.start - prev.end > 120;
  if (
    nextAdjacent &&
    (!prev || prevBlocked || prevFar || /^\s*$/.test(gapAfter) || /^\s*(?:in|as|of)?\s*$/i.test(gapAfter))
  )
    return next;
  if (prev && !prevFar) return prev;
  if (nextAdjacent) return next;
  return undefined;
}

// ---- periods and the basis of a base salary -----------------------------------------------------

type Period = 'year' | 'month' | 'semimonth' | 'biweek' | 'week' | 'day' | 'hour';

const PERIOD_AFTER: [Period, RegExp][] = [
  [
    'biweek',
    /^[\s,]*(?:\w+\s+){0,3}?(?:bi-?weekly|every\s+(?:two|2)\s+weeks|per\s+(?:bi-?weekly\s+)?pay\s+period|fortnightly|per\s+fortnight)/i,
  ],
  ['semimonth', /^[\s,]*(?:\w+\s+){0,3}?(?:semi-?monthly|twice\s+(?:a|per)\s+month)/i],
  ['hour', /^[\s,]*(?:\w+\s+){0,2}?(?:per\s+hour|an\s+hour|\/\s*(?:hr|hour)|hourly|pro\s+stunde)/i],
  ['week', /^[\s,]*(?:\w+\s+){0,2}?(?:per\s+week|a\s+week|\/\s*(?:wk|week)|weekly)/i],
  ['day', /^[\s,]*(?:\w+\s+){0,2}?(?:per\s+day|a\s+day|\/\s*day|daily)/i],
  [
    'month',
    /^[\s,]*(?:\w+\s+){0,3}?(?:per\s+(?:calendar\s+)?month|a\s+month|each\s+month|\/\s*(?:mo|month)|monthly|pro\s+monat|monatlich|p\.\s?m\.|per\s+mensem)/i,
  ],
  [
    'year',
    /^[\s,]*(?:\w+\s+){0,3}?(?:per\s+(?:year|annum)|a\s+year|each\s+year|annually|yearly|\/\s*(?:yr|year|annum)|p\.\s?a\.|pa\b|pro\s+jahr|jährlich|im\s+jahr)/i,
  ],
];

const PERIOD_BEFORE: [Period, RegExp][] = [
  ['biweek', /\b(?:bi-?weekly|fortnightly)\s+(?:gross\s+)?(?:salary|pay|wage|rate|amount)\b[^.]*$/i],
  ['semimonth', /\bsemi-?monthly\s+(?:gross\s+)?(?:salary|pay|wage|amount)\b[^.]*$/i],
  ['hour', /\b(?:hourly\s+(?:rate|wage|pay)|rate\s+of\s+pay\s+per\s+hour|stundenlohn)\b[^.]*$/i],
  ['week', /\bweekly\s+(?:gross\s+)?(?:salary|pay|wage)\b[^.]*$/i],
  [
    'month',
    /\b(?:monthly\s+(?:gross\s+|base\s+)?(?:salary|pay|wage|compensation|base)|(?:brutto)?monatsgehalt\w*|monatliche\w*\s+(?:brutto)?gehalt)\b[^.]*$/i,
  ],
  ['year', /\b(?:annual|yearly|per\s+annum)\b[^.]*$/i],
];

function periodOf(a: MoneyAmount, text: string, label: string): Period | undefined {
  const after = text.slice(a.end, a.end + 60);
  // "$185,000, paid bi-weekly": how often it is paid, not what the figure is; an "annual" label decides.
  const frequencyOnly = /^[\s,]*(?:\w+\s+)?(?:paid|payable|disbursed|ausgezahlt|zahlbar)\b/i.test(after);
  if (/\b(?:annual|yearly|jahres)/i.test(label) && (frequencyOnly || !/^[\s,]*(?:per|a|an|\/)\s/i.test(after)))
    return 'year';
  if (!frequencyOnly) for (const [p, re] of PERIOD_AFTER) if (re.test(after)) return p;
  if (a.period) return a.period === 'year' ? 'year' : a.period;
  const before = text.slice(Math.max(0, a.start - 80), a.start);
  for (const [p, re] of PERIOD_BEFORE) if (re.test(before)) return p;
  return undefined;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  'twenty-four': 24,
  'thirty-six': 36,
  'forty-eight': 48,
  sixty: 60,
  ein: 1,
  eins: 1,
  eine: 1,
  einem: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  zwölf: 12,
  dreizehn: 13,
  vierzehn: 14,
};
export const numberWord = (w: string): number | undefined =>
  /^\d+$/.test(w) ? Number(w) : NUMBER_WORDS[w.toLowerCase()];
const NUM = String.raw`(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|eighteen|twenty|twenty-four|thirty-six|forty-eight|sixty|ein|eins|eine|einem|zwei|drei|vier|fünf|sechs|zwölf|dreizehn|vierzehn)`;

/** How many monthly salaries a year pays, as the letter states it ("paid in 13 monthly instalments", "13th month"). */
function monthlyPayments(letter: string): { n: number; stated: string } | undefined {
  const m = new RegExp(
    String.raw`\b${NUM}\s*(?:\(\d+\)\s*)?(?:equal\s+)?(?:monthly\s+)?(?:salaries|payments|instal?lments|installments|pay(?:ments)?\s+periods|monthly\s+salaries|monatsgehälter|gehälter|raten|monatsraten)\b`,
    'i',
  ).exec(letter);
  if (m) {
    const n = numberWord(m[1]);
    if (n && n >= 12 && n <= 16) return { n, stated: m[0].replace(/\s+/g, ' ') };
  }
  const thirteenth = /\b(13th|thirteenth|13\.)\s*(?:month|monatsgehalt|salary|gehalt)/i.exec(letter);
  if (thirteenth) return { n: 13, stated: thirteenth[0].replace(/\s+/g, ' ') };
  const fourteenth = /\b(14th|fourteenth|14\.)\s*(?:month|monatsgehalt|salary|gehalt)/i.exec(letter);
  if (fourteenth) return { n: 14, stated: fourteenth[0].replace(/\s+/g, ' ') };
  return undefined;
}

function hoursPerWeek(letter: string): { hours: number; stated: string } | undefined {
  const m =
    /\b(\d{1,2}(?:\.\d)?)\s*(?:hours|hrs|stunden)\s*(?:per|a|each|every|\/|pro|in\s+der)\s*(?:week|wk|woche)\b/i.exec(
      letter,
    );
  if (m && +m[1] > 0 && +m[1] <= 80) return { hours: +m[1], stated: m[0].replace(/\s+/g, ' ') };
  const y = /\b(2,?080|1,?950|2,?000)\s*(?:hours|hrs)\s*(?:per|a|each)\s*year\b/i.exec(letter);
  if (y) return { hours: Number(y[1].replace(',', '')) / 52, stated: y[0] };
  return undefined;
}

// ---- vesting and cliff --------------------------------------------------------------------------

const VEST = /\bvest\w*|\bunverfallbar\w*|\bcliff\b/i;

function vestingYears(text: string): { years: number; stated: string } | undefined {
  const patterns = [
    new RegExp(
      String.raw`\bover\s+(?:a\s+(?:period\s+of\s+)?|the\s+(?:next\s+)?)?${NUM}\s*(?:\(\d+\)\s*)?[- ]?(years?|months?)`,
      'i',
    ),
    new RegExp(String.raw`\b${NUM}\s*(?:\(\d+\)\s*)?[- ](year|month)s?\s+vesting`, 'i'),
    new RegExp(String.raw`\bvesting\s+(?:period|schedule)\s+of\s+${NUM}\s*(?:\(\d+\)\s*)?(years?|months?)`, 'i'),
    new RegExp(String.raw`\büber\s+${NUM}\s+(jahre|monate)`, 'i'),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const n = numberWord(m[1]);
    if (!n) continue;
    const years = /^(?:month|monate)/i.test(m[2]) ? n / 12 : n;
    if (Number.isInteger(years) && years >= 1 && years <= 10) return { years, stated: m[0] };
  }
  return undefined;
}

function cliffMonths(text: string): { months: number; stated: string } | undefined {
  const patterns: [RegExp, number, number][] = [
    [new RegExp(String.raw`\b${NUM}\s*(?:\(\d+\)\s*)?[- ](year|month)s?\s+cliff`, 'i'), 1, 2],
    [new RegExp(String.raw`\bcliff\s+(?:of|period\s+of|at)\s+${NUM}\s*(?:\(\d+\)\s*)?(years?|months?)`, 'i'), 1, 2],
    [/\bcliff\b[^.]{0,40}?\b(?:after|at|on)\s+(?:the\s+)?(?:first|1st)\s+(year|anniversary)/i, 0, 1],
  ];
  for (const [re, ni, ui] of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const n = ni ? numberWord(m[ni]) : 1;
    if (!n) continue;
    const months = /^(?:year|anniversary)/i.test(m[ui]) ? n * 12 : n;
    if (months >= 0 && months <= 120) return { months, stated: m[0] };
  }
  if (/\bno\s+cliff\b|\bwithout\s+(?:a\s+)?cliff\b/i.test(text)) return { months: 0, stated: 'no cliff' };
  return undefined;
}

/** Yearly percentages listed in a vesting sentence ("40% in year one, 30% …", "40/30/20/10"), when they sum to 100. */
function yearlyPercents(text: string): number[] | undefined {
  const slash = /\b(\d{1,2}(?:\.\d+)?)\s*%?\s*\/\s*(\d{1,2}(?:\.\d+)?)\s*%?(?:\s*\/\s*(\d{1,2}(?:\.\d+)?)\s*%?)+/.exec(
    text,
  );
  if (slash) {
    const nums = slash[0].split('/').map((p) => Number(p.replace(/[%\s]/g, '')));
    if (Math.abs(nums.reduce((a, b) => a + b, 0) - 100) < 0.02) return nums;
  }
  const pcts = [...text.matchAll(/(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|prozent)/gi)].map((m) => Number(m[1]));
  if (
    pcts.length >= 2 &&
    pcts.length <= 10 &&
    Math.abs(pcts.reduce((a, b) => a + b, 0) - 100) < 0.02 &&
    /\byear|\banniversary|\bjahr/i.test(text)
  ) {
    // "25% after one year and the remaining 75% monthly over the next three years" is a cliff, not yearly percentages.
    if (/\bmonthly|\bquarterly|\bthereafter|\bremaining\b/i.test(text)) return undefined;
    return pcts;
  }
  return undefined;
}

const FREQUENCY =
  /\b(monthly|quarterly|semi-?annually|annually|yearly|monatlich|vierteljährlich|quartalsweise|jährlich)\b/i;

/** Even yearly percentages over n years that sum to exactly 100 (the last takes the remainder). */
export function evenPercents(years: number): number[] {
  const each = Math.floor((100 / years) * 100) / 100;
  const list = Array.from({ length: years }, () => each);
  list[years - 1] = Math.round((100 - each * (years - 1)) * 100) / 100;
  return list;
}

// ---- the readings of a whole letter -------------------------------------------------------------

const SHARE_COUNT =
  /(?<![\d$€£¥₹.,])(\d{1,3}(?:[,.' ]\d{3})+|\d+)\s+(?:(?:new\s+)?(?:restricted\s+stock\s+units?|RSUs?|shares?(?:\s+of\s+(?:common|restricted)\s+stock)?|stock\s+options?|options?|units|virtual\s+shares|phantom\s+shares|aktien|ESOPs?|VSOPs?))\b/gi;
const PER_SHARE_AFTER = /^\s*(?:per|a|each|\/)\s*(?:share|unit|RSU|option|aktie)\b/i;
const PRICE_BEFORE =
  /\b(?:(?:share|stock|unit)\s+price|price\s+(?:per\s+share\s+)?of|fair\s+market\s+value|FMV|preferred\s+price|409A(?:\s+valuation)?)\b[^.]{0,20}$/i;
const STRIKE_BEFORE = /\b(?:exercise|strike)\s+price\b[^.]{0,30}$/i;
const CLAWBACK =
  /\b(?:repay\w*|repaid|re-pa\w*|pay\s+back|paid\s+back|claw\s*-?back|return\s+(?:the\s+|a\s+|any\s+)?(?:full\s+|gross\s+)?(?:amount|pro[- ]?rata|portion|bonus)|refund|zurückzuzahlen|rückzahl\w*|zurückzahl\w*)\b/i;
const WITHIN_MONTHS = new RegExp(
  String.raw`\b(?:within|before|prior\s+to|in\s+the\s+first|innerhalb\s+(?:von|der\s+ersten)?)\s+(?:the\s+(?:first\s+)?)?${NUM}\s*(?:\(\d+\)\s*)?(months?|years?|monate[n]?|jahre[n]?)`,
  'i',
);
const YEAR_TWO =
  /\b(?:second\s+year|year\s+(?:two|2)|(?:first|1st)\s+anniversary|after\s+(?:twelve|12)\s+months|12\s+months\s+after|zweiten\s+jahr)\b/i;
const PERCENT = /(?<![\d.])(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|\s+percent\b|\s+prozent\b)/gi;

export interface Readings {
  readings: Reading[];
  notes: string[];
}

/** The letter's text joined, for basis statements anywhere in it ("13 monthly salaries" may be a sentence away). */
export function readFigures(sentences: Sentence[], letterText: string): Readings {
  const readings: Reading[] = [];
  const notes: string[] = [];
  const payments = monthlyPayments(letterText);
  const hours = hoursPerWeek(letterText);
  // Bounded work: a letter with thousands of numbers is read, but only this many readings of each kind kept.
  const perField = new Map<Field, number>();
  const add = (r: Reading) => {
    const n = perField.get(r.field) ?? 0;
    if (n >= 50) return;
    perField.set(r.field, n + 1);
    readings.push(r);
  };
  let sharesSeen: { count: number; options: boolean; text: string; line: number } | undefined;
  let priceSeen: { amount: MoneyAmount; text: string; line: number } | undefined;

  for (const s of sentences) {
    const text = s.text;
    const lineAt = (i: number) => s.lines[Math.min(i, s.lines.length - 1)] ?? s.lines[0];
    const hasDigit = /\d/.test(text);
    // Vesting and cliff.
    if (VEST.test(text)) {
      const percents = yearlyPercents(text);
      const years = vestingYears(text);
      const cliff = cliffMonths(text);
      const freq = FREQUENCY.exec(text)?.[1]?.toLowerCase();
      if (percents)
        add({
          field: 'vesting',
          value: percents.join(','),
          currency: null,
          text,
          line: s.lines[0],
          note: `yearly percentages as listed${freq ? `; vests ${freq}` : ''}`,
        });
      else if (years)
        add({
          field: 'vesting',
          value: evenPercents(years.years).join(','),
          currency: null,
          text,
          line: s.lines[0],
          note: `evenly over ${years.years} years ("${years.stated}")${freq ? `; vests ${freq}` : ''}`,
        });
      if (cliff) add({ field: 'cliff', value: cliff.months, currency: null, text, line: s.lines[0] });
      else if (
        /\b(?:25|twenty-five)\s*(?:%|percent)[^.]{0,60}\b(?:first|one|1st|1)[- ](?:year|anniversary)/i.test(text) &&
        /\b(?:monthly|quarterly|thereafter|remaining)\b/i.test(text)
      ) {
        add({
          field: 'cliff',
          value: 12,
          currency: null,
          text,
          line: s.lines[0],
          note: 'a first portion vests after one year: a 12-month cliff',
        });
      }
    }
    if (!hasDigit && !/\b(?:thousand|lakh|crore|million)\b/i.test(text)) {
      if (CLAWBACK.test(text) && /\bsign|\breloca|\bbonus|prämie|\bumzug/i.test(text))
        addClawback(add, text, s.lines[0]);
      continue;
    }
    const hits = keywordHits(text);
    const amounts = findAmounts(text).filter((a) => a.money);
    // Share counts, and a price per share to value them with.
    for (const m of text.matchAll(SHARE_COUNT)) {
      const count = Number(m[1].replace(/[,.' ]/g, ''));
      if (count > 0 && count <= 1e9 && !amounts.some((a) => a.marker && a.start <= m.index! && a.end > m.index!)) {
        const options = /option|ESOP|VSOP/i.test(m[0]);
        add({
          field: 'shares',
          value: count,
          currency: null,
          text,
          line: lineAt(m.index!),
          note: options ? 'stock options' : undefined,
        });
        sharesSeen ??= { count, options, text, line: lineAt(m.index!) };
      }
    }
    for (const a of amounts) {
      // An unmarked figure that is a share count ("10,000 RSUs") is not money.
      if (
        !a.marker &&
        new RegExp(SHARE_COUNT.source, 'i').test(text.slice(a.start, a.end + 40)) &&
        /^\s*(?:new\s+)?(?:restricted|RSU|share|stock\s+option|option|unit|virtual|phantom|aktie|ESOP|VSOP)/i.test(
          text.slice(a.end),
        )
      )
        continue;
      const line = lineAt(a.start);
      const before = text.slice(Math.max(0, a.start - 60), a.start);
      if (PER_SHARE_AFTER.test(text.slice(a.end)) || PRICE_BEFORE.test(before)) {
        if (!STRIKE_BEFORE.test(before)) priceSeen ??= { amount: a, text, line };
        else notes.push(`line ${line}: an exercise (strike) price of ${a.text} is not a value of the grant`);
        continue;
      }
      const hit = kindOf(a, hits, text, amounts);
      if (!hit) continue;
      const base: Omit<Reading, 'field' | 'value'> = {
        currency: a.currency,
        candidates: a.candidates,
        marker: a.marker,
        text,
        line,
      };
      switch (hit.kind) {
        case 'base': {
          const period = periodOf(a, text, hit.text);
          const strong = STRONG_BASE.test(hit.text);
          const annual = annualise(a, period, payments, hours);
          if (annual) add({ ...base, field: 'base', value: annual.value, note: annual.note, strong });
          break;
        }
        case 'stock':
          add({ ...base, field: 'stock', value: a.amount });
          break;
        case 'bonus':
          add({ ...base, field: 'bonus_amount', value: a.amount });
          break;
        case 'sign_on': {
          const clause = text.slice(a.end, a.end + 80).split(/[;,]|\band\b/)[0];
          const year2 = YEAR_TWO.test(clause) || YEAR_TWO.test(text.slice(Math.max(0, a.start - 40), a.start));
          add({ ...base, field: 'sign_on', value: a.amount, note: year2 ? 'year 2' : undefined });
          break;
        }
        case 'relocation':
          add({ ...base, field: 'relocation', value: a.amount });
          break;
        default:
          break;
      }
    }
    // Bonus percentages.
    if (hits.some((h) => h.kind === 'bonus')) {
      for (const m of text.matchAll(PERCENT)) {
        const value = Number(m[1].replace(',', '.'));
        const at = { start: m.index!, end: m.index! + m[0].length };
        const hit = kindOf(at, hits, text, amounts, true);
        if (hit?.kind !== 'bonus' || value <= 0 || value > 100) continue;
        const after = text.slice(at.end, at.end + 50);
        // "15% of your base salary", "a target of 10%": a share of base; "100% of target" is a payout factor.
        if (/^\s*(?:of\s+(?:the\s+|your\s+)?target|payout|achievement|multiplier)/i.test(after)) continue;
        add({
          field: 'bonus_pct',
          value,
          currency: null,
          text,
          line: lineAt(at.start),
          note: /\bup\s+to\s*$/i.test(text.slice(Math.max(0, at.start - 8), at.start))
            ? 'stated as "up to"'
            : undefined,
        });
      }
    }
    if (CLAWBACK.test(text) && /\bsign|\breloca|\bbonus|prämie|\bumzug/i.test(text)) addClawback(add, text, s.lines[0]);
  }
  // A share count valued with the letter's price per share; options are never valued at their strike price.
  if (sharesSeen && priceSeen && !sharesSeen.options && !readings.some((r) => r.field === 'stock')) {
    const value = Math.round(sharesSeen.count * priceSeen.amount.amount * 100) / 100;
    add({
      field: 'stock',
      value,
      currency: priceSeen.amount.currency,
      candidates: priceSeen.amount.candidates,
      marker: priceSeen.amount.marker,
      text: sharesSeen.text === priceSeen.text ? sharesSeen.text : `${sharesSeen.text} … ${priceSeen.text}`,
      line: sharesSeen.line,
      note: `${sharesSeen.count.toLocaleString('en')} shares × ${priceSeen.amount.text} per share (line ${priceSeen.line})`,
    });
  } else if (sharesSeen && !readings.some((r) => r.field === 'stock')) {
    notes.push(
      `line ${sharesSeen.line}: a grant of ${sharesSeen.count.toLocaleString('en')} ${sharesSeen.options ? 'options' : 'shares'} with no ${sharesSeen.options ? 'value' : 'price per share or value'} in the letter: reported under shares, not counted as money (pass --stock with its value)`,
    );
  }
  return { readings, notes };
}

function addClawback(add: (r: Reading) => void, text: string, line: number): void {
  const within = WITHIN_MONTHS.exec(text);
  let value = 'repayable (see the sentence)';
  if (within) {
    const n = numberWord(within[1]);
    if (n) value = `repayable if you leave within ${/^(?:year|jahr)/i.test(within[2]) ? n * 12 : n} months`;
  }
  if (/\bpro[- ]?rata|\bprorated|\banteilig/i.test(text)) value += ' (pro rata)';
  add({ field: 'clawback', value, currency: null, text, line });
}

function annualise(
  a: MoneyAmount,
  period: Period | undefined,
  payments: { n: number; stated: string } | undefined,
  hours: { hours: number; stated: string } | undefined,
): { value: number; note?: string } | undefined {
  const round = (n: number) => Math.round(n * 100) / 100;
  switch (period) {
    case undefined:
    case 'year':
      // A yearly salary under 1,000 is a figure of another kind (a rate, a count).
      return a.amount >= 1000 ? { value: a.amount } : undefined;
    case 'month': {
      const n = payments?.n ?? 12;
      return {
        value: round(a.amount * n),
        note: payments
          ? `monthly ${a.text} × ${n} (the letter: "${payments.stated}")`
          : `monthly ${a.text} × 12 (the letter states no number of salaries; 12 assumed)`,
      };
    }
    case 'semimonth':
      return { value: round(a.amount * 24), note: `semi-monthly ${a.text} × 24` };
    case 'biweek':
      return { value: round(a.amount * 26), note: `bi-weekly ${a.text} × 26 pay periods` };
    case 'week':
      return { value: round(a.amount * 52), note: `weekly ${a.text} × 52` };
    case 'day':
      return { value: round(a.amount * 260), note: `daily ${a.text} × 260 working days (assumed)` };
    case 'hour': {
      const h = hours?.hours ?? 40;
      return {
        value: round(a.amount * h * 52),
        note: hours
          ? `hourly ${a.text} × ${h} hours × 52 weeks (the letter: "${hours.stated}")`
          : `hourly ${a.text} × 40 hours × 52 weeks (the letter states no hours; 40 a week assumed)`,
      };
    }
  }
}
