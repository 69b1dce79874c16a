// The guide text negotiate new writes, and its surgical edits of existing guides: pure functions.
import { describe, expect, test } from 'vitest';
import {
  addMonths,
  editGuideText,
  GuideEditError,
  renderNewGuide,
  slugify,
  yamlString,
  type NewBand,
} from '../src/guides/new-guide.js';
import { parseGuide } from '../src/guides/parse.js';
import { usualCurrency } from '../src/comp/regions.js';

const band = (region: string, currency = 'EUR'): NewBand => ({
  region,
  currency,
  base: { low: 70000, high: 90000 },
  stock: null,
  stockYears: null,
  bonusPct: null,
});
const OPTS = { today: '2026-12-01', moveReview: true, sources: [], strategy: null, levers: [] };

describe('names and dates', () => {
  test.each([
    ['Acme Corp, Inc.', 'acme-corp-inc'],
    ['Zürich Labs', 'zurich-labs'],
    ['ML/AI Engineer', 'ml-ai-engineer'],
    ['AT&T', 'at-and-t'],
    ['  --  ', ''],
  ])('slugify(%j) → %j', (name, slug) => expect(slugify(name)).toBe(slug));

  test.each([
    ['2026-11-29', 6, '2027-05-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-15', 12, '2027-01-15'],
  ])('addMonths(%s, %d) → %s', (date, months, out) => expect(addMonths(date, months)).toBe(out));

  test.each([
    ['London', 'London'],
    ['Remote (US)', 'Remote (US)'],
    ['yes', '"yes"'],
    ['2026', '"2026"'],
    ['a: b', '"a: b"'],
    ['#1 team', '"#1 team"'],
  ])('yamlString(%j) → %s', (text, yaml) => expect(yamlString(text)).toBe(yaml));

  test.each([
    ['Toronto', 'CAD'],
    ['San Francisco Bay Area', 'USD'],
    ['Zürich', 'CHF'],
    ['Bengaluru', 'INR'],
    ['Gotham City', null],
  ])('usualCurrency(%s) → %s', (place, code) => expect(usualCurrency(place)).toBe(code));
});

describe('renderNewGuide', () => {
  test('reads back as the guide it describes, with no errors', () => {
    const text = renderNewGuide(
      {
        company: 'acme',
        companyName: 'Acme: the "best"',
        role: 'swe',
        roleName: 'SWE',
        bands: [
          band('Berlin'),
          { ...band('Toronto', 'CAD'), stock: { low: 1, high: 2 }, stockYears: 3, bonusPct: 12.5 },
        ],
        sources: ['a: b'],
        levelMapping: null,
        levers: [],
        strategy: null,
      },
      '2026-11-29',
    );
    const g = parseGuide(text, 'x.md');
    expect(g.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(g.meta).toMatchObject({
      companyName: 'Acme: the "best"',
      sources: ['a: b'],
      lastUpdated: '2026-11-29',
      reviewDue: '2027-05-29',
    });
    expect(g.meta?.bands.map((b) => [b.region, b.currency, b.bonusPct])).toEqual([
      ['Berlin', 'EUR', null],
      ['Toronto', 'CAD', 12.5],
    ]);
  });
});

describe('editGuideText', () => {
  test('a block sequence at column 0 keeps its layout', () => {
    const text =
      '---\ncompany: a\nrole: b\ncompensation:\n- region: London\n  currency: GBP\n  base_low: 1\n  base_high: 2\n---\nbody\n';
    const out = editGuideText(text, [{ band: band('Paris'), replace: false }], OPTS).text;
    expect(out).toBe(
      '---\ncompany: a\nrole: b\nlast_updated: 2026-12-01\ncompensation:\n- region: London\n  currency: GBP\n  base_low: 1\n  base_high: 2\n- region: Paris\n  currency: EUR\n  base_low: 70000\n  base_high: 90000\n---\nbody\n',
    );
  });

  test('flow-style compensation is not rewritten: an error says to edit by hand', () => {
    const text =
      '---\ncompany: a\nrole: b\ncompensation: [{region: London, currency: GBP, base_low: 1, base_high: 2}]\n---\n';
    expect(() => editGuideText(text, [{ band: band('Paris'), replace: false }], OPTS)).toThrow(GuideEditError);
  });

  test('a BOM and comments after the last band stay where they are', () => {
    const text =
      '\uFEFF---\ncompany: a\nrole: b\ncompensation:\n  - region: London\n    currency: GBP\n    base_low: 1\n    base_high: 2\n  # more to come\n\ndata_sources:\n  - x\n---\n';
    const out = editGuideText(text, [{ band: band('Paris'), replace: false }], { ...OPTS, sources: ['z'] }).text;
    expect(out.startsWith('\uFEFF---\n')).toBe(true);
    expect(out).toContain(
      '    base_high: 2\n  - region: Paris\n    currency: EUR\n    base_low: 70000\n    base_high: 90000\n  # more to come\n\ndata_sources:\n  - x\n  - z\n---\n',
    );
  });
});
