// Whether a guide's data is past its review date. Pure.
import type { GuideMeta } from './types.js';

/** True when the guide's `next_review_due` (YYYY-MM-DD) is before `today` (YYYY-MM-DD). */
export function isPastReview(meta: Pick<GuideMeta, 'reviewDue'>, today: string): boolean {
  return meta.reviewDue !== null && meta.reviewDue !== '' && meta.reviewDue < today;
}
