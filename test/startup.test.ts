// What start-up loads, and what a query from a warm index cache needs: the build's parts (scripts/build.mjs),
// the parser loaded only on demand, every command working when nothing was parsed before it ran, and a
// damaged model in the cache file. Correctness and structure only: no timings here (see npm run bench).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commandWord } from '../src/cli.js';
import { spawnSync } from 'node:child_process';
import { cacheFile } from '../src/index/cache.js';
import { guideText, ROOT, runCli, SEED, spawnCli, tempTree, testEnv } from './helpers.js';

const DIST = join(ROOT, 'dist');
const bundle = (name: string) => readFileSync(join(DIST, name), 'utf8');
/** esbuild marks each bundled module with a comment naming its file. */
const VENDOR_PARSERS = /^\/\/ .*node_modules\/(yaml|js-yaml|gray-matter|marked|@inquirer)\//m;

describe('the build: start-up without the parser', () => {
  test('dist/cli.cjs and the lookup and list bundles hold no YAML, Markdown or prompt library; the parser bundle does', () => {
    for (const name of ['cli.cjs', 'commands-lookup.cjs', 'commands-list.cjs'])
      expect(bundle(name)).not.toMatch(VENDOR_PARSERS);
    expect(bundle('guides-parser.cjs')).toMatch(VENDOR_PARSERS);
    expect(bundle('prompts-index.cjs')).toMatch(VENDOR_PARSERS);
  });

  test("vega and vega-lite are in the pictures' bundle only: start-up, evaluate and compare load them for svg/html alone", () => {
    const VEGA = /^\/\/ .*node_modules\/(vega|vega-lite|vega-[a-z-]+)\//m;
    for (const name of ['cli.cjs', 'commands-evaluate.cjs', 'commands-compare.cjs', 'commands-lookup.cjs'])
      expect(bundle(name)).not.toMatch(VEGA);
    expect(bundle('render-pictures.cjs')).toMatch(VEGA);
    // Neither the optional canvas package nor a network client is reached.
    expect(bundle('render-pictures.cjs')).not.toMatch(/^\/\/ .*node_modules\/(canvas|node-fetch)\//m);
  });

  test('chalk and string-width are bundles of their own, required on first use: no start-up bundle carries them', () => {
    for (const name of readdirSync(DIST).filter((f) => f.endsWith('.cjs') && !f.startsWith('vendor-'))) {
      expect([name, bundle(name).includes('node_modules/chalk/')]).toEqual([name, false]);
      expect([name, bundle(name).includes('node_modules/string-width/')]).toEqual([name, false]);
    }
    expect(bundle('vendor-chalk.cjs')).toContain('node_modules/chalk/source/index.js');
    expect(bundle('vendor-string-width.cjs')).toContain('node_modules/string-width/index.js');
    expect(bundle('cli.cjs')).toContain('require("./vendor-chalk.cjs")');
  });

  test('commander is a bundle of its own, which start-up and the commands that use it share', () => {
    const parts = readdirSync(DIST).filter((f) => f.endsWith('.cjs'));
    expect(parts).toContain('cli.cjs');
    for (const part of parts)
      expect([part, bundle(part).includes('node_modules/commander/')]).toEqual([part, part === 'vendor-commander.cjs']);
    expect(bundle('cli.cjs')).toContain('require("./vendor-commander.cjs")');
  });
});

describe('the command word (which command gets its options built)', () => {
  test.each([
    [['lookup', 'acme', 'data'], 'lookup'],
    [['--data', 'lookup', 'list'], 'list'],
    [['--data=guides', '--color', 'never', '-q', '--json', '--no-bundled', 'levels', 'x'], 'levels'],
    [['--help'], undefined],
    [[], undefined],
    [['--bogus', 'lookup'], undefined],
    [['help', 'lookup'], 'help'],
  ])('%j → %s', (argv, word) => {
    expect(commandWord(argv)).toBe(word);
  });

  test("help lists every command; a command's help shows its options", async () => {
    const all = await runCli(['--help']);
    for (const name of [
      'lookup',
      'list',
      'show',
      'levers',
      'search',
      'validate',
      'levels',
      'draft',
      'evaluate',
      'completion',
      'compare',
    ])
      expect(all.stdout).toContain(`  ${name}`);
    expect((await runCli(['evaluate', '--help'])).stdout).toContain('--fail-below <what>');
    expect((await runCli(['--quiet', 'help', 'draft'])).stdout).toContain('--competing <NAME=AMOUNT>');
  });
});

/**
 * A data folder of guides and offer files, written once. The runs below set the cache's "too recent to
 * trust" window to 0 (NEGOTIATE_CACHE_RACY_MS), so the files are trusted at once without sleeping 3 s.
 */
let settledDir: string | undefined;
async function dataFolder(): Promise<string> {
  if (settledDir) return settledDir;
  settledDir = tempTree({
    'seed.md': readFileSync(SEED),
    'acme.md': guideText(),
    'london.yaml':
      'company: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\nbase: 150000\nstock: 200000\nbonus_pct: 10\n',
    'sf.yaml':
      'company: cloudflare-workers\nrole: ml-ai-engineer\nregion: San Francisco\nbase: 220000\nstock: 300000\nbonus_pct: 10\n',
  });
  return settledDir;
}

/** A private cache, built by a first run (which parses both guides). */
async function warmSetup() {
  const dir = await dataFolder();
  const cache = mkdtempSync(join(tmpdir(), 'negotiate-startup-cache-'));
  // No "too recent to trust" window: the files above are trusted at once, so no test sleeps across it.
  const env = { NEGOTIATE_CACHE_DIR: cache, NEGOTIATE_CACHE_RACY_MS: '0' };
  const argv = (...words: string[]) => ['--no-bundled', '--data', dir, ...words];
  expect(spawnCli(argv('list'), { env }).code).toBe(0);
  return { dir, cache, env, argv };
}

describe('from a warm index cache', { timeout: 30_000 }, () => {
  test('a lookup parses nothing: the parser is never loaded', async () => {
    const { env, argv } = await warmSetup();
    // Node is told to report every bundle it loads: the parser's must not be among them.
    const hook = join(mkdtempSync(join(tmpdir(), 'negotiate-hook-')), 'hook.cjs');
    writeFileSync(
      hook,
      "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (/guides-parser/.test(r)) process.stderr.write('PARSER LOADED\\n'); return load.call(this, r, ...a); };",
    );
    const run = (words: string[]) => {
      const r = spawnSync(process.execPath, ['-r', hook, join(ROOT, 'bin', 'negotiate.cjs'), ...words], {
        env: testEnv(env) as NodeJS.ProcessEnv,
        encoding: 'utf8',
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const r = run(argv('lookup', 'cloudflare', 'ml', '--region', 'London', '--json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).bands[0].base).toEqual({ low: 132000, high: 170000 });
    expect(r.stderr).not.toContain('PARSER LOADED');
    // Completing a command name needs no guide either; a level needs the parser (the hook sees it load).
    const completed = run(['__complete', '--', ...argv('look')]);
    expect(completed.stdout.trim()).toBe('lookup');
    expect(completed.stderr).not.toContain('PARSER LOADED');
    expect(run(argv('lookup', 'cloudflare', 'ml', '--currency', 'EUR')).stderr).toContain('PARSER LOADED');
  });

  test('every command works when nothing was parsed before it ran (each loads what it needs)', async () => {
    const { dir, env, argv } = await warmSetup();
    const cases: [string[], number, string][] = [
      [argv('lookup', 'cloudflare', 'ml'), 0, 'London'],
      [argv('lookup', 'cloudflare', 'ml', '--level', 'L4'), 0, 'estimated'],
      [argv('lookup', 'cloudflare', 'ml', '--currency', 'EUR'), 0, '€'],
      [argv('lookup', 'nosuch', 'ml'), 1, 'unknown company'],
      [argv('list', 'regions'), 0, 'Zürich'],
      [argv('levels', 'cloudflare', 'ml', '--from', 'Google L5'), 0, 'L4'],
      [argv('show', 'cloudflare', 'ml'), 0, 'Negotiate Up Strategy'],
      [argv('levers', 'cloudflare', 'ml'), 0, 'Edge AI Inference Optimization'],
      [argv('search', 'inference'), 0, 'cloudflare-workers'],
      [argv('validate', dir), 0, 'warning'],
      [
        argv('draft', 'cloudflare', 'ml', '--region', 'London', '--base', '150k'),
        0,
        "I'm asking for a stock grant of £243,000",
      ],
      [
        argv(
          'evaluate',
          'cloudflare',
          'ml',
          '--region',
          'London',
          '--base',
          '150k',
          '--stock',
          '200k',
          '--bonus',
          '10',
        ),
        0,
        'London',
      ],
      [argv('compare', join(dir, 'london.yaml'), join(dir, 'sf.yaml'), '--currency', 'USD'), 0, 'San Francisco'],
      [['__complete', '--', ...argv('lookup', 'cloud')], 0, 'cloudflare-workers'],
    ];
    for (const [words, code, text] of cases) {
      const r = spawnCli(words, { env });
      expect({ words: words.slice(3).join(' '), code: r.code }).toEqual({ words: words.slice(3).join(' '), code });
      expect(r.stdout + r.stderr).toContain(text);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });

  /** Flips one bit of the seed's model in a cache file (its company name); returns the damaged bytes. */
  function damageSeedModel(file: string): Buffer {
    const bytes = readFileSync(file);
    // The model section starts after the 256-byte header.
    const at = bytes.indexOf('"company":"cloudflare-workers"', 256);
    expect(at).toBeGreaterThan(255);
    bytes[at + 12] ^= 1;
    writeFileSync(file, bytes);
    return bytes;
  }

  test('a damaged guide model in the cache file is detected: the cache is removed, the guide read instead, and the next run rebuilds it', async () => {
    const { dir, cache, env, argv } = await warmSetup();
    const file = cacheFile(cache, dir);
    damageSeedModel(file);
    const first = spawnCli(argv('lookup', 'cloudflare', 'ml', '--json'), { env });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).company.slug).toBe('cloudflare-workers');
    expect(readdirSync(cache)).toEqual([]);
    const second = spawnCli(argv('lookup', 'cloudflare', 'ml', '--json'), { env });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).company.slug).toBe('cloudflare-workers');
  });

  test('list answers from the index rows alone: a damaged model is never read (the cache stays)', async () => {
    const { dir, cache, env, argv } = await warmSetup();
    const file = cacheFile(cache, dir);
    const bytes = damageSeedModel(file);
    const guides = spawnCli(argv('list', '--json'), { env });
    expect(guides.code).toBe(0);
    const seed = JSON.parse(guides.stdout).guides.find(
      (g: { company: { slug: string } }) => g.company.slug === 'cloudflare-workers',
    );
    expect(seed.regions).toContain('London');
    expect(seed.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const regions = spawnCli(argv('list', 'regions', '--json'), { env });
    expect(JSON.parse(regions.stdout).regions).toContain('London');
    // Reading the damaged model would have found it and removed (then rebuilt) the cache file.
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  test('a damaged model found while the cache is rewritten is read again from its guide (no error)', async () => {
    const { dir, cache, env, argv } = await warmSetup();
    const file = cacheFile(cache, dir);
    damageSeedModel(file);
    // A change elsewhere (a new guide) makes this run rewrite the cache, copying the other models.
    writeFileSync(join(dir, 'new.md'), guideText({ company: 'newco' }));
    try {
      const r = spawnCli(argv('lookup', 'cloudflare', 'ml', '--json'), { env });
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).company.slug).toBe('cloudflare-workers');
      const again = spawnCli(argv('lookup', 'cloudflare', 'ml', '--json'), { env });
      expect(again.code).toBe(0);
    } finally {
      rmSync(join(dir, 'new.md'));
    }
  });
});
