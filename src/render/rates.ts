// The line that says which exchange rate a conversion used (lookup, evaluate, compare).
import type { Rate } from '../comp/fx.js';
import { cleanTerminalText as t } from './terminal.js';

/** "converted GBP→USD at 1.27 (bundled table, as of 2026-11-01)". */
export function rateLine(r: Rate): string {
  return `converted ${r.from}→${r.to} at ${r.rate} (${t(r.source)}, as of ${r.asOf})`;
}
