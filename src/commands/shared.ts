// Small pieces several commands share.
import { isPastReview } from '../guides/review.js';
import type { IndexedGuide } from '../index/build.js';

/** The stale-data warning when the guide's review date has passed. */
export function staleWarnings(guide: IndexedGuide, today: string): string[] {
  return isPastReview(guide.meta, today) ? [`the data is past its review date (${guide.meta.reviewDue})`] : [];
}
