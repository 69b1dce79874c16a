// The search-text file as a vocabulary with each word's entries: what it answers is what the texts answer.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { buildIndex } from '../src/index/build.js';
import { closeStore } from '../src/index/cache.js';
import { loadGuides } from '../src/index/load.js';
import { foldText } from '../src/index/search.js';
import { searchCandidates } from '../src/index/search-text.js';
import { listSources } from '../src/index/sources.js';
import { guideText, spawnCli, tempTree } from './helpers.js';

test('start-up does not load search: dist/cli.cjs holds neither index/search.ts nor index/search-text.ts', () => {
  const cli = readFileSync(join(__dirname, '..', 'dist', 'cli.cjs'), 'utf8');
  expect(cli).toContain('// src/index/cache.ts');
  expect(cli.match(/^\/\/ src\/index\/search(-text)?\.ts$/gm)).toBeNull();
  expect(cli).toContain('require("./index-search-text.cjs")');
});

describe('foldText', () => {
  test('ASCII text folds as it does beside a non-ASCII character (the character-by-character path)', () => {
    const ascii = Array.from({ length: 128 }, (_v, c) => String.fromCharCode(c)).join('');
    for (const text of [ascii, 'Equity-light, CASH_heavy', '']) {
      const slow = foldText(`${text}é`);
      const fast = foldText(text);
      expect(fast.folded).toBe(slow.folded.slice(0, -1));
      expect(fast.map).toEqual(slow.map.slice(0, -1));
    }
  });
});

/** Guides a…f, each given its own search text (`make` hands it in), searched with the file beside them. */
function folder(texts: Record<string, string>) {
  const dir = tempTree(
    Object.fromEntries(
      Object.keys(texts).map((name) => [`${name}.md`, guideText({ company: `co-${name}`, role: 'data-engineer' })]),
    ),
  );
  const cache = mkdtempSync(join(tmpdir(), 'negotiate-search-words-'));
  const opts = { dir: cache, check: 'files' as const, racyMs: 0 };
  const search = async (words: string[] | null) => {
    const loaded = await loadGuides(listSources({ bundledDir: dir }), opts);
    const made: string[] = [];
    const found = await searchCandidates(buildIndex(loaded).guides, words, opts, async (g) => {
      const name = g.path.slice(dir.length + 1, -3);
      made.push(name);
      return texts[name];
    });
    loaded.stores.forEach(closeStore);
    return { made, found: found.map((g) => g.path.slice(dir.length + 1, -3)) };
  };
  return { dir, cache, search };
}

describe('the vocabulary file', () => {
  const texts: Record<string, string> = {
    a: 'moonshot equity zurich',
    b: 'equity cash',
    c: 'cash σ 00434',
    d: '',
    e: 'moon shot 100434',
    f: 'refresher moonshot cash',
  };
  const oracle = (words: string[] | null) =>
    Object.keys(texts)
      .filter((n) => words === null || words.every((w) => texts[n].includes(w)))
      .sort();

  test('a word matches every vocabulary word holding it; every word must match; the same as the texts say', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    try {
      const { search } = folder(texts);
      const queries = [['moon'], ['moonshot'], ['cash', 'moon'], ['00434'], ['σ'], ['nowhere'], ['e', 'h'], [], null];
      expect((await search(['moon'])).made.sort()).toEqual(Object.keys(texts));
      for (const q of queries) expect({ q, ...(await search(q)) }).toEqual({ q, made: [], found: oracle(q) });
    } finally {
      vi.useRealTimers();
    }
  });

  test('a word held by many vocabulary words (their lists read at once) matches as one read by one does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    try {
      const many = Array.from({ length: 100 }, (_v, n) => `w${n}x`);
      const { search } = folder({ a: many.join(' '), b: 'plain w7x', c: 'plain' });
      await search(null);
      expect(await search(['x'])).toEqual({ made: [], found: ['a', 'b'] });
      expect(await search(['x', 'plain'])).toEqual({ made: [], found: ['b'] });
      expect(await search(['w99x'])).toEqual({ made: [], found: ['a'] });
    } finally {
      vi.useRealTimers();
    }
  });

  test('a damaged list or head is no file: every text is made again, the answer the same, the file rewritten', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    try {
      const { cache, search } = folder(texts);
      await search(null);
      const file = join(cache, readdirSync(cache).find((f) => f.startsWith('search-'))!);
      const good = readFileSync(file);
      // The last byte is in the last word's list (refresher's: the last new word); the one after the header line is in the head.
      for (const at of [good.length - 1, good.indexOf(10) + 1]) {
        const bad = Buffer.from(good);
        bad[at] ^= 0x01;
        writeFileSync(file, bad);
        expect(await search(['refresher'])).toEqual({ made: Object.keys(texts), found: ['f'] });
        expect(await search(['refresher'])).toEqual({ made: [], found: ['f'] });
      }
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the search file, however the folder is named', () => {
  test('--data sub and --data /abs/sub keep the same entries: the second search rewrites nothing', () => {
    const dir = tempTree({ 'a.md': guideText({ company: 'acme' }), 'b.md': guideText({ company: 'beta' }) });
    const cache = mkdtempSync(join(tmpdir(), 'negotiate-cache-'));
    const env = { NEGOTIATE_CACHE_DIR: cache, NEGOTIATE_CACHE_RACY_MS: '0' };
    const relative = spawnCli(['--no-bundled', '--data', basename(dir), 'search', 'acme'], { env, cwd: dirname(dir) });
    expect(relative.code).toBe(0);
    const searchFile = readdirSync(cache).find((f) => f.startsWith('search-'))!;
    const before = statSync(join(cache, searchFile));
    const absolute = spawnCli(['--no-bundled', '--data', dir, 'search', 'acme'], { env });
    expect(absolute.code).toBe(0);
    const after = statSync(join(cache, searchFile));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });
});
