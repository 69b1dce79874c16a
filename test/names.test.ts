import { describe, expect, test } from 'vitest';
import { NotFoundError } from '../src/errors.js';
import { editDistance, findName, normaliseName, resolveName, type Candidate } from '../src/text/names.js';

test.each([
  ['Zürich', 'zurich'],
  ['San Francisco', 'san-francisco'],
  ['ML/AI Engineer', 'ml-ai-engineer'],
  ['  Cloudflare   Workers ', 'cloudflare-workers'],
  ['São Paulo', 'sao-paulo'],
  ['ml_ai_engineer', 'ml-ai-engineer'],
])('normaliseName(%j) = %j', (input, out) => expect(normaliseName(input)).toBe(out));

test.each([
  ['london', 'london', 0],
  ['londn', 'london', 1],
  ['lodnon', 'london', 1],
  ['paris', 'london', 6],
])('editDistance(%s, %s) = %d', (a, b, d) => expect(editDistance(a, b)).toBe(d));

const regions: Candidate<string>[] = ['San Francisco', 'San Jose', 'Austin', 'London', 'Zürich', 'New York'].map(
  (r) => ({ value: r, names: [r], label: r }),
);

describe('resolveName', () => {
  test.each([
    ['london', 'London', 'exact'],
    ['LONDON', 'London', 'exact'],
    ['zurich', 'Zürich', 'exact'],
    ['san francisco', 'San Francisco', 'exact'],
    ['san-francisco', 'San Francisco', 'exact'],
    ['aus', 'Austin', 'prefix'],
    ['san f', 'San Francisco', 'prefix'],
    ['londn', 'London', 'misspelling'],
    ['new yrok', 'New York', 'misspelling'],
    ['Zuerich', 'Zürich', 'misspelling'],
  ])('%j → %s (%s)', (query, value, kind) => expect(resolveName(query, regions, 'region')).toEqual({ kind, value }));

  test('ambiguous prefix exits 1 with suggestions', () => {
    const err = (() => {
      try {
        resolveName('san', regions, 'region');
      } catch (e) {
        return e as NotFoundError;
      }
    })()!;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.exitCode).toBe(1);
    expect(err.message).toBe('region "san" is ambiguous');
    expect(err.hints).toEqual(['did you mean San Francisco or San Jose?']);
  });

  test('unknown names suggest close ones', () => {
    expect(() => resolveName('Tokyo', regions, 'region')).toThrow(NotFoundError);
    try {
      resolveName('Berlin', regions, 'region');
    } catch (e) {
      expect((e as NotFoundError).message).toBe('unknown region "Berlin"');
    }
  });

  test('empty query is unknown, not a match', () =>
    expect(() => resolveName('', regions, 'region')).toThrow(NotFoundError));
});

describe('findName: resolveName with a miss as a value', () => {
  test.each([
    ['londn', { ok: true, value: { kind: 'misspelling', value: 'London' } }],
    ['san', { ok: false, reason: { message: 'region "san" is ambiguous', ambiguous: true } }],
    ['tokyo', { ok: false, reason: { message: 'unknown region "tokyo"', ambiguous: false } }],
  ])('%s', (query, expected) => {
    const found = findName(query, regions, 'region');
    expect(found).toMatchObject(expected);
    // resolveName throws exactly the miss (message and hints), or returns the match.
    let thrown: NotFoundError | undefined;
    try {
      expect(resolveName(query, regions, 'region')).toEqual(found.ok ? found.value : undefined);
    } catch (err) {
      thrown = err as NotFoundError;
    }
    expect(thrown && { message: thrown.message, hints: thrown.hints }).toEqual(
      found.ok ? undefined : { message: found.reason.message, hints: found.reason.hints },
    );
  });
});
