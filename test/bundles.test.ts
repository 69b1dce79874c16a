// The split build (scripts/build.mjs) copies a module into every bundle that imports it. That is safe only
// for modules that hold no state another bundle reads and no class another module compares with instanceof.
// These tests guard that: a scan of src/ for module state and cross-module instanceof (each known case
// listed with its reason), every built bundle loading on its own, and an error thrown by a command's
// bundle turned into its exit code by dist/cli.cjs.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DataError, isDataError, isNegotiateError, isNotFound, isUsageError, NotFoundError } from '../src/errors.js';
import { ROOT, spawnCli } from './helpers.js';

const SRC = join(ROOT, 'src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/**
 * Module state that is fine to have once per bundle, by file and name, with the reason. A new entry needs
 * the same argument: what happens when two bundles each hold their own copy.
 */
const ALLOWED_STATE: Record<string, string> = {
  'guides/yaml-fast.ts core': "js-yaml's core, loaded on first use: a second copy only loads it again",
};

/** Top-level `let`/`var`, and top-level collections or registries that code inside a function changes. */
function moduleState(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:export )?(?:let|var) (\w+)/gm)) found.push(m[1]);
  for (const m of text.matchAll(/^(?:export )?const (\w+)(?::[^=]+)? = new (\w+)/gm)) {
    const [, name, kind] = m;
    if (/^(?:FinalizationRegistry|WeakRef)$/.test(kind)) found.push(name);
    // A lookup table filled once at the top level is a constant; one changed from inside a function is state.
    else if (/^(?:Map|Set|WeakMap|WeakSet|Array)$/.test(kind)) {
      if (new RegExp(`^\\s+.*\\b${name}\\.(?:set|add|delete|clear|push|pop|splice)\\(`, 'm').test(text))
        found.push(name);
    }
  }
  return found.map((name) => `${relative(SRC, file)} ${name}`);
}

/** `instanceof C` where C is a class imported from another module of src/ (it may be another bundle's copy). */
function importedInstanceof(file: string, text: string): string[] {
  const local = new Set<string>();
  for (const m of text.matchAll(/^import (?:type )?\{([^}]*)\} from '\.[^']*';/gm))
    for (const name of m[1].split(','))
      local.add(
        name
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
      );
  return [...text.matchAll(/instanceof (\w+)/g)]
    .map((m) => m[1])
    .filter((name) => local.has(name))
    .map((name) => `${relative(SRC, file)} instanceof ${name}`);
}

/**
 * Cross-module instanceof on an error that never crosses a bundle's edge (a dynamic import): thrown by a
 * module the comparing one imports statically, so both are in the same bundle, and caught before it returns.
 */
const ALLOWED_INSTANCEOF: Record<string, string> = {
  'commands/new.ts instanceof GuideEditError': 'thrown by guides/new-guide.ts, caught in the same bundle',
  'guides/parse.ts instanceof FrontMatterError': 'thrown by guides/frontmatter.ts, caught in the same bundle',
  'letters/docx.ts instanceof ZipProblem': 'thrown by letters/zip.ts, caught in the same bundle',
};

describe('what the split build copies into several bundles', () => {
  const files = sources(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  test('no module holds state but the listed ones (each with why a copy per bundle is fine)', () => {
    const state = files.flatMap(({ file, text }) => moduleState(file, text));
    expect(state.filter((s) => !(s in ALLOWED_STATE))).toEqual([]);
    // The list shrinks with the code: an entry whose state is gone is removed.
    expect(Object.keys(ALLOWED_STATE).filter((s) => !state.includes(s))).toEqual([]);
  });

  test('negotiate errors are recognised by their brand: no instanceof on a class from another module', () => {
    const found = files.flatMap(({ file, text }) => importedInstanceof(file, text));
    expect(found.filter((s) => !(s in ALLOWED_INSTANCEOF))).toEqual([]);
    expect(Object.keys(ALLOWED_INSTANCEOF).filter((s) => !found.includes(s))).toEqual([]);
  });

  test('the scan finds what it looks for (a module with state, an imported class compared)', () => {
    const text = [
      "import { A } from './a.js';",
      'let n = 0;',
      "const STOP = new Set(['the']);",
      'const seen = new Set();',
      'function f(x) {',
      '  seen.add(x);',
      '  return x instanceof A && !STOP.has(x);',
      '}',
    ].join('\n');
    expect(moduleState(join(SRC, 'x.ts'), text)).toEqual(['x.ts n', 'x.ts seen']);
    expect(importedInstanceof(join(SRC, 'x.ts'), text)).toEqual(['x.ts instanceof A']);
  });

  test("the brand is recognised on another copy's errors, by kind, and on nothing else", () => {
    // What another bundle's copy of src/errors.ts throws: a different class with the same registered brand.
    const other = Object.assign(new Error('x'), { [Symbol.for('negotiate.error')]: true, exitCode: 1, hints: [] });
    expect([isNegotiateError(other), isNotFound(other), isUsageError(other)]).toEqual([true, true, false]);
    expect([
      isNotFound(new NotFoundError('x')),
      isDataError(new DataError('x')),
      isDataError(new NotFoundError('x')),
    ]).toEqual([true, true, false]);
    for (const not of [new Error('x'), { exitCode: 1 }, { [Symbol.for('negotiate.error')]: true }, null, 'x'])
      expect(isNegotiateError(not)).toBe(false);
  });

  test('every bundle in dist/ loads on its own', () => {
    const bundles = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.cjs'));
    expect(bundles).toContain('cli.cjs');
    const r = spawnSync(
      process.execPath,
      ['-e', `for (const b of ${JSON.stringify(bundles)}) require(${JSON.stringify(join(ROOT, 'dist'))} + '/' + b);`],
      { encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test("an error thrown in a command's bundle is turned into its exit code by dist/cli.cjs", () => {
    // search and lookup throw NotFoundError from their own bundle's copy of src/errors.ts; a usage error
    // from the shared options code in evaluate's bundle.
    const search = spawnCli(['search', 'zzqqxx']);
    expect(search).toMatchObject({ code: 1, stdout: '' });
    expect(search.stderr).toMatch(/^negotiate: error: no guide matches "zzqqxx"/);
    const lookup = spawnCli(['lookup', 'no-such-company-xyz', 'data-engineer']);
    expect(lookup.code).toBe(1);
    expect(lookup.stderr).not.toMatch(/internal error|\n\s+at /);
    const evaluate = spawnCli(['evaluate', '--base', 'lots', '--json']);
    expect(evaluate.code).toBe(2);
    expect(evaluate.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
