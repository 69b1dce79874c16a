// The layers point one way (STYLE: files → guides → index → answer → render → stdout): the import statements
// of src/**/*.ts are read as text and every import of a local module is checked against the rules below.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = join(ROOT, 'src');

// Static imports and re-exports (one clause, possibly over several lines), bare imports, import() and require().
const STATIC = /^[ \t]*(?:import|export)\s+(?:type\s+)?[\w$*{}\s,]*?\bfrom\s*['"]([^'"\n]+)['"]/gm;
const BARE = /^[ \t]*import\s*['"]([^'"\n]+)['"]/gm;
const CALL = /\b(?:import|require)\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** The module specifiers a source file names in its imports, in the order of the three kinds above. */
function importSpecifiers(text: string): string[] {
  return [STATIC, BARE, CALL].flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

/** A file's layer: its folder under src/ (comp, guides …), or the file itself for a module at src/'s top. */
const layerOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);

/** The pure layers, and the layers none of them may use. */
const PURE = ['comp', 'guides', 'draft', 'text'];
const ABOVE_PURE = ['index', 'commands', 'render', 'prompts'];

/**
 * Every import (of a module under src/) that breaks a rule, as "importer → imported: rule". `files` maps a
 * path under src/ ("comp/bands.ts") to its text.
 */
function layerViolations(files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    for (const spec of importSpecifiers(text)) {
      if (!spec.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '.ts');
      if (target.startsWith('..')) continue; // package.json and other files outside src/
      const from = layerOf(file);
      const to = layerOf(target);
      const rule =
        PURE.includes(from) && ABOVE_PURE.includes(to)
          ? `${from}/ is pure and imports nothing from ${ABOVE_PURE.map((l) => `${l}/`).join(', ')}`
          : from === 'render' && to === 'commands'
            ? 'renderers take their result types from the module that defines them, not from a command'
            : from === 'commands' && to === 'commands'
              ? 'a command imports no other command (shared code lives in a core or render module)'
              : to === 'commands' && file !== 'cli.ts'
                ? 'only src/cli.ts imports a command'
                : undefined;
      if (rule) found.push(`src/${file} → src/${target}: ${rule}`);
    }
  }
  return found;
}

/** The imports that break a rule today and are being removed by another change: delete a line once it is gone. */
const KNOWN: string[] = [];

function sourceTree(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
    const file = entry.replaceAll('\\', '/');
    if (file.endsWith('.ts') && !file.endsWith('.d.ts')) files.set(file, readFileSync(join(SRC, file), 'utf8'));
  }
  return files;
}

describe('reading import statements', () => {
  test.each([
    ["import { a } from './a.js';", ['./a.js']],
    ["import type { A } from '../a.js';", ['../a.js']],
    ["import {\n  a,\n  type B,\n  c as d,\n} from '../x/y.js';", ['../x/y.js']],
    ["import * as ns from 'node:fs';", ['node:fs']],
    ['import def, { a } from "./q.js";', ['./q.js']],
    ["export { a } from './re.js';", ['./re.js']],
    ["export * from './all.js';", ['./all.js']],
    ["import './side-effect.js';", ['./side-effect.js']],
    ["const m = await import('../render/pictures.js');", ['../render/pictures.js']],
    ["const x = require('./lazy.js') as typeof import('./lazy.js');", ['./lazy.js', './lazy.js']],
    ["export const from = 'x';", []],
    ['const s = \'import { a } from "./no.js"\';', []],
  ])('%j names %j', (text, specs) => {
    expect(importSpecifiers(text)).toEqual(specs);
  });
});

describe('layers point one way', () => {
  test.each([
    ['comp/x.ts', "import { escapeName } from '../render/terminal.js';", 'src/comp/x.ts → src/render/terminal.ts'],
    ['draft/x.ts', "import type { A } from '../index/build.js';", 'src/draft/x.ts → src/index/build.ts'],
    ['guides/x.ts', "const p = await import('../prompts/index.js');", 'src/guides/x.ts → src/prompts/index.ts'],
    ['text/x.ts', "import {\n  a,\n} from '../commands/lookup.js';", 'src/text/x.ts → src/commands/lookup.ts'],
    ['render/x.ts', "import type { R } from '../commands/list.js';", 'src/render/x.ts → src/commands/list.ts'],
    [
      'render/chart/x.ts',
      "import type { R } from '../../commands/list.js';",
      'src/render/chart/x.ts → src/commands/list.ts',
    ],
    ['commands/a.ts', "import { b } from './b.js';", 'src/commands/a.ts → src/commands/b.ts'],
    ['commands/a.ts', "const b = await import('./b.js');", 'src/commands/a.ts → src/commands/b.ts'],
    ['offer.ts', "import { b } from './commands/b.js';", 'src/offer.ts → src/commands/b.ts'],
  ])('a planted import in src/%s is found', (file, text, expected) => {
    const found = layerViolations(new Map([[file, text]]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  });

  test.each([
    ['render/x.ts', "import { a } from '../index/build.js';"],
    ['commands/a.ts', "import { a } from '../render/lookup.js';"],
    ['cli.ts', "const c = await import('./commands/lookup.js');"],
    ['comp/x.ts', "import { a } from '../text/names.js';"],
    ['guides/x.ts', "import { a } from '../comp/money.js';"],
  ])('src/%s may import %j', (file, text) => {
    expect(layerViolations(new Map([[file, text]]))).toEqual([]);
  });

  test('no module under src/ breaks a rule (beyond the known ones being removed)', () => {
    const found = layerViolations(sourceTree());
    const known = (v: string) => KNOWN.some((k) => v.startsWith(`${k}:`));
    expect(found.filter((v) => !known(v))).toEqual([]);
  });

  test('the tree read is the whole of src/', () => {
    const files = sourceTree();
    expect(files.size).toBeGreaterThan(50);
    for (const file of ['cli.ts', 'comp/level-match.ts', 'render/chart/specs.ts'])
      expect(files.has(file), file).toBe(true);
  });
});
