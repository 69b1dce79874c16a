// The pieces of issue 28 that need no process: name escaping, bytes of file names, template caps, the local date.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { editDistance, editDistanceWithin } from '../src/text/names.js';
import { localDate } from '../src/context.js';
import { compileTemplate, MAX_TEMPLATE_DEPTH, renderTemplate } from '../src/draft/template.js';
import { decodeName, fsPath } from '../src/file-names.js';
import { escapeName } from '../src/text/escape.js';
import { UsageError } from '../src/errors.js';

describe('escapeName', () => {
  test.each([
    ['plain/path.md', 'plain/path.md'],
    ['a\nerror: forged', 'a\\nerror: forged'],
    ['tab\there\r', 'tab\\there\\r'],
    ['esc\u001b[31mred', 'esc\\x1b[31mred'],
    ['c1\u009b2J', 'c1\\x9b2J'],
    ['bidi\u202egnp.md', 'bidi\\u202egnp.md'],
    ['back\\slash', 'back\\\\slash'],
    ['caf\udce9.md', 'caf\\xe9.md'],
    ['Zürich 🙂', 'Zürich 🙂'],
  ])('%j → %j', (name, shown) => {
    expect(escapeName(name)).toBe(shown);
    expect(escapeName(name)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('file names as bytes', () => {
  test.each([
    [[0x63, 0x61, 0x66, 0xe9]],
    [[0xff, 0xfe]],
    [[0xc3, 0xa9]],
    [[0xed, 0xa0, 0x80]],
    [[0xf0, 0x9f, 0x99, 0x82, 0x80]],
    [[0xe2, 0x82]],
  ])('%j goes back to the same bytes', (bytes) => {
    const buf = Buffer.from(bytes);
    const name = decodeName(buf);
    const back = fsPath(name);
    expect(Buffer.isBuffer(back) ? back : Buffer.from(back)).toEqual(buf);
  });
  test('a UTF-8 name is its text, handed to the file system as a string', () => {
    expect(decodeName(Buffer.from('Zürich.md'))).toBe('Zürich.md');
    expect(fsPath('Zürich.md')).toBe('Zürich.md');
  });
});

describe('template caps', () => {
  const schema = { values: ['company'], lists: { levers: ['title'] } };
  test(`sections nested deeper than ${MAX_TEMPLATE_DEPTH}: a usage error naming the line`, () => {
    const deep = (n: number) => `${'{{#levers}}\n'.repeat(n)}x\n${'{{/levers}}\n'.repeat(n)}`;
    expect(() => compileTemplate(deep(MAX_TEMPLATE_DEPTH), 't', schema)).not.toThrow();
    expect(() => compileTemplate(deep(MAX_TEMPLATE_DEPTH + 1), 't', schema)).toThrow(
      /t:17: sections nest more than 16 deep/,
    );
  });
  test('output that multiplies stops at the cap, even when the sections print nothing', () => {
    const levers = Array.from({ length: 4 }, (_, i) => ({ title: `t${i}` }));
    for (const body of ['{{title}} and more text', '']) {
      const t = compileTemplate(`${'{{#levers}}'.repeat(16)}${body}${'{{/levers}}'.repeat(16)}`, 't', schema);
      expect(() => renderTemplate(t, { levers })).toThrow(UsageError);
    }
    const small = compileTemplate('{{#levers}}{{title}},{{/levers}}', 't', schema);
    expect(renderTemplate(small, { levers })).toBe('t0,t1,t2,t3,');
  });
});

describe('localDate', () => {
  test.each([
    ['Pacific/Auckland', '2026-11-30'],
    ['Pacific/Honolulu', '2026-11-29'],
    ['UTC', '2026-11-29'],
  ])('%s at 2026-11-29 12:00 UTC is %s', (tz, date) => {
    const before = process.env.TZ;
    process.env.TZ = tz;
    try {
      expect(localDate(new Date('2026-11-29T12:00:00Z'))).toBe(date);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('editDistanceWithin', () => {
  test('agrees with editDistance up to the bound, on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c', '-') }),
        fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c', '-') }),
        fc.nat(8),
        (a, b, max) => {
          expect(editDistanceWithin(a, b, max)).toBe(Math.min(editDistance(a, b), max + 1));
        },
      ),
      { numRuns: 2000, seed: 20261206 },
    );
  });
});
