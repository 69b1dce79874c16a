import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { computeAsk, computeTargets, roundAmount } from '../src/draft/ask.js';
import { parseCompeting } from '../src/draft/competing.js';
import { firstPersonClaims, parseLeverList, selectLevers } from '../src/draft/levers.js';
import { chooseStandard, largestGap } from '../src/draft/standard.js';
import { parseBody } from '../src/guides/body.js';
import { parseGuide } from '../src/guides/parse.js';
import type { Band } from '../src/guides/types.js';
import { SEED } from './helpers.js';

const seed = parseGuide(readFileSync(SEED, 'utf8'), SEED);
const meta = seed.meta!;
const body = parseBody(seed.body, seed.bodyLine);
const band = (region: string) => meta.bands.find((b) => b.region === region)!;

describe('targets and floor', () => {
  test("San Francisco is the reference band: the guide's figures as stated, not estimated", () => {
    const t = computeTargets(body.strategy, meta.bands, band('San Francisco'), {
      isLevelSlice: false,
      where: 'San Francisco',
    });
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
    const t = computeTargets(body.strategy, meta.bands, slice, {
      isLevelSlice: true,
      where: 'San Francisco, level L3',
    });
    expect(t.target).toMatchObject({ base: Math.round((248000 * 207500) / 226500 / 1000) * 1000, estimated: true });
    expect(t.notes[0]).toMatch(/for San Francisco, level L3 they are scaled/);
  });

  test("no band in the strategy's currency: converted at the rate given, estimated; without a rate, not used", () => {
    const rate = (from: string, to: string) => ({
      from,
      to,
      rate: 0.75,
      asOf: '2025-10-31',
      source: 'test',
      origin: 'table' as const,
      stale: false,
    });
    const t = computeTargets(body.strategy, [band('London')], band('London'), {
      isLevelSlice: false,
      where: 'London',
      rate,
    });
    expect(t.target).toEqual({ base: 186000, stock: 276000, bonusPct: 15, currency: 'GBP', estimated: true });
    expect(t.floor).toEqual({ base: 165000, stock: 228750, bonusPct: 10, currency: 'GBP', estimated: true });
    expect(t.notes[0]).toMatch(/for no band of its own; for London they are converted from USD to GBP/);
    const none = computeTargets(body.strategy, [band('London')], band('London'), {
      isLevelSlice: false,
      where: 'London',
    });
    expect(none).toMatchObject({
      target: null,
      floor: null,
      notes: [
        "the guide's targets are in USD, which none of its bands uses, and there is no rate to convert them: targets and floor are not used",
      ],
    });
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
  // 165,000 × 1.15 + 243,000 / 4
  const targetTC = 250500;

  test('no offer: the targets, with their annual TC', () => {
    expect(computeAsk(target, london, null, {})).toEqual({
      ask: { ...target, annualTC: targetTC },
      notes: [],
      metAll: false,
    });
  });

  test('never below the offer: a component that meets its target is held', () => {
    const { ask, notes, metAll } = computeAsk(target, london, { base: 170000, stock: 200000, bonusPct: 10 }, {});
    expect(ask).toEqual({
      base: 170000,
      stock: 243000,
      bonusPct: 15,
      currency: 'GBP',
      estimated: true,
      annualTC: 256250,
    });
    expect(notes).toEqual([
      "the offer's base (£170,000) already meets the target (£165,000): the ask holds it rather than ask for less",
    ]);
    expect(metAll).toBe(false);
  });

  test('an offer that meets every target: metAll (the message then accepts), nothing asked beyond the offer', () => {
    const { ask, metAll } = computeAsk(
      target,
      london,
      { base: 170000, stock: 250000, bonusPct: 15, signOn: [10000] },
      {},
    );
    expect(ask).toEqual({
      base: 170000,
      stock: 250000,
      bonusPct: 15,
      currency: 'GBP',
      estimated: false,
      annualTC: 258000,
    });
    expect(metAll).toBe(true);
  });

  test('overrides replace targets and are not estimated; one below the offer is raised to the offer', () => {
    const { ask, notes } = computeAsk(
      target,
      london,
      { base: 150000, stock: 200000 },
      { base: 140000, stock: 260000, bonusPct: 12 },
    );
    expect(ask).toEqual({
      base: 150000,
      stock: 260000,
      bonusPct: 12,
      currency: 'GBP',
      estimated: false,
      annualTC: 233000,
    });
    expect(notes[0]).toBe(
      "--ask-base £140,000 is below the offer's £150,000: the ask keeps £150,000 (it never asks for less)",
    );
  });

  test("no targets at all: the band's 75% point for money, the band's bonus kept, said in the notes", () => {
    const { ask, notes } = computeAsk(null, london, null, {});
    expect(ask).toEqual({
      base: 161000,
      stock: 223000,
      bonusPct: 10,
      currency: 'GBP',
      estimated: false,
      annualTC: 232850,
    });
    expect(notes).toEqual([
      "the guide states no target base: the ask uses the band's 75% point (£161,000)",
      "the guide states no target stock grant: the ask uses the band's 75% point (£223,000)",
    ]);
  });
});

describe('the one number and its one standard', () => {
  const london = band('London');
  const ask = { base: 165000, stock: 243000, bonusPct: 15, currency: 'GBP', estimated: true, annualTC: 250500 };
  const offer = { base: 150000, stock: 200000, bonusPct: 10 };
  const currentTC = 215000; // 150,000 × 1.1 + 200,000 / 4
  const gbp = (name: string, amount: number) => ({ name, amount, currency: 'GBP', converted: null });
  const input = {
    ask,
    offer,
    currentTC,
    competing: [],
    band: london,
    wholeBand: null,
    mode: 'component' as const,
    explicit: false,
  };

  test.each([
    // [offer, largest gap]: base gap 15,000; stock (243,000 − 200,000) / 4 = 10,750; bonus 165,000 × 5% = 8,250
    [{ base: 150000, stock: 200000, bonusPct: 10 }, 'base'],
    [{ base: 160000, stock: 150000, bonusPct: 10 }, 'stock'],
    [{ base: 165000, stock: 243000, bonusPct: 5 }, 'annualTC'],
    [{ base: 165000, stock: 243000, bonusPct: 15 }, null],
    [null, 'base'],
  ] as const)('largest gap for %j: %s', (o, h) => expect(largestGap(ask, o, 4)).toBe(h));

  test('rule 2: the band whose top is at or above the ask; the number is the component with the largest gap', () => {
    const r = chooseStandard(input);
    expect(r).toMatchObject({
      headline: 'base',
      amount: 165000,
      standard: { kind: 'market', scope: 'band', range: { low: 132000, high: 170000 } },
      accept: false,
    });
  });

  test('rule 2 with a level: the slice when it holds the ask, else the whole band; rule 3 when neither does', () => {
    const slice = { ...london, base: { low: 132000, high: 144667 } };
    expect(chooseStandard({ ...input, band: slice, wholeBand: london }).standard).toMatchObject({
      kind: 'market',
      scope: 'band',
    });
    const high = { ...london, base: { low: 157333, high: 170000 } };
    expect(chooseStandard({ ...input, band: high, wholeBand: london }).standard).toMatchObject({
      kind: 'market',
      scope: 'level',
      range: high.base,
    });
    const r = chooseStandard({ ...input, ask: { ...ask, base: 180000 } });
    expect(r.standard).toEqual({ kind: 'none' });
    expect(r.notes).toEqual([
      'the ask (£180,000) is above the market data the guide holds (its top: £170,000): the message states it without a range',
    ]);
  });

  test("--ask total: the annual TC against the band's annual TC", () => {
    expect(chooseStandard({ ...input, mode: 'total', ask: { ...ask, annualTC: 240000 } })).toMatchObject({
      headline: 'annualTC',
      amount: 240000,
      standard: { kind: 'market', range: { low: 180700, high: 249500 } },
    });
  });

  test.each([
    [
      'above the ask: lifted to it, rounded up to thousands',
      315790,
      { headline: 'annualTC', amount: 316000, cites: 'Rival' },
    ],
    [
      'between the current offer and the ask: cited, the ask stays',
      230000,
      { headline: 'annualTC', amount: 250500, cites: 'Rival' },
    ],
    ['equal to the current offer: left out', 215000, { headline: 'base', amount: 165000, cites: null }],
    ['below the current offer: left out', 190000, { headline: 'base', amount: 165000, cites: null }],
  ])('a competing offer %s', (_name, amount, out) => {
    const r = chooseStandard({ ...input, competing: [gbp('Rival', amount)] });
    expect({
      headline: r.headline,
      amount: r.amount,
      cites: r.standard.kind === 'competing' ? r.standard.offer.name : null,
    }).toEqual(out);
    expect(r.amount).toBeGreaterThanOrEqual(r.standard.kind === 'competing' ? amount : 0);
    if (out.cites === null)
      expect(r.notes[0]).toMatch(
        /^competing offer Rival \(£[\d,]+\) is at or below the current offer's annual TC \(£215,000\): left out/,
      );
    if (amount === 315790) {
      // The components are split in the target's proportions, never below it.
      expect(r.ask.base! / r.ask.stock!).toBeCloseTo(165000 / 243000, 2);
      expect(r.ask.annualTC).toBe(316000);
    }
  });

  test('the highest above the current offer is the one standard; the others are named in the notes', () => {
    const r = chooseStandard({ ...input, competing: [gbp('A', 230000), gbp('B', 260000), gbp('C', 200000)] });
    expect(r.standard).toMatchObject({ kind: 'competing', offer: { name: 'B' } });
    expect(r.notes.join('\n')).toMatch(
      /C .* left out[\s\S]*A .* left out of the message: it cites one standard, your highest offer \(B\)/,
    );
  });

  test('an explicit --ask-* below a competing offer leaves that offer out', () => {
    const r = chooseStandard({ ...input, explicit: true, competing: [gbp('Rival', 300000)] });
    expect(r.standard.kind).toBe('market');
    expect(r.notes[0]).toMatch(
      /your --ask-\* amounts put the ask's annual TC \(£250,500\) below competing offer Rival \(£300,000\): it is left out/,
    );
  });

  test('an offer that meets the target everywhere, no competing offer above it: accept', () => {
    const r = chooseStandard({
      ...input,
      offer: { base: 170000, stock: 250000, bonusPct: 15 },
      currentTC: 258000,
      ask: { ...ask, base: 170000, stock: 250000 },
    });
    expect(r.accept).toBe(true);
    expect(r.notes).toEqual([
      'the offer meets the target on every component and no competing offer is above it: the message thanks, accepts and asks for the offer in writing',
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

  test("none by default: the guide's scripts speak for the user, so the notes say how to choose", () => {
    const r = selectLevers(body.levers, body.leverSections, meta.companyName, null);
    expect(r.levers).toEqual([]);
    expect(r.notes[0]).toMatch(/^no levers used: the guide's scripts speak for you in the first person/);
  });

  test('chosen ones carry how they were chosen; lever 1 gets its section as context', () => {
    const r = selectLevers(body.levers, body.leverSections, meta.companyName, [1, 3], 'confirmed');
    expect(r.levers.map((l) => [l.number, l.how, l.context?.heading ?? null])).toEqual([
      [1, 'confirmed', 'Cloudflare Workers AI Edge Inference Lever'],
      [3, 'confirmed', null],
    ]);
    expect(r.notes).toEqual([]);
  });

  test.each([
    [
      "I optimize AI model inference for Cloudflare's edge. Edge AI at this scale is a frontier challenge.",
      ["I optimize AI model inference for Cloudflare's edge."],
    ],
    ['AWS and Google compete for ML engineers. Cloudflare must pay well.', []],
    ["My work cut latency by 30%! It's rare. I'm the lead.", ['My work cut latency by 30%!', "I'm the lead."]],
  ])('first-person claims in %j', (script, claims) => expect(firstPersonClaims(script)).toEqual(claims));

  test('asked numbers in the order given; an unknown one lists the real ones', () => {
    expect(selectLevers(body.levers, [], meta.companyName, [4, 2]).levers.map((l) => l.title)).toEqual([
      'AWS Inferentia/Google TPU/Meta Competition',
      'Workers AI Model Serving',
    ]);
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
