// An offer's place in its band in words: a percentage inside it, the distance past the edge outside it.
import type { Beyond } from './bands.js';
import { formatCompact, formatMoney, formatPercent } from './money.js';

/**
 * "45.0%" inside the band; outside it "£30,000 (17.6%) above the top" or "£12,000 (9.1%) below the bottom":
 * the amount past the edge and that amount in percent of the edge (never a percentage of the band's width,
 * which reads like a percentage change). `suffix` labels the amount ("/yr").
 */
export function positionText(
  position: number | null,
  beyond: Beyond | null | undefined,
  currency: string,
  opts: { compact?: boolean; suffix?: string } = {},
): string {
  if (position === null) return '—';
  if (!beyond) return formatPercent(position);
  const money = opts.compact ? formatCompact(beyond.amount, currency) : formatMoney(beyond.amount, currency);
  return `${money}${opts.suffix ?? ''} (${formatPercent(beyond.percent)}) ${beyond.edge === 'high' ? 'above the top' : 'below the bottom'}`;
}
