import { expect, test } from 'vitest';
import { repairDeep, repairMojibake } from '../src/guides/mojibake.js';

test.each([
  ['$198Kâ€“$255K', '$198K–$255K', 1],
  ['Â£132K', '£132K', 1],
  ['edge â€” optimizing', 'edge — optimizing', 1],
  ['itâ€™s â€œquotedâ€\u009d', 'it’s “quoted”', 3],
  ['### ðŸ—ï¸ Cloudflare Workers AI', '### Cloudflare Workers AI', 2],
  ['ðŸš€ launch', '🚀 launch', 1],
  ['ZÃ¼rich', 'Zürich', 1],
  ['ÃƒÂ©', 'é', 3],
])('repairs %j', (input, output, repairs) => {
  expect(repairMojibake(input)).toEqual({ text: output, repairs });
});

test.each(['Zürich', 'naïve café', 'São Paulo', '£132K–£170K', 'plain ASCII', '🚀 rocket', '10–15%', 'Ångström', ''])(
  'leaves clean text alone: %j',
  (input) => expect(repairMojibake(input)).toEqual({ text: input, repairs: 0 }),
);

test('repairDeep walks objects and lists and counts repairs', () => {
  const counter = { repairs: 0 };
  const out = repairDeep({ a: 'Â£1', b: ['â€“', 2, null], c: { d: 'ok' } }, counter);
  expect(out).toEqual({ a: '£1', b: ['–', 2, null], c: { d: 'ok' } });
  expect(counter.repairs).toBe(2);
});
