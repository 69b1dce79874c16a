// Small pieces several commands share.
import type { IndexedGuide } from '../index/build.js';

/** The stale-data warning when the guide's review date has passed. */
export function staleWarnings(guide: IndexedGuide, today: string): string[] {
  const due = guide.meta.reviewDue;
  return due && due < today ? [`the data is past its review date (${due})`] : [];
}
