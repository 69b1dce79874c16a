// One decoder of HTML character references, shared by the posting and letter readers.
import { expect, test } from 'vitest';
import { decodeEntities } from '../src/text/html.js';

test.each([
  ['&dollar;180,000 &ndash; &dollar;220,000', '$180,000 – $220,000'],
  ['&pound;70k&nbsp;&ndash;&nbsp;&pound;85k', '£70k\u00a0–\u00a0£85k'],
  ['&#8364;85.000 &#x20AC;1', '€85.000 €1'],
  ['M&uuml;nchen &AMP; Z&uuml;rich', 'München & Zürich'],
  ['&unknown; stays, &#xD800; goes', '&unknown; stays,  goes'],
])('%s', (html, text) => {
  expect(decodeEntities(html)).toBe(text);
});
