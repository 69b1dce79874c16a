import { symlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DataError, NotFoundError } from '../src/errors.js';
import { buildIndex, resolveGuide } from '../src/index/build.js';
import { loadGuides } from '../src/index/load.js';
import { type DataSource, guidePlacer, listSources } from '../src/index/sources.js';
import { isWalkedEntry, walkGuideFiles } from '../src/guides/read.js';
import { scanSource } from '../src/index/cache.js';
import { guideText, tempTree } from './helpers.js';

test('sources: bundled, then NEGOTIATE_DATA entries, then --data, in order', async () => {
  expect(listSources({ bundledDir: '/b', envData: '/e1::/e2', dataDirs: ['/d1', '/d2'] })).toEqual([
    { dir: '/b', origin: 'bundled' },
    { dir: '/e1', origin: 'NEGOTIATE_DATA' },
    { dir: '/e2', origin: 'NEGOTIATE_DATA' },
    { dir: '/d1', origin: '--data' },
    { dir: '/d2', origin: '--data' },
  ]);
  expect(listSources({ bundledDir: '/b', bundled: false, dataDirs: ['/d'] })).toEqual([
    { dir: '/d', origin: '--data' },
  ]);
});

test('a folder named twice is one source, in its last place', () => {
  expect(listSources({ bundledDir: '/b', envData: '/x', dataDirs: ['/d', '/x/', '/b/../d'] })).toEqual([
    { dir: '/b', origin: 'bundled' },
    { dir: '/x/', origin: '--data' },
    { dir: '/b/../d', origin: '--data' },
  ]);
});

describe('duplicates', () => {
  const older = guideText().replace('2026-10-01', '2025-01-01');
  test('the later source wins', async () => {
    const a = tempTree({ 'g.md': guideText() });
    const b = tempTree({ 'g.md': older });
    const index = buildIndex(await loadGuides(listSources({ bundledDir: a, dataDirs: [b] })));
    expect(index.guides).toHaveLength(1);
    expect(index.guides[0].path).toBe(join(b, 'g.md'));
    expect(index.duplicates).toHaveLength(1);
  });
  test('within one source the newer last_updated wins', async () => {
    const a = tempTree({ 'a.md': guideText(), 'b.md': older });
    const index = buildIndex(await loadGuides(listSources({ bundledDir: a })));
    expect(index.guides[0].path).toBe(join(a, 'a.md'));
  });
});

describe('folder walk', () => {
  test('survives symlink loops and skips dot folders and other extensions', async () => {
    const dir = tempTree({
      'a/g.md': guideText(),
      '.git/x.md': 'junk',
      'notes.pdf': 'x',
      'b/c.markdown': guideText({ role: 'other-role' }),
    });
    symlinkSync(dir, join(dir, 'a', 'loop'));
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling.md'));
    const walk = walkGuideFiles(dir);
    expect(walk.files.map((f) => f.slice(dir.length + 1))).toEqual(['a/g.md', 'b/c.markdown']);
    // The loop is skipped with one note.
    expect(walk.problems.map((p) => `${p.path.slice(dir.length + 1)}: ${p.message}`)).toEqual([
      'a/loop: a folder loaded already (a loop, or a second link to it)',
      'dangling.md: cannot be read: it does not exist',
    ]);
  });

  test('a missing or non-folder root is a data error', async () => {
    expect(() => walkGuideFiles('/nonexistent/negotiate')).toThrow(DataError);
    const dir = tempTree({ 'f.md': 'x' });
    expect(() => walkGuideFiles(join(dir, 'f.md'))).toThrow(/is not a folder/);
  });

  test.each([
    ['guide.md', true],
    ['acme', true],
    ['.git', false],
    ['.guide.md', false],
    ['node_modules', false],
    ['node_modules2', true],
  ])('entry %s is walked: %s', (name, walked) => {
    expect(isWalkedEntry(name)).toBe(walked);
  });

  test("the cache's scan finds what the walk finds (same files, order, problems, root errors)", () => {
    const dir = tempTree({
      'a/g.md': guideText(),
      '.git/x.md': 'junk',
      'node_modules/y.md': 'junk',
      'notes.pdf': 'x',
      'b/c.markdown': guideText({ role: 'other-role' }),
      'b/d.TXT': 'x',
    });
    symlinkSync(dir, join(dir, 'a', 'loop'));
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling.md'));
    const walk = walkGuideFiles(dir);
    const found: string[] = [];
    const scan = scanSource(dir, undefined, 'files', (path) => found.push(path));
    expect(walk.files.map((f) => f.slice(dir.length + 1))).toEqual(['a/g.md', 'b/c.markdown', 'b/d.TXT']);
    expect(found).toEqual(walk.files);
    expect(scan.problems).toEqual(walk.problems);
    for (const root of ['/nonexistent/negotiate', join(dir, 'a', 'g.md')]) {
      expect(() => scanSource(root, undefined, 'files', () => undefined)).toThrow(
        catchMessage(() => walkGuideFiles(root)),
      );
    }
  });
});

function catchMessage(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('one bad guide never hides the good ones', async () => {
  const dir = tempTree({
    'good.md': guideText(),
    'broken-yaml.md': guideText({ role: 'broken-role' }).replace('role_display: Data Engineer', 'role_display: [oops'),
    'bad-band.md': guideText({ role: 'bad-band' }).replace('base_low: 150000', 'base_low: 999999'),
    'readme.md': '# not a guide\n',
  });
  const index = buildIndex(await loadGuides(listSources({ bundledDir: dir })));
  test('the good guide answers; broken ones are listed', async () => {
    expect(index.guides.map((g) => g.summary.role)).toEqual(['data-engineer']);
    expect(index.broken.map((g) => g.path.slice(dir.length + 1)).sort()).toEqual(['bad-band.md', 'broken-yaml.md']);
  });
  test('asking for an invalid guide is a data error (exit 3) naming file and line', async () => {
    expect(() => resolveGuide(index, 'acme', 'bad-band')).toThrow(DataError);
    expect(() => resolveGuide(index, 'acme', 'bad-band')).toThrow(/bad-band\.md:11: compensation\[0\]/);
  });
  test('names resolve fuzzily; unknown ones are not-found', async () => {
    expect(resolveGuide(index, 'Acme Corp', 'data eng').summary.role).toBe('data-engineer');
    expect(resolveGuide(index, 'acme-crop', 'data-engineer').summary.company).toBe('acme-corp');
    expect(() => resolveGuide(index, 'globex', 'data-engineer')).toThrow(NotFoundError);
  });
});

test('a guide file over 1 MiB is refused with a clear error', async () => {
  const dir = tempTree({ 'big.md': guideText() + 'x'.repeat(1024 * 1024) });
  writeFileSync(join(dir, 'ok.md'), guideText({ role: 'other' }));
  const index = buildIndex(await loadGuides(listSources({ bundledDir: dir })));
  expect(index.guides).toHaveLength(1);
  expect(index.broken[0].findings[0].message).toMatch(/over the 1 MiB limit/);
});

describe('guidePlacer (list: many guides placed at once)', () => {
  const sources: DataSource[] = [
    { dir: '/data/guides', origin: 'bundled' },
    { dir: 'rel/folder', origin: '--data' },
  ] as DataSource[];
  /** What guidePlace computed for one guide before the fast path: resolve and relative, every time. */
  const slow = (g: { path: string; source: number }) => {
    const src = sources[g.source];
    const folder = src ? resolve(src.dir) : resolve(g.path, '..');
    const rel = relative(folder, resolve(g.path));
    return {
      origin: src?.origin ?? '--data',
      folder,
      file: rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(g.path),
    };
  };
  test.each([
    ['/data/guides/acme/ml.md', 0],
    ['/data/guides/a/b/c.md', 0],
    ['/data/guides/../other/x.md', 0],
    ['/data/guides/./acme/ml.md', 0],
    ['/data/guides//acme/ml.md', 0],
    ['/data/guidesx/acme.md', 0],
    ['/elsewhere/ml.md', 0],
    ['rel/folder/acme/ml.md', 1],
    ['/tmp/lonely.md', 7],
  ])('%s (source %i) is placed as resolve/relative would place it', (path, source) => {
    expect(guidePlacer(sources)({ path, source })).toEqual(slow({ path, source }));
  });
});
