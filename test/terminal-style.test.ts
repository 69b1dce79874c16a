// Colour comes from chalk at the level negotiate decides (colorLevel); widths from string-width.
import { expect, test } from 'vitest';
import { createStyle, displayWidth } from '../src/render/terminal.js';

test('level 0 adds nothing; level 1 wraps each style in its SGR codes', () => {
  const plain = createStyle(0);
  const colour = createStyle(1);
  for (const key of ['bold', 'dim', 'accent', 'good', 'bad', 'warn'] as const) {
    expect(plain[key]('Zürich £132K')).toBe('Zürich £132K');
    expect(colour[key]('x')).toMatch(/^\u001b\[\d+mx\u001b\[\d+m$/);
  }
  expect(colour.bad('x')).toBe('\u001b[31mx\u001b[39m');
  expect(colour.bold('two\nlines')).toBe('\u001b[1mtwo\u001b[22m\n\u001b[1mlines\u001b[22m');
});

test.each([
  ['plain', 5],
  ['£132K–£170K', 11],
  ['Zürich', 6],
  ['Zu\u0308rich', 6], // a combining mark takes no cell
  ['東京', 4],
  ['🏗️', 2],
  ['👩‍💻', 2], // a ZWJ sequence is one glyph
  ['🇬🇧', 2],
  ['\u001b[31mred\u001b[39m', 3],
  ['', 0],
])('displayWidth(%j) = %d', (text, width) => {
  expect(displayWidth(text)).toBe(width);
});

test('the narrow-text fast path counts as string-width does, for every character it takes', async () => {
  const { default: stringWidth } = await import('string-width');
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0xa0, 0xa8],
    [0xaa, 0xac],
    [0xaf, 0xff],
    [0x2010, 0x2027],
    [0x2030, 0x203b],
    [0x20a0, 0x20c0],
    [0x2200, 0x22ff],
    [0x2500, 0x25a9],
    [0x25ac, 0x25b5],
    [0x2605, 0x2606],
  ];
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      expect([cp.toString(16), displayWidth(ch)]).toEqual([cp.toString(16), stringWidth(ch)]);
      expect(stringWidth(ch)).toBe(1);
    }
  }
  // Emoji-capable symbols just outside the fast path go to string-width: © ® ▶ count 2 there.
  expect(['©', '®', '▶'].map(displayWidth)).toEqual([2, 2, 2]);
});
