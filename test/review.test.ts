import { expect, test } from 'vitest';
import { describeMarketData, isPastReview, isStale, monthsBefore, staleReason } from '../src/guides/review.js';

test.each([
  { due: '2026-11-28', today: '2026-11-29', past: true },
  { due: '2026-11-29', today: '2026-11-29', past: false },
  { due: '2026-11-30', today: '2026-11-29', past: false },
  { due: '2025-12-31', today: '2026-01-01', past: true },
  { due: null, today: '2026-11-29', past: false },
])('isPastReview: review due $due, today $today → $past', ({ due, today, past }) => {
  expect(isPastReview({ reviewDue: due }, today)).toBe(past);
});

// SPEC §2: stale when next_review_due has passed or, without one, last_updated is more than 12 months before today.
test.each([
  { due: null, updated: '2019-01-01', today: '2026-11-29', stale: true },
  { due: null, updated: '2025-11-29', today: '2026-11-29', stale: false },
  { due: null, updated: '2025-11-28', today: '2026-11-29', stale: true },
  { due: null, updated: '2025-02-28', today: '2026-02-28', stale: false },
  { due: null, updated: null, today: '2026-11-29', stale: false },
  { due: '2027-01-01', updated: '2019-01-01', today: '2026-11-29', stale: false },
  { due: '2026-11-28', updated: '2026-11-01', today: '2026-11-29', stale: true },
])('isStale: due $due, updated $updated, today $today → $stale', ({ due, updated, today, stale }) => {
  expect(isStale({ reviewDue: due, lastUpdated: updated }, today)).toBe(stale);
  expect(staleReason({ reviewDue: due, lastUpdated: updated }, today) !== null).toBe(stale);
});

test.each([
  ['2026-03-31', 1, '2026-02-28'],
  ['2024-03-31', 1, '2024-02-29'],
  ['2026-01-15', 12, '2025-01-15'],
  ['2026-01-15', 13, '2024-12-15'],
])('monthsBefore(%s, %d) = %s', (today, n, expected) => expect(monthsBefore(today, n)).toBe(expected));

test('describeMarketData', () => {
  expect(describeMarketData({ dataQuality: 'high', salaryQuarter: '2025-Q4' })).toBe(
    'salary data 2025-Q4, data quality high',
  );
  expect(describeMarketData({ dataQuality: null, salaryQuarter: null })).toBeNull();
});
