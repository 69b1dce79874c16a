// The guide-authoring corpus (test/fixtures/authoring): guides written as people write them, in other
// currencies, phrasings and shapes. Each one's targets and floor through validate --json and evaluate --json.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, runCli } from './helpers.js';

const DIR = join(FIXTURES, 'authoring');
// No guides of the developer's own: an empty home and data folder.
const EMPTY = mkdtempSync(join(tmpdir(), 'negotiate-authoring-'));
const ENV = { HOME: EMPTY, XDG_DATA_HOME: EMPTY };

interface Figures {
  base: number | null;
  stock: number | null;
}

interface Case {
  file: string;
  company: string;
  region: string;
  currency: string;
  target: (Figures & { bonusPct?: number | null }) | null;
  floor: Figures | null;
  /** The band's vesting years. */
  years?: number;
  /** Warning codes validate gives (sorted). */
  warnings: string[];
  notes?: RegExp;
  /** A note evaluate gives on stderr / in warnings. */
  evaluateNote?: RegExp;
}

const CASES: Case[] = [
  {
    file: '01-chf-zurich.md',
    company: 'alpen-bank',
    region: 'Zürich',
    currency: 'CHF',
    target: { base: 175000, stock: 110000 },
    floor: { base: 150000, stock: null },
    warnings: [],
  },
  {
    file: '02-cad-toronto.md',
    company: 'maple-cloud',
    region: 'Toronto',
    currency: 'CAD',
    target: { base: 200000, stock: 160000 },
    floor: { base: 180000, stock: null },
    warnings: [],
    notes: /"\$200K", "\$160K", "\$180K\+" are read as CAD/,
  },
  {
    file: '03-eur-phrasings.md',
    company: 'spree-data',
    region: 'Berlin',
    currency: 'EUR',
    target: { base: 120000, stock: null },
    floor: { base: 105000, stock: null },
    warnings: [],
  },
  {
    file: '04-inr-bangalore.md',
    company: 'garden-tech',
    region: 'Bangalore',
    currency: 'INR',
    target: { base: 4500000, stock: 6000000 },
    floor: { base: 3800000, stock: null },
    warnings: [],
  },
  {
    file: '05-sek-stockholm.md',
    company: 'fika-games',
    region: 'Stockholm',
    currency: 'SEK',
    target: { base: 850000, stock: null },
    floor: { base: 750000, stock: null },
    warnings: [],
  },
  {
    file: '06-jpy-block.md',
    company: 'sakura-soft',
    region: 'Tokyo',
    currency: 'JPY',
    target: { base: 12000000, stock: null, bonusPct: 10 },
    floor: { base: 10000000, stock: null },
    warnings: [],
  },
  {
    file: '07-gbp-crlf.md',
    company: 'thames-pay',
    region: 'London',
    currency: 'GBP',
    target: { base: 140000, stock: 200000 },
    floor: { base: 125000, stock: 160000 },
    warnings: [],
  },
  {
    file: '08-gbp-mojibake.md',
    company: 'mersey-labs',
    region: 'Manchester',
    currency: 'GBP',
    target: { base: 120000, stock: null },
    floor: { base: 100000, stock: null },
    warnings: ['mojibake'],
  },
  {
    file: '09-usd-block-only.md',
    company: 'prairie-ai',
    region: 'Chicago',
    currency: 'USD',
    target: { base: 210000, stock: 330000, bonusPct: 15 },
    floor: { base: 185000, stock: 250000 },
    years: 3,
    warnings: [],
  },
  {
    file: '10-eur-section-table.md',
    company: 'rhein-werk',
    region: 'Köln',
    currency: 'EUR',
    target: { base: 100000, stock: null },
    floor: { base: 90000, stock: null },
    years: 3,
    warnings: [],
  },
  {
    file: '11-unread-words.md',
    company: 'word-works',
    region: 'Austin',
    currency: 'USD',
    target: null,
    floor: null,
    warnings: ['strategy-unread'],
    evaluateNote: /strategy could not be read.*"one hundred ninety thousand dollars" \(written in words\)/,
  },
  {
    file: '12-block-disagrees.md',
    company: 'two-minds',
    region: 'Seattle',
    currency: 'USD',
    target: { base: 205000, stock: null },
    floor: { base: 185000, stock: null },
    warnings: ['strategy-disagrees'],
  },
  {
    file: '13-bounds.md',
    company: 'wild-numbers',
    region: 'Denver',
    currency: 'USD',
    target: { base: null, stock: 180000 },
    floor: { base: 160000, stock: null },
    years: 4,
    warnings: ['strategy-bounds', 'strategy-bounds'],
  },
  {
    file: '14-kr-unplaced.md',
    company: 'nordic-pair',
    region: 'Stockholm',
    currency: 'SEK',
    target: null,
    floor: null,
    warnings: ['strategy-unread'],
    evaluateNote: /"850 000 kr" \(could be SEK, NOK, DKK, ISK\)/,
  },
  {
    file: '15-stale-no-review.md',
    company: 'old-guide',
    region: 'Boston',
    currency: 'USD',
    target: { base: 190000, stock: null },
    floor: { base: 170000, stock: null },
    warnings: ['stale'],
    evaluateNote: /the data is more than 12 months old \(last updated 2019-01-01, and no next_review_due\)/,
  },
];

describe('guide-authoring corpus', () => {
  test('at least ten guides, in at least six currencies, one with Windows line endings and one with mojibake', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(CASES.map((c) => c.currency)).size).toBeGreaterThanOrEqual(6);
    expect(readFileSync(join(DIR, '07-gbp-crlf.md'), 'utf8')).toContain('\r\n');
    expect(readFileSync(join(DIR, '08-gbp-mojibake.md'), 'utf8')).toContain('Â£');
  });

  test('validate --json: exactly the expected warnings and notes, no errors', async () => {
    const r = await runCli(['validate', DIR, '--json'], { env: ENV });
    const report = JSON.parse(r.stdout) as {
      files: { path: string; errors: unknown[]; warnings: { code: string }[]; notes: string[] }[];
    };
    expect(report.files.map((f) => f.path.split('/').pop()).sort()).toEqual(CASES.map((c) => c.file).sort());
    for (const c of CASES) {
      const f = report.files.find((x) => x.path.endsWith(c.file))!;
      expect({ file: c.file, errors: f.errors, warnings: f.warnings.map((w) => w.code).sort() }).toEqual({
        file: c.file,
        errors: [],
        warnings: c.warnings,
      });
      if (c.notes) expect(f.notes.join('\n')).toMatch(c.notes);
      else expect(f.notes).toEqual([]);
    }
  });

  test.each(CASES)('evaluate --json $file: target and floor', async (c) => {
    const r = await runCli(
      [
        'evaluate',
        c.company,
        'software-engineer',
        '--region',
        c.region,
        '--base',
        '100000',
        '--bonus',
        '0',
        '--no-bundled',
        '--data',
        DIR,
        '--json',
      ],
      { env: ENV },
    );
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    const pick = (
      f: { base: number | null; stock: number | null; bonusPct: number | null; currency: string } | null,
      withBonus: boolean,
    ) => f && { base: f.base, stock: f.stock, currency: f.currency, ...(withBonus ? { bonusPct: f.bonusPct } : {}) };
    const expected = (f: (Figures & { bonusPct?: number | null }) | null) => f && { ...f, currency: c.currency };
    expect(pick(d.target, c.target?.bonusPct !== undefined)).toEqual(expected(c.target));
    expect(pick(d.floor, false)).toEqual(expected(c.floor));
    if (c.years) expect(d.band.stock.years).toBe(c.years);
    if (c.evaluateNote) expect(d.warnings.join('\n')).toMatch(c.evaluateNote);
    else expect(d.warnings.join('\n')).not.toMatch(/strategy/);
  });

  test('a figure out of bounds is ignored, never Infinity or NaN: "RSUs over 0 years" leaves the band at 4 years', async () => {
    const r = await runCli(
      [
        'evaluate',
        'wild-numbers',
        'software-engineer',
        '--region',
        'Denver',
        '--base',
        '160000',
        '--no-bundled',
        '--data',
        DIR,
        '--json',
      ],
      { env: ENV },
    );
    expect(r.stdout).not.toMatch(/Infinity|NaN|null,\s*"annualTC": null/);
    expect(JSON.parse(r.stdout).target.stockYears).toBe(4);
  });

  test('validate --strict: a bare-$ note never fails it; a strategy warning does', async () => {
    expect((await runCli(['validate', '--strict', join(DIR, '02-cad-toronto.md')], { env: ENV })).code).toBe(0);
    expect((await runCli(['validate', '--strict', join(DIR, '11-unread-words.md')], { env: ENV })).code).toBe(3);
    const human = await runCli(['validate', join(DIR, '02-cad-toronto.md')], { env: ENV });
    expect(human.stdout).toMatch(/02-cad-toronto\.md: note: line \d+: "\$200K", "\$160K", "\$180K\+" are read as CAD/);
  });

  test('draft uses the same targets (CHF, Zürich)', async () => {
    const r = await runCli(
      [
        'draft',
        'alpen-bank',
        'software-engineer',
        '--region',
        'Zürich',
        '--base',
        '150000',
        '--no-bundled',
        '--data',
        DIR,
        '--json',
      ],
      { env: ENV },
    );
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.ask).toMatchObject({ base: 175000, currency: 'CHF' });
    expect(d.floor).toMatchObject({ base: 150000, currency: 'CHF' });
  });

  test('draft says when the strategy could not be read', async () => {
    const r = await runCli(
      [
        'draft',
        'word-works',
        'software-engineer',
        '--region',
        'Austin',
        '--base',
        '150000',
        '--no-bundled',
        '--data',
        DIR,
        '--json',
      ],
      { env: ENV },
    );
    const d = JSON.parse(r.stdout);
    expect(d.notes.join('\n')).toMatch(/strategy could not be read/);
  });
});
