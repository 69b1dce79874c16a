// Whether a guide's data is stale (SPEC §2). Pure.
import type { GuideMeta } from './types.js';

/** Without a `next_review_due`, data older than this many months is stale. */
export const STALE_AFTER_MONTHS = 12;

/** True when the guide's `next_review_due` (YYYY-MM-DD) is before `today` (YYYY-MM-DD). */
export function isPastReview(meta: Pick<GuideMeta, 'reviewDue'>, today: string): boolean {
  return meta.reviewDue !== null && meta.reviewDue !== '' && meta.reviewDue < today;
}

/** `today` moved back by whole months (YYYY-MM-DD), the day clamped to the month's length. */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** True when `last_updated` is more than 12 months before today and there is no `next_review_due`. */
export function isOutOfDate(meta: Pick<GuideMeta, 'reviewDue' | 'lastUpdated'>, today: string): boolean {
  if (meta.reviewDue) return false;
  return !!meta.lastUpdated && meta.lastUpdated < monthsBefore(today, STALE_AFTER_MONTHS);
}

/** Stale: `next_review_due` has passed or, without one, `last_updated` is more than 12 months before today. */
export function isStale(meta: Pick<GuideMeta, 'reviewDue' | 'lastUpdated'>, today: string): boolean {
  return isPastReview(meta, today) || isOutOfDate(meta, today);
}

/** Why the data is stale, in words ("past its review date (2026-05-23)"), or null. */
export function staleReason(meta: Pick<GuideMeta, 'reviewDue' | 'lastUpdated'>, today: string): string | null {
  if (isPastReview(meta, today)) return `past its review date (${meta.reviewDue})`;
  if (isOutOfDate(meta, today))
    return `more than ${STALE_AFTER_MONTHS} months old (last updated ${meta.lastUpdated}, and no next_review_due)`;
  return null;
}

/** The stale-data warning (SPEC §2: review date passed, or no review date and last updated over 12 months ago). */
export function staleWarnings(meta: Pick<GuideMeta, 'reviewDue' | 'lastUpdated'>, today: string): string[] {
  const why = staleReason(meta, today);
  return why ? [`the data is ${why}`] : [];
}

/** "salary data 2025-Q4, data quality high": what a market citation says of the guide's data, or null (draft cites it). */
export function describeMarketData(meta: Pick<GuideMeta, 'dataQuality' | 'salaryQuarter'>): string | null {
  const parts = [
    meta.salaryQuarter && `salary data ${meta.salaryQuarter}`,
    meta.dataQuality && `data quality ${meta.dataQuality}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}
