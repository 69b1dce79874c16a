// Offer files: YAML read (strictly: known fields only, aliases bounded) and written. Used by evaluate,
// compare and draft, with the parser they loaded (the YAML library comes with it).
import type { GuideParser } from './guides/lazy-parser.js';
import type { Offer } from './comp/offer.js';
import { describeVesting } from './comp/vesting.js';
import { UsageError } from './errors.js';
import { CONTEXT_FIELDS, OFFER_FIELDS } from './options.js';

const FIELD_NAMES = [...OFFER_FIELDS.map((s) => s.field), ...CONTEXT_FIELDS];

/** Parses an offer file's YAML into its fields; syntax errors say line and column, unknown fields are refused. */
export function parseOfferYaml(p: GuideParser, text: string, path: string): Record<string, unknown> {
  const doc = p.yamlLib().parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, logLevel: 'error' });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new UsageError(
      `${path}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // yaml's alias limit (a "billion laughs" file): refused, never expanded.
    throw new UsageError(`${path}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined)
    throw new UsageError(`${path}: the offer file is empty`, [`give at least: base: 185000`]);
  if (typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`${path}: an offer file is a YAML mapping of fields`, ['for example:  base: 185000']);
  const fields = data as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!FIELD_NAMES.includes(key)) {
      throw new UsageError(`${path}: unknown field "${key}"`, [`known fields: ${FIELD_NAMES.join(', ')}`]);
    }
  }
  return fields;
}

/** The offer as an offer file: the same field names, defaults left out, amounts as plain numbers (or "USD 200000" in their own currency). */
export function offerToYaml(p: GuideParser, offer: Offer, currency: string): string {
  const out: Record<string, unknown> = {};
  const own = (amount: number, c: string | null | undefined) => (c && c !== currency ? `${c} ${amount}` : amount);
  const cur = offer.currencies ?? {};
  const list = (xs: number[]) => (xs.length === 1 ? xs[0] : [...xs]);
  for (const spec of OFFER_FIELDS) {
    const v = spec.target === 'currency' ? currency : offer[spec.target];
    if (v === null || v === undefined) continue;
    switch (spec.target) {
      case 'vesting':
        out.vesting = typeof v === 'string' ? v : describeVesting(offer.vesting);
        break;
      case 'signOn':
        if (offer.signOn.length)
          out.sign_on =
            offer.signOn.length === 1 ? own(offer.signOn[0], cur.signOn) : offer.signOn.map((x) => own(x, cur.signOn));
        break;
      case 'base':
        out.base = own(offer.base, cur.base);
        break;
      case 'stock':
      case 'refresher':
        if (offer[spec.target]) out[spec.field] = own(offer[spec.target], cur[spec.target]);
        break;
      case 'bonusAmount':
        out.bonus_amount = own(offer.bonusAmount!, cur.bonusAmount);
        break;
      case 'bonusMultipliers':
      case 'raisePct':
      case 'stockGrowthPct':
        if (offer[spec.target].length) out[spec.field] = list(offer[spec.target]);
        break;
      case 'grants':
        if (offer.grants.length) {
          out.grants = offer.grants.map((g) => ({
            amount: g.amount,
            vesting: describeVesting(g.vesting),
            ...(g.cliffMonths ? { cliff: g.cliffMonths } : {}),
            start_year: g.startYear,
            ...(g.currency ? { currency: g.currency } : {}),
          }));
        }
        break;
      case 'refreshers':
        if (offer.refreshers.length) {
          out.refreshers = offer.refreshers.map((r) => ({
            amount: r.amount,
            start_year: r.startYear,
            ...(r.vesting === null ? {} : { vesting: describeVesting(r.vesting) }),
            ...(r.currency ? { currency: r.currency } : {}),
          }));
        }
        break;
      case 'benefits':
        if (offer.benefits.length)
          out.benefits = offer.benefits.map((b) => ({
            name: b.name,
            amount: b.amount,
            ...(b.currency ? { currency: b.currency } : {}),
          }));
        break;
      default:
        if (typeof v === 'number' && v === 0) continue;
        out[spec.field] = v;
    }
  }
  return p.yamlLib().stringify(out, { lineWidth: 0 });
}
