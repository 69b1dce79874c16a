// negotiate extract on the committed letters (test/fixtures/letters/README.md): the offer each states,
// field by field; the figures only a letter has; exit codes; --save read back by evaluate.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, ROOT, runCli, spawnCli } from './helpers.js';

const LETTERS = join(FIXTURES, 'letters');
const letter = (name: string) => join(LETTERS, name);

interface Expected {
  code: number;
  offer: Record<string, unknown>;
  /** Figures an offer file has no key for (field → value). */
  extra?: Record<string, unknown>;
  ambiguous?: Record<string, unknown[]>;
}

const EXPECTED: Record<string, Expected> = {
  'us-startup.txt': {
    code: 0,
    offer: {
      label: 'Northwind Labs Senior Software Engineer',
      currency: 'USD',
      base: 185000,
      stock: 240000,
      vesting: '25,25,25,25',
      cliff: 12,
      bonus_pct: 15,
      sign_on: 25000,
    },
    extra: {
      relocation: 10000,
      clawback: 'repayable if you leave within 12 months',
      title: 'Senior Software Engineer',
      location: 'San Francisco',
      start_date: '2027-01-11',
    },
  },
  'us-hourly.md': {
    code: 0,
    offer: { label: 'Harbor Analytics Data Analyst II', currency: 'USD', base: 99840, bonus_pct: 5 },
    extra: { title: 'Data Analyst II', location: 'Austin, Texas', start_date: '2026-11-02' },
  },
  'us-rsu-shares.eml': {
    code: 0,
    offer: {
      label: 'Quarry Technologies Staff Machine Learning Engineer',
      currency: 'USD',
      base: 212000,
      stock: 240000,
      vesting: '25,25,25,25',
      cliff: 12,
      bonus_pct: 10,
      sign_on: [30000, 20000],
    },
    extra: {
      shares: 8000,
      title: 'Staff Machine Learning Engineer',
      location: 'Seattle, WA',
      start_date: '2027-02-01',
    },
  },
  'us-options.html': {
    code: 0,
    offer: { label: 'Lumen Bio Principal Scientist', currency: 'USD', base: 172500, vesting: '25,25,25,25', cliff: 12 },
    extra: { shares: 20000, title: 'Principal Scientist', location: 'Boston, MA', start_date: '2027-03-01' },
  },
  'us-front-vesting.docx': {
    code: 0,
    offer: {
      label: 'Redwood Rocket Senior Avionics Engineer',
      currency: 'USD',
      base: 198000,
      stock: 300000,
      vesting: '40,30,20,10',
      cliff: 0,
      bonus_pct: 12,
      sign_on: 40000,
    },
    extra: { title: 'Senior Avionics Engineer', location: 'Los Angeles, California', start_date: '2027-06-01' },
  },
  'uk-london-cloudflare.txt': {
    code: 0,
    offer: {
      label: 'Cloudflare ML/AI Engineer',
      company: 'cloudflare-workers',
      role: 'ml-ai-engineer',
      region: 'London',
      currency: 'GBP',
      base: 150000,
      stock: 200000,
      vesting: '25,25,25,25',
      bonus_pct: 10,
      sign_on: 20000,
    },
    extra: {
      title: 'ML/AI Engineer',
      location: 'London',
      start_date: '2027-01-04',
      clawback: 'repayable if you leave within 12 months',
    },
  },
  'uk-monthly.pdf': {
    code: 0,
    offer: { label: 'Brightwater Energy Senior Product Designer', currency: 'GBP', base: 87000, bonus_pct: 8 },
    extra: { relocation: 3000, title: 'Senior Product Designer', location: 'Manchester', start_date: '2027-02-01' },
  },
  'ca-toronto.docx': {
    code: 0,
    offer: {
      label: 'Maple Ledger Senior Backend Developer',
      currency: 'CAD',
      base: 165000,
      stock: 120000,
      vesting: '33.33,33.33,33.34',
      bonus_pct: 10,
      sign_on: 15000,
    },
    extra: { title: 'Senior Backend Developer', location: 'Toronto, Ontario', start_date: '2027-02-15' },
  },
  'ca-montreal.eml': {
    code: 0,
    offer: { label: 'Northern Pixel Studios Game Designer', currency: 'CAD', base: 98000, bonus_pct: 7 },
    extra: { relocation: 5000, title: 'Game Designer', location: 'Montreal, Quebec', start_date: '2027-04-12' },
  },
  'de-berlin.pdf': {
    code: 0,
    offer: {
      label: 'Spreewerk Mobility Backend Engineer',
      currency: 'EUR',
      base: 84500,
      vesting: '25,25,25,25',
      cliff: 12,
    },
    extra: { shares: 4000, title: 'Backend Engineer', location: 'Berlin', start_date: '2027-03-01' },
  },
  'de-muenchen.docx': {
    code: 0,
    offer: {
      label: 'Alpenbyte Software Senior Data Engineer',
      currency: 'EUR',
      base: 92000,
      bonus_pct: 12,
      sign_on: 6000,
    },
    extra: {
      title: 'Senior Data Engineer',
      location: 'München',
      start_date: '2027-04-01',
      clawback: 'repayable if you leave within 12 months (pro rata)',
    },
  },
  'in-bengaluru.pdf': {
    code: 0,
    offer: {
      label: 'Tarang Cloud Senior Software Engineer',
      currency: 'INR',
      base: 3800000,
      bonus_pct: 10,
      sign_on: 300000,
    },
    extra: {
      title: 'Senior Software Engineer',
      location: 'Bengaluru, Karnataka',
      start_date: '2027-01-05',
      clawback: 'repayable if you leave within 12 months',
    },
  },
  'in-hyderabad-lpa.txt': {
    code: 0,
    offer: {
      label: 'Kaveri Analytics Data Scientist',
      currency: 'INR',
      base: 2400000,
      vesting: '25,25,25,25',
      bonus_pct: 15,
    },
    extra: { shares: 1200, title: 'Data Scientist', location: 'Hyderabad', start_date: '2027-02-15' },
  },
  'kr-unplaced.txt': {
    code: 0,
    offer: { label: 'Fjordlight Frontend Developer', base: 624000, sign_on: 20000 },
    extra: { title: 'Frontend Developer', start_date: '2027-03-01' },
    ambiguous: { currency: ['SEK', 'NOK', 'DKK', 'ISK'] },
  },
  'ambiguous-salaries.txt': {
    code: 1,
    offer: { label: 'Platform Engineer', currency: 'USD', bonus_pct: 10 },
    extra: { title: 'Platform Engineer' },
    ambiguous: { base: [140000, 152000] },
  },
  'no-salary.txt': { code: 1, offer: { label: 'Controls Engineer' }, extra: { title: 'Controls Engineer' } },
};

const OFFER_ONLY_FIGURES = ['relocation', 'clawback', 'title', 'location', 'start_date', 'shares'];

describe('extract: every committed letter, field by field', { timeout: 60_000 }, () => {
  test('the fixtures are the ones listed (at least 15: text, PDF and Word among them)', () => {
    const files = readdirSync(LETTERS).filter((f) => /\.(txt|md|eml|html|pdf|docx)$/.test(f) && f !== 'README.md');
    expect(files.sort()).toEqual(Object.keys(EXPECTED).concat('uk-london-cloudflare.pdf').sort());
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const ext of ['.txt', '.pdf', '.docx', '.eml', '.html', '.md'])
      expect(files.some((f) => f.endsWith(ext))).toBe(true);
  });

  test.each(Object.entries(EXPECTED))('%s', async (name, want) => {
    const r = await runCli(['extract', letter(name), '--json']);
    expect(r.code, r.stderr).toBe(want.code);
    const doc = JSON.parse(r.stdout);
    expect(doc.offer).toEqual(want.offer);
    const extra = Object.fromEntries(
      doc.figures
        .filter((f: { field: string }) => OFFER_ONLY_FIGURES.includes(f.field))
        .map((f: { field: string; value: unknown }) => [f.field, f.value]),
    );
    expect(extra).toEqual(want.extra ?? {});
    const ambiguous = Object.fromEntries(
      doc.ambiguous.map((a: { field: string; candidates: { value: unknown }[] }) => [
        a.field,
        a.candidates.map((c) => c.value),
      ]),
    );
    expect(ambiguous).toEqual(want.ambiguous ?? {});
    // Every offer key has its figure, with the sentence and the line it came from.
    const lines =
      name.endsWith('.pdf') || name.endsWith('.docx') || name.endsWith('.eml') || name.endsWith('.html')
        ? null
        : readFileSync(letter(name), 'utf8').split('\n');
    for (const f of doc.figures) {
      expect(f.line).toBeGreaterThan(0);
      expect(f.text.length).toBeGreaterThan(0);
      if (lines && typeof f.value === 'number' && ['base', 'stock', 'sign_on', 'relocation'].includes(f.field)) {
        // The line named holds the start of the quoted sentence or the figure itself.
        expect(lines[f.line - 1].length).toBeGreaterThan(0);
      }
    }
  });

  test('the PDF of a letter gives the same offer as its text', async () => {
    const fromText = JSON.parse((await runCli(['extract', letter('uk-london-cloudflare.txt'), '--json'])).stdout);
    const fromPdf = JSON.parse((await runCli(['extract', letter('uk-london-cloudflare.pdf'), '--json'])).stdout);
    expect(fromPdf.offer).toEqual(fromText.offer);
  });

  test('figures name the line they came from (text letters: the file line)', async () => {
    const doc = JSON.parse((await runCli(['extract', letter('us-startup.txt'), '--json'])).stdout);
    const at = (field: string) => doc.figures.find((f: { field: string }) => f.field === field);
    expect(at('base')).toMatchObject({
      value: 185000,
      currency: 'USD',
      line: 14,
      text: expect.stringContaining('Your annual base salary will be $185,000'),
    });
    expect(at('sign_on').line).toBe(24);
    expect(at('start_date')).toMatchObject({ value: '2027-01-11', line: 11 });
    expect(doc.missing).toEqual([]);
  });

  test('the basis of a converted base is said', async () => {
    const hourly = JSON.parse((await runCli(['extract', letter('us-hourly.md'), '--json'])).stdout);
    expect(hourly.figures.find((f: { field: string }) => f.field === 'base').note).toMatch(
      /hourly \$48\.00 × 40 hours × 52 weeks/,
    );
    const monthly = JSON.parse((await runCli(['extract', letter('uk-monthly.pdf'), '--json'])).stdout);
    expect(monthly.figures.find((f: { field: string }) => f.field === 'base').note).toMatch(
      /monthly £7,250 × 12 \(the letter states no number of salaries; 12 assumed\)/,
    );
    const thirteen = JSON.parse((await runCli(['extract', letter('de-berlin.pdf'), '--json'])).stdout);
    expect(thirteen.figures.find((f: { field: string }) => f.field === 'base').note).toMatch(
      /× 13 \(the letter: "13 monthly salaries"\)/,
    );
  });

  test('a bare $ is placed and said so: Toronto is CAD; with the bundled guide matched, names its slugs', async () => {
    const r = await runCli(['extract', letter('ca-toronto.docx'), '--json']);
    expect(JSON.parse(r.stdout).notes).toContain(
      'a bare "$" is read as CAD: the letter\'s location is Toronto, Ontario',
    );
    expect(r.stderr).toContain('read as CAD');
    const cf = await runCli(['extract', letter('uk-london-cloudflare.txt')]);
    expect(cf.stderr).toContain('the letter\'s company "Cloudflare Ltd" matched cloudflare-workers (as a prefix)');
  });

  test('human output: each figure with its line and quote, what is missing, the ambiguous candidates', async () => {
    const ok = await runCli(['extract', letter('uk-monthly.pdf')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('base');
    expect(ok.stdout).toContain('£87,000');
    expect(ok.stdout).toMatch(/"Your basic salary will be £7,250 per month/);
    expect(ok.stdout).toMatch(/Not in the letter: stock, vesting, cliff, sign_on/);
    const amb = await runCli(['extract', letter('ambiguous-salaries.txt')]);
    expect(amb.code).toBe(1);
    expect(amb.stdout).toMatch(/Ambiguous base: 2 different base salaries \(settle it with --base\)/);
    expect(amb.stdout).toContain('140,000');
    expect(amb.stdout).toContain('152,000');
    expect(amb.stderr).toMatch(/2 different base salaries, none settled/);
  });
});

describe('extract: arguments and unreadable files', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'negotiate-letters-'));
  test.each([
    [['extract', join(dir, 'nope.pdf')], 2, /it does not exist/],
    [['extract', `${dir}/`], 2, /unsupported letter type|folder/],
    [['extract', letter('us-startup.txt').replace('.txt', '.doc')], 2, /old Word \.doc files are not read/],
    [['extract', join(dir, 'letter.rtf')], 2, /unsupported letter type "\.rtf"/],
    [['extract', letter('us-startup.txt'), '--force'], 2, /--force only goes with --save/],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a folder named like a letter, and a file over 20 MiB (refused before it is read), exit 2', async () => {
    mkdirSync(join(dir, 'folder.pdf'));
    expect((await runCli(['extract', join(dir, 'folder.pdf')])).stderr).toMatch(/it is a folder/);
    const big = join(dir, 'big.txt');
    writeFileSync(big, '');
    // A sparse file: 21 MiB long, nothing written; refused from its size.
    const { truncateSync } = await import('node:fs');
    truncateSync(big, 21 * 1024 * 1024);
    const r = await runCli(['extract', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/too large \(22020096 bytes; at most 20 MiB\)/);
  });

  test.each([
    ['broken.pdf', Buffer.from('%PDF-1.7\nthis is not really a pdf\n'), /cannot be read as a PDF/],
    ['notes.pdf', Buffer.from('just some text'), /cannot be read as a PDF/],
    ['broken.docx', Buffer.from('PK\u0003\u0004 not a zip at all'), /cannot be read as a Word document/],
    ['plain.docx', Buffer.from('Dear Sam, your salary is $100,000.'), /cannot be read as a Word document/],
  ])('%s: exit 3, naming the file', async (name, bytes, message) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const r = await runCli(['extract', path, '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(name);
    expect(r.stdout).toBe('');
  });
});

describe('extract from stdin: the type told by the content', { timeout: 60_000 }, () => {
  test.each(['uk-monthly.pdf', 'de-muenchen.docx', 'us-options.html', 'us-startup.txt'])('%s', (name) => {
    const r = spawnCli(['extract', '-', '--json'], { input: readFileSync(letter(name)) });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.letter.name).toBe('stdin');
    expect(doc.offer).toEqual(EXPECTED[name].offer);
  });

  test('an empty stdin is a usage error', () => {
    const r = spawnCli(['extract', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stdin: the letter is empty/);
  });
});

describe('extract --save: an offer file evaluate reads unchanged', { timeout: 60_000 }, () => {
  test('each value commented with its line and sentence; evaluate --json from it equals the same numbers as flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'negotiate-save-'));
    const file = join(dir, 'offer.yaml');
    const r = await runCli(['extract', letter('uk-london-cloudflare.txt'), '--save', file]);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(
      /# line 13: Your gross annual salary will be £150,000, paid monthly in arrears\.\nbase: 150000\n/,
    );
    expect(text).toMatch(
      /# line 15: .*which vest over four years in equal annual instalments\.\n# {3}\(evenly over 4 years .*\)\nvesting: 25,25,25,25\n/,
    );
    const fromFile = await runCli(['evaluate', '--offer', file, '--json']);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const typed = await runCli([
      'evaluate',
      'cloudflare-workers',
      'ml-ai-engineer',
      '--region',
      'London',
      '--label',
      'Cloudflare ML/AI Engineer',
      '--base',
      '£150,000',
      '--stock',
      '200000',
      '--vesting',
      '25,25,25,25',
      '--bonus',
      '10',
      '--sign-on',
      '20000',
      '--json',
    ]);
    expect(typed.code, typed.stderr).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(typed.stdout));
    // compare and draft read it too.
    expect((await runCli(['compare', file, join(FIXTURES, 'offers', 'cf-london.yaml'), '--json'])).code).toBe(0);
    expect((await runCli(['draft', '--offer', file, '--json'])).code).toBe(0);
  });

  test('draft --letter drafts from the letter as from its saved file; a letter without a base exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'negotiate-save-'));
    const file = join(dir, 'offer.yaml');
    expect((await runCli(['extract', letter('uk-london-cloudflare.txt'), '--save', file])).code).toBe(0);
    const fromLetter = await runCli(['draft', '--letter', letter('uk-london-cloudflare.txt'), '--json']);
    expect(fromLetter.code, fromLetter.stderr).toBe(0);
    const fromFile = JSON.parse((await runCli(['draft', '--offer', file, '--json'])).stdout);
    const d = JSON.parse(fromLetter.stdout);
    expect(d.current.annualTC).toBe(fromFile.current.annualTC);
    expect(d.message).toBe(fromFile.message);
    const none = await runCli(['draft', 'cloudflare', 'ml', '--region', 'London', '--letter', letter('no-salary.txt')]);
    expect(none.code).toBe(1);
  });

  test('never overwrites without --force; with it, replaces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'negotiate-save-'));
    const file = join(dir, 'offer.yaml');
    writeFileSync(file, 'mine\n');
    const refused = await runCli(['extract', letter('us-startup.txt'), '--save', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists; not overwriting it/);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    const forced = await runCli(['extract', letter('us-startup.txt'), '--save', file, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^base: 185000$/m);
    expect(readdirSync(dir)).toEqual(['offer.yaml']);
  });
});

describe('the build: PDF and Word libraries in bundles of their own', () => {
  const bundle = (name: string) => readFileSync(join(ROOT, 'dist', name), 'utf8');
  const HEAVY = /^\/\/ .*node_modules\/(pdfjs-dist|mammoth|jszip)\//m;
  test('start-up and the extract command hold neither; letters-pdf.cjs holds pdfjs-dist, letters-docx.cjs mammoth', () => {
    for (const name of ['cli.cjs', 'commands-extract.cjs', 'commands-evaluate.cjs', 'commands-draft.cjs'])
      expect(bundle(name)).not.toMatch(HEAVY);
    expect(bundle('letters-pdf.cjs')).toMatch(/^\/\/ .*node_modules\/pdfjs-dist\//m);
    expect(bundle('letters-docx.cjs')).toMatch(/^\/\/ .*node_modules\/mammoth\//m);
  });
});
