import { expect, test } from 'vitest';
import { isPastReview } from '../src/guides/review.js';

test.each([
  { due: '2026-11-28', today: '2026-11-29', past: true },
  { due: '2026-11-29', today: '2026-11-29', past: false },
  { due: '2026-11-30', today: '2026-11-29', past: false },
  { due: '2025-12-31', today: '2026-01-01', past: true },
  { due: null, today: '2026-11-29', past: false },
])('isPastReview: review due $due, today $today → $past', ({ due, today, past }) => {
  expect(isPastReview({ reviewDue: due }, today)).toBe(past);
});
