// Offers side by side: which is best, which are close. Pure.

/** Two totals within this percentage of the larger are "close". */
export const CLOSE_PCT = 2;

export function isClose(a: number, b: number): boolean {
  const larger = Math.max(Math.abs(a), Math.abs(b));
  return larger === 0 || Math.abs(a - b) <= (larger * CLOSE_PCT) / 100;
}

/** Indexes of the highest values (all of them on a tie); nulls never win; empty when all are null. */
export function bestIndexes(values: (number | null)[]): number[] {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return [];
  const max = Math.max(...present);
  return values.flatMap((v, i) => (v === max ? [i] : []));
}

export interface Ranking {
  /** The offer with the highest total (the first of a tie). */
  best: number;
  /** Other offers whose total is within CLOSE_PCT of the best's. */
  close: number[];
  /** How far each offer is under the best, in percent of the best (0 for the best). */
  behindPct: number[];
}

export function rankTotals(totals: number[]): Ranking {
  const best = bestIndexes(totals)[0] ?? 0;
  const top = totals[best];
  return {
    best,
    close: totals.flatMap((t, i) => (i !== best && isClose(t, top) ? [i] : [])),
    behindPct: totals.map((t) => (top > 0 ? Math.round(((top - t) / top) * 1000) / 10 : 0)),
  };
}
