// Who and where a letter is about: the company, the job title, the location and the start date, each with
// the sentence and line it came from. Pure. Matching them to the index is the extract command's.
import type { Sentence } from './sentences.js';
import { isRealDate } from '../text/date.js';

export interface Found<T = string> {
  value: T;
  text: string;
  line: number;
}

export interface Identity {
  company?: Found;
  title?: Found;
  location?: Found;
  startDate?: Found;
}

/** Legal forms dropped before a company is matched: "Northwind Labs Inc." → "Northwind Labs". */
const LEGAL_SUFFIX =
  /[\s,]+(?:inc\.?|incorporated|ltd\.?|limited|llc|l\.l\.c\.|llp|plc|gmbh(?:\s*&\s*co\.?\s*kg)?|ag|se|kg|ug(?:\s*\(haftungsbeschränkt\))?|corp\.?|corporation|co\.?|company|s\.?a\.?|s\.?a\.?s\.?|b\.?v\.?|n\.?v\.?|pty\.?(?:\s+ltd\.?)?|pvt\.?(?:\s+ltd\.?)?|private\s+limited|ulc|lp|oy|ab|as|a\/s|aps|k\.?k\.?)$/i;

export function dropLegalSuffix(name: string): string {
  let out = name.trim().replace(/[.,;:]+$/, '');
  for (let i = 0; i < 3 && LEGAL_SUFFIX.test(out); i++) out = out.replace(LEGAL_SUFFIX, '').trim();
  return out;
}

const NAME_WORD = String.raw`[A-Z0-9][\w&'’.-]*`;
/** A proper name: capitalised words (and "&", "of", "and" between them), with an optional legal suffix. */
const NAME = String.raw`${NAME_WORD}(?:\s+(?:&\s+|and\s+|of\s+|de\s+)?${NAME_WORD}){0,5}(?:,?\s+(?:Inc\.?|Ltd\.?|LLC|GmbH|plc|PLC|Limited|Corp\.?|AG|SE|Pvt\.? Ltd\.?|Private Limited|ULC|Pty\.? Ltd\.?))?`;

const COMPANY_PATTERNS: RegExp[] = [
  new RegExp(String.raw`^(?:company|employer|arbeitgeber|organi[sz]ation|entity)\s*[:|]\s*(${NAME})`, 'i'),
  new RegExp(String.raw`\b[Oo]n behalf of\s+(?:the\s+)?(${NAME})`),
  new RegExp(
    String.raw`^(?:We at\s+|At\s+)?(${NAME})\s+(?:is|are)\s+(?:very\s+|so\s+)?(?:pleased|delighted|excited|happy|thrilled|glad)\b`,
  ),
  new RegExp(
    String.raw`\b(?:offer(?:\s+of\s+employment)?|position|role|job)\b[^.]{0,80}?\b(?:at|with|to join)\s+(?:the\s+)?(${NAME})`,
  ),
  new RegExp(String.raw`\bwelcome (?:you )?to\s+(?:the\s+)?(${NAME})`),
  new RegExp(String.raw`\b(?:join|joining)\s+(?:the\s+)?(${NAME})(?=\s+(?:as|in|on|at)\b|\s*[,.!])`),
  new RegExp(String.raw`\bfreuen uns[^.]{0,60}?\bbei\s+(?:der\s+)?(${NAME})`),
];

/** Words a matched "name" must not be: pronouns and letter words that happen to be capitalised. */
const NOT_A_NAME =
  /^(?:We|Our|You|Your|I|The|This|Team|Us|Dear|Congratulations|Offer|Letter|Employment|Position|Role|Job|It|He|She|They|A|An|Subject|Re)$/;

const TITLE_PATTERNS: RegExp[] = [
  /^(?:job\s+title|title|position|role|designation|job|stelle|position\s+title|stellenbezeichnung)\s*[:|]\s*(.{2,80})$/i,
  /\b(?:position|role|job|post)\s+of\s+(?:an?\s+)?([^,.;()]{2,80})/i,
  /\b(?:position|role)\s+as\s+(?:an?\s+|our\s+)?([^,.;()]{2,80})/i,
  /\bas\s+(?:an?\s+|our\s+|the\s+)?((?:(?:Senior|Staff|Principal|Lead|Junior|Associate|Sr\.?|Jr\.?)\s+)?[A-Z][\w/&-]*(?:\s+(?:[A-Z][\w/&-]*|I{1,3}|IV|of|and|&)){0,5}(?:\s+(?:Engineer|Developer|Scientist|Manager|Designer|Analyst|Architect|Consultant|Researcher|Lead)))\b/,
  /\bals\s+([A-Z][\w/&-]*(?:\s+[A-Z(][\w/&()-]*){0,4})/,
  /^Subject:\s*(?:offer(?:\s+letter)?\s*[-–—:]\s*|your offer (?:for|as)\s+(?:an?\s+)?)([^,;()]{2,80})/i,
];

/** Where a title ends: "Senior Engineer at Acme", "Engineer, reporting to…", "Engineer based in London". */
const TITLE_END =
  /\s+(?:at|with|in|on|for|reporting|based|located|within|starting|effective|bei|in der|im|zum|to)\b.*$|\s*[,(–—-]\s.*$/;

const LOCATION_PATTERNS: RegExp[] = [
  /^(?:(?:primary\s+|work\s+|office\s+)?location|place of work|work(?:ing)? location|office|arbeitsort|dienstort|standort|base location)\s*[:|]\s*(.{2,80})$/i,
  /\b(?:based|located|work(?:ing)?)\s+(?:in|at|out of|from)\s+(?:our\s+)?((?:[A-Z][\w.'’-]*)(?:[ -](?:[A-Z][\w.'’-]*|am|upon|on))*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?)/,
  /\b(?:in|at)\s+our\s+((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*)?)\s+(?:office|headquarters|HQ|site|campus|hub)/,
  /\b(?:place\s+of\s+work|(?:work\s+)?location)\s+(?:will\s+be|is)\s+(?:at\s+|in\s+)?(?:our\s+)?((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*)?(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?)/,
  /\bin\s+unserem?\s+(?:Büro|Standort)\s+in\s+([A-ZÄÖÜ][\wäöüß-]*)/,
];

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTHS_DE = [
  'januar',
  'februar',
  'märz',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'dezember',
];
const monthIndex = (word: string) => {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w)));
  return i >= 0 ? i : MONTHS_DE.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w)));
};

const START_WORDS =
  /\b(?:start(?:ing)?\s+date|start\s+on|start\s+work|commence(?:ment)?|begin(?:ning)?\s+(?:your\s+)?employment|first\s+day|join(?:ing)?\s+date|date\s+of\s+joining|effective\s+date|eintrittsdatum|eintritt|beginn|arbeitsbeginn|anticipated\s+start|expected\s+start|you\s+will\s+start)\b/i;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string | undefined => {
  const date = `${y}-${pad(m + 1)}-${pad(d)}`;
  return isRealDate(date) ? date : undefined;
};

/** A date in a sentence, as YYYY-MM-DD: "January 5, 2027", "5 January 2027", "5. Januar 2027", "2027-01-05", "05.01.2027". */
export function findDate(text: string, dayFirst: boolean): string | undefined {
  let m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (m) return iso(+m[1], +m[2] - 1, +m[3]);
  m = /\b([A-Za-zä]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  if (m && monthIndex(m[1]) >= 0) return iso(+m[3], monthIndex(m[1]), +m[2]);
  m = /\b(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?([A-Za-zä]{3,9})\.?,?\s+(\d{4})\b/.exec(text);
  if (m && monthIndex(m[2]) >= 0) return iso(+m[3], monthIndex(m[2]), +m[1]);
  m = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(text);
  if (m) return iso(+m[3], +m[2] - 1, +m[1]);
  m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text);
  if (m) return dayFirst ? iso(+m[3], +m[2] - 1, +m[1]) : iso(+m[3], +m[1] - 1, +m[2]);
  return undefined;
}

const cleanName = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/[\s,.;:]+$/, '')
    .trim();

function firstMatch(
  sentences: Sentence[],
  patterns: RegExp[],
  accept: (v: string) => string | undefined,
): Found | undefined {
  for (const re of patterns) {
    for (const s of sentences) {
      const m = re.exec(s.text);
      if (!m) continue;
      const value = accept(m[1]);
      if (value) return { value, text: s.text, line: s.lines[m.index + m[0].indexOf(m[1])] ?? s.lines[0] };
    }
  }
  return undefined;
}

/** Reads the company, job title, location and start date a letter states (the first clear statement of each). */
export function findIdentity(sentences: Sentence[], opts: { dayFirst: boolean }): Identity {
  const company = firstMatch(sentences, COMPANY_PATTERNS, (v) => {
    // A name ends at its legal form ("Harbor Analytics LLC. This is …" → "Harbor Analytics LLC").
    const name = cleanName(v.replace(/^(.*?\b(?:Inc|Ltd|LLC|GmbH|plc|PLC|Corp|AG|Limited|SE|ULC))\b.*$/, '$1'));
    const first = name.split(/\s+/)[0];
    return NOT_A_NAME.test(first) || name.length < 2 ? undefined : name;
  });
  const title = firstMatch(sentences, TITLE_PATTERNS, (v) => {
    const t = cleanName(v.replace(TITLE_END, ''));
    return t.length >= 2 && t.length <= 80 && /[A-Za-z]/.test(t) && !/^(?:a|an|the|our|your)$/i.test(t) ? t : undefined;
  });
  const location = firstMatch(sentences, LOCATION_PATTERNS, (v) => {
    const l = cleanName(v.replace(/\s+(?:office|headquarters|HQ|and|with|from|starting|reporting|on|as)\b.*$/, ''));
    return l.length >= 2 && !/^(?:the|our|a|an)$/i.test(l) ? l : undefined;
  });
  let startDate: Found | undefined;
  for (const s of sentences) {
    if (!START_WORDS.test(s.text)) continue;
    const value = findDate(s.text, opts.dayFirst);
    if (value) {
      startDate = { value, text: s.text, line: s.lines[0] };
      break;
    }
  }
  return { company, title, location, startDate };
}
