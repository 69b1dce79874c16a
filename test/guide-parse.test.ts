import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findStockYears, parseBody } from '../src/guides/body.js';
import { isUsable, parseGuide } from '../src/guides/parse.js';
import { guideText, ROOT, SEED } from './helpers.js';

const SEED_SHA256 = 'ce912853c077f46adeab7830ccb52407b92411cfaf86949e4be84b4d4ec0e7f4';
const seedText = readFileSync(SEED, 'utf8');

describe('the seed guide fixture', () => {
  test('is byte-for-byte the shared original, and the bundled copy is too', () => {
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(sha(SEED)).toBe(SEED_SHA256);
    expect(sha(join(ROOT, 'data', 'guides', 'cloudflare-workers--ml-ai-engineer.md'))).toBe(SEED_SHA256);
    const shared = join(ROOT, '..', 'shared', 'guides', '000_00960e55b59b0de2.txt');
    if (existsSync(shared)) expect(sha(shared)).toBe(SEED_SHA256);
  });

  test('parses into the model with repaired text', () => {
    const g = parseGuide(seedText, 'seed.txt');
    expect(isUsable(g)).toBe(true);
    expect(g.findings).toEqual([]);
    expect(g.meta).toMatchObject({
      company: 'cloudflare-workers',
      companyName: 'Cloudflare Workers',
      role: 'ml-ai-engineer',
      roleName: 'ML/AI Engineer',
      lastUpdated: '2026-02-23',
      reviewDue: '2026-05-23',
      sources: ['Levels.fyi'],
      levelMapping: {
        internal: null,
        raw: 'Cloudflare ML/AI (L3-L5) = Google ML L4-L6 = Meta ML E4-E6 = Fastly AI = AWS Inferentia ML',
      },
    });
    expect(
      g.meta!.bands.map((b) => [
        b.region,
        b.currency,
        b.base.low,
        b.base.high,
        b.stock?.low,
        b.stock?.high,
        b.stockYears,
        b.bonusPct,
      ]),
    ).toEqual([
      ['San Francisco', 'USD', 198000, 255000, 215000, 378000, 4, 10],
      ['Austin', 'USD', 188000, 245000, 205000, 362000, 4, 10],
      ['London', 'GBP', 132000, 170000, 142000, 250000, 4, 10],
    ]);
    expect(g.bodyLine).toBe(46);
    expect(g.repairs).toBeGreaterThan(10);
    expect(g.body).not.toMatch(/â€|Â£|ðŸ|ï¸/);
    expect(g.body).toContain('| London | £132K–£170K |');
    expect(g.body).toContain('### Cloudflare Workers AI Edge Inference Lever');
  });

  test('body model: levers, strategy, table, evidence', () => {
    const g = parseGuide(seedText, 'seed.txt');
    const body = parseBody(g.body, g.bodyLine);
    expect(body.title).toBe('ML/AI Engineer | Cloudflare Workers Global Negotiation Guide');
    expect(body.levers.map((l) => [l.number, l.title, l.line])).toEqual([
      [1, 'Edge AI Inference Optimization', 72],
      [2, 'Workers AI Model Serving', 73],
      [3, 'AI Gateway Platform', 74],
      [4, 'AWS Inferentia/Google TPU/Meta Competition', 75],
    ]);
    expect(body.levers[0].script).toMatch(/^I optimize AI model inference for Cloudflare's global edge — quantizing/);
    expect(body.leverSections.map((s) => [s.heading, s.line])).toEqual([
      ['Cloudflare Workers AI Edge Inference Lever', 64],
    ]);
    expect(body.strategy).toMatchObject({
      line: 77,
      targetBase: { amount: 248000, currency: 'USD' },
      targetStock: { amount: 368000, currency: 'USD' },
      stockYears: 4,
      targetBonusPct: 15,
      floorBase: { amount: 220000, currency: 'USD' },
      floorStock: { amount: 305000, currency: 'USD' },
    });
    expect(body.strategy!.exampleCompetitors.map((c) => [c.name, c.amount])).toEqual([
      ['Google ML', 420000],
      ['AWS ML', 405000],
      ['Meta ML', 425000],
    ]);
    expect(body.compTable!.stockYears).toBe(4);
    expect(body.compTable!.rows.map((r) => [r.region, r.line, r.bonusPct])).toEqual([
      ['San Francisco', 52, { low: 10, high: 15 }],
      ['Austin', 53, { low: 10, high: 15 }],
      ['London', 54, { low: 10, high: 15 }],
    ]);
    expect(body.evidence).toHaveLength(4);
    expect(body.evidence[1]).toBe('Cloudflare ML/AI Engineer Comp — Levels.fyi 2025-2026');
    expect(body.levelMapping).toMatch(/^Cloudflare ML\/AI \(L3-L5\)/);
  });
});

describe("the model carries the body's level mapping", () => {
  const line = '**Level Mapping:** Acme Data (P2-P4) = Google L4-L6\n\n';
  test.each([
    ['front matter without one, body with one', '', line, 'Acme Data (P2-P4) = Google L4-L6'],
    [
      'front matter with one: the body is not read',
      'level_mapping:\n  raw: Acme (L1-L2) = Google L3-L4\n',
      line,
      undefined,
    ],
    ['"Level Mapping" only as a bold heading', '', '**Level Mapping:**\n\nAcme (L1)\n', undefined],
    ['neither', '', '', undefined],
  ])('%s', (_name, extra, bodyLine, expected) => {
    const g = parseGuide(guideText({ extra, body: `### Acme\n\n${bodyLine}1. **Scale:** "x"\n` }), 'g.md');
    expect(g.meta?.levelMapping.body).toBe(expected);
    // As the body model reads it, when the front matter has none.
    if (!extra) expect(g.meta?.levelMapping.body).toBe(parseBody(g.body).levelMapping ?? undefined);
  });
});

describe('messy files', () => {
  const base = guideText();
  test.each([
    ['BOM', `\uFEFF${base}`],
    ['CRLF', base.replace(/\n/g, '\r\n')],
    ['CR only', base.replace(/\n/g, '\r')],
    ['BOM + CRLF', `\uFEFF${base.replace(/\n/g, '\r\n')}`],
  ])('%s loads like the clean file', (_name, text) => {
    const clean = parseGuide(base, 'a.md');
    const messy = parseGuide(text, 'a.md');
    expect(messy.findings).toEqual([]);
    expect(messy.meta).toEqual(clean.meta);
    expect(messy.body).toBe(clean.body);
  });

  test('mojibake in front matter is repaired and counted', () => {
    const g = parseGuide(guideText({ extra: 'negotiation_dna_summary: "Cashâ€“heavy Â£"\n' }), 'a.md');
    expect(g.meta!.summary).toBe('Cash–heavy £');
    expect(g.repairs).toBe(2);
  });
});

describe('front-matter errors name the field and line', () => {
  test.each([
    ['missing role', guideText().replace('role: data-engineer\n', ''), 'missing-field', /"role"/, undefined],
    [
      'low above high',
      guideText().replace('base_low: 150000', 'base_low: 250000'),
      'low-above-high',
      /base_low 250000 is above base_high 190000/,
      11,
    ],
    [
      'negative',
      guideText().replace('stock_low: 80000', 'stock_low: -5'),
      'negative-amount',
      /"compensation\[0\]\.stock_low" is negative/,
      13,
    ],
    [
      'unknown currency',
      guideText().replace('currency: CHF', 'currency: XXY'),
      'unknown-currency',
      /"compensation\[0\]\.currency" is not a known ISO 4217/,
      10,
    ],
    [
      'wrong type',
      guideText().replace('base_high: 190000', 'base_high: lots'),
      'wrong-type',
      /"compensation\[0\]\.base_high" is not a number: "lots"/,
      12,
    ],
    [
      'bad date',
      guideText().replace('last_updated: 2026-10-01', 'last_updated: 2026-13-45'),
      'wrong-type',
      /"last_updated" is not a date/,
      6,
    ],
    ['bad slug', guideText({ company: 'Acme Corp' }), 'wrong-type', /"company" is not a slug/, 2],
    [
      'no bands',
      guideText({ bands: '  []' }).replace('compensation:\n  []', 'compensation: []'),
      'wrong-type',
      /"compensation" is empty/,
      8,
    ],
    [
      'YAML syntax',
      guideText().replace('role_display: Data Engineer', 'role_display: [unclosed'),
      'syntax',
      /YAML syntax/,
      6,
    ],
    ['unterminated', '---\ncompany: a\n', 'unterminated', /not closed/, 1],
    ['no front matter', '# Just markdown\n', 'no-front-matter', /no front matter/, 1],
    ['js front matter', '---js\n{ company: "x" }\n---\n', 'language', /"js" is not supported/, 1],
    ['coffee front matter', '---coffee\ncompany: "x"\n---\n', 'language', /"coffee" is not supported/, 1],
    ['not a mapping', '---\n- a\n- b\n---\n', 'type', /must be a YAML mapping/, 2],
  ])('%s', (_name, text, code, message, line) => {
    const g = parseGuide(text, 'bad.md');
    expect(isUsable(g)).toBe(false);
    const f = g.findings.find((x) => x.severity === 'error')!;
    expect(f.code).toBe(code);
    expect(f.message).toMatch(message);
    if (line !== undefined) expect(f.line).toBe(line);
  });
});

test.each([
  ['| Region | Base | Stock (RSU/4yr) |', 4],
  ['| Region | Base | Equity (3 years) |', 3],
  ['RSUs over 5 years are typical', 5],
  ['| Region | Base |', null],
])('findStockYears(%j)', (text, years) => expect(findStockYears(text)).toBe(years));
