// Small pieces several commands share.
import { staleReason } from '../guides/review.js';
import type { IndexedGuide } from '../index/build.js';

/** The stale-data warning (SPEC §2: review date passed, or no review date and last updated over 12 months ago). */
export function staleWarnings(guide: IndexedGuide, today: string): string[] {
  const why = staleReason(guide.meta, today);
  return why ? [`the data is ${why}`] : [];
}
