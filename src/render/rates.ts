// The line that says which exchange rate a conversion used (lookup, evaluate, compare).
import { FX_STALE_DAYS, type Rate } from '../comp/fx.js';
import { cleanTerminalText as t } from '../text/escape.js';

/**
 * "converted GBP→USD at 1.33 (bundled table: …, as of 2025-10-31)" or
 * "converted GBP→USD at 1.27 (override --fx GBP=1.27, as of 2026-12-06)": where the rate came from and its date.
 */
export function rateLine(r: Rate): string {
  const from = r.origin === 'override' ? `override ${t(r.source)}` : `bundled table: ${t(r.source)}`;
  return `converted ${r.from}→${r.to} at ${r.rate} (${from}, as of ${r.asOf}${r.stale ? `, more than ${FX_STALE_DAYS} days old` : ''})`;
}
