import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { narrowBand, narrowBandToLevel, resolveBand, sliceRange } from '../src/comp/level-band.js';
import {
  levelQueryReadings,
  mapIndex,
  mapLevel,
  ownEntry,
  parseLevelQuery,
  requireLevel,
  resolveLevel,
} from '../src/comp/level-match.js';
import {
  levelKey,
  orThrow,
  parseLevelMapping,
  readGuideLevelMapping,
  type LevelResult,
} from '../src/comp/level-mapping.js';
import { NotFoundError, UsageError } from '../src/errors.js';
import type { Band } from '../src/guides/types.js';

const SEED_MAPPING = 'Cloudflare ML/AI (L3-L5) = Google ML L4-L6 = Meta ML E4-E6 = Fastly AI = AWS Inferentia ML';

/** company | family | levels, one string per entry, so a table row reads like the mapping it checks. */
const summary = (raw: string, internal?: string | null, known?: string[]) =>
  parseLevelMapping(raw, internal, known).entries.map(
    (e) => `${e.company} | ${e.family ?? '-'} | ${e.levels.join(' ') || '-'}`,
  );

describe('parseLevelMapping', () => {
  test.each<[string, string[]]>([
    // 1. the seed
    [
      SEED_MAPPING,
      [
        'Cloudflare | ML/AI | L3 L4 L5',
        'Google | ML | L4 L5 L6',
        'Meta | ML | E4 E5 E6',
        'Fastly | AI | -',
        'AWS | Inferentia ML | -',
      ],
    ],
    // 2. purely numeric levels, en dash
    ['Microsoft 61–65 = Google L4–L6', ['Microsoft | - | 61 62 63 64 65', 'Google | - | L4 L5 L6']],
    // 3. "to" and "through"
    [
      'Meta E4 to E6 = Google L4 through L6 = Apple ICT3 thru ICT5',
      ['Meta | - | E4 E5 E6', 'Google | - | L4 L5 L6', 'Apple | - | ICT3 ICT4 ICT5'],
    ],
    // 4. second end without its prefix
    ['Stripe L2-4 = Meta (E4-6)', ['Stripe | - | L2 L3 L4', 'Meta | - | E4 E5 E6']],
    // 5. single levels, in and out of parentheses
    ['Shopify Dev (7) = Google L5 = Netflix Senior', ['Shopify | Dev | 7', 'Google | - | L5', 'Netflix | Senior | -']],
    // 6. multi-letter prefixes
    [
      'Amazon SDE2–SDE3 = Atlassian P4-P6 = Salesforce MTS1-MTS3',
      ['Amazon | - | SDE2 SDE3', 'Atlassian | - | P4 P5 P6', 'Salesforce | - | MTS1 MTS2 MTS3'],
    ],
    // 7. IC, T, M, DS prefixes
    [
      'Datadog IC3-IC5 = Twitter T4-T6 = Spotify M2-M3 = Airbnb DS2 – DS4',
      ['Datadog | - | IC3 IC4 IC5', 'Twitter | - | T4 T5 T6', 'Spotify | - | M2 M3', 'Airbnb | - | DS2 DS3 DS4'],
    ],
    // 8. levels before the family, family in parentheses
    ['Google L4–L6 (SWE) = Meta E4–E6 (Infra)', ['Google | SWE | L4 L5 L6', 'Meta | Infra | E4 E5 E6']],
    // 9. "levels" word and square brackets
    ['Acme (levels 3-5) = Meta [E4-E6]', ['Acme | - | 3 4 5', 'Meta | - | E4 E5 E6']],
    // 10. a list of levels
    ['Acme IC3/IC4/IC5 = Globex L5, L6', ['Acme | - | IC3 IC4 IC5', 'Globex | - | L5 L6']],
    // 11. a company name with a digit is not a level; a year span is not a range
    [
      'F5 Networks SWE (L2-L3) = Palantir 2019-2024 cohort',
      ['F5 | Networks SWE | L2 L3', 'Palantir | 2019-2024 cohort | -'],
    ],
    // 12. extra spaces, lower case, em dash
    ['  cloudflare   ml ( l3 — l5 )   =   google  l4-l6  ', ['cloudflare | ml | l3 l4 l5', 'google | - | l4 l5 l6']],
    // 13. descending range is read junior to senior
    ['Acme L5-L3 = Globex E6-E4', ['Acme | - | L3 L4 L5', 'Globex | - | E4 E5 E6']],
    // 14. open-ended level "+"
    ['Acme Staff (L7+) = Google L7+', ['Acme | Staff | L7', 'Google | - | L7']],
    // 15. other separators between entries
    ['Acme L3-L5 ≈ Google L4-L6; Meta E4-E6', ['Acme | - | L3 L4 L5', 'Google | - | L4 L5 L6', 'Meta | - | E4 E5 E6']],
    // 16. entries with no levels only
    ['Fastly AI = AWS Inferentia ML', ['Fastly | AI | -', 'AWS | Inferentia ML | -']],
    // 17. a huge numeric span is not a ladder
    ['Acme 1-100 = Google L4', ['Acme | 1-100 | -', 'Google | - | L4']],
    // 18. zero-padded numbers keep their padding
    ['Acme G07-G09 = Globex 07-09', ['Acme | - | G07 G08 G09', 'Globex | - | 07 08 09']],
    // 19. empty entries from doubled separators are dropped
    ['Acme L3-L5 == Google L4-L6 = = Meta E5', ['Acme | - | L3 L4 L5', 'Google | - | L4 L5 L6', 'Meta | - | E5']],
    // 20. mixed prefixes at the two ends keep just the two ends
    ['Acme L3-E5 = Google L4-L5', ['Acme | - | L3 E5', 'Google | - | L4 L5']],
    // 21. a hyphenated family name is not a range
    ['Acme Data-Platform (L3-L4) = Meta E4', ['Acme | Data-Platform | L3 L4', 'Meta | - | E4']],
    // 22. a range written with spaces around a hyphen
    ['Microsoft 61 - 63 = Google L4 - L5', ['Microsoft | - | 61 62 63', 'Google | - | L4 L5']],
    // 23. roman numerals after a title, second end bare or whole
    [
      'Amazon SDE I-III = Palantir Engineer II to Engineer IV',
      ['Amazon | - | SDE I SDE II SDE III', 'Palantir | - | Engineer II Engineer III Engineer IV'],
    ],
    // 24. a single roman level; lower-case words are never numerals ("mix", "vi" in a name)
    ['Initech Engineer II = Acme Data mix (L1-L2)', ['Initech | - | Engineer II', 'Acme | Data mix | L1 L2']],
    // 25. arabic and roman ends do not make one ladder
    ['Acme SDE II-3 = Globex (T1)', ['Acme | - | SDE II 3', 'Globex | - | T1']],
  ])('%s', (raw, expected) => {
    expect(summary(raw)).toEqual(expected);
  });

  test('known company names keep multi-word companies whole', () => {
    expect(
      summary('Cloudflare Workers AI (L3-L5) = Jane Street SWE L2', null, ['Cloudflare Workers', 'Jane Street']),
    ).toEqual(['Cloudflare Workers | AI | L3 L4 L5', 'Jane Street | SWE | L2']);
  });

  test('each entry keeps its raw text; the mapping keeps the whole line', () => {
    const m = parseLevelMapping(SEED_MAPPING);
    expect(m.raw).toBe(SEED_MAPPING);
    expect(m.entries.map((e) => e.raw)).toEqual([
      'Cloudflare ML/AI (L3-L5)',
      'Google ML L4-L6',
      'Meta ML E4-E6',
      'Fastly AI',
      'AWS Inferentia ML',
    ]);
    expect(m.warnings).toEqual([]);
  });

  test.each([
    ['Meta', 'Meta'],
    ['meta ml', 'Meta'],
    ['E4-E6', 'Meta'],
    ['Cloudflare', 'Cloudflare'],
  ])('internal "%s" puts %s first', (internal, company) => {
    const m = parseLevelMapping(SEED_MAPPING, internal);
    expect(m.entries[0].company).toBe(company);
    expect(m.entries).toHaveLength(5);
    expect(m.warnings).toEqual([]);
  });

  test('an internal naming no entry keeps the first and says so', () => {
    const m = parseLevelMapping(SEED_MAPPING, 'Amazon');
    expect(m.entries[0].company).toBe('Cloudflare');
    expect(m.warnings[0]).toMatch(/"Amazon" names no entry/);
  });
});

describe('mapIndex: unequal ranges by relative position, ends anchored', () => {
  test.each([
    // equal lengths: one to one
    [0, 3, 3, 0],
    [2, 3, 3, 2],
    // 3 → 5: ends to ends, the middle to the middle
    [0, 3, 5, 0],
    [1, 3, 5, 2],
    [2, 3, 5, 4],
    // 5 → 3: positions 0, ½, 1, 1½, 2; halfway goes to the more junior level
    [0, 5, 3, 0],
    [1, 5, 3, 0],
    [2, 5, 3, 1],
    [3, 5, 3, 1],
    [4, 5, 3, 2],
    // 2 → 4: ends to ends
    [0, 2, 4, 0],
    [1, 2, 4, 3],
    // 4 → 6: positions 0, 5/3, 10/3, 5
    [1, 4, 6, 2],
    [2, 4, 6, 3],
    // a single level is the middle of the range (halfway between two: the more junior)
    [0, 1, 3, 1],
    [0, 1, 4, 1],
    [0, 1, 2, 0],
    // anything → one level
    [0, 4, 1, 0],
    [3, 4, 1, 0],
    // 4 → 2: positions 0, ⅓, ⅔, 1
    [1, 4, 2, 0],
    [2, 4, 2, 1],
  ])('level %i of %i, into %i levels → %i', (i, n, m, expected) => {
    expect(mapIndex(i, n, m)).toBe(expected);
  });
});

describe('mapLevel', () => {
  const seed = parseLevelMapping(SEED_MAPPING);
  test.each([
    ['Google', 'L4', 'L3'],
    ['google', 'l5', 'L4'],
    ['Meta', 'E6', 'L5'],
    ['meta ml', 'e4', 'L3'],
    ['Goggle', 'L6', 'L5'], // misspelt company
    ['Cloudflare', 'L4', 'L4'],
    ['Google', '5', 'L4'], // bare number within an L ladder
  ])('%s %s → Cloudflare %s, one to one', (company, level, to) => {
    expect(mapLevel(seed, company, level)).toEqual({
      from: { company: expect.any(String), level: expect.stringMatching(/^[LE]\d$/) },
      to: { company: 'Cloudflare', level: to },
      approximate: false,
    });
  });

  test('unequal ranges are approximate', () => {
    const m = parseLevelMapping('Acme (L3-L5) = Microsoft 60-64 = Google L5-L6');
    expect(mapLevel(m, 'Microsoft', '62')).toEqual({
      from: { company: 'Microsoft', level: '62' },
      to: { company: 'Acme', level: 'L4' },
      approximate: true,
    });
    expect(mapLevel(m, 'Microsoft', '61').to.level).toBe('L3');
    expect(mapLevel(m, 'Microsoft', '64').to.level).toBe('L5');
    expect(mapLevel(m, 'Google', 'L5').to.level).toBe('L3');
    expect(mapLevel(m, 'Google', 'L6').to.level).toBe('L5'); // ends to ends
  });

  test.each([
    ['Google', 'L7', /Google ML has no level "L7"/, /valid: L4, L5, L6/],
    [
      'Amazon',
      'L5',
      /names no company "Amazon"/,
      /it names: Cloudflare ML\/AI \(L3–L5\), Google ML \(L4–L6\), Meta ML \(E4–E6\), Fastly AI \(no levels given\)/,
    ],
    ['Fastly', 'L4', /gives no levels for Fastly AI/, /it reads: Fastly AI/],
    ['Meta', 'L5', /Meta ML has no level "L5"/, /valid: E4, E5, E6/],
  ])('%s %s is not found (exit 1) and lists what is valid', (company, level, message, hint) => {
    const err = catchError(() => mapLevel(seed, company, level));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.exitCode).toBe(1);
    expect(err.message).toMatch(message);
    expect(err.hints.join('\n')).toMatch(hint);
  });

  test('a mapping whose own entry has no levels cannot answer', () => {
    const m = parseLevelMapping('Fastly AI = Google L4-L6');
    expect(() => mapLevel(m, 'Google', 'L5')).toThrow(/no levels for Fastly AI, the guide's own company/);
  });
});

describe('a miss is a value inside, a NotFoundError at the public entry', () => {
  const seed = parseLevelMapping(SEED_MAPPING);
  test.each([
    [
      'a level the entry lacks',
      () => requireLevel(seed.entries[0], 'L9'),
      'Cloudflare ML/AI has no level "L9" in this mapping',
      ['valid: L3, L4, L5'],
    ],
    [
      'an entry without levels',
      () => requireLevel(seed.entries[3], 'L4'),
      'the level mapping gives no levels for Fastly AI',
      ['it reads: Fastly AI'],
    ],
    ['an empty mapping', () => ownEntry(parseLevelMapping('')), 'the level mapping is empty', ['it reads: (nothing)']],
    [
      'a guide without a mapping',
      () =>
        readGuideLevelMapping({
          meta: { company: 'acme', companyName: 'Acme', levelMapping: { raw: null, internal: null } },
        }),
      'the guide for Acme gives no level mapping',
      ['add level_mapping.raw to its front matter, e.g. "Acme (L3-L5) = Google L4-L6"'],
    ],
  ])('%s', (_, step: () => LevelResult<unknown>, message, hints) => {
    const result = step();
    expect(result).toEqual({ ok: false, reason: { message, hints } });
    const err = catchError(() => orThrow(result));
    expect(err).toBeInstanceOf(NotFoundError);
    expect([err.message, err.hints]).toEqual([message, hints]);
  });

  test('the found value passes through', () => {
    expect(orThrow(requireLevel(seed.entries[1], 'l5'))).toBe(1);
  });
});

describe('levelKey: how levels compare', () => {
  test.each([
    ['L5', 'l5'],
    ['l5', 'l5'],
    ['IC4+', 'ic4'],
    ['SDE II', 'sde2'],
    ['sde ii', 'sde2'],
    ['SDE-2', 'sde2'],
    ['SDE2', 'sde2'],
    ['Engineer III', 'engineer3'],
    ['61', '61'],
    ['II', '2'],
    ['mix', 'mix'],
    ['Senior', 'senior'],
  ])('%s → %s', (level, key) => {
    expect(levelKey(level)).toBe(key);
  });
});

describe('levelQueryReadings', () => {
  test.each([
    ['L4', [[null, 'L4']]],
    [
      'Google L5',
      [
        ['Google', 'L5'],
        [null, 'Google L5'],
      ],
    ],
    [
      'Amazon SDE II',
      [
        ['Amazon SDE', 'II'],
        ['Amazon', 'SDE II'],
        [null, 'Amazon SDE II'],
      ],
    ],
    ['amazon: sde ii', [['amazon', 'sde ii']]],
    [':L4', [[null, 'L4']]],
  ])('%s', (text, readings) => {
    expect(levelQueryReadings(text).map((r) => [r.company, r.level])).toEqual(readings);
  });
});

describe('parseLevelQuery', () => {
  test.each([
    ['Google L5', 'Google', 'L5'],
    ['google:L5', 'google', 'L5'],
    ['google : l5', 'google', 'l5'],
    ['meta e6', 'meta', 'e6'],
    ['Google ML L5', 'Google ML', 'L5'],
    ['L4', null, 'L4'],
    ['  L4  ', null, 'L4'],
    ['Microsoft 63', 'Microsoft', '63'],
  ])('%s', (text, company, level) => {
    expect(parseLevelQuery(text)).toEqual({ company, level });
  });

  test('an empty level is a usage error', () => {
    expect(() => parseLevelQuery('  ')).toThrow(UsageError);
  });
});

describe('resolveLevel', () => {
  const guide = (raw: string | null, internal: string | null = null) => ({
    meta: { company: 'cloudflare-workers', companyName: 'Cloudflare Workers', levelMapping: { internal, raw } },
  });
  test.each([
    ['L4', 'L4', 'Cloudflare', 'L4'],
    ['Google L5', 'L4', 'Google', 'L5'],
    ['google:L6', 'L5', 'Google', 'L6'],
    ['meta e4', 'L3', 'Meta', 'E4'],
    ['E5', 'L4', 'Meta', 'E5'], // a bare foreign level only one company has
    ['cloudflare-workers L3', 'L3', 'Cloudflare', 'L3'], // the guide's own slug names its entry
  ])('%s → %s', (asked, level, fromCompany, fromLevel) => {
    expect(resolveLevel(guide(SEED_MAPPING), asked)).toEqual({
      asked,
      company: level,
      range: ['L3', 'L5'],
      from: { company: fromCompany, level: fromLevel },
      approximate: false,
      index: Number(level.slice(1)) - 3,
      count: 3,
    });
  });

  test.each([
    ['Amazon SDE II', 'L4', 'SDE II'],
    ['amazon sde 2', 'L4', 'SDE II'],
    ['amazon:sde ii', 'L4', 'SDE II'],
    ['SDE III', 'L5', 'SDE III'],
    ['Amazon II', 'L4', 'SDE II'],
    ['amazon SDE2', 'L4', 'SDE II'],
  ])('roman levels: %s → %s', (asked, level, fromLevel) => {
    const r = resolveLevel(guide('Acme Eng (L3-L5) = Amazon SDE I-III'), asked);
    expect(r.company).toBe(level);
    expect(r.from).toEqual({ company: 'Amazon', level: fromLevel });
  });

  test.each([
    // the company was found: the error is about its levels
    ['Google L9', /^Google ML has no level "L9"/],
    // no such company: that is the error, not "no level 'Amazon L5'"
    ['Amazon L5', /^the level mapping names no company "Amazon"/],
    // looks like a level: the error is about levels, not about a company "SDE"
    ['SDE IV', /^no level "SDE IV" in Cloudflare ML\/AI's range L3–L5/],
  ])('when no reading resolves, %s explains the likeliest one', (asked, message) => {
    expect(() => resolveLevel(guide(SEED_MAPPING), asked)).toThrow(message);
  });

  test('a bare level outside the range lists the valid ones', () => {
    const err = catchError(() => resolveLevel(guide(SEED_MAPPING), 'L9'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toBe(`no level "L9" in Cloudflare ML/AI's range L3–L5`);
    expect(err.hints).toEqual([`valid: L3, L4, L5, or another company's level such as "Google L5"`]);
  });

  test('a bare level two other companies share is ambiguous', () => {
    expect(() => resolveLevel(guide('Acme (P1-P3) = Google L4-L6 = Amazon L5-L7'), 'L6')).toThrow(
      /"L6" is ambiguous: Google or Amazon/,
    );
  });

  test('a guide without a mapping is not found', () => {
    expect(() => resolveLevel(guide(null), 'L4')).toThrow(/gives no level mapping/);
  });

  test('internal picks the own entry', () => {
    const r = resolveLevel(guide('Google L4-L6 = Cloudflare Workers (L3-L5)', 'Cloudflare'), 'Google L6');
    expect(r).toMatchObject({ company: 'L5', range: ['L3', 'L5'] });
  });
});

describe('narrowing a band to a level', () => {
  const band: Band = {
    region: 'London',
    currency: 'GBP',
    base: { low: 132000, high: 170000 },
    stock: { low: 142000, high: 250000 },
    stockYears: 4,
    bonusPct: 10,
    totalComp: { low: 205000, high: 288000 },
  };

  test.each([
    [{ low: 0, high: 90 }, 0, 3, { low: 0, high: 30 }],
    [{ low: 0, high: 90 }, 2, 3, { low: 60, high: 90 }],
    [{ low: 100, high: 200 }, 1, 4, { low: 125, high: 150 }],
    [{ low: 132000, high: 170000 }, 1, 3, { low: 144667, high: 157333 }],
    [{ low: 50, high: 50 }, 0, 2, { low: 50, high: 50 }],
  ])('slice of %o: %i of %i', (range, index, count, expected) => {
    expect(sliceRange(range, index, count)).toEqual(expected);
  });

  test('consecutive slices cover the band exactly', () => {
    const slices = [0, 1, 2, 3, 4].map((i) => sliceRange({ low: 101, high: 997 }, i, 5));
    expect(slices[0].low).toBe(101);
    expect(slices[4].high).toBe(997);
    for (let i = 1; i < 5; i++) expect(slices[i].low).toBe(slices[i - 1].high);
  });

  test('the seed London band at L4 is the middle third of base, stock and total comp', () => {
    expect(narrowBandToLevel(band, parseLevelMapping(SEED_MAPPING), 'l4')).toEqual({
      ...band,
      base: { low: 144667, high: 157333 },
      stock: { low: 178000, high: 214000 },
      totalComp: { low: 232667, high: 260333 },
    });
  });

  test('missing components stay missing; a one-level range is the whole band', () => {
    const bare = { ...band, stock: null, totalComp: null };
    expect(narrowBand(bare, 0, 2)).toEqual({ ...bare, base: { low: 132000, high: 151000 } });
    expect(narrowBand(band, 0, 1)).toBe(band);
  });

  test('a level outside the own range is not found', () => {
    const err = catchError(() => narrowBandToLevel(band, parseLevelMapping(SEED_MAPPING), 'L6'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.hints).toEqual(['valid: L3, L4, L5']);
  });
});

describe('properties', () => {
  const sizes = fc.integer({ min: 1, max: 12 });
  test('mapIndex stays in range, never goes down as the level goes up, maps ends to ends, rounds to the nearest', () => {
    fc.assert(
      fc.property(sizes, sizes, (n, m) => {
        const mapped = Array.from({ length: n }, (_, i) => mapIndex(i, n, m));
        for (const j of mapped) expect(j >= 0 && j < m).toBe(true);
        for (let i = 1; i < n; i++) expect(mapped[i]).toBeGreaterThanOrEqual(mapped[i - 1]);
        if (n === m) expect(mapped).toEqual(Array.from({ length: n }, (_, i) => i));
        if (n > 1) {
          expect(mapped[0]).toBe(0);
          expect(mapped[n - 1]).toBe(m - 1);
        }
        // onto a range at least as long, no two levels collapse into one
        if (m >= n) expect(new Set(mapped).size).toBe(n);
        // the rounding is to the nearest: never more than half a level from the exact position
        if (n > 1)
          for (const [i, j] of mapped.entries()) expect(Math.abs(j - (i * (m - 1)) / (n - 1))).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  test('any prefix, range and separator style parses to the expected ladder', () => {
    const prefix = fc.constantFrom('', 'L', 'E', 'IC', 'SDE', 'P', 'T', 'M', 'DS', 'MTS', 'l', 'e');
    const sep = fc.constantFrom('-', '–', '—', ' - ', ' – ', ' to ', ' through ');
    const style = fc.constantFrom('paren', 'after', 'bracket');
    fc.assert(
      fc.property(
        prefix,
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 8 }),
        sep,
        style,
        fc.boolean(),
        (p, lo, span, s, st, bareEnd) => {
          const hi = lo + span;
          const range = span === 0 ? `${p}${lo}` : `${p}${lo}${s}${bareEnd ? '' : p}${hi}`;
          const entry =
            st === 'paren' ? `Acme Data (${range})` : st === 'bracket' ? `Acme Data [${range}]` : `Acme Data ${range}`;
          const m = parseLevelMapping(`${entry} = Globex E4-E6`);
          expect(m.entries[0]).toMatchObject({
            company: 'Acme',
            family: 'Data',
            levels: Array.from({ length: span + 1 }, (_, i) => `${p}${lo + i}`),
          });
          expect(m.entries[1].levels).toEqual(['E4', 'E5', 'E6']);
        },
      ),
    );
  });

  test('the slices of a band are consecutive, in order, and cover it exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e7 }), sizes, (a, b, n) => {
        const r = { low: Math.min(a, b), high: Math.max(a, b) };
        const slices = Array.from({ length: n }, (_, k) => sliceRange(r, k, n));
        expect(slices[0].low).toBe(r.low);
        expect(slices[n - 1].high).toBe(r.high);
        for (let k = 0; k < n; k++) expect(slices[k].low).toBeLessThanOrEqual(slices[k].high);
        for (let k = 1; k < n; k++) expect(slices[k].low).toBe(slices[k - 1].high);
      }),
    );
  });
});

describe('resolveBand', () => {
  const london: Band = {
    region: 'London',
    currency: 'GBP',
    base: { low: 132000, high: 170000 },
    stock: null,
    stockYears: 4,
    bonusPct: null,
    totalComp: null,
  };
  const sf: Band = { ...london, region: 'San Francisco', currency: 'USD', base: { low: 180000, high: 240000 } };
  const guide = (bands: Band[]) => ({
    meta: {
      company: 'cloudflare-workers',
      companyName: 'Cloudflare Workers',
      role: 'ml-ai-engineer',
      bands,
      levelMapping: { internal: null, raw: SEED_MAPPING },
    },
  });

  test.each<[string, Band[], { region?: string; level?: string }, string, string[], boolean]>([
    ['no region, several bands: the first, defaulted', [london, sf], {}, 'London', ['London', 'San Francisco'], true],
    ['no region, one band: that band, not defaulted', [sf], {}, 'San Francisco', ['San Francisco'], false],
    ['a region by prefix', [london, sf], { region: 'san' }, 'San Francisco', ['San Francisco'], false],
    ['a misspelt region', [london, sf], { region: 'londn' }, 'London', ['London'], false],
  ])('%s', (_, bands, query, band, all, defaulted) => {
    const choice = resolveBand(guide(bands), query);
    expect(choice.band.region).toBe(band);
    expect(choice.bands.map((b) => b.region)).toEqual(all);
    expect(choice).toMatchObject({ level: null, estimated: false, defaulted });
  });

  test('a level narrows every band it covers and marks them estimated', () => {
    const choice = resolveBand(guide([london, sf]), { level: 'Google L5' });
    expect(choice).toMatchObject({
      estimated: true,
      defaulted: true,
      level: { company: 'L4', from: { company: 'Google', level: 'L5' } },
    });
    expect(choice.bands.map((b) => b.base)).toEqual([narrowBand(london, 1, 3).base, narrowBand(sf, 1, 3).base]);
    expect(choice.band).toBe(choice.bands[0]);
  });

  test('the region is resolved before the level', () => {
    expect(() => resolveBand(guide([london, sf]), { region: 'Tokyo', level: 'L9' })).toThrow(
      /unknown region for cloudflare-workers ml-ai-engineer "Tokyo"/,
    );
    expect(() => resolveBand(guide([london, sf]), { region: 'London', level: 'L9' })).toThrow(NotFoundError);
  });
});

function catchError(fn: () => unknown): NotFoundError {
  try {
    fn();
  } catch (e) {
    return e as NotFoundError;
  }
  throw new Error('expected an error');
}
