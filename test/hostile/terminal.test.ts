// Terminal safety: escape sequences and control characters from guide files (and offer files, and file
// names) are neutralised in the human output of every command; in JSON they are ordinary escaped strings.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { guideText, runCli, tempTree } from '../helpers.js';
import { evilGuide, RAW_PAYLOAD, unsafeAt } from './hostile-helpers.js';

// One folder: the evil guide, a broken guide whose file name and values carry the payload, an offer file.
const dir = tempTree({ 'evil.md': evilGuide() });
const badName = `bad${RAW_PAYLOAD.replace(/\//g, '')}.md`;
writeFileSync(
  join(dir, badName),
  guideText({ company: 'broken' })
    .replace('currency: CHF', `currency: "\\e]0;T\\a"`)
    .replace('base_low: 150000', 'base_low: 900000'),
);
const offer = (label: string) =>
  `company: evil\nrole: eng\nregion: Plain City\nbase: 150000\nstock: 200000\nlabel: "${label}"\n`;
writeFileSync(join(dir, 'a.yaml'), offer('Offer A'));
writeFileSync(join(dir, 'b.yaml'), offer('Offer B'));
// Offer files are refused when a text value carries control characters (exit 2): the error path is swept too.
writeFileSync(join(dir, 'evil.yaml'), offer('\\e]0;TITLE\\aA \\x9b31m'));
const D = ['--no-bundled', '--data', dir];

// Every command that exists, in the shapes that print guide text.
const COMMANDS: string[][] = [
  ['list'],
  ['list', 'companies'],
  ['list', 'roles'],
  ['list', 'regions'],
  ['lookup', 'evil', 'eng'],
  ['lookup', 'evil', 'eng', '--currency', 'EUR'],
  ['show', 'evil', 'eng'],
  ['levers', 'evil', 'eng'],
  ['levels', 'evil', 'eng'],
  ['levels', 'evil', 'eng', '--from', 'Google L5'],
  ['search', 'lever'],
  ['search', 'RED'],
  ['validate', dir],
  ['validate', '--strict', dir],
  ['evaluate', 'evil', 'eng', '--region', 'Plain City', '--base', '150k', '--stock', '200k'],
  ['evaluate', '--offer', join(dir, 'a.yaml')],
  ['evaluate', '--offer', join(dir, 'evil.yaml')],
  ['compare', join(dir, 'evil.yaml'), join(dir, 'b.yaml')],
  ['draft', 'evil', 'eng', '--region', 'Plain City'],
  ['draft', 'evil', 'eng', '--region', 'Plain City', '--format', 'email', '--competing', 'Foo\u001b[31m=200k'],
  ['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml')],
  ['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--format', 'csv'],
  ['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--format', 'tsv'],
  ['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--format', 'markdown'],
  ['draft', 'evil', 'eng', '--region', 'Plain City', '--format', 'markdown'],
  ['completion', 'bash'],
  ['broken', 'eng'].length ? ['lookup', 'broken', 'data-engineer'] : [],
  ['lookup', `x${RAW_PAYLOAD}`, 'eng'],
  ['lookup', 'evil', 'eng', '--region', RAW_PAYLOAD],
  [`--bogus${RAW_PAYLOAD}`],
  ['__complete', 'lookup', 'evil', 'eng', '--region', ''],
];

describe('human output of every command is safe for a terminal', () => {
  test.each(COMMANDS.map((argv) => [JSON.stringify(argv.join(' ')).slice(0, 70), argv]))('%s', async (_name, argv) => {
    for (const color of ['never', 'always']) {
      const r = await runCli([...D, '--color', color, ...(argv as string[])]);
      expect([0, 1, 2, 3], r.stderr).toContain(r.code);
      // Our own colours are SGR sequences; nothing else may carry an ESC or a control character.
      const strip = (s: string) => (color === 'always' ? s.replace(/\u001b\[[0-9;]*m/g, '') : s);
      expect(unsafeAt(strip(r.stdout)), `stdout, --color ${color}`).toBeNull();
      expect(unsafeAt(strip(r.stderr)), `stderr, --color ${color}`).toBeNull();
    }
  });

  test('the commands that read the evil guide succeed and print its text, cleaned', async () => {
    const show = await runCli([...D, 'show', 'evil', 'eng']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('RED');
    expect(show.stdout).toContain('Equity lever RED');
    expect(show.stdout).not.toContain('TITLE'); // an OSC string is removed with its payload
    for (const argv of [
      ['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--format', 'csv'],
      ['evaluate', '--offer', join(dir, 'a.yaml')],
      ['lookup', 'evil', 'eng'],
      ['levers', 'evil', 'eng'],
      ['evaluate', 'evil', 'eng', '--region', 'plain', '--base', '150k'],
      ['draft', 'evil', 'eng', '--region', 'plain'],
    ]) {
      const r = await runCli([...D, ...argv]);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(50);
    }
  });
});

describe('JSON output: control characters are ordinary escaped strings', () => {
  const JSON_COMMANDS = COMMANDS.filter(
    (a) =>
      a.length &&
      !a[0].startsWith('--bogus') &&
      a[0] !== '__complete' &&
      a[0] !== 'completion' &&
      !a.includes('--format'),
  );
  test.each(JSON_COMMANDS.map((argv) => [JSON.stringify(argv.join(' ')).slice(0, 70), argv]))(
    '%s --json',
    async (_name, argv) => {
      const r = await runCli([...D, '--json', ...(argv as string[])]);
      expect(unsafeAt(r.stdout), 'raw JSON text').toBeNull();
      expect(unsafeAt(r.stderr)).toBeNull();
      if (r.stdout) JSON.parse(r.stdout);
    },
  );

  test('the payload survives, byte for byte, as a JSON string', async () => {
    const r = await runCli([...D, '--json', 'lookup', 'evil', 'eng']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\\u009b31mCSI');
    expect(r.stdout).toContain('\\u202eRLO');
    const doc = JSON.parse(r.stdout);
    expect(doc.company.name).toBe(`${RAW_PAYLOAD}\u0000NUL`);
  });
});

describe('interactive prompts', () => {
  test('the choices a prompt shows (company, role, region names from guides) are cleaned', async () => {
    const { displayChoices } = await import('../../src/prompts/index.js');
    const shown = displayChoices([
      { value: 'x', name: `London ${RAW_PAYLOAD}`, description: RAW_PAYLOAD },
      { value: 'y', name: 'Plain' },
    ]);
    expect(shown.map((c) => c.value)).toEqual(['x', 'y']);
    for (const c of shown) {
      expect(unsafeAt(c.name)).toBeNull();
      if (c.description !== undefined) expect(unsafeAt(c.description)).toBeNull();
    }
    expect(shown[0].name).toMatch(/^London RED/);
    expect(shown[1]).toEqual({ value: 'y', name: 'Plain' });
  });
});
