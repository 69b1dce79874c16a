// Property-based tests (fast-check, fixed seeds, bounded runs): repair, parse and money on arbitrary input.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findAmounts, formatMoney, parseAmount, parseTextRange } from '../../src/comp/money.js';
import { FrontMatterError } from '../../src/guides/frontmatter.js';
import { repairMojibake } from '../../src/guides/mojibake.js';
import { parseGuide } from '../../src/guides/parse.js';
import { parseBody } from '../../src/guides/body.js';
import { UsageError } from '../../src/errors.js';
import { guideText } from '../helpers.js';

const RUNS = { numRuns: 300, seed: 20261129 };

/** Text that looks like mojibake: Windows-1252 renderings of UTF-8 bytes, mixed with anything. */
const mojibakeish = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('â€“', 'Â£', 'â€”', 'ðŸ—ï¸', 'Ã©', 'Ã', 'â€', 'Â', 'ðŸ', '\u0081', '\u008d', ' '),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));
/** A string of Windows-1252 renderings of arbitrary bytes: what mojibake is made of. */
const cp1252ish = fc.uint8Array({ maxLength: 40 }).map((bytes) => new TextDecoder('latin1').decode(bytes));

describe('repairMojibake', () => {
  test.each([
    ['arbitrary strings', fc.string({ unit: 'binary', maxLength: 60 })],
    ['mojibake-like strings', mojibakeish],
    ['bytes read as Windows-1252', cp1252ish],
  ] as const)('%s: never throws, and repairing twice changes nothing', (_name, arb) => {
    fc.assert(
      fc.property(arb, (s) => {
        const once = repairMojibake(s);
        const twice = repairMojibake(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.repairs).toBe(0);
      }),
      RUNS,
    );
  });

  test('UTF-8 text mis-decoded once is repaired back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        fc.pre(!/[\u0080-\u00ff]/.test(s)); // text that already had Latin-1 letters may be ambiguous
        const broken = [...new TextEncoder().encode(s)].map((b) => String.fromCodePoint(CP1252[b] ?? b)).join('');
        fc.pre(![...new TextEncoder().encode(s)].some((b) => [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b)));
        expect(repairMojibake(broken).text).toBe(s);
      }),
      RUNS,
    );
  });
});

// Windows-1252's 0x80–0x9F (the rest of the bytes map to the same code point).
const CP1252: Record<number, number> = Object.fromEntries(
  [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
    0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e,
    0x178,
  ].map((cp, i) => [0x80 + i, cp]),
);

describe('parseGuide on arbitrary bytes', () => {
  const check = (text: string) => {
    let g: ReturnType<typeof parseGuide>;
    try {
      g = parseGuide(text, 'fuzz.md');
    } catch (err) {
      // The only thing allowed out is the typed front-matter error, and parseGuide turns that into a finding.
      expect(err).toBeInstanceOf(FrontMatterError);
      return;
    }
    for (const f of g.findings) expect(typeof f.message).toBe('string');
    parseBody(g.body, g.bodyLine);
  };

  test('random bytes (decoded as UTF-8, invalid sequences included) give findings, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => check(Buffer.from(bytes).toString('utf8'))),
      RUNS,
    );
  });

  test('random bytes after a valid opening line, and inside a valid guide', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, at) => {
        const noise = Buffer.from(bytes).toString('utf8');
        check(`---\n${noise}`);
        check(`---\n${noise}\n---\n`);
        const good = guideText();
        const i = at % good.length;
        check(good.slice(0, i) + noise + good.slice(i));
      }),
      RUNS,
    );
  });

  test('YAML-shaped noise: keys, indicators, anchors, tags and flow collections', () => {
    const token = fc.constantFrom(
      'company: ',
      'role: ',
      'compensation:',
      '  - ',
      '    base_low: ',
      '&a ',
      '*a ',
      '!!str ',
      '!!binary ',
      '[',
      ']',
      '{',
      '}',
      ',',
      '? ',
      ': ',
      '|',
      '>',
      '"',
      "'",
      '#',
      '\n',
      '  ',
      '---',
      '...',
      '%YAML 1.2',
      '<<: ',
      '__proto__',
      '1e999',
      '-1',
      '.nan',
      '0x1F',
      '~',
      'null',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (ts) => check(`---\n${ts.join('')}\n---\nbody\n`)),
      RUNS,
    );
  });
});

describe('money', () => {
  const amount = fc.integer({ min: 0, max: 1e9 });
  const currency = fc.constantFrom('USD', 'GBP', 'EUR', 'JPY', 'INR', 'CHF', 'CAD', 'SEK', 'PLN', 'CNY');

  test('formatMoney → parseAmount gives back the amount and the currency', () => {
    fc.assert(
      fc.property(amount, currency, (n, c) => {
        const text = formatMoney(n, c);
        const parsed = parseAmount(text, '--base');
        expect(parsed.amount).toBe(n);
        expect(parsed.currency).toBe(c);
      }),
      RUNS,
    );
  });

  test('plain, grouped, k and m forms parse to the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        expect(parseAmount(String(n), '--base').amount).toBe(n);
        expect(parseAmount(n.toLocaleString('en-US'), '--base').amount).toBe(n);
        expect(parseAmount(`${n / 1000}k`, '--base').amount).toBe(n);
        expect(parseAmount(`GBP ${n}`, '--base')).toEqual({ amount: n, currency: 'GBP' });
      }),
      RUNS,
    );
  });

  test('arbitrary strings: an amount or a usage error naming the flag, nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.string({
            unit: fc.constantFrom('1', '0', ',', '.', 'k', 'm', '$', '£', '-', ' ', 'G', 'B', 'P', 'e'),
            maxLength: 20,
          }),
        ),
        (s) => {
          try {
            const a = parseAmount(s, '--stock');
            expect(Number.isFinite(a.amount)).toBe(true);
            expect(a.amount).toBeGreaterThanOrEqual(0);
            expect(a.amount).toBeLessThanOrEqual(1e9);
          } catch (err) {
            expect(err).toBeInstanceOf(UsageError);
            expect((err as Error).message).toMatch(/^--stock: /);
          }
        },
      ),
      RUNS,
    );
  });

  test('guide prose: every amount found is finite and not negative; ranges never throw', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('$', '£', '€', '1', '9', ',', '.', 'K', 'M', 'B', ' ', '-', '–', 'to', '%', 'x'),
          maxLength: 40,
        }),
        (s) => {
          for (const a of findAmounts(s)) expect(Number.isFinite(a.amount) && a.amount >= 0).toBe(true);
          const r = parseTextRange(s);
          if (r) expect(Number.isFinite(r.low) && Number.isFinite(r.high)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});
