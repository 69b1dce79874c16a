// The user's own competing offers: `--competing "Google=$420k"` or `competing:` in an offer file. Pure.
import { convert, type Rate } from '../comp/fx.js';
import { parseAmount } from '../comp/money.js';
import { UsageError } from '../errors.js';

export interface CompetingOffer {
  name: string;
  /** The offer's annual total compensation, in its own currency. */
  amount: number;
  currency: string;
  /** The amount in the band's currency, and the rate used, when the currencies differ. */
  converted: { amount: number; rate: Rate } | null;
}

export interface CompetingInput {
  name: string;
  amount: number;
  /** The currency the user wrote, if any (else the band's). */
  currency?: string;
}

/** Parses one `NAME=AMOUNT` (the amount as annual total comp, written like any other amount). */
export function parseCompeting(value: string, flag = '--competing'): CompetingInput {
  const eq = value.lastIndexOf('=');
  const name = eq > 0 ? value.slice(0, eq).trim() : '';
  if (eq < 0 || !name) {
    throw new UsageError(`${flag}: "${value}" is not NAME=AMOUNT`, [
      'write it like --competing "Google=$420k" (the offer\'s annual total comp)',
    ]);
  }
  const { amount, currency } = parseAmount(value.slice(eq + 1), `${flag} ${name}`);
  return { name, amount, currency };
}

/** Puts competing offers next to the band: each keeps its own currency, with a conversion when it differs. */
export function resolveCompeting(
  inputs: CompetingInput[],
  bandCurrency: string,
  rateFor: (from: string) => Rate,
): CompetingOffer[] {
  return inputs.map((c) => {
    const currency = c.currency ?? bandCurrency;
    if (currency === bandCurrency) return { name: c.name, amount: c.amount, currency, converted: null };
    const rate = rateFor(currency);
    return { name: c.name, amount: c.amount, currency, converted: { amount: convert(c.amount, rate), rate } };
  });
}

/**
 * The `competing` field of an offer file: a mapping of name to amount (`Google: $420k`) or a list of
 * `NAME=AMOUNT` strings. Errors name the file and field.
 */
export function parseCompetingField(value: unknown, where: string): CompetingInput[] {
  const amountOf = (name: string, v: unknown) => {
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new UsageError(`${where}: ${name}: ${JSON.stringify(v)} is not an amount`);
    const { amount, currency } = parseAmount(v, `${where}: ${name}`);
    return { name, amount, currency };
  };
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (typeof item !== 'string')
        throw new UsageError(`${where}[${i + 1}]: ${JSON.stringify(item)} is not NAME=AMOUNT`, [
          'write it like - Google=$420k',
        ]);
      return parseCompeting(item, `${where}[${i + 1}]`);
    });
  }
  if (value && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).map(([name, v]) => amountOf(name.trim(), v));
  throw new UsageError(`${where}: expected a mapping of name to annual total comp`, [
    'for example:  competing: { Google: $420k, Meta: $425k }',
  ]);
}

/** File offers first, then flags; a flag naming the same company (any case) replaces the file's. */
export function mergeCompeting(fromFile: CompetingInput[], fromFlags: CompetingInput[]): CompetingInput[] {
  const key = (c: CompetingInput) => c.name.trim().toLowerCase();
  const flagged = new Set(fromFlags.map(key));
  return [...fromFile.filter((c) => !flagged.has(key(c))), ...fromFlags];
}
