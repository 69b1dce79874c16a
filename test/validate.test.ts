import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadTargets } from '../src/commands/validate.js';
import { buildValidationReport, validationExitCode } from '../src/guide-validation.js';
import { parseBody } from '../src/guides/body.js';
import {
  checkCompTable,
  checkGuideQuality,
  checkLevelMapping,
  checkStrategy,
  checkTotalComp,
  findMojibakeLines,
  percentDifference,
} from '../src/guides/checks.js';
import { parseGuide } from '../src/guides/parse.js';
import { FIXTURES, guideText, ROOT, runCli, SEED, spawnCli, tempTree } from './helpers.js';
import { loadParser, type GuideParser } from '../src/guides/lazy-parser.js';

// These call parser-side code directly (the CLI loads the parser before any command that needs it).
let p: GuideParser;
beforeAll(async () => {
  p = await loadParser();
});

const VALIDATE = join(FIXTURES, 'validate');
/** The seed as a path relative to the repository (vitest runs there), so that output is stable. */
const SEED_REL = relative(ROOT, SEED);
const TODAY = '2026-11-29';

function reportFor(paths: string[], strict = false) {
  const { guides, problems } = loadTargets(p, paths);
  return buildValidationReport(p, guides, problems, { today: TODAY, strict });
}

/** Every finding of a report as [severity, code, line], file by file. */
function findingsOf(paths: string[], strict = false) {
  return reportFor(paths, strict).files.flatMap((f) => [
    ...f.errors.map((e) => ['error', e.code, e.line]),
    ...f.warnings.map((w) => ['warning', w.code, w.line]),
  ]);
}

describe('validate: one fixture per error', () => {
  test.each([
    ['yaml-syntax.md', 'syntax', 20, /^YAML syntax: Missing closing "quote \(column 35\)$/],
    [
      'missing-field.md',
      'missing-field',
      2,
      /^missing required field "role" \(lower-case letters, digits and hyphens, e\.g\. cloudflare-workers\)$/,
    ],
    ['wrong-type.md', 'wrong-type', 12, /^"compensation\[0\]\.base_high" is not a number: "lots"; expected a number/],
    [
      'low-above-high.md',
      'low-above-high',
      13,
      /^compensation\[0\] \(Zürich\): stock_low 180000 is above stock_high 120000; low must be ≤ high$/,
    ],
    ['negative-amount.md', 'negative-amount', 11, /^"compensation\[0\]\.base_low" is negative: -150000/],
    [
      'unknown-currency.md',
      'unknown-currency',
      10,
      /^"compensation\[0\]\.currency" is not a known ISO 4217 currency code: "CHX"; expected an ISO 4217 code, e\.g\. USD/,
    ],
    ['unterminated.md', 'unterminated', 1, /^front matter is not closed: add a line "---" after the YAML$/],
    ['binary.md', 'binary', 1, /^not a text file \(it contains NUL bytes\)$/],
  ])('%s: exactly one error, %s at line %d, exit 3', async (file, code, line, message) => {
    const path = join(VALIDATE, 'errors', file);
    const report = reportFor([path]);
    expect(report.errorCount).toBe(1);
    expect(report.warningCount).toBe(0);
    const [error] = report.files[0].errors;
    expect(error).toMatchObject({ code, line });
    expect(error.message).toMatch(message);
    const r = await runCli(['validate', path]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`${path}:${line}: error: `);
  });

  test('unreadable: a missing path, a file over 1 MiB, a missing --data folder', async () => {
    const dir = tempTree({ 'big.md': `---\ncompany: a\n---\n${'x'.repeat(1024 * 1024)}` });
    const report = reportFor([join(dir, 'nope.md'), join(dir, 'big.md')]);
    expect(report.files.map((f) => [f.path, f.errors.map((e) => [e.code, e.line])])).toEqual([
      [join(dir, 'nope.md'), [['unreadable', null]]],
      [join(dir, 'big.md'), [['unreadable', null]]],
    ]);
    expect(report.files[1].errors[0].message).toBe('the file is 1.0 MiB, over the 1 MiB limit for a guide');
    const r = await runCli(['validate', '--no-bundled', '--data', join(dir, 'missing'), '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).files).toEqual([
      {
        path: join(dir, 'missing'),
        company: null,
        role: null,
        errors: [{ message: 'cannot be read: it does not exist or is not accessible', line: null, code: 'unreadable' }],
        warnings: [],
        notes: [],
      },
    ]);
  });
});

describe('validate: one fixture per warning', () => {
  test.each([
    [
      'review-passed.md',
      'review-passed',
      7,
      'next_review_due 2026-06-30 has passed (today is 2026-11-29): review the data, update it and set a new next_review_due',
    ],
    [
      'total-comp.md',
      'total-comp',
      16,
      'compensation[0] (Zürich): stated total comp CHF 192,500–CHF 300,000 is 0.0% / +20.7% off base + bonus + grant/years (low: CHF 150,000 + 15% + CHF 80,000/4 = CHF 192,500; high: CHF 190,000 + 15% + CHF 120,000/4 = CHF 248,500), more than 10% apart; correct total_comp_low/total_comp_high or the components they should add up to',
    ],
    [
      'mojibake.md',
      'mojibake',
      25,
      '1 mojibake sequence was repaired on line 25: UTF-8 text once read as Windows-1252, such as "â€“" for "–"; commands show the repaired text; re-save the file as UTF-8 to fix it at the source',
    ],
    [
      'no-levers.md',
      'no-levers',
      21,
      'no levers: add numbered items like 1. **Title:** "what you would say", under a **Global Levers** heading, so that levers and draft have scripts to quote',
    ],
    [
      'level-mapping.md',
      'level-mapping',
      22,
      'level_mapping: the guide\'s own entry "Acme Data" gives no level range, so levels --from and --level cannot place a level in its bands; write it like "Acme Data (L3-L5)"',
    ],
    [
      'strategy.md',
      'strategy-bounds',
      27,
      'the Negotiate Up Strategy\'s walk-away base $190,000 is above its target base $180,000; the floor ("Accept at …") should be at or below the target',
    ],
    [
      'no-front-matter.md',
      'no-front-matter',
      1,
      'no front matter: queries ignore this file; if it is a guide, start it with a line "---", then its YAML fields, then a line "---"',
    ],
  ])('%s: exactly one warning, %s at line %s; exit 0, or 3 with --strict', async (file, code, line, message) => {
    const path = join(VALIDATE, 'warnings', file);
    const report = reportFor([path]);
    expect(report.errorCount).toBe(0);
    expect(report.files[0].warnings).toEqual([{ code, line, message }]);
    expect((await runCli(['validate', path])).code).toBe(0);
    expect((await runCli(['validate', '--strict', path])).code).toBe(3);
  });

  test('table-mismatch.md: a row that disagrees, and a row with no band', () => {
    const report = reportFor([join(VALIDATE, 'warnings', 'table-mismatch.md')]);
    expect(report.files[0].warnings).toEqual([
      {
        code: 'table-mismatch',
        line: 25,
        message:
          'body comp table, New York: base $150K–$200K but the front matter says base_low/base_high $150,000–$190,000 (compensation[0]); make the table and the front matter agree',
      },
      {
        code: 'table-mismatch',
        line: 26,
        message:
          'body comp table row "Berlin" has no band in the front matter: add a compensation entry with region: Berlin, or remove the row',
      },
    ]);
  });

  test('unknown-field.md: reported only with --strict, with a suggestion', async () => {
    const path = join(VALIDATE, 'warnings', 'unknown-field.md');
    expect(findingsOf([path])).toEqual([]);
    expect(reportFor([path], true).files[0].warnings).toEqual([
      {
        code: 'unknown-field',
        line: 16,
        message: 'unknown field "compensation[0].stock_hgih" (kept but ignored); did you mean "stock_high"?',
      },
    ]);
    expect((await runCli(['validate', path])).code).toBe(0);
    expect((await runCli(['validate', '--strict', path])).code).toBe(3);
  });

  test('duplicate/: both files are reported, each naming the other and which one wins', () => {
    const dir = join(VALIDATE, 'warnings', 'duplicate');
    const report = reportFor([dir]);
    const [newer, older] = [join(dir, 'newer.md'), join(dir, 'older.md')];
    expect(report.files.map((f) => [f.path, f.warnings])).toEqual([
      [
        newer,
        [
          {
            code: 'duplicate',
            line: 2,
            message: `duplicate company + role acme-corp/duplicate: also in ${older}, which this file overrides; remove one of them`,
          },
        ],
      ],
      [
        older,
        [
          {
            code: 'duplicate',
            line: 2,
            message: `duplicate company + role acme-corp/duplicate: also in ${newer}, which queries use because its last_updated is newer (2026-10-01); this file is ignored: remove it or change its company/role`,
          },
        ],
      ],
    ]);
  });

  test('a duplicate across sources: the later source wins', async () => {
    const dir = tempTree({ 'copy.md': readFileSync(SEED, 'utf8') });
    const r = await runCli(['validate', '--data', dir, '--json']);
    const files = JSON.parse(r.stdout).files as { path: string; warnings: { code: string; message: string }[] }[];
    expect(files.map((f) => f.path)).toEqual([
      join(ROOT, 'data', 'guides', 'cloudflare-workers--ml-ai-engineer.md'),
      join(dir, 'copy.md'),
    ]);
    expect(files[0].warnings.find((w) => w.code === 'duplicate')!.message).toBe(
      `duplicate company + role cloudflare-workers/ml-ai-engineer: also in ${join(dir, 'copy.md')}, which queries use because it comes from a later source; this file is ignored: remove it or change its company/role`,
    );
  });

  test('the clean fixture has no findings, even with --strict', async () => {
    expect(findingsOf([join(VALIDATE, 'clean.md')], true)).toEqual([]);
    const r = await runCli(['validate', '--strict', join(VALIDATE, 'clean.md')]);
    expect(r).toEqual({ code: 0, stdout: '1 file checked: no problems\n', stderr: '' });
  });
});

describe('validate: the seed guide', () => {
  const seedWarnings = [
    {
      line: 10,
      code: 'review-passed',
      message:
        'next_review_due 2026-05-23 has passed (today is 2026-11-29): review the data, update it and set a new next_review_due',
    },
    {
      line: 18,
      code: 'total-comp',
      message:
        'compensation[0] (San Francisco): stated total comp $310,000–$432,000 is +14.2% / +15.2% off base + bonus + grant/years (low: $198,000 + 10% + $215,000/4 = $271,550; high: $255,000 + 10% + $378,000/4 = $375,000), more than 10% apart; correct total_comp_low/total_comp_high or the components they should add up to',
    },
    {
      line: 27,
      code: 'total-comp',
      message:
        'compensation[1] (Austin): stated total comp $298,000–$418,000 is +15.5% / +16.1% off base + bonus + grant/years (low: $188,000 + 10% + $205,000/4 = $258,050; high: $245,000 + 10% + $362,000/4 = $360,000), more than 10% apart; correct total_comp_low/total_comp_high or the components they should add up to',
    },
    {
      line: 36,
      code: 'total-comp',
      message:
        'compensation[2] (London): stated total comp £205,000–£288,000 is +13.4% / +15.4% off base + bonus + grant/years (low: £132,000 + 10% + £142,000/4 = £180,700; high: £170,000 + 10% + £250,000/4 = £249,500), more than 10% apart; correct total_comp_low/total_comp_high or the components they should add up to',
    },
    {
      line: 52,
      code: 'table-mismatch',
      message:
        'body comp table, San Francisco: bonus 10–15% but the front matter says bonus_pct 10 (compensation[0]); make the table and the front matter agree',
    },
    {
      line: 52,
      code: 'mojibake',
      message:
        '31 mojibake sequences were repaired on 15 lines (52, 53, 54, 58, 60, …): UTF-8 text once read as Windows-1252, such as "â€“" for "–"; commands show the repaired text; re-save the file as UTF-8 to fix it at the source',
    },
    {
      line: 53,
      code: 'table-mismatch',
      message:
        'body comp table, Austin: bonus 10–15% but the front matter says bonus_pct 10 (compensation[1]); make the table and the front matter agree',
    },
    {
      line: 54,
      code: 'table-mismatch',
      message:
        'body comp table, London: bonus 10–15% but the front matter says bonus_pct 10 (compensation[2]); make the table and the front matter agree',
    },
  ];

  test('--json: exactly the expected warnings, no errors, exit 0', async () => {
    const r = await runCli(['validate', SEED_REL, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      files: [
        {
          path: SEED_REL,
          company: 'cloudflare-workers',
          role: 'ml-ai-engineer',
          errors: [],
          warnings: seedWarnings,
          notes: [],
        },
      ],
      errorCount: 0,
      warningCount: 8,
      strict: false,
    });
  });

  test('--strict fails on the warnings (the seed has no unknown fields)', async () => {
    const r = await runCli(['validate', '--strict', SEED_REL, '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCount: 0, warningCount: 8, strict: true });
  });

  test('before the review date there is no review warning', async () => {
    const r = await runCli(['validate', SEED_REL, '--json'], { env: { NEGOTIATE_TODAY: '2026-05-23' } });
    expect(JSON.parse(r.stdout).files[0].warnings.map((w: { code: string }) => w.code)).not.toContain('review-passed');
  });

  test('default with no PATH: the bundled guide (a copy of the seed), same warnings', async () => {
    const r = await runCli(['validate', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual([
      join(ROOT, 'data', 'guides', 'cloudflare-workers--ml-ai-engineer.md'),
    ]);
    expect(doc.files[0].warnings).toEqual(seedWarnings);
    const none = await runCli(['validate', '--no-bundled', '--json']);
    expect(JSON.parse(none.stdout)).toEqual({ files: [], errorCount: 0, warningCount: 0, strict: false });
  });

  test('human output: file:line, grouped by file, a summary line', async () => {
    const r = await runCli(['validate', SEED_REL]);
    expect(r.stdout.split('\n').map((l) => l.slice(0, 90))).toMatchInlineSnapshot(`
      [
        "test/fixtures/seed/000_00960e55b59b0de2.txt:10: warning: next_review_due 2026-05-23 has pa",
        "test/fixtures/seed/000_00960e55b59b0de2.txt:18: warning: compensation[0] (San Francisco): ",
        "test/fixtures/seed/000_00960e55b59b0de2.txt:27: warning: compensation[1] (Austin): stated ",
        "test/fixtures/seed/000_00960e55b59b0de2.txt:36: warning: compensation[2] (London): stated ",
        "test/fixtures/seed/000_00960e55b59b0de2.txt:52: warning: body comp table, San Francisco: b",
        "test/fixtures/seed/000_00960e55b59b0de2.txt:52: warning: 31 mojibake sequences were repair",
        "test/fixtures/seed/000_00960e55b59b0de2.txt:53: warning: body comp table, Austin: bonus 10",
        "test/fixtures/seed/000_00960e55b59b0de2.txt:54: warning: body comp table, London: bonus 10",
        "",
        "1 file checked, 1 with problems: 0 errors, 8 warnings",
        "",
      ]
    `);
    expect(r.stdout).toMatch(/\[review-passed\]\n/);
  });
});

describe('validate: output and exit codes', () => {
  test('errors before warnings within a file; files grouped; summary counts', async () => {
    const bad = guideText({ extra: 'next_review_due_2: x\n' })
      .replace('next_review_due: 2027-01-01', 'next_review_due: 2026-01-01')
      .replace('base_low: 150000', 'base_low: 200000');
    const dir = tempTree({ 'a.md': bad, 'b.md': guideText({ role: 'other' }), 'c/notes.txt': 'just notes\n' });
    const r = await runCli(['validate', '--strict', dir]);
    expect(r.code).toBe(3);
    expect(r.stdout.replaceAll(dir, 'DIR')).toMatchInlineSnapshot(`
      "DIR/a.md:11: error: compensation[0] (Zürich): base_low 200000 is above base_high 190000; low must be ≤ high [low-above-high]
      DIR/a.md:7: warning: next_review_due 2026-01-01 has passed (today is 2026-11-29): review the data, update it and set a new next_review_due [review-passed]
      DIR/a.md:20: warning: unknown field "next_review_due_2" (kept but ignored); did you mean "next_review_due"? [unknown-field]

      DIR/c/notes.txt:1: warning: no front matter: queries ignore this file; if it is a guide, start it with a line "---", then its YAML fields, then a line "---" [no-front-matter]

      3 files checked, 2 with problems: 1 error, 3 warnings (--strict: warnings fail)
      "
    `);
  });

  test('guide text is cleaned before it reaches the terminal', async () => {
    const dir = tempTree({
      'a.md': guideText({
        bands: guideText()
          .split('compensation:\n')[1]
          .split('data_sources')[0]
          .replace('region: Zürich', 'region: "Zür\\e[31mich"')
          .replace('total_comp_high: 248500', 'total_comp_high: 400000'),
      }),
    });
    const r = await runCli(['validate', dir]);
    expect(r.stdout).toContain('(Zürich)');
    expect(r.stdout).not.toContain('\u001b');
  });

  test('validationExitCode: errors fail; warnings fail only under --strict', () => {
    const base = { files: [], errorCount: 0, warningCount: 0, strict: false };
    expect(validationExitCode(base)).toBe(0);
    expect(validationExitCode({ ...base, warningCount: 2 })).toBe(0);
    expect(validationExitCode({ ...base, warningCount: 2, strict: true })).toBe(3);
    expect(validationExitCode({ ...base, errorCount: 1 })).toBe(3);
  });

  test('the built binary: --json is one document on stdout, exit 0 / 3', () => {
    const ok = spawnCli(['validate', SEED_REL, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).warningCount).toBe(8);
    expect(ok.stderr).toBe('');
    const bad = spawnCli(['validate', join(VALIDATE, 'errors'), '--json']);
    expect(bad.code).toBe(3);
    const doc = JSON.parse(bad.stdout);
    expect(doc.errorCount).toBe(8);
    expect(doc.files.every((f: { errors: unknown[] }) => f.errors.length === 1)).toBe(true);
  });
});

describe('data-quality checks (pure)', () => {
  test.each([
    [310000, 271550, 14.2],
    [271550, 271550, 0],
    [250000, 275000, -9.1],
    [0, 0, 0],
  ])('percentDifference(%d, %d) = %d', (stated, computed, pct) => {
    expect(percentDifference(stated, computed)).toBe(pct);
  });

  const guide = (bands: string, body?: string) => parseGuide(guideText({ bands, body }), 'g.md', { fieldLines: true });
  const band = (extra: Record<string, string | number>) =>
    Object.entries({ region: 'Berlin', currency: 'EUR', base_low: 100000, base_high: 120000, ...extra })
      .map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`)
      .join('\n');

  test.each([
    ['exactly 10% off is within tolerance', { total_comp_low: 110000, total_comp_high: 132000 }, []],
    ['just over 10% warns', { total_comp_low: 110100, total_comp_high: 120000 }, ['total-comp']],
    ['below the formula warns too', { total_comp_low: 80000, total_comp_high: 120000 }, ['total-comp']],
    ['no stated total: nothing to check', {}, []],
    [
      'bonus and stock count',
      { bonus_pct: 10, stock_low: 40000, stock_high: 40000, total_comp_low: 120000, total_comp_high: 142000 },
      [],
    ],
  ])('total comp: %s', (_name, extra, codes) => {
    const g = guide(band(extra));
    expect(g.findings).toEqual([]);
    expect(checkTotalComp(g.meta!).map((f) => f.code)).toEqual(codes);
  });

  test.each([
    ['agreeing within rounding', '| Berlin | €100K–€120K | 10% |', []],
    [
      'another currency',
      '| Berlin | $100K–$120K | 10% |',
      [
        'body comp table, Berlin: base $100K–$120K is in USD, but compensation[0] (Berlin) is in EUR; write the table in EUR',
      ],
    ],
    [
      'a bonus the front matter lacks',
      '| Berlin | €100K–€120K | 10% |',
      [
        'body comp table, Berlin: bonus 10% but compensation[0] (Berlin) has no bonus_pct; add it to the front matter or remove it from the table',
      ],
      {},
    ],
    [
      'a band missing from the table',
      '| Munich | €100K–€120K | 10% |',
      [
        'body comp table row "Munich" has no band in the front matter: add a compensation entry with region: Munich, or remove the row',
        'compensation[0] (Berlin) is missing from the body comp table (line 17): add a row for Berlin',
      ],
    ],
  ])('comp table: %s', (_name, row, messages, extra: Record<string, number> = { bonus_pct: 10 }) => {
    const g = guide(band({ base_low: 100400, ...extra }), `| Region | Base | Bonus |\n|---|---|---|\n${row}\n`);
    const body = parseBody(g.body, g.bodyLine);
    expect(checkCompTable(g.meta!, body.compTable, g.fieldLines).map((f) => f.message)).toEqual(messages);
  });

  test.each([
    ['a clean mapping', 'internal: null\n  raw: Acme (L3-L5) = Google L4-L6', '', []],
    [
      'internal naming no entry',
      'internal: Initech\n  raw: Acme (L3-L5) = Google L4-L6',
      '',
      [
        'level_mapping.internal "Initech" names no entry of the mapping; the first entry (Acme) is taken as the guide\'s own; make level_mapping.internal name one of the entries',
      ],
    ],
    [
      'a body line that says otherwise',
      'raw: Acme (L3-L5) = Google L4-L6',
      '**Level Mapping:** Acme (L3-L5) = Google L5-L7\n\n',
      [
        'the body\'s Level Mapping says "Acme (L3-L5) = Google L5-L7" but level_mapping.raw says "Acme (L3-L5) = Google L4-L6"; make them agree (commands use the front matter)',
      ],
    ],
  ])('level mapping: %s', (_name, yaml, bodyText, messages) => {
    const g = parseGuide(
      guideText({ extra: `level_mapping:\n  ${yaml}\n`, body: `${bodyText}1. **Scale:** "x"\n` }),
      'g.md',
      { fieldLines: true },
    );
    expect(g.findings).toEqual([]);
    const body = parseBody(g.body, g.bodyLine);
    expect(checkLevelMapping(g.meta!, body, g.fieldLines).map((f) => f.message)).toEqual(messages);
  });

  test.each([
    ['targets in a band currency, floor below', '$180K base and $100K RSUs', '$170K+ base and $90K+ RSUs', []],
    // SPEC §2: a strategy from which neither a target nor a floor is read is a warning, never dropped in silence.
    [
      'no strategy figures',
      'more money',
      'whatever',
      [
        'the strategy quote gives no target and no walk-away floor: no target or floor was found in ""I\'m targeting more money." Accept at whatever." (write e.g. "I\'m targeting $150,000 base … Accept at … base", or add a strategy block to the front matter)',
      ],
    ],
    [
      'amounts in a currency no band uses',
      '£180K base',
      '£170K+ base',
      [
        "the strategy names £180K, £170K+ in GBP, which no band uses (USD): write the targets and floor in a band's currency",
      ],
    ],
    [
      'a stock floor above the target',
      '$180K base and $100K RSUs',
      '$170K+ base and $120K+ RSUs',
      [
        'the Negotiate Up Strategy\'s walk-away stock $120,000 is above its target stock $100,000; the floor ("Accept at …") should be at or below the target',
      ],
    ],
  ])('strategy: %s', (_name, target, floor, messages) => {
    const bands = guideText()
      .split('compensation:\n')[1]
      .split('data_sources')[0]
      .replace('currency: CHF', 'currency: USD');
    const g = parseGuide(
      guideText({ bands, body: `> **Negotiate Up Strategy:** "I'm targeting ${target}." Accept at ${floor}.\n` }),
      'g.md',
    );
    expect(checkStrategy(g.meta!, parseBody(g.body, g.bodyLine, g.meta)).map((f) => f.message)).toEqual(messages);
  });

  test('a band the loader dropped does not shift the names of the others', () => {
    const zurich = guideText().split('compensation:\n')[1].split('data_sources')[0];
    const berlin = zurich
      .replace('Zürich', 'Berlin')
      .replace('currency: CHF', 'currency: EUR')
      .replace('total_comp_high: 248500', 'total_comp_high: 400000');
    const ok = parseGuide(guideText({ bands: `${zurich}${berlin}` }), 'g.md', { fieldLines: true });
    expect(checkTotalComp(ok.meta!, ok.fieldLines).map((f) => [f.message.split(':')[0], f.line])).toEqual([
      ['compensation[1] (Berlin)', 25],
    ]);
    const broken = parseGuide(
      guideText({ bands: `${zurich.replace('currency: CHF', 'currency: ZZZ')}${berlin}` }),
      'g.md',
      { fieldLines: true },
    );
    expect(broken.findings.map((f) => f.code)).toEqual(['unknown-currency']);
    expect(checkTotalComp(broken.meta!, broken.fieldLines).map((f) => [f.message.split(':')[0], f.line])).toEqual([
      ['the Berlin band', undefined],
    ]);
  });

  test('findMojibakeLines: file lines (CRLF or LF) that carry mojibake', () => {
    expect(findMojibakeLines('\uFEFFclean\r\nbroken â€“ dash\r\nZürich is fine\nÂ£132K\n')).toEqual([2, 4]);
    expect(findMojibakeLines('naïve café, £132K – fine\n')).toEqual([]);
  });

  test('checks run only on what parsed: a file without front matter gets no quality warnings', () => {
    const g = parseGuide('just text\n', 'n.md');
    expect(checkGuideQuality(g, null, { today: TODAY, strict: true })).toEqual([]);
  });
});
