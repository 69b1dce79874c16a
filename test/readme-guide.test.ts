// The README's complete example guide passes validate --strict, and reads the strategy it documents.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function exampleGuide(): string {
  const m = /<!-- example-guide -->\n```markdown\n([\s\S]*?)\n```\n/.exec(README);
  if (!m) throw new Error('README: no example guide after <!-- example-guide -->');
  return `${m[1]}\n`;
}

test('the README example guide passes validate --strict', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'negotiate-readme-'));
  const file = join(dir, 'alpen-bank--software-engineer.md');
  writeFileSync(file, exampleGuide());
  const r = await runCli(['validate', '--strict', file, '--json'], { env: { HOME: dir, XDG_DATA_HOME: dir } });
  const report = JSON.parse(r.stdout);
  expect(report.files[0]).toMatchObject({ errors: [], warnings: [], notes: [] });
  expect(r.code).toBe(0);
  const e = await runCli(
    [
      'evaluate',
      'alpen-bank',
      'software-engineer',
      '--region',
      'Zürich',
      '--base',
      '160k',
      '--no-bundled',
      '--data',
      dir,
      '--json',
    ],
    { env: { HOME: dir, XDG_DATA_HOME: dir } },
  );
  const d = JSON.parse(e.stdout);
  expect(d.target).toMatchObject({ base: 175000, stock: 110000, bonusPct: 15, stockYears: 3, currency: 'CHF' });
  expect(d.floor).toMatchObject({ base: 155000, stock: 80000, currency: 'CHF' });
});

test('every front-matter field of the schema is documented in the README', async () => {
  const { GUIDE_FIELDS, BAND_FIELDS, STRATEGY_FIELDS } = await import('../src/guides/schema.js');
  const section = README.slice(README.indexOf('## Guide files'), README.indexOf('## Hostile input'));
  for (const field of [...Object.keys(GUIDE_FIELDS), ...Object.keys(BAND_FIELDS), ...Object.keys(STRATEGY_FIELDS)]) {
    expect(section, field).toContain(`\`${field}`);
  }
});
