// One decoder of HTML character references and one HTML-to-text converter, shared by the posting and letter readers.
import { describe, expect, test } from 'vitest';
import { decodeEntities, htmlToText, type HtmlToTextOptions } from '../src/text/html.js';

test.each([
  ['&dollar;180,000 &ndash; &dollar;220,000', '$180,000 – $220,000'],
  ['&pound;70k&nbsp;&ndash;&nbsp;&pound;85k', '£70k\u00a0–\u00a0£85k'],
  ['&#8364;85.000 &#x20AC;1', '€85.000 €1'],
  ['M&uuml;nchen &AMP; Z&uuml;rich', 'München & Zürich'],
  ['&unknown; stays, &#xD800; goes', '&unknown; stays,  goes'],
])('%s', (html, text) => {
  expect(decodeEntities(html)).toBe(text);
});

describe('HTML as text (postings and letters)', () => {
  test.each([
    [
      'blocks and breaks are lines; spaces collapse',
      '<p>Base  salary</p><div>is<br>high</div>',
      {},
      'Base salary\n\nis\nhigh',
    ],
    [
      'comments, scripts, styles and SVG are dropped, even unclosed',
      'a<!-- x -->b<svg><text>9</text></svg><script>1',
      {},
      'ab',
    ],
    [
      'the title stays a line where it is',
      '<head><title>Offer</title><style>p{}</style></head><p>Hi</p>',
      {},
      'Offer\n\nHi',
    ],
    [
      'titleHeading: the title is the first line, as a heading',
      '<head><title>Eng at Acme</title></head><p>Hi</p>',
      { titleHeading: true },
      '# Eng at Acme\nHi',
    ],
    [
      'cells of a row run together without tableCells',
      '<table><tr><td>Base</td><td>$1</td></tr></table>',
      {},
      'Base$1',
    ],
    [
      'tableCells: cells are spaced, paragraphs in a cell joined',
      '<tr><td><p>Base</p><p>pay</p></td><td>$1</td></tr>',
      { tableCells: true },
      'Base pay  $1',
    ],
    ['references decoded after the tags are gone', '<p>&lt;b&gt; &pound;5&nbsp;000</p>', {}, '<b> £5 000'],
  ])('%s', (_, html, options: HtmlToTextOptions, text) => {
    expect(htmlToText(html, options)).toBe(text);
  });
});

// Each of these took the pattern-based converters seconds to minutes (every `<` scanned to the end of the text);
// the scan reads them in one pass, so each row ends long before the test's time limit.
test.each([
  ['<a', 200_000, {}, '<a'.repeat(200_000)],
  ['<title', 100_000, { titleHeading: true }, '<title'.repeat(100_000)],
  ['<td>', 100_000, { tableCells: true }, ''],
  ['<td>x', 100_000, { tableCells: true }, Array(100_000).fill('x').join('  ')],
])('a hostile page: %j × %i', (piece, times, options: HtmlToTextOptions, text) => {
  expect(htmlToText(piece.repeat(times), options)).toBe(text);
});
