// Offer files: YAML read (strictly: known fields only, aliases bounded) and written. Used by evaluate,
// compare and draft, after Context.loadParser() (the YAML library comes with the parser).
import { parser } from './guides/lazy-parser.js';
import type { Offer } from './comp/offer.js';
import { describeVesting } from './comp/vesting.js';
import { UsageError } from './errors.js';
import { CONTEXT_FIELDS, OFFER_FIELDS } from './options.js';

const FIELD_NAMES = [...OFFER_FIELDS.map((s) => s.field), ...CONTEXT_FIELDS];

/** Parses an offer file's YAML into its fields; syntax errors say line and column, unknown fields are refused. */
export function parseOfferYaml(text: string, path: string): Record<string, unknown> {
  const doc = parser().yamlLib().parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, logLevel: 'error' });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new UsageError(`${path}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // yaml's alias limit (a "billion laughs" file): refused, never expanded.
    throw new UsageError(`${path}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) throw new UsageError(`${path}: the offer file is empty`, [`give at least: base: 185000`]);
  if (typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${path}: an offer file is a YAML mapping of fields`, ['for example:  base: 185000']);
  const fields = data as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!FIELD_NAMES.includes(key)) {
      throw new UsageError(`${path}: unknown field "${key}"`, [`known fields: ${FIELD_NAMES.join(', ')}`]);
    }
  }
  return fields;
}

/** The offer as an offer file: the same field names, defaults left out, amounts as plain numbers. */
export function offerToYaml(offer: Offer, currency: string): string {
  const out: Record<string, unknown> = {};
  for (const spec of OFFER_FIELDS) {
    const v = spec.target === 'currency' ? currency : offer[spec.target];
    if (v === null || v === undefined) continue;
    if (spec.target === 'vesting') out.vesting = typeof v === 'string' ? v : describeVesting(offer.vesting);
    else if (spec.target === 'signOn') {
      if (offer.signOn.length === 1) out.sign_on = offer.signOn[0];
      else if (offer.signOn.length > 1) out.sign_on = [...offer.signOn];
    } else if (typeof v === 'number' && v === 0 && spec.target !== 'base') continue;
    else out[spec.field] = v;
  }
  return parser().yamlLib().stringify(out, { lineWidth: 0 });
}
