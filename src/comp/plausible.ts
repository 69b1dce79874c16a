// Amounts that are almost certainly typed without their thousands ("--base 150" for £150,000). Pure.
import { formatMoney } from './money.js';

/** Yearly amounts under this, and above 0, are flagged: no one is paid £150 a year. */
export const IMPLAUSIBLE_BELOW = 1000;

/** The likely meant amount of a too-small one: 150 → 150,000. */
export function likelyAmount(amount: number): number {
  return amount * 1000;
}

/** "the base salary £150 looks too small for a year's pay: did you mean 150k (£150,000)?" */
export function implausibleAmountText(what: string, amount: number, currency: string): string {
  return `${what} ${formatMoney(amount, currency)} looks too small for a year's pay: did you mean ${amount}k (${formatMoney(likelyAmount(amount), currency)})?`;
}

/** A warning for each of the offer's base and stock grant that lies above 0 and under IMPLAUSIBLE_BELOW. */
export function implausibleAmountWarnings(offer: { base: number; stock: number }, currency: string): string[] {
  const out: string[] = [];
  if (offer.base > 0 && offer.base < IMPLAUSIBLE_BELOW) out.push(`${implausibleAmountText('the base salary', offer.base, currency)} It is used as given`);
  if (offer.stock > 0 && offer.stock < IMPLAUSIBLE_BELOW) out.push(`${implausibleAmountText('the stock grant', offer.stock, currency)} It is used as given`);
  return out;
}
