// createStyle writes the same bytes chalk 5 would (negotiate dropped chalk from start-up, not its output).
import { Chalk } from 'chalk';
import { expect, test } from 'vitest';
import { createStyle } from '../src/render/terminal.js';

const TEXTS = ['', 'plain', 'two\nlines', 'crlf\r\nline', '\n', 'end\n', 'in \u001b[1mbold\u001b[22m text', 'in \u001b[36mcyan\u001b[39m text', '\u001b[22m\u001b[39m', 'a\u001b[2mb\nc\u001b[22md', 'Zürich £132K'];
const STYLES = [
  ['bold', 'bold'],
  ['dim', 'dim'],
  ['accent', 'cyan'],
  ['good', 'green'],
  ['bad', 'red'],
  ['warn', 'yellow'],
] as const;

test.each([0, 1, 2, 3] as const)('level %i: every style, every text, as chalk', (level) => {
  const chalk = new Chalk({ level });
  const style = createStyle(level);
  for (const [ours, theirs] of STYLES) for (const text of TEXTS) expect(style[ours](text)).toBe(chalk[theirs](text));
});
