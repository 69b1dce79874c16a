// Hostile arguments: path-like names never read files, odd values never crash, flags behave as documented.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { guideText, runCli, tempTree } from '../helpers.js';

// data/ holds the good guide; outside/ (next to it) holds one that must never be read.
const root = tempTree({
  'data/acme.md': guideText(),
  'outside/secret.md': guideText({ company: 'secret-co', role: 'spy' }),
});
const data = join(root, 'data');
const D = ['--no-bundled', '--data', data];
mkdirSync(join(data, 'sub'));
writeFileSync(join(data, 'sub', 'nested.md'), guideText({ company: 'nested-co' }).replace('Acme Corp', 'Nested Co'));

describe('path-like names are names, never paths', () => {
  test.each([
    ['lookup', '../outside/secret.md', 'spy'],
    ['lookup', join(root, 'outside', 'secret.md'), 'spy'],
    ['show', '../../outside/secret', 'spy'],
    ['levers', '/etc/passwd', 'x'],
    ['levels', '..%2Foutside%2Fsecret', 'spy'],
    ['draft', '../outside/secret-co', 'spy'],
    ['evaluate', '../outside/secret-co', 'spy', '--base', '100k'],
    ['show', 'sub/nested', 'data'],
  ])('%s %s %s', async (...argv) => {
    const r = await runCli([...D, ...argv]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    // The message quotes the name asked; no suggestion, list or content comes from the file outside.
    expect(r.stderr).not.toMatch(/did you mean[^\n]*secret|known:[^\n]*secret|root:|spy|internal error/);
  });

  test('search for a path finds nothing and reads nothing outside', async () => {
    const r = await runCli([...D, 'search', '../outside/secret.md']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('secret-co');
  });

  test('the guide outside the data folder is not in the index', async () => {
    const r = await runCli([...D, '--json', 'list']);
    expect(
      JSON.parse(r.stdout)
        .guides.map((g: { company: { slug: string } }) => g.company.slug)
        .sort(),
    ).toEqual(['acme-corp', 'nested-co']);
  });
});

describe('empty, very long and non-ASCII values', () => {
  const long = 'a'.repeat(100_000);
  const label = (argv: readonly string[]) =>
    argv.map((a) => (a.length > 24 ? `${JSON.stringify(a.slice(0, 12))}…(${a.length})` : JSON.stringify(a))).join(' ');
  const CASES: [readonly string[], number][] = [
    [['lookup', '', ''], 1],
    [['lookup', 'acme', ''], 1],
    [['lookup', 'acme', 'data', '--region', ''], 1],
    [['lookup', 'acme', 'data', '--currency', ''], 2],
    // Names and search text over 200 characters are a usage error, before any matching.
    [['lookup', long, long], 2],
    [['lookup', 'acme', 'data', '--region', long], 2],
    [['lookup', 'acme', 'data', '--currency', long], 2],
    [['evaluate', 'acme', 'data', '--base', long], 2],
    [['evaluate', 'acme', 'data', '--base', `1${' '.repeat(100_000)}x`], 2],
    [['evaluate', 'acme', 'data', '--base', '-'.repeat(100_000)], 2],
    [['evaluate', 'acme', 'data', '--base', '150k', '--stock', 'NaN'], 2],
    [['evaluate', 'acme', 'data', '--base', 'Infinity'], 2],
    [['evaluate', 'acme', 'data', '--base', '1e308'], 2],
    [['evaluate', 'acme', 'data', '--base', '-150000'], 2],
    [['search', long], 2],
    [['search', ''], 2],
    [['lookup', 'クラウド', 'エンジニア'], 1],
    [['lookup', 'acme', 'data', '--region', 'Zürich'], 0],
    [['lookup', 'acme', 'data', '--region', 'ZURICH'], 0],
    [['lookup', 'ACME CORP', 'Data Engineer'], 0],
    [['lookup', '🙂', '🙂'], 1],
    [['lookup', 'acme\u0000', 'data'], 0],
    [['list', long], 2],
    [['--data', '', 'list'], 3],
  ];
  test.each(CASES.map(([argv, code]) => [label(argv), code, argv] as const))(
    '%s → exit %i',
    async (_name, code, argv) => {
      const r = await runCli([...D, ...argv]);
      expect(r.code, r.stderr.slice(0, 300)).toBe(code);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      // An error quotes a value shortly, not 100,000 characters of it, when it is an amount.
      if (argv[0] === 'evaluate') expect(r.stderr.length).toBeLessThan(1000);
    },
  );
});

describe('unknown and repeated flags', () => {
  test.each([
    [['lookup', 'acme', 'data', '--bogus']],
    [['--bogus', 'list']],
    [['list', '--region', 'x']],
    [['lookup', 'acme', 'data', '--region']],
    [['lookup', 'acme', 'data', '--color', 'sometimes']],
    [['nonsense-command']],
    [['lookup', 'acme', 'data', 'extra', 'args']],
  ])('%j → exit 2, one clear line, no stack', async (argv) => {
    const r = await runCli([...D, ...argv]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^negotiate: error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a repeated single-value flag: the last one wins (as in most CLIs)', async () => {
    const dir = tempTree({
      'two.md': guideText({
        bands:
          '  - region: Austin\n    currency: USD\n    base_low: 1\n    base_high: 2\n  - region: London\n    currency: GBP\n    base_low: 3\n    base_high: 4',
      }),
    });
    const r = await runCli([
      '--no-bundled',
      '--data',
      dir,
      '--json',
      'lookup',
      'acme',
      'data',
      '--region',
      'Austin',
      '--region',
      'London',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).bands.map((b: { region: string }) => b.region)).toEqual(['London']);
  });

  test('repeatable flags add up; --json twice is --json', async () => {
    const other = tempTree({ 'x.md': guideText({ company: 'other-co' }) });
    const r = await runCli([...D, '--data', other, '--json', '--json', 'list', 'companies']);
    expect(r.code).toBe(0);
    expect(
      JSON.parse(r.stdout)
        .companies.map((c: { slug: string }) => c.slug)
        .sort(),
    ).toEqual(['acme-corp', 'nested-co', 'other-co']);
  });
});
