// Property tests: a base salary written in any supported money form, inside a letter's sentence, reads
// back exactly (amount and currency); and the pure pieces of letter reading (HTML, e-mail, sentences).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assembleExtraction, readLetterIdentity } from '../src/letters/extract.js';
import { evenPercents } from '../src/letters/figures.js';
import { findDate } from '../src/letters/identity.js';
import { splitSentences } from '../src/letters/sentences.js';
import { decodeQuotedPrintable, emailToText } from '../src/letters/text.js';
import { htmlToText } from '../src/text/html.js';
import { typeFromContent } from '../src/letters/read.js';

const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const indian = (n: number) => {
  const s = String(n);
  if (s.length <= 3) return s;
  return `${s.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',')},${s.slice(-3)}`;
};

/** Money forms: how the amount is written, and the currency it must read as. */
const FORMS: [string, (n: number) => string | null, string][] = [
  ['$185,000', (n) => `$${group(n, ',')}`, 'USD'],
  ['$185000', (n) => `$${n}`, 'USD'],
  ['$185,000.00', (n) => `$${group(n, ',')}.00`, 'USD'],
  ['US$185,000', (n) => `US$${group(n, ',')}`, 'USD'],
  ['USD 185,000', (n) => `USD ${group(n, ',')}`, 'USD'],
  ['185,000 USD', (n) => `${group(n, ',')} USD`, 'USD'],
  ['$185k', (n) => (n % 1000 === 0 ? `$${n / 1000}k` : null), 'USD'],
  ['£132,000', (n) => `£${group(n, ',')}`, 'GBP'],
  ['£132K', (n) => (n % 1000 === 0 ? `£${n / 1000}K` : null), 'GBP'],
  ['GBP 132000', (n) => `GBP ${n}`, 'GBP'],
  ['€85.000', (n) => `€${group(n, '.')}`, 'EUR'],
  ['85.000 €', (n) => `${group(n, '.')} €`, 'EUR'],
  ['85.000,00 EUR', (n) => `${group(n, '.')},00 EUR`, 'EUR'],
  ['EUR 85,000', (n) => `EUR ${group(n, ',')}`, 'EUR'],
  ["CHF 175'000", (n) => `CHF ${group(n, "'")}`, 'CHF'],
  ['CA$165,000', (n) => `CA$${group(n, ',')}`, 'CAD'],
  ['C$165,000', (n) => `C$${group(n, ',')}`, 'CAD'],
  ['A$150,000', (n) => `A$${group(n, ',')}`, 'AUD'],
  ['₹45,00,000', (n) => `₹${indian(n)}`, 'INR'],
  ['INR 4,500,000', (n) => `INR ${group(n, ',')}`, 'INR'],
  ['SEK 660 000', (n) => `SEK ${group(n, ' ')}`, 'SEK'],
  ['$1.5M', (n) => `$${Math.max(1, Math.round(n / 100_000)) / 10}M`, 'USD'],
];

const TEMPLATES = [
  (x: string) => `Dear Sam,\n\nYour annual base salary will be ${x}.\n\nBest,\nAcme`,
  (x: string) => `Dear Sam,\n\nBase salary: ${x} per year\nStart date: 1 March 2027\n`,
  (x: string) => `We are pleased to offer you a gross annual salary of ${x}, paid monthly in arrears.`,
  (x: string) => `Compensation. Your salary will be ${x} per annum, reviewed every year.`,
];

function extractBase(text: string) {
  const read = readLetterIdentity(text);
  return assembleExtraction(read, text, { currencies: [] });
}

describe('a base salary in any supported money form reads back exactly', () => {
  test.each(FORMS)('%s', (_name, write, currency) => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 20, max: 5000 }).map((k) => k * 1000),
          fc.integer({ min: 10_000, max: 9_999_999 }),
        ),
        fc.nat(TEMPLATES.length - 1),
        (amount, t) => {
          const written = write(amount);
          fc.pre(written !== null);
          const out = extractBase(TEMPLATES[t](written!));
          // "$1.5M" stands for the amount it writes (one decimal of millions).
          const want = /M$/.test(written!) ? Math.max(1, Math.round(amount / 100_000)) * 100_000 : amount;
          expect({ written, base: out.offer.base, currency: out.offer.currency, settled: out.settled }).toEqual({
            written,
            base: want,
            currency,
            settled: true,
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  test('a monthly figure is multiplied by the salaries the letter states, and the basis said', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 40000 }), fc.constantFrom(12, 13, 14), (monthly, n) => {
        const out = extractBase(
          `Your gross monthly salary will be €${group(monthly, '.')}, paid in ${n} monthly salaries.`,
        );
        expect(out.offer.base).toBe(monthly * n);
        expect(out.figures.find((f) => f.field === 'base')?.note).toContain(`× ${n}`);
      }),
      { numRuns: 30 },
    );
  });
});

describe('the pieces', () => {
  test('HTML as text: blocks are lines, cells are spaced, scripts and styles dropped, entities decoded', () => {
    expect(
      htmlToText(
        '<style>p{}</style><p>Base&nbsp;salary:</p><table><tr><td><p>Base</p></td><td>&pound;150,000</td></tr></table><script>alert(1)</script>',
        { tableCells: true },
      ),
    ).toBe('Base salary:\n\nBase  £150,000');
  });

  test('quoted-printable: soft breaks joined, =XX bytes decoded', () => {
    expect(decodeQuotedPrintable('sal=\r\nary =E2=82=AC85.000').toString('utf8')).toBe('salary €85.000');
  });

  test('e-mail: the plain part before the HTML part; the subject first; attachments named', () => {
    const raw = Buffer.from(
      'Subject: =?utf-8?Q?Offer_=E2=80=93_Engineer?=\nContent-Type: multipart/mixed; boundary=X\n\n--X\nContent-Type: text/html\n\n<p>html</p>\n--X\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n=A3150,000\n--X\nContent-Type: application/pdf; name="offer.pdf"\n\nJVBE\n--X--\n',
    );
    const mail = emailToText(raw);
    expect(mail.text).toBe('Subject: Offer – Engineer\n\n£150,000');
    expect(mail.attachments).toEqual(['offer.pdf']);
  });

  test('sentences: wrapped lines joined, each character knows its line, abbreviations do not end a sentence', () => {
    const s = splitSentences(
      'Dear Sam,\n\nAcme Inc. is pleased to offer you\nthe role. Your salary is $1.\n- Bonus: 10%\n',
    );
    expect(s.map((x) => x.text)).toEqual([
      'Dear Sam,',
      'Acme Inc. is pleased to offer you the role.',
      'Your salary is $1.',
      '- Bonus: 10%',
    ]);
    expect(s[1].lines[s[1].text.indexOf('the role')]).toBe(4);
    expect(s[3].lines[0]).toBe(5);
  });

  test.each([
    ['January 5, 2027', true, '2027-01-05'],
    ['5 January 2027', true, '2027-01-05'],
    ['1. März 2027', true, '2027-03-01'],
    ['2027-01-05', false, '2027-01-05'],
    ['05.01.2027', false, '2027-01-05'],
    ['05/01/2027', true, '2027-01-05'],
    ['05/01/2027', false, '2027-05-01'],
    ['31/02/2027', true, undefined],
  ])('date %s (day first: %s) → %s', (text, dayFirst, want) => {
    expect(findDate(`Your start date is ${text}.`, dayFirst)).toBe(want);
  });

  test('even vesting sums to 100', () => {
    for (let y = 1; y <= 10; y++) expect(Math.round(evenPercents(y).reduce((a, b) => a + b, 0) * 100) / 100).toBe(100);
  });

  test.each([
    ['%PDF-1.7 …', 'pdf'],
    ['<!DOCTYPE html><p>x', 'html'],
    ['From: a@b\nSubject: x\n\nbody', 'eml'],
    ['Dear Sam', 'text'],
  ])('stdin content %j is %s', (head, type) => {
    expect(typeFromContent(Buffer.from(head))).toBe(type);
  });
});
