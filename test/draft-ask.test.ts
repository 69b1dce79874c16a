import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { computeAsk, computeTargets, roundAmount } from '../src/draft/ask.js';
import { parseCompeting } from '../src/draft/competing.js';
import { parseLeverList, selectLevers } from '../src/draft/levers.js';
import { parseBody } from '../src/guides/body.js';
import { parseGuide } from '../src/guides/parse.js';
import type { Band } from '../src/guides/types.js';
import { SEED } from './helpers.js';

const seed = parseGuide(readFileSync(SEED, 'utf8'), SEED);
const meta = seed.meta!;
const body = parseBody(seed.body, seed.bodyLine);
const band = (region: string) => meta.bands.find((b) => b.region === region)!;

describe('targets and floor', () => {
  test('San Francisco is the reference band: the guide\'s figures as stated, not estimated', () => {
    const t = computeTargets(body.strategy, meta.bands, band('San Francisco'), { isLevelSlice: false, where: 'San Francisco' });
    expect(t.target).toEqual({ base: 248000, stock: 368000, bonusPct: 15, currency: 'USD', estimated: false });
    expect(t.floor).toEqual({ base: 220000, stock: 305000, bonusPct: 10, currency: 'USD', estimated: false });
    expect(t.notes).toEqual([]);
  });

  test('London: scaled per component by the ratio of band midpoints, estimated, and the notes say so', () => {
    const t = computeTargets(body.strategy, meta.bands, band('London'), { isLevelSlice: false, where: 'London' });
    // base 248000 × 151000/226500, stock 368000 × 196000/296500, bonus 15 × 10/10; floor likewise.
    expect(t.target).toEqual({ base: 165000, stock: 243000, bonusPct: 15, currency: 'GBP', estimated: true });
    // The floor is not rounded: it is the same figure evaluate shows.
    expect(t.floor).toEqual({ base: 146667, stock: 201619, bonusPct: 10, currency: 'GBP', estimated: true });
    expect(t.notes).toEqual([
      'the guide states its targets ($248,000 base, $368,000 stock, 15% bonus) for San Francisco; for London they are scaled by the ratio of band midpoints (base ×0.667, stock ×0.661) and rounded to thousands: estimated',
    ]);
  });

  test('a level slice of the reference region is estimated too', () => {
    const sf = band('San Francisco');
    const slice: Band = { ...sf, base: { low: 198000, high: 217000 }, stock: { low: 215000, high: 269333 } };
    const t = computeTargets(body.strategy, meta.bands, slice, { isLevelSlice: true, where: 'San Francisco, level L3' });
    expect(t.target).toMatchObject({ base: Math.round((248000 * 207500) / 226500 / 1000) * 1000, estimated: true });
    expect(t.notes[0]).toMatch(/for San Francisco, level L3 they are scaled/);
  });

  test('no band in the strategy\'s currency: converted at the rate given, estimated; without a rate, not used', () => {
    const rate = (from: string, to: string) => ({ from, to, rate: 0.75, asOf: '2025-10-31', source: 'test', origin: 'table' as const, stale: false });
    const t = computeTargets(body.strategy, [band('London')], band('London'), { isLevelSlice: false, where: 'London', rate });
    expect(t.target).toEqual({ base: 186000, stock: 276000, bonusPct: 15, currency: 'GBP', estimated: true });
    expect(t.floor).toEqual({ base: 165000, stock: 228750, bonusPct: 10, currency: 'GBP', estimated: true });
    expect(t.notes[0]).toMatch(/for no band of its own; for London they are converted from USD to GBP/);
    const none = computeTargets(body.strategy, [band('London')], band('London'), { isLevelSlice: false, where: 'London' });
    expect(none).toMatchObject({ target: null, floor: null, notes: ["the guide's targets are in USD, which none of its bands uses, and there is no rate to convert them: targets and floor are not used"] });
  });

  test.each([
    [9999.4, 9999],
    [10_499, 10_000],
    [165_333.3, 165_000],
    [243_500, 244_000],
  ])('roundAmount(%d) = %d', (n, r) => expect(roundAmount(n)).toBe(r));
});

describe('the ask', () => {
  const london = band('London');
  const target = { base: 165000, stock: 243000, bonusPct: 15, currency: 'GBP', estimated: true };

  test('no offer: the targets', () => {
    expect(computeAsk(target, london, null, {})).toEqual({ ask: { ...target }, notes: [] });
  });

  test('never below the offer: a component that meets its target is held, the ask rests on the others', () => {
    const { ask, notes } = computeAsk(target, london, { base: 170000, stock: 200000, bonusPct: 10 }, {});
    expect(ask).toEqual({ base: 170000, stock: 243000, bonusPct: 15, currency: 'GBP', estimated: true });
    expect(notes).toEqual([
      "the offer's base (£170,000) already meets the target (£165,000): the message holds it rather than ask for less",
      'the ask rests on the stock grant and target bonus instead',
    ]);
  });

  test('an offer that meets every target: the ask moves to a sign-on (10% of base, on top of any offered)', () => {
    const { ask, notes } = computeAsk(target, london, { base: 170000, stock: 250000, bonusPct: 15, signOn: [10000] }, {});
    expect(ask).toEqual({ base: 170000, stock: 250000, bonusPct: 15, currency: 'GBP', estimated: false, signOn: 27000 });
    expect(notes.at(-1)).toBe('the offer meets every target, so the ask moves to a one-time sign-on of £27,000 (10% of base, on top of the £10,000 offered) instead of asking for less');
  });

  test('overrides replace targets and are not estimated; one below the offer is raised to the offer', () => {
    const { ask, notes } = computeAsk(target, london, { base: 150000, stock: 200000 }, { base: 140000, stock: 260000, bonusPct: 12 });
    expect(ask).toEqual({ base: 150000, stock: 260000, bonusPct: 12, currency: 'GBP', estimated: false });
    expect(notes[0]).toBe("--ask-base £140,000 is below the offer's £150,000: the ask keeps £150,000 (it never asks for less)");
  });

  test('no targets at all: the band\'s 75% point for money, the band\'s bonus kept, said in the notes', () => {
    const { ask, notes } = computeAsk(null, london, null, {});
    expect(ask).toEqual({ base: 161000, stock: 223000, bonusPct: 10, currency: 'GBP', estimated: false });
    expect(notes).toEqual([
      "the guide states no target base: the ask uses the band's 75% point (£161,000)",
      "the guide states no target stock grant: the ask uses the band's 75% point (£223,000)",
    ]);
  });
});

describe('levers and competing offers', () => {
  test.each([
    ['1,3', [1, 3]],
    [' 3 , 1 ', [3, 1]],
    ['2,2,1', [2, 1]],
  ])('--levers %j → %j', (v, out) => expect(parseLeverList(v)).toEqual(out));

  test.each(['', '0', '1,,3', 'one', '1-3', '-1'])('--levers %j is a usage error', (v) => {
    expect(() => parseLeverList(v)).toThrow(/--levers: ".*" is not a list of lever numbers/);
  });

  test('default: the first three of four, the fourth named in the notes; lever 1 gets its section as context', () => {
    const r = selectLevers(body.levers, body.leverSections, meta.companyName, null);
    expect(r.levers.map((l) => l.number)).toEqual([1, 2, 3]);
    expect(r.notes).toEqual([
      "levers used: the guide's first 3; left out: 4 (AWS Inferentia/Google TPU/Meta Competition). Choose with --levers, e.g. --levers 1,2,3,4",
    ]);
    expect(r.levers.map((l) => l.context?.heading ?? null)).toEqual(['Cloudflare Workers AI Edge Inference Lever', null, null]);
  });

  test('all of them when there are three or fewer', () => {
    const r = selectLevers(body.levers.slice(0, 3), [], meta.companyName, null);
    expect(r).toMatchObject({ notes: [], levers: [{ number: 1 }, { number: 2 }, { number: 3 }] });
  });

  test('asked numbers in the order given; an unknown one lists the real ones', () => {
    expect(selectLevers(body.levers, [], meta.companyName, [4, 2]).levers.map((l) => l.title)).toEqual(['AWS Inferentia/Google TPU/Meta Competition', 'Workers AI Model Serving']);
    expect(() => selectLevers(body.levers, [], meta.companyName, [7])).toThrow('--levers: the guide has no lever 7');
  });

  test.each([
    ['Google=$420k', { name: 'Google', amount: 420000, currency: 'USD' }],
    ['Acme Corp = 180,000', { name: 'Acme Corp', amount: 180000, currency: undefined }],
    ['A=B=GBP 150000', { name: 'A=B', amount: 150000, currency: 'GBP' }],
  ])('--competing %j', (v, out) => expect(parseCompeting(v)).toEqual(out));

  test.each([
    ['Google', /is not NAME=AMOUNT/],
    ['=420k', /is not NAME=AMOUNT/],
    ['Google=lots', /--competing Google: "lots" is not an amount/],
    ['Google=-5', /is negative/],
  ])('--competing %j is a usage error', (v, message) => expect(() => parseCompeting(v)).toThrow(message));
});
