// Job postings: the pay range(s) a posting states (one per location when it lists several), and the
// company, title and location when it states them, each with the sentence it came from. Money is read by
// the one reader of money in prose (money-text.ts); periods ("per hour") and hours a week are read here.
// Pure: text in, findings out.
import { htmlToText } from '../text/html.js';
import { findRanges, type MoneyRange, type Period } from './money-text.js';
import { formatMoney, isCurrencyCode } from './money.js';
import { usualCurrency } from './regions.js';

/** What a posting states, with the sentence it came from. */
export interface Stated {
  value: string;
  sentence: string;
}

export interface PostingBand {
  /** The location the range is for; '' when the posting names none. */
  region: string;
  currency: string;
  base: { low: number; high: number };
  /** The range as written, and its sentence. */
  text: string;
  sentence: string;
  period: Period;
  /** For an hourly (or monthly…) range: how it was made yearly. */
  conversion: string | null;
  /** A bare "$" read as this currency because of the location: said in a note. */
  currencyNote: string | null;
}

export interface PostingRead {
  company: Stated | null;
  title: Stated | null;
  location: Stated | null;
  bands: PostingBand[];
  /** "job posting (file name, date)": the source the guide records. */
  source: string;
  /** Lines for stderr: each figure with the sentence it came from, and notes. */
  report: string[];
}

/** Lines longer than this are split into sentences (no pattern runs over a whole page at once). */
const MAX_LINE = 5000;

/** A full-time year when a posting states no hours. */
export const HOURS_PER_YEAR = 2080;

/** True for a page saved from a browser (or any HTML). */
export function looksLikeHtml(text: string): boolean {
  return /<(?:!doctype html|html|body|div|p|li|h[1-6]|span|br)\b/i.test(text.slice(0, 200_000));
}

/** Markdown markup that hides words from the patterns below: emphasis, links, heading marks, table pipes. */
function plainLine(line: string): string {
  return line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|`)/g, '')
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+•·]\s+|\d+[.)]\s+)/, '')
    .replace(/\s*\|\s*/g, ' | ')
    .replace(/\s+/g, ' ')
    .trim();
}

const PAY_WORDS =
  /\b(?:salary|salaries|pay|compensation|base|range|wage|wages|hourly|rate|OTE|annual|annually|per year|per hour|earn|remuneration|package)\b/i;
const NOT_PAY =
  /\b(?:revenue|funding|raised|valuation|series [a-e]|investors?|ARR|budget of|customers|tuition|reimburse(?:ment)?|stipend|401k|allowance|per diem)\b/i;

function periodNear(line: string, r: MoneyRange): Period {
  if (r.period) return r.period;
  const after = line.slice(r.end, r.end + 40);
  const around = `${line.slice(Math.max(0, r.start - 60), r.start)} ${after}`;
  if (/^\s*(?:\/\s*(?:hr|hour)|per\s+hour|an\s+hour|hourly)/i.test(after) || /\bhourly\b|\bper hour\b/i.test(around))
    return 'hour';
  if (/^\s*(?:\/\s*(?:mo|month)|per\s+month|a\s+month|monthly)/i.test(after)) return 'month';
  return 'year';
}

/** The hours a year a posting states ("40 hours per week", "1,950 hours a year"), or null. */
export function statedHours(text: string): { hours: number; sentence: string } | null {
  const year = /(\d{1,2},?\d{3})\s*(?:hours|hrs)\s*(?:per|a|\/)\s*year/i.exec(text);
  if (year) return { hours: Number(year[1].replace(',', '')), sentence: sentenceAt(text, year.index) };
  const week = /(\d{2}(?:\.\d)?)\s*(?:hours|hrs|h)\s*(?:per|a|\/|each)\s*week/i.exec(text);
  if (week) {
    const n = Number(week[1]);
    if (n >= 10 && n <= 60) return { hours: Math.round(n * 52), sentence: sentenceAt(text, week.index) };
  }
  return null;
}

/** The sentence (within its line) around an offset, at most ~240 characters. */
function sentenceAt(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const rel = at - lineStart;
  // Sentence ends: ". " followed by a capital, not inside a number.
  let s = 0;
  for (const m of line.matchAll(/[.!?]\s+(?=[A-Z“"(])/g)) {
    if (m.index! + 1 <= rel) s = m.index! + m[0].length;
    else break;
  }
  const endM = /[.!?](?=\s+[A-Z“"(]|\s*$)/g;
  endM.lastIndex = Math.max(rel, s);
  const e = endM.exec(line);
  const sentence = plainLine(line.slice(s, e ? e.index + 1 : line.length));
  return sentence.length > 240 ? `${sentence.slice(0, 237)}…` : sentence;
}

const LABEL = (words: string) => new RegExp(`^(?:${words})\\s*[:\\-–—]\\s*(.{2,120})$`, 'i');
const LOCATION_LINE = LABEL('locations?|office(?: location)?|work location|job location|based in|where');
const cleanTitle = (t: string) =>
  t
    .replace(/[.;]$/, '')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .trim();
const COMPANY_LINE = LABEL('company|employer|organi[sz]ation|hiring company|company name');
const TITLE_LINE = LABEL('job title|title|position|role|job');

/** A place as a band's region: "Toronto, ON (Hybrid)" → "Toronto"; "Remote (US)" stays. */
export function placeName(text: string): string {
  let p = text
    .replace(/[.;]+$/, '')
    .replace(/\s*\((?:hybrid|remote|on-?site|in[- ]office|flexible)[^)]*\)/gi, '')
    .trim();
  const first = p.split(/\s*[,/|;]\s*|\s+or\s+/)[0];
  if (first && first !== p && usualCurrency(first)) p = first;
  return p.trim();
}

/** The place named before a range on its line ("New York City: $…", "Zone A (San Francisco Bay Area) $…"). */
function placeBefore(prefix: string): string | null {
  const p = plainLine(prefix).replace(/[\s:–—-]+$/, '');
  if (!p) return null;
  const seg = (p.split(/[:|;]\s*/).pop() ?? '').trim();
  const paren = /\(([^()]{2,60})\)\s*$/.exec(seg);
  const inPlace = /\b(?:in|for)\s+([A-Z][\w.' -]{1,50}?)(?:\s+(?:is|are|will|the)\b.*)?$/.exec(p);
  let pick: string | null = null;
  if (seg.length <= 60 && (/^(?:remote|hybrid)\b/i.test(seg) || usualCurrency(seg))) pick = seg;
  else if (paren && usualCurrency(paren[1])) pick = paren[1];
  else if (inPlace && usualCurrency(inPlace[1])) pick = inPlace[1].split(/-based|\s+(?=[a-z])/)[0];
  if (!pick || PAY_WORDS.test(pick) || pick.length > 60) return null;
  return placeName(pick.replace(/\s+(?:is|are)$/, ''));
}

/** Reads a posting's text (plain, Markdown or HTML). `name` is the file name for the source; `today` its date. */
export function readPostingText(raw: string, opts: { name: string; today: string }): PostingRead {
  const text = (looksLikeHtml(raw) ? htmlToText(raw, { titleHeading: true }) : raw).replace(/\r\n?/g, '\n');
  // A page saved as one long line (or a wall of text) is read a sentence at a time.
  const lines = text
    .split('\n')
    .flatMap((l) =>
      l.length > MAX_LINE
        ? l.split(/(?<=[.!?])\s+/).flatMap((x) => (x.length > MAX_LINE ? (x.match(/[\s\S]{1,2000}/g) ?? []) : [x]))
        : [l],
    );
  const plain = lines.map(plainLine);
  const report: string[] = [];

  let company: Stated | null = null;
  let title: Stated | null = null;
  let location: Stated | null = null;
  for (const line of plain) {
    if (!line) continue;
    const loc = LOCATION_LINE.exec(line);
    if (loc && !location) location = { value: placeName(loc[1]), sentence: line };
    const co = COMPANY_LINE.exec(line);
    if (co && !company) company = { value: co[1].replace(/[.;]$/, '').trim(), sentence: line };
    const ti = TITLE_LINE.exec(line);
    if (ti && !title) title = { value: cleanTitle(ti[1]), sentence: line };
  }
  // "Senior Data Engineer at Acme" / "Senior Data Engineer - Acme" as the first heading (or, in plain text, the first short line).
  const heading =
    lines.find((l) => /^\s*#\s+\S/.test(l)) ??
    lines.find((l) => l.trim() !== '' && l.trim().length <= 100 && !/[$£€:]/.test(l));
  if (heading) {
    const h = plainLine(heading);
    const m = /^(.{3,80}?)\s+(?:at|@|[-–—|·])\s+(.{2,60}?)(?:\s+[-–—|·]\s+.*)?$/.exec(h);
    if (m) {
      title ??= { value: cleanTitle(m[1]), sentence: h };
      company ??= { value: m[2].trim(), sentence: h };
    } else title ??= { value: cleanTitle(h), sentence: h };
  }
  if (!company) {
    const about = plain
      .map(
        (l) =>
          /^About\s+([A-Z][\w&.' -]{1,50}?)\s*:?$/.exec(l) ??
          /^At\s+([A-Z][\w&.'-]*(?:\s[A-Z][\w&.'-]*){0,3}),\s/.exec(l),
      )
      .find((m) => m && !/^(?:the|this|us|you|our)\b/i.test(m[1]));
    if (about) company = { value: about[1].trim(), sentence: about.input };
  }
  if (!location) {
    const m = plain
      .map((l) =>
        /\b(?:based in|located in|office in|role is in)\s+([A-Z][\w.' ]{1,40}?(?:,\s*[A-Z]{2,}[\w ]*)?)(?=[.,;]|\s+(?:with|and|or)\b|$)/.exec(
          l,
        ),
      )
      .find(Boolean);
    if (m) location = { value: m[1].trim(), sentence: sentenceAt(m.input, m.index) };
  }

  const hours = statedHours(text);
  const bands: PostingBand[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (!/\d/.test(line)) return;
    // The lines just before (a "Pay range by location:" line above a list of places).
    const context = plain
      .slice(Math.max(0, i - 12), i)
      .filter(Boolean)
      .slice(-5)
      .join(' ');
    for (const r of findRanges(line)) {
      if (r.high.amount <= 0 || r.low.amount > r.high.amount) continue;
      const before = line.slice(Math.max(0, r.start - 120), r.start);
      const sentence = sentenceAt(line, r.start);
      if (NOT_PAY.test(line.slice(Math.max(0, r.start - 40), r.end + 30))) continue;
      if (!PAY_WORDS.test(`${sentence} ${context}`) && !r.period) continue;
      const period = periodNear(line, r);
      const region = placeBefore(line.slice(0, r.start)) ?? location?.value ?? '';
      const key = `${region}|${r.low.amount}|${r.high.amount}`;
      if (seen.has(key)) continue;
      if (bands.some((b) => b.region === region)) {
        report.push(
          `note: another range for ${region || 'the posting'} (${r.text}) is left out: the first one is used`,
        );
        continue;
      }
      seen.add(key);
      // A bare "$": the currency of the place (Toronto: CAD), else USD, with a note.
      let currency = r.currency;
      let currencyNote: string | null = null;
      // "$193,000 - $230,000 USD": the code written after the range settles the symbol.
      const codeAfter = /^\s*([A-Z]{3})\b/.exec(line.slice(r.end))?.[1];
      if (
        codeAfter &&
        isCurrencyCode(codeAfter) &&
        (r.candidates?.includes(codeAfter) || r.low.marker === '$' || !currency)
      )
        currency = codeAfter;
      else if (r.low.marker === '$' || r.high.marker === '$' || (!currency && r.candidates)) {
        const placeCurrency = usualCurrency(region) ?? (location ? usualCurrency(location.value) : null);
        const candidates = r.candidates ?? ['USD'];
        const chosen =
          placeCurrency && (candidates.includes(placeCurrency) || (r.low.marker ?? '').includes('$'))
            ? placeCurrency
            : candidates.includes('USD')
              ? 'USD'
              : null;
        if (!chosen) {
          report.push(
            `note: ${r.text} names no currency that can be placed (${candidates.join(', ')}): left out; give the band with --base and --currency`,
          );
          continue;
        }
        currency = chosen;
        currencyNote = `a bare "${r.low.marker ?? '$'}" is read as ${chosen}${placeCurrency === chosen ? ` (the posting's location: ${region || location?.value})` : ' (no location with another currency)'}`;
      }
      if (!currency) {
        report.push(`note: ${r.text} names no currency: left out; give the band with --base and --currency`);
        continue;
      }
      let low = r.low.amount;
      let high = r.high.amount;
      let conversion: string | null = null;
      if (period === 'hour') {
        const h = hours?.hours ?? HOURS_PER_YEAR;
        low = Math.round(low * h);
        high = Math.round(high * h);
        conversion = hours
          ? `hourly × ${h} hours a year, as the posting states ("${hours.sentence}")`
          : `hourly × ${HOURS_PER_YEAR} hours a year (40 hours × 52 weeks; the posting states no hours)`;
      } else if (period === 'month') {
        low *= 12;
        high *= 12;
        conversion = 'monthly × 12';
      } else if (period === 'week') {
        low *= 52;
        high *= 52;
        conversion = 'weekly × 52';
      } else if (period === 'day') {
        low *= 260;
        high *= 260;
        conversion = 'daily × 260 working days';
      }
      if (high < 1000) continue; // "$5–$10" with no period: not a salary
      bands.push({ region, currency, base: { low, high }, text: r.text, sentence, period, conversion, currencyNote });
      void before;
    }
  });

  report.unshift(...describe({ company, title, location, bands }));
  return { company, title, location, bands, source: `job posting (${opts.name}, ${opts.today})`, report };
}

/** Each figure with the sentence it came from, for stderr before anything is written. */
function describe(p: Pick<PostingRead, 'company' | 'title' | 'location' | 'bands'>): string[] {
  const out: string[] = ['From the posting:'];
  const q = (s: string) => `"${s}"`;
  if (p.company) out.push(`  company: ${p.company.value}  ← ${q(p.company.sentence)}`);
  if (p.title) out.push(`  title: ${p.title.value}  ← ${q(p.title.sentence)}`);
  if (p.location) out.push(`  location: ${p.location.value}  ← ${q(p.location.sentence)}`);
  for (const b of p.bands) {
    out.push(
      `  base (${b.region || 'no location named'}): ${formatMoney(b.base.low, b.currency)}–${formatMoney(b.base.high, b.currency)} a year (${b.currency})  ← ${q(b.sentence)}`,
    );
    if (b.conversion) out.push(`    ${b.text}: ${b.conversion}`);
    if (b.currencyNote) out.push(`    note: ${b.currencyNote}`);
  }
  return out;
}
