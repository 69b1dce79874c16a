// Guides built to be slow: runs and nestings that made regexes and the Markdown lexer quadratic. Each
// used to take minutes (or overflow the stack); the binary now answers in about a second.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, test } from 'vitest';
import { lexBlocks, parseBody } from '../../src/guides/body.js';
import { parseGuide } from '../../src/guides/parse.js';
import { renderGuide, renderLevers } from '../../src/render/guide.js';
import { plainStyle } from '../../src/render/terminal.js';
import fc from 'fast-check';
import { BIN, guideText, spawnCli, tempTree, testEnv } from '../helpers.js';
import { unsafeAt } from './hostile-helpers.js';
import { loadParser, type GuideParser } from '../../src/guides/lazy-parser.js';

// These call parser-side code directly (the CLI loads the parser before any command that needs it).
let p: GuideParser;
beforeAll(async () => {
  p = await loadParser();
});

const repeat = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

/** Each piece of Markdown that was slow before, at about 75 KB. */
const SLOW_PIECES: Record<string, string> = {
  'a line of "*a*a…" (marked inline pass)': repeat('*a', 75_000),
  'a run of "["': repeat('[', 75_000),
  'a run of "[a]("': repeat('[a](', 75_000),
  'spaces without a newline': `x${' '.repeat(75_000)}x`,
  'digits without a percent sign': `> **Negotiate Up Strategy:** "${repeat('1', 75_000)}"`,
  'a table with long cells': `| Region | Base | Stock (RSU/4yr) |\n|---|---|---|\n| ${repeat('a', 25_000)} | ${repeat('$1 ', 25_000)} | ${repeat(' ', 25_000)}1 |`,
  'thousands of nested quotes': repeat('> ', 75_000),
  'thousands of nested ordered lists': repeat('1. ', 75_000),
  'a blockquote of lazy lines': repeat('x\n> x\n', 75_000),
  'a list nested by indentation': lines(270, (i) => `${'  '.repeat(i)}- x`),
  'quotes and lists nested 16 deep': lines(4000, (i) => `${'> - '.repeat(i % 16)}x`),
};

describe('bounded time on pathological guides (the built binary)', () => {
  test('a ~900 KB guide of every slow piece: show, levers, lookup, validate, search and draft answer', () => {
    const body = Object.entries(SLOW_PIECES)
      .map(([name, md]) => `## ${name}\n\n${md}\n\n`)
      .join('');
    const dir = tempTree({ 'slow.md': guideText({ body }) });
    expect(body.length).toBeGreaterThan(800_000);
    for (const argv of [
      ['show', 'acme', 'data'],
      ['levers', 'acme', 'data'],
      ['lookup', 'acme', 'data'],
      ['validate', dir],
      ['search', 'nested'],
      ['draft', 'acme', 'data'],
    ]) {
      // A hang guard, not a benchmark: this takes about a second; before the fixes, many minutes.
      const r = spawnSync(process.execPath, [BIN, '--no-bundled', '--data', dir, '-q', ...argv], {
        env: testEnv() as NodeJS.ProcessEnv,
        encoding: 'utf8',
        timeout: 60_000,
        input: '',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.signal, `${argv[0]} was killed: it hung`).toBeNull();
      expect(r.status, r.stderr).toBe(argv[0] === 'validate' ? r.status : 0);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  }, 240_000);

  test('a file over the 1 MiB limit is refused with a clear message, and the others still load', () => {
    const dir = tempTree({
      'big.md': guideText({ company: 'big', body: 'x'.repeat(2 * 1024 * 1024) }),
      'ok.md': guideText(),
    });
    const r = spawnCli(['--no-bundled', '--data', dir, 'lookup', 'acme', 'data']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/big\.md: the file is 2\.0 MiB, over the 1 MiB limit for a guide/);
  });

  test('nested quotes thousands deep: show prints them as they are, no stack overflow', () => {
    const body = `${repeat('> ', 20_000)}deep`;
    const g = parseGuide(guideText({ body }), 'deep.md');
    const text = renderGuide(p, g.meta!, g.body, plainStyle);
    expect(text).toContain('> > > > deep');
    expect(parseBody(g.body).levers).toEqual([]);
  });
});

/** Units repeated into long runs, and the places of a guide where they went. */
const UNITS = [
  ' ',
  '\t',
  '1',
  '[',
  ']',
  '(',
  '*',
  '_',
  '`',
  '$',
  '>',
  '|',
  '-',
  '#',
  '<',
  '.',
  '%',
  '"',
  '~',
  '\\',
  ':',
  'é',
  'Ã',
  'â€',
  '$1',
  '1 ',
  '[a](',
  '*a',
  '> ',
  '>\n',
  ' \n',
  '1.',
  '$1,',
  '**a',
  '- ',
  '1. ',
  'RSU ',
  'accept at ',
  '$1 base ',
  '1% ',
  '[x at $1 ',
  '1 yr',
  '![',
  '&#',
  'http://',
  '$1 to ',
  '1-',
  '% ',
  'stock over ',
  '\u001b[',
  '\u001b]',
  '\u009b',
];
function sweepGuide(unit: string, size: number): string {
  const run = repeat(unit, size);
  const one = run.replace(/\n/g, ' ');
  const q = JSON.stringify(one.slice(0, 2_000)); // front matter stays under its 64 KB limit
  return `---\ncompany: a\nrole: b\ncompany_display: ${q}\nlevel_mapping:\n  raw: ${q}\ncompensation:\n  - region: ${q}\n    currency: USD\n    base_low: 1\n    base_high: 2\n---\n${[
    run,
    `# ${one}\n\n### Lever ${one}\n\ntext`,
    `> **Negotiate Up Strategy:** "$100K base ${one} Accept at ${one}"`,
    `| Region | Base | Stock (RSU/4yr) | Bonus | Total |\n|---|---|---|---|---|\n| ${one} | ${one} | ${one} | ${one} | ${one} |`,
    `**Global Levers**\n\n1. **${one}:** "${one}"`,
    `- ${run}`,
    `**Negotiation DNA:** ${one}\n\n**Level Mapping:** ${one}`,
    `\`\`\`\n${run}\n\`\`\``,
  ].join('\n\n')}\n`;
}

describe('a sweep of runs in every place of a guide', () => {
  test.each(UNITS.map((u) => [JSON.stringify(u), u]))(
    '%s: parsed and rendered, never a throw, output clean',
    (_name, unit) => {
      const g = parseGuide(sweepGuide(unit, 8_000), 'sweep.md');
      const body = parseBody(g.body, g.bodyLine);
      const text = [
        renderGuide(p, g.meta!, g.body, plainStyle),
        renderLevers(body.levers, body.leverSections, plainStyle),
      ].join('\n');
      expect(unsafeAt(text)).toBeNull();
    },
  );
});

describe('lexBlocks', () => {
  test('the tokens cover the text exactly, whole or in groups (so file lines stay right)', () => {
    const block = fc.constantFrom(
      'x',
      '> x',
      '- x',
      '1. x',
      '```',
      '~~~',
      '',
      '   ',
      '| a | b |',
      '|---|---|',
      '# h',
      'text text',
      '    code',
      '***',
      '<div>',
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (ls, pad) => {
        const text = ls.join('\n').repeat(pad === 3 ? 400 : 1); // sometimes over the 16 KB that splits
        expect(
          lexBlocks(text)
            .map((t) => t.raw)
            .join(''),
        ).toBe(text);
      }),
      { numRuns: 150, seed: 5 },
    );
  });
});
