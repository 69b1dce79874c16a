// The persistent index: every change to the guides shows in the next answer, a bad cache file is rebuilt,
// an unwritable cache location is no cache. Correctness only: no timings here (see npm run bench).
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  CACHE_VERSION,
  cacheFile,
  cacheOptions,
  checksum,
  closeStore,
  readCache,
  scanSource,
  type MetaStore,
} from '../src/index/cache.js';
import { buildIndex, resolveGuide } from '../src/index/build.js';
import { loadGuides, loadModel } from '../src/index/load.js';
import { loadParser } from '../src/guides/lazy-parser.js';
import { listSources } from '../src/index/sources.js';
import { guideText, runCli, tempTree } from './helpers.js';

/** A whole second an hour ago: set as a file's times, it can be put back exactly. */
const HOUR_AGO = Math.floor(Date.now() / 1000) - 3600;

const freshCacheDir = () => mkdtempSync(join(tmpdir(), 'negotiate-cache-test-'));

/**
 * Runs as if an hour from now, so that every file written by the test counts as settled (older than the
 * cache) and only the size / time / inode comparisons can notice a change, not the "too recent" rule.
 */
async function later<T>(fn: () => Promise<T>, hours = 1): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + hours * 3_600_000);
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}

/** The cache files loads opened, closed after each test (a run closes its own when it ends). */
const opened: MetaStore[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const store of opened.splice(0)) closeStore(store);
});

const load = (dir: string, cacheDir: string | null, check: 'files' | 'folders' = 'files') =>
  later(async () => {
    const loaded = await loadGuides(listSources({ bundledDir: dir }), { dir: cacheDir, check });
    opened.push(...loaded.stores);
    return loaded;
  });

const baseLow = async (dir: string, cacheDir: string, company = 'acme-corp', role = 'data-engineer') => {
  const loaded = await load(dir, cacheDir);
  const meta = await loadModel(resolveGuide(buildIndex(loaded), company, role), loadParser);
  return { loaded, base: meta!.bands[0].base.low };
};

const band = (low: number) => `  - region: Zürich
    currency: CHF
    base_low: ${low}
    base_high: 190000
`;

/** A guide of this company (its display name too: guideText's is always "Acme Corp"). */
const guide = (company: string, low: number, currency = 'CHF') =>
  guideText({ company, bands: band(low).replace('CHF', currency) }).replace(
    'company_display: Acme Corp',
    `company_display: ${company}`,
  );

const tree = () =>
  tempTree({
    'a/acme.md': guide('acme-corp', 150000),
    'a/deep/globex.md': guide('globex', 120000),
    'b/initech.md': guide('initech', 110000),
    'notes.txt': 'no front matter here',
  });

describe('the cache is used, and confirmed by the file system', () => {
  test('the second run reads no guide; the answer is the same', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    const first = await baseLow(dir, cache);
    expect(first.loaded.read).toBe(4);
    expect(existsSync(cacheFile(cache, dir))).toBe(true);
    const second = await baseLow(dir, cache);
    expect(second.loaded.read).toBe(0);
    expect(second.base).toBe(150000);
    expect(second.loaded.guides.map((g) => g.path)).toEqual(first.loaded.guides.map((g) => g.path));
  });

  test.each([
    [
      'an edit that changes the size',
      (p: string) => writeFileSync(p, guide('acme-corp', 151000).replace('Data Engineer', 'Data  Engineer')),
    ],
    [
      'an edit of the same size with the same modification time (only ctime tells)',
      (p: string) => {
        writeFileSync(p, readFileSync(p, 'utf8').replace('150000', '151000'));
        utimesSync(p, HOUR_AGO, HOUR_AGO);
      },
    ],
  ])('%s shows in the next answer', async (_name, edit) => {
    const dir = tree();
    const cache = freshCacheDir();
    utimesSync(join(dir, 'a/acme.md'), HOUR_AGO, HOUR_AGO);
    await baseLow(dir, cache);
    edit(join(dir, 'a/acme.md'));
    const after = await baseLow(dir, cache);
    expect(after.base).toBe(151000);
    expect(after.loaded.read).toBe(1);
  });

  test('a file changed close to when the cache was built is read again, whatever its times say', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    await loadGuides(listSources({ bundledDir: dir }), { dir: cache, check: 'files' });
    const payload = readCache(cacheFile(cache, dir), dir)!;
    opened.push(payload.metas);
    const ctime = statSync(join(dir, 'a/acme.md')).ctimeMs;
    const reused = (builtAt: number) => {
      const found: boolean[] = [];
      scanSource(
        dir,
        { ...payload, builtAt },
        'files',
        (path, _entry, wasReused) => path.endsWith('acme.md') && found.push(wasReused),
      );
      return found[0];
    };
    // Same size and times as cached, but the clock tick may hide a second write: not trusted.
    expect(reused(ctime + 1000)).toBe(false);
    expect(reused(ctime + 10_000)).toBe(true);
  });

  test('an added guide, in an existing folder and in a new one, is found', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    await baseLow(dir, cache);
    writeFileSync(join(dir, 'a/deep/umbrella.md'), guide('umbrella', 99000));
    mkdirSync(join(dir, 'c/d'), { recursive: true });
    writeFileSync(join(dir, 'c/d/hooli.md'), guide('hooli', 98000));
    expect((await baseLow(dir, cache, 'umbrella')).base).toBe(99000);
    const after = await baseLow(dir, cache, 'hooli');
    expect(after.base).toBe(98000);
    expect(after.loaded.read).toBe(0);
  });

  test('a deleted guide is gone', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    await baseLow(dir, cache);
    rmSync(join(dir, 'a/deep/globex.md'));
    const index = buildIndex(await load(dir, cache));
    expect(() => resolveGuide(index, 'globex', 'data-engineer')).toThrow(/unknown company "globex"/);
    expect(index.guides.map((g) => g.summary?.company)).toEqual(['acme-corp', 'initech']);
  });

  test('a renamed guide and a renamed folder answer from their new paths', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    await baseLow(dir, cache);
    renameSync(join(dir, 'a/acme.md'), join(dir, 'a/zz-acme.md'));
    renameSync(join(dir, 'b'), join(dir, 'b2'));
    const loaded = await load(dir, cache);
    const index = buildIndex(loaded);
    expect(resolveGuide(index, 'acme-corp', 'data-engineer').path).toBe(join(dir, 'a/zz-acme.md'));
    expect(resolveGuide(index, 'initech', 'data-engineer').path).toBe(join(dir, 'b2/initech.md'));
    expect(loaded.read).toBe(2); // a new name is a new file; the rest still comes from the cache
  });

  test('an edit that breaks a guide, and the fix, show in the next answers; the warning comes on every run', async () => {
    const dir = tree();
    const cacheDir = freshCacheDir();
    const env = { NEGOTIATE_CACHE_DIR: cacheDir };
    const argv = ['--no-bundled', '--data', dir, 'lookup', 'acme', 'data', '--json'];
    expect((await runCli(argv, { env })).code).toBe(0);
    writeFileSync(join(dir, 'b/initech.md'), guide('initech', 110000, 'XYZ'));
    for (let run = 0; run < 2; run++) {
      const r = await runCli(argv, { env });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        `skipped ${join(dir, 'b/initech.md')}:10: "compensation[0].currency" is not a known ISO 4217 currency code`,
      );
    }
    writeFileSync(join(dir, 'b/initech.md'), guide('initech', 110000));
    const fixed = await runCli(argv, { env });
    expect(fixed.stderr).not.toContain('skipped');
  });

  test('an unreadable folder is reported on every run, not only the first', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    await load(dir, cache);
    rmSync(join(dir, 'b'), { recursive: true });
    writeFileSync(join(dir, 'b'), 'a file where the folder was'); // the name stays, now a plain file: ignored
    mkdirSync(join(dir, 'loop'));
    // A link to itself: stat fails (too many links) every time, and says so every time.
    symlinkSync(join(dir, 'loop', 'self.md'), join(dir, 'loop', 'self.md'));
    for (let run = 0; run < 2; run++) {
      const loaded = await load(dir, cache);
      expect(loaded.problems).toEqual([
        { path: join(dir, 'loop/self.md'), message: 'cannot be read: too many symbolic links' },
      ]);
      expect(loaded.guides.map((g) => g.summary?.company ?? null)).toEqual(['acme-corp', 'globex', null]);
    }
  });
});

describe('a bad cache file is detected and rebuilt', () => {
  const cases: [string, (file: string, dir: string) => void | Promise<void>][] = [
    [
      'a flipped byte (corrupt)',
      (file) => {
        const buf = readFileSync(file);
        const at = buf.lastIndexOf(Buffer.from('acme-corp'));
        buf[at] = 'b'.charCodeAt(0); // still valid JSON, wrong company: only the checksum can tell
        writeFileSync(file, buf);
      },
    ],
    ['a truncated file', (file) => writeFileSync(file, readFileSync(file).subarray(0, 200))],
    ['an empty file', (file) => writeFileSync(file, '')],
    ['a foreign file', (file) => writeFileSync(file, '{"hello":"world"}\n[1,2,3]')],
    [
      'another version',
      (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(`"version":${CACHE_VERSION}`, '"version":999')),
    ],
    ['binary noise', (file) => writeFileSync(file, Buffer.from([0, 1, 2, 255, 10, 254, 253]))],
    [
      'the index of another folder under this name',
      async (file, dir) => {
        const other = tempTree({ 'x.md': guide('other-co', 1000) });
        const otherCache = freshCacheDir();
        await load(other, otherCache);
        writeFileSync(file, readFileSync(cacheFile(otherCache, other)));
        expect(readCache(file, dir)).toBeUndefined();
      },
    ],
  ];
  test.each(cases)('%s', async (_name, damage) => {
    const dir = tree();
    const cache = freshCacheDir();
    await baseLow(dir, cache);
    await damage(cacheFile(cache, dir), dir);
    const after = await baseLow(dir, cache);
    expect(after.base).toBe(150000);
    expect(after.loaded.read).toBe(4);
    const read = readCache(cacheFile(cache, dir), dir);
    expect(read).toBeDefined();
    opened.push(read!.metas);
    expect((await baseLow(dir, cache)).loaded.read).toBe(0);
  });

  test('the checksum changes with any byte', async () => {
    const a = Buffer.from('{"names":["acme-corp"]}');
    const b = Buffer.from(a);
    b[12] ^= 1;
    expect(checksum(a)).not.toBe(checksum(b));
  });
});

describe('where the cache lives, and when there is none', () => {
  test.each([
    [{ NEGOTIATE_CACHE_DIR: '/x/c', XDG_CACHE_HOME: '/xdg', HOME: '/home/u' }, '/x/c'],
    [{ XDG_CACHE_HOME: '/xdg', HOME: '/home/u' }, '/xdg/negotiate'],
    [{ XDG_CACHE_HOME: 'relative/ignored', HOME: '/home/u' }, '/home/u/.cache/negotiate'],
    [{ HOME: '/home/u' }, '/home/u/.cache/negotiate'],
    [{}, null],
    [{ NEGOTIATE_NO_CACHE: '1', NEGOTIATE_CACHE_DIR: '/x/c' }, null],
    [{ NEGOTIATE_NO_CACHE: '0', NEGOTIATE_CACHE_DIR: '/x/c' }, '/x/c'],
  ])('%j → %s', async (env, dir) => {
    expect(cacheOptions(env).dir).toBe(dir);
  });

  test('NEGOTIATE_NO_CACHE=1 writes nothing', async () => {
    const dir = tree();
    const cacheDir = freshCacheDir();
    const r = await runCli(['--no-bundled', '--data', dir, 'lookup', 'acme', 'data'], {
      env: { NEGOTIATE_CACHE_DIR: cacheDir, NEGOTIATE_NO_CACHE: '1' },
    });
    expect(r.code).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  test.each([
    [
      'under a plain file (cannot be created)',
      (base: string) => {
        writeFileSync(join(base, 'file'), '');
        return join(base, 'file', 'cache');
      },
    ],
    [
      'a read-only folder',
      (base: string) => {
        const ro = join(base, 'ro');
        mkdirSync(ro);
        chmodSync(ro, 0o555);
        return ro;
      },
    ],
  ])('a cache location %s is no cache, silently', async (_name, make) => {
    const dir = tree();
    const cacheDir = make(freshCacheDir());
    for (let run = 0; run < 2; run++) {
      const r = await runCli(['--no-bundled', '--data', dir, 'lookup', 'acme', 'data', '--json'], {
        env: { NEGOTIATE_CACHE_DIR: cacheDir },
      });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).bands[0].base.low).toBe(150000);
      expect(r.stderr).toBe('');
    }
  });
});

describe('the folders check (NEGOTIATE_CACHE_CHECK=folders)', () => {
  test('sees additions, deletions and renames without stat-ing every guide', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    await load(dir, cache, 'folders');
    writeFileSync(join(dir, 'a/new.md'), guide('hooli', 1000));
    rmSync(join(dir, 'b/initech.md'));
    const loaded = await load(dir, cache, 'folders');
    expect(loaded.read).toBe(1);
    expect(buildIndex(loaded).guides.map((g) => g.summary?.company)).toEqual(['acme-corp', 'globex', 'hooli']);
  });

  test('still reads again a guide that was broken', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    writeFileSync(join(dir, 'b/initech.md'), guide('initech', 110000, 'XYZ'));
    await load(dir, cache, 'folders');
    writeFileSync(join(dir, 'b/initech.md'), guide('initech', 110000));
    const index = buildIndex(await load(dir, cache, 'folders'));
    expect(index.broken).toEqual([]);
    expect((await loadModel(resolveGuide(index, 'initech', 'data'), loadParser))!.bands[0].base.low).toBe(110000);
  });
});

describe('entries that stop being guides or folders', () => {
  test.each([
    // The target is inside the data folder (a link leading outside is never followed), under a name that is not a guide's.
    [
      'a link to a guide whose target is gone',
      (dir: string, store: string) => {
        symlinkSync(join(store, 't.dat'), join(dir, 'a', 'linked.md'));
        return () => renameSync(join(store, 't.dat'), join(store, 't2.dat'));
      },
    ],
    [
      'a guide replaced by a file of another kind (same name, a folder now)',
      (dir: string) => {
        writeFileSync(join(dir, 'a', 'linked.md'), guide('linked-co', 1000));
        return () => {
          rmSync(join(dir, 'a', 'linked.md'));
          mkdirSync(join(dir, 'a', 'linked.md'));
        };
      },
    ],
  ])('%s: a change once (the cache is rewritten), then the cache is trusted again', async (_name, make) => {
    const dir = tree();
    mkdirSync(join(dir, 'store'));
    writeFileSync(join(dir, 'store', 't.dat'), guide('linked-co', 1000));
    const change = make(dir, join(dir, 'store'));
    const cache = freshCacheDir();
    expect((await load(dir, cache)).guides.some((g) => g.summary?.company === 'linked-co')).toBe(true);
    const built = statSync(cacheFile(cache, dir)).ino;
    change();
    const first = await load(dir, cache);
    expect(first.guides.some((g) => g.summary?.company === 'linked-co')).toBe(false);
    const rewritten = statSync(cacheFile(cache, dir)).ino;
    expect(rewritten).not.toBe(built);
    const second = await load(dir, cache);
    expect(second.problems).toEqual(first.problems);
    expect(statSync(cacheFile(cache, dir)).ino).toBe(rewritten);
  });
});

describe('the cache file while it is in use', () => {
  test('models come from the file the index was read from, even when another run has put a new one in place', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    await load(dir, cache);
    // This run reads the index, then another run rewrites the cache (a guide added), then this run reads a model.
    const reader = await load(dir, cache);
    writeFileSync(join(dir, 'b/hooli.md'), guide('hooli', 97000));
    const writer = await load(dir, cache);
    expect(writer.read).toBe(1);
    const acme = resolveGuide(buildIndex(reader), 'acme-corp', 'data-engineer');
    expect((await loadModel(acme, loadParser))!.bands[0].base.low).toBe(150000);
    expect(readdirSync(cache)).toHaveLength(1);
    expect((await load(dir, cache)).read).toBe(0);
  });

  test('names no longer used are dropped from the table once they are most of it', async () => {
    const dir = tree();
    const cache = freshCacheDir();
    await load(dir, cache);
    const sizes: number[] = [];
    for (let n = 0; n < 120; n++) {
      renameSync(join(dir, 'b', n ? `initech-${n - 1}.md` : 'initech.md'), join(dir, 'b', `initech-${n}.md`));
      await load(dir, cache);
      const read = readCache(cacheFile(cache, dir), dir)!;
      opened.push(read.metas);
      sizes.push(read.names.length);
    }
    expect(Math.max(...sizes)).toBeLessThan(90);
    const index = buildIndex(await load(dir, cache));
    expect(resolveGuide(index, 'initech', 'data-engineer').path).toBe(join(dir, 'b', 'initech-119.md'));
    expect(index.guides.map((g) => g.summary?.company)).toEqual(['acme-corp', 'globex', 'initech']);
  });
});

describe('the "too recent to trust" window is injected, never slept across', () => {
  test.each([
    [undefined, 3000],
    ['0', 0],
    ['250', 250],
    ['-1', 3000],
    ['soon', 3000],
  ])('NEGOTIATE_CACHE_RACY_MS=%s → %d ms', (value, ms) => {
    expect(cacheOptions({ NEGOTIATE_CACHE_DIR: '/tmp/x', NEGOTIATE_CACHE_RACY_MS: value }).racyMs).toBe(ms);
  });

  test('a guide written just now is read again inside the window, and trusted with no window', async () => {
    const dir = tempTree({ 'acme.md': guide('acme-corp', 150000) });
    const cacheDir = freshCacheDir();
    const run = (racyMs: number) =>
      loadGuides(listSources({ bundledDir: dir }), { dir: cacheDir, check: 'files', racyMs });
    expect((await run(3000)).read).toBe(1); // first build
    // A second later (a cache built in the very millisecond the file was written cannot vouch for it).
    expect((await later(() => run(3000), 1 / 3600)).read).toBe(1); // written within 3 s of the build: not trusted yet
    expect((await run(0)).read).toBe(0); // no window: the unchanged file is trusted
  });
});
