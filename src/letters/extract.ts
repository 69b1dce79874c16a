// From a letter's readings to the extract answer: figures settled, currencies placed, ambiguities listed,
// and the offer as an offer file holds it. Pure: the index is consulted through `Matched`, which the
// command builds from the letter's identity (company, title, location).
import { OFFER_FIELDS } from '../options.js';
import { readFigures, type Reading } from './figures.js';
import { dropLegalSuffix, findIdentity, type Identity } from './identity.js';
import { currencyOfPlace } from './places.js';
import { splitSentences, type Sentence } from './sentences.js';

export interface Figure {
  field: string;
  value: unknown;
  currency: string | null;
  text: string;
  line: number;
  note?: string;
}

export interface Ambiguity {
  field: string;
  candidates: { value: unknown; text: string; line: number }[];
  /** Why it is not settled, and the flags that settle it. */
  why: string;
  flags: string[];
}

/** What the index made of the letter's identity. */
export interface Matched {
  company?: { slug: string; name: string; how: string };
  role?: { slug: string; name: string; how: string };
  region?: { name: string; how: string };
  /** The currencies of the matched guide's bands (or the company's guides'), in order. */
  currencies: string[];
}

export interface Extraction {
  offer: Record<string, unknown>;
  figures: Figure[];
  missing: string[];
  ambiguous: Ambiguity[];
  notes: string[];
  /** True when one base salary was settled (exit 0). */
  settled: boolean;
}

/** What a letter usually states; the ones found in none of its sentences are `missing`. */
export const EXPECTED_FIELDS = [
  'base',
  'currency',
  'stock',
  'vesting',
  'cliff',
  'bonus_pct',
  'sign_on',
  'relocation',
  'start_date',
  'company',
  'title',
  'location',
];

/** The first phase: sentences and identity, which the command matches against the index. */
export function readLetterIdentity(text: string): { sentences: Sentence[]; identity: Identity; dayFirst: boolean } {
  const sentences = splitSentences(text);
  // Dates like 05/01/2027 are day-first outside the US and Canada's English letters.
  const usStyle = /\$|\bUSD\b|\b(?:United States|U\.S\.)\b/.test(text) && !/[£€₹]/.test(text);
  const identity = findIdentity(sentences, { dayFirst: !usStyle });
  return { sentences, identity, dayFirst: !usStyle };
}

const SHARED_SYMBOL_NOTE = (marker: string, currency: string, why: string) =>
  `a bare "${marker}" is read as ${currency}: ${why}`;

interface Settled {
  currency: string | null;
  note?: string;
}

/** Places a reading's currency: as written, or for a shared symbol the guide's, else the location's, else USD for $. */
function settleCurrency(
  r: Reading,
  matched: Matched,
  locationCurrency: { code: string; place: string } | undefined,
): Settled {
  const cands = r.candidates ?? [];
  if (cands.length <= 1) return { currency: r.currency ?? cands[0] ?? null };
  const marker = r.marker ?? '$';
  const inGuide = cands.filter((c) => matched.currencies.includes(c));
  if (inGuide.length === 1)
    return {
      currency: inGuide[0],
      note: SHARED_SYMBOL_NOTE(marker, inGuide[0], "the matched guide's bands are in it"),
    };
  if (locationCurrency && cands.includes(locationCurrency.code)) {
    return {
      currency: locationCurrency.code,
      note: SHARED_SYMBOL_NOTE(marker, locationCurrency.code, `the letter's location is ${locationCurrency.place}`),
    };
  }
  if (cands.includes('USD'))
    return {
      currency: 'USD',
      note: SHARED_SYMBOL_NOTE(marker, 'USD', 'neither a matched guide nor the location says otherwise'),
    };
  return { currency: null };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function uniqueBy<T>(items: T[], key: (t: T) => unknown): T[] {
  const seen: unknown[] = [];
  return items.filter((t) => {
    const k = key(t);
    if (seen.some((s) => same(s, k))) return false;
    seen.push(k);
    return true;
  });
}

const FLAG_OF: Record<string, string> = {
  base: '--base',
  stock: '--stock',
  vesting: '--vesting',
  cliff: '--cliff',
  bonus_pct: '--bonus',
  sign_on: '--sign-on',
  currency: '--base with its currency (e.g. --base "SEK 660000")',
};

const candidate = (r: Reading) => ({ value: r.value, text: r.text, line: r.line });

/** The second phase: readings with currencies placed, settled or listed as ambiguous, and the offer. */
export function assembleExtraction(
  letter: { sentences: Sentence[]; identity: Identity },
  text: string,
  matched: Matched,
): Extraction {
  const { identity } = letter;
  const { readings, notes } = readFigures(letter.sentences, text);
  const figures: Figure[] = [];
  const ambiguous: Ambiguity[] = [];
  const offer: Record<string, unknown> = {};
  const location = identity.location?.value;
  const placeCode = location ? currencyOfPlace(location) : undefined;
  const locationCurrency = placeCode && location ? { code: placeCode, place: location } : undefined;

  // Currencies: each reading's placed; an unmarked figure takes the letter's currency (settled below).
  const placed = readings.map((r) => {
    if (
      r.field === 'vesting' ||
      r.field === 'cliff' ||
      r.field === 'bonus_pct' ||
      r.field === 'clawback' ||
      r.field === 'shares'
    )
      return { r, currency: null as string | null, note: undefined as string | undefined, money: false };
    const s = settleCurrency(r, matched, locationCurrency);
    return { r, currency: s.currency, note: s.note, money: true };
  });
  const unplaced = placed.filter((p) => p.money && p.currency === null && (p.r.candidates?.length ?? 0) > 1);

  // The base salary.
  const bases = placed.filter((p) => p.r.field === 'base');
  const strong = bases.filter((p) => p.r.strong);
  const pool = strong.length ? strong : bases;
  const distinct = uniqueBy(pool, (p) => Math.round(p.r.value as number));
  let letterCurrency: string | null = null;
  let currencyNote: string | undefined;
  let settled = false;
  if (distinct.length === 1) {
    const b = distinct[0];
    settled = true;
    offer.base = b.r.value;
    letterCurrency = b.currency;
    currencyNote = b.note;
    figures.push({
      field: 'base',
      value: b.r.value,
      currency: b.currency,
      text: b.r.text,
      line: b.r.line,
      ...(b.r.note ? { note: b.r.note } : {}),
    });
    const others = uniqueBy(
      bases.filter((p) => !p.r.strong && Math.round(p.r.value as number) !== Math.round(b.r.value as number)),
      (p) => p.r.value,
    );
    for (const o of others.slice(0, 3))
      notes.push(
        `line ${o.r.line}: ${o.r.value} near a pay word was not taken as the base (line ${b.r.line} names the base salary)`,
      );
  } else if (distinct.length > 1) {
    ambiguous.push({
      field: 'base',
      candidates: distinct.slice(0, 10).map((p) => candidate(p.r)),
      why: `${distinct.length} different base salaries`,
      flags: ['--base'],
    });
  }

  // The letter's currency: the base's, else the first amount's that is placed.
  letterCurrency ??= placed.find((p) => p.money && p.currency)?.currency ?? null;
  if (!letterCurrency && !unplaced.length && locationCurrency && placed.some((p) => p.money)) {
    letterCurrency = locationCurrency.code;
    currencyNote = `amounts without a currency are read as ${letterCurrency}: the letter's location is ${locationCurrency.place}`;
  }
  const baseUnplaced =
    unplaced.find((p) => p.r.field === 'base') ?? (settled && letterCurrency === null ? unplaced[0] : undefined);
  if (letterCurrency) {
    offer.currency = letterCurrency;
    const source = placed.find((p) => p.money && p.currency === letterCurrency);
    figures.push({
      field: 'currency',
      value: letterCurrency,
      currency: letterCurrency,
      text: source?.r.text ?? identity.location?.text ?? '',
      line: source?.r.line ?? identity.location?.line ?? 0,
      ...(currencyNote ? { note: currencyNote } : {}),
    });
    if (currencyNote) notes.push(currencyNote);
  } else if (baseUnplaced || unplaced.length) {
    const u = baseUnplaced ?? unplaced[0];
    ambiguous.push({
      field: 'currency',
      candidates: (u.r.candidates ?? []).map((c) => ({ value: c, text: u.r.text, line: u.r.line })),
      why: `"${u.r.marker}" is the symbol of ${u.r.candidates!.join(', ')}, and neither a matched guide nor the letter's location says which`,
      flags: [FLAG_OF.currency],
    });
  }
  const inLetterCurrency = (p: (typeof placed)[number]) => {
    if (p.currency === null || p.currency === letterCurrency) return true;
    notes.push(
      `line ${p.r.line}: ${p.r.field.replace('_', '-')} ${p.r.value} is in ${p.currency}, not the letter's ${letterCurrency}: listed, but not in the offer (pass it as a flag)`,
    );
    return false;
  };
  const push = (p: (typeof placed)[number], value: unknown = p.r.value, note = p.r.note) =>
    figures.push({
      field: p.r.field,
      value,
      currency: p.money ? (p.currency ?? letterCurrency) : null,
      text: p.r.text,
      line: p.r.line,
      ...(note ? { note } : {}),
    });

  // One value per field, or an ambiguity.
  const single = (field: Reading['field'], flag: string | undefined, toOffer: (v: unknown) => void) => {
    const all = placed.filter((p) => p.r.field === field);
    const values = uniqueBy(all, (p) => p.r.value);
    if (values.length === 1) {
      push(values[0]);
      if (!values[0].money || inLetterCurrency(values[0])) toOffer(values[0].r.value);
    } else if (values.length > 1) {
      ambiguous.push({
        field,
        candidates: values.slice(0, 10).map((p) => candidate(p.r)),
        why: `${values.length} different values`,
        flags: flag ? [flag] : [],
      });
    }
  };
  single('stock', '--stock', (v) => (offer.stock = v));
  single('vesting', '--vesting', (v) => (offer.vesting = v));
  single('cliff', '--cliff', (v) => (offer.cliff = v));
  single('bonus_pct', '--bonus', (v) => (offer.bonus_pct = v));
  single('relocation', undefined, () => undefined);
  single('clawback', undefined, () => undefined);
  const shares = uniqueBy(
    placed.filter((p) => p.r.field === 'shares'),
    (p) => p.r.value,
  );
  for (const s of shares.slice(0, 3)) push(s);

  // A fixed bonus: an offer-file field when there is one, else a percentage of the base.
  if (offer.bonus_pct === undefined && !ambiguous.some((a) => a.field === 'bonus_pct')) {
    const amounts = uniqueBy(
      placed.filter((p) => p.r.field === 'bonus_amount' && inLetterCurrency(p)),
      (p) => p.r.value,
    );
    if (amounts.length === 1) {
      const a = amounts[0];
      const value = a.r.value as number;
      if (OFFER_FIELDS.some((f) => f.field === 'bonus_amount')) {
        push(a);
        offer.bonus_amount = value;
      } else if (typeof offer.base === 'number' && offer.base > 0) {
        const pct = Math.round((value / offer.base) * 10000) / 100;
        figures.push({
          field: 'bonus_pct',
          value: pct,
          currency: null,
          text: a.r.text,
          line: a.r.line,
          note: `a fixed target bonus of ${value} is ${pct}% of the base`,
        });
        offer.bonus_pct = pct;
      }
    } else if (amounts.length > 1) {
      ambiguous.push({
        field: 'bonus_pct',
        candidates: amounts.slice(0, 10).map((p) => candidate(p.r)),
        why: `${amounts.length} different bonus amounts`,
        flags: ['--bonus'],
      });
    }
  }

  // Sign-on: one amount, a total and its parts, or one per year.
  const signOns = uniqueBy(
    placed.filter((p) => p.r.field === 'sign_on' && inLetterCurrency(p)),
    (p) => p.r.value,
  );
  if (signOns.length) {
    const values = signOns.map((p) => p.r.value as number);
    const max = Math.max(...values);
    const rest = signOns.filter((p) => p.r.value !== max);
    const restSum = rest.reduce((a, p) => a + (p.r.value as number), 0);
    let chosen: typeof signOns;
    let yearly: number[] | undefined;
    if (signOns.length === 1 || signOns.some((p) => p.r.note === 'year 2')) chosen = signOns;
    else if (rest.length && Math.abs(restSum - max) < 0.01)
      chosen = rest; // a total and its parts: the parts
    else if (rest.every((p) => max % (p.r.value as number) === 0) && rest.length === 1)
      chosen = signOns.filter((p) => p.r.value === max); // "two instalments of …"
    else chosen = [];
    if (chosen.length) {
      const year1 = chosen.filter((p) => p.r.note !== 'year 2').reduce((a, p) => a + (p.r.value as number), 0);
      const year2 = chosen.filter((p) => p.r.note === 'year 2').reduce((a, p) => a + (p.r.value as number), 0);
      yearly = year2 ? [year1, year2] : [year1];
      offer.sign_on = yearly.length === 1 ? yearly[0] : yearly;
      for (const c of chosen) push(c, c.r.value, c.r.note === 'year 2' ? 'paid in year 2' : undefined);
    } else {
      ambiguous.push({
        field: 'sign_on',
        candidates: signOns.slice(0, 10).map((p) => candidate(p.r)),
        why: `${signOns.length} sign-on amounts that are neither one total nor one per year`,
        flags: ['--sign-on'],
      });
    }
  }

  // Identity: the letter's wording, and the index's slugs where they match.
  if (identity.company) {
    figures.push({
      field: 'company',
      value: matched.company?.slug ?? identity.company.value,
      currency: null,
      text: identity.company.text,
      line: identity.company.line,
      ...(matched.company ? { note: matched.company.how } : {}),
    });
    if (matched.company) offer.company = matched.company.slug;
  }
  if (identity.title) {
    figures.push({
      field: 'title',
      value: identity.title.value,
      currency: null,
      text: identity.title.text,
      line: identity.title.line,
    });
    if (matched.role) {
      figures.push({
        field: 'role',
        value: matched.role.slug,
        currency: null,
        text: identity.title.text,
        line: identity.title.line,
        note: matched.role.how,
      });
      offer.role = matched.role.slug;
    }
  }
  if (identity.location) {
    figures.push({
      field: 'location',
      value: identity.location.value,
      currency: null,
      text: identity.location.text,
      line: identity.location.line,
    });
    if (matched.region) {
      figures.push({
        field: 'region',
        value: matched.region.name,
        currency: null,
        text: identity.location.text,
        line: identity.location.line,
        note: matched.region.how,
      });
      offer.region = matched.region.name;
    }
  }
  if (identity.startDate)
    figures.push({
      field: 'start_date',
      value: identity.startDate.value,
      currency: null,
      text: identity.startDate.text,
      line: identity.startDate.line,
    });
  for (const m of [matched.company, matched.role, matched.region]) if (m) notes.push(m.how);

  const label = [identity.company ? dropLegalSuffix(identity.company.value) : null, identity.title?.value]
    .filter(Boolean)
    .join(' ');
  if (label) offer.label = label.slice(0, 120);

  const found = new Set([...figures.map((f) => f.field), ...ambiguous.map((a) => a.field)]);
  const missing = EXPECTED_FIELDS.filter((f) => !found.has(f));
  return { offer: orderOffer(offer), figures, missing, ambiguous, notes: uniqueBy(notes, (n) => n), settled };
}

/** The offer's keys in the order offer files are written (OFFER_FIELDS), then any others. */
function orderOffer(offer: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of OFFER_FIELDS) if (offer[spec.field] !== undefined) out[spec.field] = offer[spec.field];
  for (const [k, v] of Object.entries(offer)) if (out[k] === undefined) out[k] = v;
  return out;
}
