// Job postings (negotiate new --from-posting): the pay ranges, company, title and location of realistic
// postings (plain text, Markdown, HTML saved from a browser), each band asserted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { placeName, readPostingText, statedHours } from '../src/comp/posting.js';
import { htmlToText } from '../src/text/html.js';
import { FIXTURES } from './helpers.js';

const read = (file: string) =>
  readPostingText(readFileSync(join(FIXTURES, 'postings', file), 'utf8'), { name: file, today: '2026-11-29' });

type Expected = [region: string, currency: string, low: number, high: number];

describe('postings under test/fixtures/postings', () => {
  test.each<[string, string | null, string | null, Expected[]]>([
    ['initech-backend-sf.txt', 'Initech', 'Senior Backend Engineer', [['San Francisco', 'USD', 180000, 220000]]],
    [
      'hooli-multi-location.md',
      'Hooli',
      'Staff Machine Learning Engineer',
      [
        ['New York City', 'USD', 210000, 265000],
        ['Seattle', 'USD', 195000, 245000],
        ['Remote (US)', 'USD', 180000, 230000],
      ],
    ],
    ['monzo-london.md', 'Monzo', 'Backend Engineer, Payments', [['London', 'GBP', 70000, 85000]]],
    ['umbrella-hourly-contract.txt', 'Umbrella Corp', 'Data Analyst', [['Austin', 'USD', 45 * 1950, 60 * 1950]]],
    [
      'vandelay-hourly-default.txt',
      'Vandelay Industries',
      'Support Engineer',
      [['Chicago', 'USD', 30 * 2080, 38 * 2080]],
    ],
    ['shopify-toronto.html', 'Northwind', 'Senior Developer, Checkout', [['Toronto', 'CAD', 120000, 150000]]],
    ['contoso-berlin.html', 'Contoso', 'Platform Engineer', [['Berlin', 'EUR', 75000, 95000]]],
    ['stark-colorado.txt', 'Stark Industries', 'Site Reliability Engineer II', [['Colorado', 'USD', 128000, 156000]]],
    [
      'acme-zones.html',
      'Acme Rockets',
      'Software Engineer, Infrastructure',
      [
        ['San Francisco Bay Area', 'USD', 193000, 230000],
        ['Austin', 'USD', 174000, 207000],
      ],
    ],
    ['globex-zurich.md', 'Globex', 'Senior Security Engineer', [['Zürich', 'CHF', 140000, 170000]]],
    ['infosys-bangalore.txt', 'Tata Analytics', 'Lead Data Scientist', [['Bengaluru', 'INR', 3500000, 4500000]]],
    ['wayne-no-range.txt', 'Wayne Enterprises', 'Product Designer', []],
  ])('%s → company %s, title %s, bands', (file, company, title, bands) => {
    const p = read(file);
    expect(p.company?.value ?? null).toBe(company);
    expect(p.title?.value ?? null).toBe(title);
    expect(p.bands.map((b) => [b.region, b.currency, b.base.low, b.base.high])).toEqual(bands);
    expect(p.source).toBe(`job posting (${file}, 2026-11-29)`);
  });

  test('each figure is shown with the sentence it came from', () => {
    const p = read('initech-backend-sf.txt');
    expect(p.bands[0].sentence).toBe('The base salary range for this position is $180,000 – $220,000 per year.');
    expect(p.report.join('\n')).toContain(
      'base (San Francisco): $180,000–$220,000 a year (USD)  ← "The base salary range for this position is $180,000 – $220,000 per year."',
    );
    expect(p.report.join('\n')).toContain('company: Initech  ← "Company: Initech"');
  });

  test('hourly ranges: the stated hours, or 2,080 a year said so', () => {
    expect(read('umbrella-hourly-contract.txt').bands[0].conversion).toMatch(
      /hourly × 1950 hours a year, as the posting states \("This is a 12-month contract role at 37.5 hours per week."\)/,
    );
    expect(read('vandelay-hourly-default.txt').bands[0].conversion).toBe(
      'hourly × 2080 hours a year (40 hours × 52 weeks; the posting states no hours)',
    );
  });

  test('a bare $ takes the currency of the stated location (Toronto: CAD), else USD, with a note; a code after the range settles it', () => {
    expect(read('shopify-toronto.html').bands[0].currencyNote).toBe(
      'a bare "$" is read as CAD (the posting\'s location: Toronto)',
    );
    expect(read('initech-backend-sf.txt').bands[0].currencyNote).toMatch(/read as USD/);
    expect(read('acme-zones.html').bands[0].currencyNote).toBeNull();
    const nowhere = readPostingText('Pay range: $90,000 - $110,000 per year.', { name: 'x', today: '2026-11-29' });
    expect(nowhere.bands[0]).toMatchObject({
      currency: 'USD',
      currencyNote: 'a bare "$" is read as USD (no location with another currency)',
    });
  });

  test('money that is not pay is left alone: revenue, funding, budgets, scripts and styles in saved HTML', () => {
    expect(
      readPostingText('We raised $40M - $50M in Series B funding.\nOur revenue is $5M–$10M per year.', {
        name: 'x',
        today: '2026-11-29',
      }).bands,
    ).toEqual([]);
    const html = readFileSync(join(FIXTURES, 'postings', 'shopify-toronto.html'), 'utf8');
    expect(htmlToText(html, { titleHeading: true })).not.toContain('999,999');
    expect(htmlToText(html, { titleHeading: true })).toContain('$120,000 – $150,000 per year');
  });

  test('a page saved as one long line is read a sentence at a time', () => {
    const wall = `<html><body><div>${'<span>We raised $40M in funding. </span>'.repeat(400)}Location: Toronto. The salary range is $120,000 - $150,000 per year.</div></body></html>`;
    expect(
      readPostingText(wall, { name: 'x', today: '2026-11-29' }).bands.map((b) => [b.currency, b.base.low, b.base.high]),
    ).toEqual([['CAD', 120000, 150000]]);
  });

  test.each([
    ['Toronto, ON (Hybrid)', 'Toronto'],
    ['New York, NY', 'New York'],
    ['Remote (US)', 'Remote (US)'],
    ['Berlin, Germany', 'Berlin'],
    ['Gotham City', 'Gotham City'],
  ])('placeName(%s) → %s', (text, place) => expect(placeName(text)).toBe(place));

  test('stated hours', () => {
    expect(statedHours('Full time, 40 hours per week.')?.hours).toBe(2080);
    expect(statedHours('Annual hours: 1,950 hours per year')?.hours).toBe(1950);
    expect(statedHours('No hours here, 24/7 support.')).toBeNull();
  });
});
