// Amounts that are almost certainly typed without their thousands ("--base 150" for £150,000). Pure.
import { formatMoney } from './money.js';
import type { Offer } from './offer.js';

/** Amounts under this, and above 0, are flagged: no one is paid £150 a year, nor granted £150 of stock. */
export const IMPLAUSIBLE_BELOW = 1000;

/** The likely meant amount of a too-small one: 150 → 150,000. */
export function likelyAmount(amount: number): number {
  return amount * 1000;
}

/** "the base salary £150 looks too small: did you mean 150k (£150,000)?" */
export function implausibleAmountText(what: string, amount: number, currency: string): string {
  return `${what} ${formatMoney(amount, currency)} looks too small: did you mean ${amount}k (${formatMoney(likelyAmount(amount), currency)})?`;
}

const isImplausible = (amount: number) => amount > 0 && amount < IMPLAUSIBLE_BELOW;

/**
 * A warning for the offer's base salary and each stock grant (the `stock` one and every `grants:` entry) that
 * lies above 0 and under IMPLAUSIBLE_BELOW, each in the currency it was written in (before any conversion).
 */
export function implausibleAmountWarnings(
  offer: Pick<Offer, 'base' | 'stock' | 'grants' | 'currencies'>,
  offerCurrency: string,
): string[] {
  const checks: [what: string, amount: number, currency: string][] = [
    ['the yearly base salary', offer.base, offer.currencies.base ?? offerCurrency],
    ['the stock grant', offer.stock, offer.currencies.stock ?? offerCurrency],
    ...offer.grants.map((g, i): [string, number, string] => [`grants[${i}]`, g.amount, g.currency ?? offerCurrency]),
  ];
  return checks
    .filter(([, amount]) => isImplausible(amount))
    .map(([what, amount, currency]) => `${implausibleAmountText(what, amount, currency)} It is used as given`);
}
