import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { parseBody } from '../src/guides/body.js';
import { parseGuide } from '../src/guides/parse.js';
import { buildIndex } from '../src/index/build.js';
import { closeStore } from '../src/index/cache.js';
import { loadGuides } from '../src/index/load.js';
import {
  foldText,
  guideDocuments,
  mayContain,
  mayContainTerms,
  parseQuery,
  searchGuides,
  searchText,
  termWords,
} from '../src/index/search.js';
import { searchCandidates } from '../src/index/search-text.js';
import { listSources } from '../src/index/sources.js';
import { highlight, snippet } from '../src/render/search.js';
import { createStyle, plainStyle } from '../src/render/terminal.js';
import { guideText, runCli, tempTree } from './helpers.js';

/** A parsed guide ready for searchGuides. */
function searchable(text: string, path = 'x.md') {
  const g = parseGuide(text, path);
  return { meta: g.meta!, path, body: parseBody(g.body, g.bodyLine) };
}

const acme = guideText({
  body: '### Data Engineer | Acme Corp\n\n**Negotiation DNA:** Equity-light, cash heavy | Zürich office\n\n**Global Levers**\n\n1. **Scale:** "I run pipelines at scale."\n2. **Equity Refresh:** "Ask for a refresher grant every year."\n',
});
const beta = guideText({
  company: 'beta-bank',
  role: 'data-engineer',
  body: '### Beta\n\n**Global Levers**\n\n1. **Cash:** "Beta pays cash; mention equity only in passing."\n',
}).replace('company_display: Acme Corp', 'company_display: Beta Bank');

describe('query and folding', () => {
  test.each([
    [
      ['equity', 'refresh'],
      ['equity', 'refresh'],
    ],
    [['Edge Inference'], ['edge inference']],
    [['  RSU  ', 'rsu'], ['rsu']],
    [['Zürich'], ['zurich']],
    [['ml-ai'], ['ml ai']],
  ])('parseQuery(%j) → %j', (args, terms) => {
    expect(parseQuery(args)).toEqual(terms);
  });

  test('an empty query is a usage error', () => {
    expect(() => parseQuery(['  '])).toThrow(/nothing to search for/);
  });

  test('folding keeps a map back to the original text', () => {
    const { folded, map } = foldText('Zürich Ⅻ-x');
    expect(folded).toBe('zurich xii x');
    expect(map[0]).toBe(0);
    expect(map[folded.length]).toBe('Zürich Ⅻ-x'.length);
  });
});

describe("the first pass reads a guide's distinct folded words", () => {
  // The whole folded text, as the first pass read it before the index kept the words.
  const oracle = (texts: string[], terms: string[]) => {
    const fold = (t: string) =>
      t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[-_]/g, ' ').replace(/ς/g, 'σ');
    const hay = fold(texts.join('\n'));
    return terms.every((term) =>
      fold(term)
        .split(' ')
        .every((w) => hay.includes(w)),
    );
  };
  const texts = ['Zürich Ⅻ-x', 'ΟΔΟΣ odos', 'ml-ai_engineer £150K–£170K', 'Edge   inference\n\tat scale'];
  test.each([
    'zurich',
    'urich',
    'xii',
    'οδοσ',
    'ml ai',
    'engineer £150k',
    '£170',
    'edge inference',
    'inference at',
    'scale',
    'nowhere',
    'zurich nowhere',
    '150k–£',
  ])('%s: the same answer as over the whole text', (query) => {
    const terms = parseQuery([query]);
    expect(mayContain(searchText(texts), termWords(terms))).toBe(oracle(texts, terms));
  });

  test('each word once', () => {
    expect(searchText(['Equity equity EQUITY', 'equity-light'])).toBe('equity light');
  });
});

describe('search texts kept beside the index', () => {
  test('made once, then read from the file; an edited guide has its text made again', async () => {
    const dir = tempTree({ 'acme.md': acme, 'beta.md': beta });
    const cache = mkdtempSync(join(tmpdir(), 'negotiate-search-cache-'));
    const opts = { dir: cache, check: 'files' as const, racyMs: 0 };
    // An hour from now: every file written here counts as settled.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    try {
      const run = async () => {
        const loaded = await loadGuides(listSources({ bundledDir: dir }), opts);
        const made: string[] = [];
        const found = await searchCandidates(buildIndex(loaded).guides, ['moonshot'], opts, async (g) => {
          made.push(g.path.slice(dir.length + 1));
          return searchText([readFileSync(g.path, 'utf8')]);
        });
        loaded.stores.forEach(closeStore);
        return { made, moonshot: found.map((g) => g.path.slice(dir.length + 1)) };
      };
      expect(await run()).toEqual({ made: ['acme.md', 'beta.md'], moonshot: [] });
      expect(await run()).toEqual({ made: [], moonshot: [] });
      writeFileSync(join(dir, 'beta.md'), beta.replace('Cash:', 'Moonshot:'));
      expect(await run()).toEqual({ made: ['beta.md'], moonshot: ['beta.md'] });
      expect(await run()).toEqual({ made: [], moonshot: ['beta.md'] });
    } finally {
      vi.useRealTimers();
    }
  });

  test('an in-place edit shows in the next search', async () => {
    const dir = tempTree({ 'acme.md': acme, 'beta.md': beta });
    // No "too recent" window: only the store's own checks can notice the edit.
    const env = {
      NEGOTIATE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'negotiate-search-cache-')),
      NEGOTIATE_CACHE_RACY_MS: '0',
    };
    const search = (word: string) => runCli(['search', word, '--data', dir, '--no-bundled', '--json'], { env });
    expect((await search('moonshot')).code).toBe(1);
    expect(JSON.parse((await search('cash')).stdout).total).toBe(2);
    writeFileSync(join(dir, 'beta.md'), beta.replace('Cash:', 'Moonshot:').replace('pays cash', 'pays'));
    expect(JSON.parse((await search('moonshot')).stdout).hits[0].company.slug).toBe('beta-bank');
    expect(JSON.parse((await search('cash')).stdout).total).toBe(1);
  });
});

describe('searchGuides', () => {
  const guides = [searchable(acme, 'acme.md'), searchable(beta, 'beta.md')];

  test('every word must occur in a guide; hits are ranked by where they occur', () => {
    const hits = searchGuides(guides, parseQuery(['equity']));
    // Acme has equity in its summary and in a lever title; Beta only inside a lever script.
    expect(hits.map((h) => h.company.slug)).toEqual(['acme-corp', 'beta-bank']);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
    expect(searchGuides(guides, parseQuery(['equity', 'refresher'])).map((h) => h.company.slug)).toEqual(['acme-corp']);
    expect(searchGuides(guides, parseQuery(['equity', 'nowhere']))).toEqual([]);
  });

  test('matches start at a word; ranges point into the original text', () => {
    const [hit] = searchGuides(guides, parseQuery(['zurich']));
    const summary = hit.matches.find((m) => m.field === 'summary')!;
    expect(summary.text).toBe('Equity-light, cash heavy | Zürich office');
    expect(summary.ranges.map(([a, b]) => summary.text.slice(a, b))).toEqual(['Zürich']);
    expect(searchGuides(guides, parseQuery(['urich']))).toEqual([]);
  });

  test('a lever match names the lever and its file line', () => {
    const [hit] = searchGuides([guides[0]], parseQuery(['refresher']));
    expect(hit.matches).toEqual([
      expect.objectContaining({
        field: 'lever',
        label: 'lever 2',
        line: 28,
        text: 'Equity Refresh: Ask for a refresher grant every year.',
        ranges: [[26, 35]],
      }),
    ]);
  });

  test('names match by slug or display name, phrases across separators', () => {
    expect(searchGuides(guides, parseQuery(['beta-bank'])).map((h) => h.company.slug)).toEqual(['beta-bank']);
    expect(searchGuides(guides, parseQuery(['Beta Bank'])).map((h) => h.matches[0].field)).toEqual(['company']);
  });

  test('a paragraph that only repeats the summary is searched once', () => {
    const docs = guideDocuments(guides[0].meta, guides[0].body);
    expect(docs.filter((d) => /Equity-light/.test(d.text)).map((d) => d.field)).toEqual(['summary']);
  });
});

describe('the cheap first pass', () => {
  test.each([
    [['Equity-light, cash heavy'], ['equity light'], true],
    [['**Equity** Refresh'], ['equity refresh'], true],
    [['Zürich office'], ['zurich'], true],
    [['ΟΔΟΣ'], ['οδοσ'], true],
    [['ΟΔΟΣ'], ['ΟΔΟΣ'], true],
    [['equity only'], ['equity', 'refresher'], false],
  ])('%j may contain %j: %s', (texts, args, expected) => {
    expect(mayContainTerms(texts, parseQuery(args))).toBe(expected);
  });

  test('it never drops a guide that search finds', () => {
    const guides = [searchable(acme), searchable(beta)];
    for (const q of [['equity'], ['Zürich'], ['acme-corp'], ['Beta Bank'], ['refresher', 'grant'], ['data engineer']]) {
      const terms = parseQuery(q);
      for (const hit of searchGuides(guides, terms)) {
        const g = guides.find((x) => x.meta.company === hit.company.slug)!;
        const raw = hit.company.slug === 'acme-corp' ? acme : beta;
        expect(
          mayContainTerms([g.meta.company, g.meta.role, g.meta.companyName, g.meta.roleName, raw], terms),
          q.join(' '),
        ).toBe(true);
      }
    }
  });
});

describe('snippets and highlighting', () => {
  test('a long line is cut around its first match, at spaces', () => {
    const text = `${'word '.repeat(40)}needle ${'tail '.repeat(40)}`.trim();
    const start = text.indexOf('needle');
    const s = snippet(text, [[start, start + 6]], 60);
    expect(s.text.startsWith('…word')).toBe(true);
    expect(s.text.endsWith('tail…')).toBe(true);
    expect(s.ranges.map(([a, b]) => s.text.slice(a, b))).toEqual(['needle']);
  });

  test('a short line is kept whole; runs of spaces collapse with the ranges', () => {
    expect(snippet('a  b   needle', [[7, 13]])).toEqual({ text: 'a b needle', ranges: [[4, 10]] });
  });

  test('highlighting colours only the matches, and cleans every piece', () => {
    const text = 'x\u001b[2Jy needle';
    expect(highlight(text, [[7, 13]], plainStyle)).toBe('xy needle');
    expect(highlight(text, [[7, 13]], createStyle(1))).toBe('xy \u001b[1m\u001b[36mneedle\u001b[39m\u001b[22m');
  });
});

describe('negotiate search', () => {
  const dir = tempTree({ 'acme.md': acme, 'beta.md': beta });

  test('human output: the guide, then its best lines, no colour in a pipe', async () => {
    const r = await runCli(['search', 'equity', '--data', dir, '--no-bundled']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "acme-corp data-engineer  Acme Corp · Data Engineer
        summary: Equity-light, cash heavy | Zürich office
        lever 2 (line 28): Equity Refresh: Ask for a refresher grant every year.

      beta-bank data-engineer  Beta Bank · Data Engineer
        lever 1 (line 25): Cash: Beta pays cash; mention equity only in passing.
      "
    `);
  });

  test('matches are highlighted on a terminal only', async () => {
    const tty = await runCli(['search', 'refresher', '--data', dir, '--no-bundled'], { tty: true });
    expect(tty.stdout).toMatch(/\u001b\[36mrefresher\u001b\[39m/);
    const pipe = await runCli(['search', 'refresher', '--data', dir, '--no-bundled']);
    expect(pipe.stdout).not.toMatch(/\u001b/);
  });

  test('--json: query, terms, total and every match with its ranges', async () => {
    const r = await runCli(['search', 'equity', '--limit', '1', '--data', dir, '--no-bundled', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ query: 'equity', terms: ['equity'], total: 2 });
    expect(d.hits).toHaveLength(1);
    expect(d.hits[0]).toMatchObject({
      company: { slug: 'acme-corp', name: 'Acme Corp' },
      role: { slug: 'data-engineer' },
      path: expect.stringMatching(/acme\.md$/),
    });
    expect(d.hits[0].matches.map((m: { field: string }) => m.field)).toEqual(['summary', 'lever']);
    expect(r.stderr).toBe('1 more guide matches (--limit 1)\n');
  });

  test('no hits: exit 1 with a clear message; --json still prints the empty answer', async () => {
    const r = await runCli(['search', 'blockchain', '--data', dir, '--no-bundled']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'negotiate: error: no guide matches "blockchain"\n  searched 2 guides: names, summaries, levers, strategy and sections; every word must occur in a guide\n',
    });
    const j = await runCli(['search', 'blockchain', '--data', dir, '--no-bundled', '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toEqual({ query: 'blockchain', terms: ['blockchain'], total: 0, hits: [] });
  });

  test.each([[['search']], [['search', '']], [['search', 'x', '--limit', '0']], [['search', 'x', '--limit', 'ten']]])(
    '%j is a usage error',
    async (argv) => {
      expect((await runCli([...argv, '--data', dir, '--no-bundled'])).code).toBe(2);
    },
  );

  test('the bundled seed guide answers', async () => {
    const r = await runCli(['search', 'edge', 'inference', '--json', '-q']);
    const d = JSON.parse(r.stdout);
    expect(d.hits.map((h: { company: { slug: string } }) => h.company.slug)).toEqual(['cloudflare-workers']);
    expect(d.hits[0].matches[0]).toMatchObject({ field: 'summary' });
  });

  test('guide text is cleaned of escape sequences', async () => {
    const evil = tempTree({
      'e.md': guideText({ body: '### X\n\n1. **Scale:** "I run \u001b]0;pwned\u0007pipelines \u001b[2Jat scale."\n' }),
    });
    for (const color of ['never', 'always']) {
      const r = await runCli(['search', 'pipelines', '--data', evil, '--no-bundled', '--color', color]);
      expect(r.code).toBe(0);
      expect(r.stdout.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(r.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/I run pipelines at scale\./);
    }
  });
});
