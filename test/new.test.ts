// negotiate new, end to end (in-process but for the first run and stdin; the binary's own start is bin.test.ts's): the scripted path, in-place updates that keep every
// other byte, refusals and .bak files, the bundled-copy case, postings, and the user's folder as a source.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, ROOT, guideText, runCli, spawnCli } from './helpers.js';

/** A home of its own for a sequence of runs (each spawnCli call would otherwise get a fresh one). */
function home() {
  const dir = mkdtempSync(join(tmpdir(), 'negotiate-new-'));
  const data = join(dir, 'data');
  const guides = join(data, 'negotiate', 'guides');
  // In-process, but for a run that reads stdin: the binary itself is tested by the first test and bin.test.ts.
  const run = async (args: string[], opts: { input?: string; today?: string; spawn?: boolean } = {}) => {
    const env = { HOME: dir, XDG_DATA_HOME: data, NEGOTIATE_TODAY: opts.today ?? '2026-11-29', NO_COLOR: '1' };
    return opts.input !== undefined || opts.spawn
      ? spawnCli(args, { env, input: opts.input, cwd: dir })
      : runCli(args, { env });
  };
  return { dir, guides, run };
}

const ACME = [
  'new',
  '--company',
  'Acme Corp',
  '--role',
  'Data Engineer',
  '--region',
  'London',
  '--base',
  '95k-130k',
  '--stock',
  '40k-80k',
  '--bonus',
  '10',
  '--source',
  'recruiter call, 2026-11-20',
];

describe('negotiate new from flags', () => {
  test('writes <company>--<role>.md into the user folder, which lookup, evaluate and draft then answer from', async () => {
    const h = home();
    const r = await h.run([...ACME, '--json'], { spawn: true });
    expect(r.code, r.stderr).toBe(0);
    const path = join(h.guides, 'acme-corp--data-engineer.md');
    expect(JSON.parse(r.stdout)).toEqual({
      path,
      company: 'acme-corp',
      role: 'data-engineer',
      action: 'created',
      regions: ['London'],
    });
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('last_updated: 2026-11-29\nnext_review_due: 2027-05-29\n');
    expect(text).toContain(
      '  - region: London\n    currency: GBP\n    base_low: 95000\n    base_high: 130000\n    stock_low: 40000\n    stock_high: 80000\n    stock_years: 4\n    bonus_pct: 10\n',
    );
    expect(text).toContain('| London | £95K–£130K | £40K–£80K | 10% |');
    expect(text).toContain('<!-- Levers:');
    expect(text).toContain('<!-- Strategy:');

    const lookup = await h.run(['lookup', 'acme', 'data', '--json']);
    expect(lookup.code, lookup.stderr).toBe(0);
    expect(JSON.parse(lookup.stdout)).toMatchObject({
      company: { slug: 'acme-corp', name: 'Acme Corp' },
      sources: ['recruiter call, 2026-11-20'],
      file: path,
    });
    expect((await h.run(['lookup', 'acme', 'data'])).stdout).toContain(`file: ${path}`);
    expect(
      (
        await h.run([
          'evaluate',
          'acme',
          'data',
          '--region',
          'London',
          '--base',
          '110k',
          '--stock',
          '60k',
          '--bonus',
          '10',
          '--json',
        ])
      ).code,
    ).toBe(0);
    const draft = await h.run([
      'draft',
      'acme',
      'data',
      '--region',
      'London',
      '--base',
      '110k',
      '--stock',
      '60k',
      '--bonus',
      '10',
      '--ask-base',
      '125k',
      '--json',
    ]);
    expect(draft.code, draft.stderr).toBe(0);
  });

  test('a guide from flags alone passes validate --strict but for no-levers', async () => {
    const h = home();
    expect(
      (
        await h.run([
          ...ACME,
          '--region',
          'Toronto',
          '--base',
          '120k-150k',
          '--stock',
          '50k-90k',
          '--bonus',
          '10',
          '--target-base',
          '125k',
          '--floor-base',
          '110k',
          '-q',
        ])
      ).code,
    ).toBe(0);
    const v = await h.run(['validate', '--strict', '--json', h.guides]);
    const warnings = JSON.parse(v.stdout).files.flatMap(
      (f: { warnings: { code: string; message: string }[] }) => f.warnings,
    );
    expect(warnings.map((w: { code: string }) => w.code)).toEqual(['no-levers']);
  });

  test('levers and a strategy given: the body quotes them and the front matter has the strategy block; validate --strict passes', async () => {
    const h = home();
    const r = await h.run([
      ...ACME,
      '--lever',
      'Scale: I run pipelines that move 40 TB a day',
      '--target-base',
      '125k',
      '--target-stock',
      '70k',
      '--target-bonus',
      '15',
      '--floor-base',
      '110k',
      '--floor-stock',
      '50k',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(h.guides, 'acme-corp--data-engineer.md'), 'utf8');
    expect(text).toContain(
      'strategy:\n  currency: GBP\n  target: { base: 125000, stock: 70000, bonus_pct: 15 }\n  floor: { base: 110000, stock: 50000 }',
    );
    expect(text).toContain('**Global Levers**\n\n1. **Scale:** "I run pipelines that move 40 TB a day"');
    expect(text).toContain(
      '> **Negotiate Up Strategy:** "I\'m targeting £125,000 base, £70,000 RSUs over 4 years and 15% performance bonus." Accept at £110,000+ base and £50,000+ RSUs.',
    );
    expect(text).not.toContain('<!-- Levers:');
    const levers = await h.run(['levers', 'acme', 'data', '--json']);
    expect(JSON.parse(levers.stdout).levers).toEqual([
      { number: 1, title: 'Scale', script: 'I run pipelines that move 40 TB a day' },
    ]);
    const v = await h.run(['validate', '--strict', '--json', h.guides]);
    expect(JSON.parse(v.stdout)).toMatchObject({ errorCount: 0, warningCount: 0 });
    expect(v.code).toBe(0);
  });

  test('missing inputs off a terminal: exit 2 listing them, nothing written; --no-input likewise', async () => {
    const h = home();
    const r = await h.run(['new', '--company', 'Acme']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing input: --role, --region, --base, --source');
    const noCurrency = await h.run([
      'new',
      '--company',
      'Acme',
      '--role',
      'SWE',
      '--region',
      'Gotham',
      '--base',
      '90k-100k',
      '--source',
      'x',
      '--no-input',
    ]);
    expect(noCurrency.code).toBe(2);
    expect(noCurrency.stderr).toContain('--currency (no usual currency known for "Gotham")');
    expect(existsSync(h.guides)).toBe(false);
  });

  test.each([
    [['--base', '130k-95k'], '--base: "130k-95k": the low end is above the high end'],
    [['--base', 'lots'], '--base: "lots" is not an amount'],
    [['--base', '95k-130k', '--bonus', '150'], '--bonus: "150" is out of range (0 to 100)'],
    [['--base', '95k-130k', '--currency', 'XYZ'], '--currency: "XYZ" is not an ISO 4217 currency code'],
    [
      ['--base', '95k-130k', '--target-base', '100k', '--floor-base', '120k'],
      '--floor-base £120,000 is above --target-base £100,000',
    ],
    [
      ['--base', '95k-130k', '--stock', '40k-80k', '--stock-years', '12'],
      '--stock-years: "12" is out of range (1 to 10)',
    ],
  ])('bad value %j: exit 2 naming the flag, nothing written', async (extra, message) => {
    const h = home();
    const r = await h.run([
      'new',
      '--company',
      'Acme',
      '--role',
      'SWE',
      '--region',
      'London',
      '--source',
      'x',
      ...extra,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/at .*\.c?js/);
    expect(existsSync(h.guides)).toBe(false);
  });

  test('--dir writes elsewhere; several regions in one run', async () => {
    const h = home();
    const out = join(h.dir, 'mine');
    const r = await h.run([
      'new',
      '--company',
      'Acme',
      '--role',
      'SWE',
      '--region',
      'Berlin',
      '--base',
      '80k-100k',
      '--region',
      'Toronto',
      '--base',
      'CA$120k-150k',
      '--source',
      'x',
      '--dir',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).regions).toEqual(['Berlin', 'Toronto']);
    const text = readFileSync(join(out, 'acme--swe.md'), 'utf8');
    expect(text).toContain('currency: EUR');
    expect(text).toContain('currency: CAD');
    expect(text).toContain('| Toronto | CAD 120K–CAD 150K | — | — |');
    expect(existsSync(h.guides)).toBe(false);
  });
});

describe('what may be written, and when', () => {
  // A guide written by hand: comments, an unusual field order, a CRLF-free body with notes of its own.
  const HAND = `---
# my notes on Acme
company: acme
role: swe
company_display: Acme   # the display name
role_display: Software Engineer
compensation:
  # from the recruiter
  - region: London
    base_low: 90000
    base_high: 120000
    currency: GBP
last_updated: 2026-01-01  # first call
next_review_due: 2026-07-01
data_sources:
  - recruiter
---
# Acme notes

| Region | Base | Bonus |
|---|---|---|
| London | £90K–£120K | — |

1. **Scale:** "I run the biggest pipeline."

Some notes of my own, kept as they are.
`;

  function withHandGuide() {
    const h = home();
    mkdirSync(h.guides, { recursive: true });
    writeFileSync(join(h.guides, 'acme--swe.md'), HAND);
    return h;
  }

  test('a region the guide lacks is added in place, without --force: band, table row, dates; every other byte kept', async () => {
    const h = withHandGuide();
    const r = await h.run(
      [
        'new',
        '--company',
        'acme',
        '--role',
        'swe',
        '--region',
        'Berlin',
        '--base',
        '70k-90k',
        '--bonus',
        '5',
        '--source',
        'recruiter',
        '--json',
      ],
      { today: '2026-12-01' },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'updated', regions: ['Berlin'] });
    const after = readFileSync(join(h.guides, 'acme--swe.md'), 'utf8');
    const expected = HAND.replace(
      '    currency: GBP\n',
      '    currency: GBP\n  - region: Berlin\n    currency: EUR\n    base_low: 70000\n    base_high: 90000\n    bonus_pct: 5\n',
    )
      .replace('last_updated: 2026-01-01  # first call', 'last_updated: 2026-12-01  # first call')
      .replace('next_review_due: 2026-07-01', 'next_review_due: 2027-06-01')
      .replace('| London | £90K–£120K | — |\n', '| London | £90K–£120K | — |\n| Berlin | €70K–€90K | 5% |\n');
    expect(after).toBe(expected);
    expect(readdirSync(h.guides)).toEqual(['acme--swe.md']);
  });

  test('--level-mapping on an existing guide is not written, and a note says so (never dropped in silence)', async () => {
    const h = withHandGuide();
    const before = readFileSync(join(h.guides, 'acme--swe.md'), 'utf8');
    const r = await h.run([
      'new',
      '--company',
      'acme',
      '--role',
      'swe',
      '--region',
      'Paris',
      '--base',
      '70k-90k',
      '--source',
      'recruiter',
      '--level-mapping',
      'Acme (L1-L3) = Google L3-L5',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/--level-mapping: not written: .*acme--swe\.md keeps its own level mapping/);
    const after = readFileSync(join(h.guides, 'acme--swe.md'), 'utf8');
    expect(after).not.toContain('Google L3-L5');
    expect(after).not.toBe(before);
  });

  test('the guide for this company + role under another file name in the folder is the one updated (no second file hides it)', async () => {
    const h = home();
    mkdirSync(join(h.guides, 'work'), { recursive: true });
    writeFileSync(join(h.guides, 'work', 'acme notes.md'), HAND);
    const r = await h.run([
      'new',
      '--company',
      'acme',
      '--role',
      'swe',
      '--region',
      'Berlin',
      '--base',
      '70k-90k',
      '--source',
      'recruiter',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ path: join(h.guides, 'work', 'acme notes.md'), action: 'updated' });
    expect(readdirSync(h.guides)).toEqual(['work']);
    expect(readFileSync(join(h.guides, 'work', 'acme notes.md'), 'utf8')).toContain('  - region: Berlin\n');
  });

  test('CRLF files stay CRLF', async () => {
    const h = home();
    mkdirSync(h.guides, { recursive: true });
    const crlf = HAND.replace(/\n/g, '\r\n');
    writeFileSync(join(h.guides, 'acme--swe.md'), crlf);
    expect(
      (
        await h.run([
          'new',
          '--company',
          'acme',
          '--role',
          'swe',
          '--region',
          'Paris',
          '--base',
          '60k-80k',
          '--source',
          'recruiter',
          '-q',
        ])
      ).code,
    ).toBe(0);
    const after = readFileSync(join(h.guides, 'acme--swe.md'), 'utf8');
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(after).toContain('  - region: Paris\r\n    currency: EUR\r\n');
  });

  test('replacing a band: refused without --force (exit 2, nothing written); with it, the old file is kept as .bak, then .1.bak', async () => {
    const h = withHandGuide();
    const args = [
      'new',
      '--company',
      'acme',
      '--role',
      'swe',
      '--region',
      'london',
      '--base',
      '100k-130k',
      '--source',
      'offer',
    ];
    const refused = await h.run(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already has the band London; nothing was written');
    expect(readFileSync(join(h.guides, 'acme--swe.md'), 'utf8')).toBe(HAND);

    const first = await h.run([...args, '--force', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ action: 'replaced', regions: ['London'] });
    expect(readFileSync(join(h.guides, 'acme--swe.md.bak'), 'utf8')).toBe(HAND);
    const replaced = readFileSync(join(h.guides, 'acme--swe.md'), 'utf8');
    expect(replaced).toContain(
      '  # from the recruiter\n  - region: London\n    currency: GBP\n    base_low: 100000\n    base_high: 130000\n',
    );
    expect(replaced).toContain('| London | £100K–£130K | — |');
    expect(replaced).toContain('Some notes of my own, kept as they are.');

    expect(
      (await h.run([...args.slice(0, -4), '--base', '105k-135k', '--source', 'offer', '--force', '-q'])).code,
    ).toBe(0);
    expect(readFileSync(join(h.guides, 'acme--swe.md.1.bak'), 'utf8')).toBe(replaced);
    expect(readFileSync(join(h.guides, 'acme--swe.md.bak'), 'utf8')).toBe(HAND);
  });

  test('a strategy over an existing one needs --force', async () => {
    const h = home();
    expect((await h.run([...ACME, '--target-base', '120k', '-q'])).code).toBe(0);
    const r = await h.run([
      'new',
      '--company',
      'Acme Corp',
      '--role',
      'Data Engineer',
      '--region',
      'Paris',
      '--base',
      '60k-80k',
      '--source',
      'x',
      '--target-base',
      '125k',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already has the strategy');
  });

  test('a file of that name that is another guide (or not a guide) is replaced only with --force, kept as .bak', async () => {
    const h = home();
    mkdirSync(h.guides, { recursive: true });
    const other = guideText({ company: 'other-co', role: 'pm' });
    writeFileSync(join(h.guides, 'acme--swe.md'), other);
    const args = [
      'new',
      '--company',
      'acme',
      '--role',
      'swe',
      '--region',
      'London',
      '--base',
      '90k-100k',
      '--source',
      'x',
    ];
    const refused = await h.run(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('exists and is not the guide of acme + swe (it is other-co/pm)');
    const forced = await h.run([...args, '--force', '--json']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout).action).toBe('replaced');
    expect(readFileSync(join(h.guides, 'acme--swe.md.bak'), 'utf8')).toBe(other);
  });

  test('a company + role known only from the bundled guides starts as a copy of it; the bundled file never changes', async () => {
    const h = home();
    const bundledPath = join(ROOT, 'data', 'guides', 'cloudflare-workers--ml-ai-engineer.md');
    const bundled = readFileSync(bundledPath, 'utf8');
    const r = await h.run(
      [
        'new',
        '--company',
        'cloudflare-workers',
        '--role',
        'ml-ai-engineer',
        '--region',
        'Berlin',
        '--base',
        '90k-120k',
        '--source',
        'friend at Cloudflare',
        '--json',
      ],
      { today: '2026-12-01' },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('is a bundled guide: your guide starts as a copy of it');
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'created', regions: ['Berlin'] });
    expect(readFileSync(bundledPath, 'utf8')).toBe(bundled);
    const copy = readFileSync(join(h.guides, 'cloudflare-workers--ml-ai-engineer.md'), 'utf8');
    expect(copy).toContain('next_review_due: 2026-05-23');
    expect(copy).toContain('last_updated: 2026-12-01');
    const lookup = JSON.parse((await h.run(['lookup', 'cloudflare', 'ml', '--json'])).stdout);
    expect(lookup.bands.map((b: { region: string }) => b.region)).toEqual([
      'San Francisco',
      'Austin',
      'London',
      'Berlin',
    ]);
    expect(lookup.sources).toEqual(['Levels.fyi', 'friend at Cloudflare']);
    // The copy's own regions need --force like any user guide.
    const again = await h.run([
      'new',
      '--company',
      'cloudflare-workers',
      '--role',
      'ml-ai-engineer',
      '--region',
      'London',
      '--base',
      '140k-180k',
      '--source',
      'x',
    ]);
    expect(again.code).toBe(2);
  });
});

describe('--from-posting', () => {
  test('a posting with several locations becomes several bands; the source names the file and date', async () => {
    const h = home();
    const r = await h.run(['new', '--from-posting', join(FIXTURES, 'postings', 'hooli-multi-location.md'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      company: 'hooli',
      role: 'staff-machine-learning-engineer',
      action: 'created',
      regions: ['New York City', 'Seattle', 'Remote (US)'],
    });
    expect(r.stderr).toContain('base (Seattle): $195,000–$245,000 a year (USD)  ← "Seattle: $195,000—$245,000 USD"');
    const text = readFileSync(join(h.guides, 'hooli--staff-machine-learning-engineer.md'), 'utf8');
    expect(text).toContain('  - job posting (hooli-multi-location.md, 2026-11-29)');
  });

  test('stdin, with flags winning over what the posting states', async () => {
    const h = home();
    const posting = readFileSync(join(FIXTURES, 'postings', 'shopify-toronto.html'), 'utf8');
    const r = await h.run(
      ['new', '--from-posting', '-', '--role', 'Senior Developer', '--stock', '40k-60k', '--json'],
      {
        input: posting,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      company: 'northwind',
      role: 'senior-developer',
      regions: ['Toronto'],
    });
    expect(r.stderr).toContain('note: a bare "$" is read as CAD');
    const text = readFileSync(join(h.guides, 'northwind--senior-developer.md'), 'utf8');
    expect(text).toContain(
      '    currency: CAD\n    base_low: 120000\n    base_high: 150000\n    stock_low: 40000\n    stock_high: 60000\n',
    );
    expect(text).toContain('job posting (stdin, 2026-11-29)');
  });

  test('no pay range: exit 1, nothing written', async () => {
    const h = home();
    const r = await h.run(['new', '--from-posting', join(FIXTURES, 'postings', 'wayne-no-range.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no pay range found, so nothing was written');
    expect(existsSync(h.guides)).toBe(false);
  });

  test('a missing or oversized posting: exit 2 before reading past the cap', async () => {
    const h = home();
    expect((await h.run(['new', '--from-posting', join(h.dir, 'nope.txt')])).stderr).toContain('it does not exist');
    const big = join(h.dir, 'big.txt');
    writeFileSync(big, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41));
    const r = await h.run(['new', '--from-posting', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is too large');
  });
});

describe("the user's folder as a source", () => {
  test('loaded after the bundled guides, before NEGOTIATE_DATA and --data; list --json and show say which folder and file', async () => {
    const h = home();
    mkdirSync(h.guides, { recursive: true });
    writeFileSync(join(h.guides, 'mine.md'), guideText({ company: 'cloudflare-workers', role: 'ml-ai-engineer' }));
    const list = JSON.parse((await h.run(['list', '--json'])).stdout);
    expect(list.guides).toEqual([
      expect.objectContaining({
        company: { slug: 'cloudflare-workers', name: 'Acme Corp' },
        origin: 'user',
        folder: h.guides,
        file: 'mine.md',
      }),
    ]);
    const show = await h.run(['show', 'cloudflare', 'data']);
    expect(show.stdout).toContain(`file: mine.md in ${h.guides} (your guides)`);
    const extra = join(h.dir, 'extra');
    mkdirSync(extra);
    writeFileSync(
      join(extra, 'later.md'),
      guideText({ company: 'cloudflare-workers', role: 'data-engineer', extra: 'company_display: Later\n' }).replace(
        'company_display: Acme Corp\n',
        '',
      ),
    );
    const withData = JSON.parse((await h.run(['list', '--json', '--data', extra])).stdout);
    expect(withData.guides.find((g: { role: { slug: string } }) => g.role.slug === 'data-engineer')).toMatchObject({
      origin: '--data',
      folder: extra,
      file: 'later.md',
    });
    const bundled = JSON.parse(spawnCli(['list', '--json']).stdout).guides[0];
    expect(bundled).toMatchObject({
      origin: 'bundled',
      folder: join(ROOT, 'data', 'guides'),
      file: 'cloudflare-workers--ml-ai-engineer.md',
    });
  });

  test('lookup of a bundled guide names no file in its footer', async () => {
    const r = spawnCli(['lookup', 'cloudflare', 'ml', '--json']);
    expect(JSON.parse(r.stdout).file).toBeNull();
    expect(spawnCli(['lookup', 'cloudflare', 'ml']).stdout).not.toContain('file:');
  });
});
