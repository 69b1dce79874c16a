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

/**
 * The offers tied for best: those whose totals equal the highest at the currency's whole unit.
 * Empty when one offer is ahead alone (a tie needs two).
 */
export function tiedIndexes(totals: number[]): number[] {
  if (totals.length === 0) return [];
  const whole = totals.map((t) => Math.round(t));
  const top = Math.max(...whole);
  const tied = whole.flatMap((t, i) => (t === top ? [i] : []));
  return tied.length > 1 ? tied : [];
}

export interface Ranking {
  /** The offer with the highest total (the first of a tie). */
  best: number;
  /** Other offers whose total is within CLOSE_PCT of the best's (tied ones are not "close": they are tied). */
  close: number[];
  /** How far each offer is under the best, in percent of the best (0 for the best). */
  behindPct: number[];
}

export function rankTotals(totals: number[]): Ranking {
  const tied = tiedIndexes(totals);
  const best = tied[0] ?? bestIndexes(totals)[0] ?? 0;
  const top = totals[best];
  return {
    best,
    close: totals.flatMap((t, i) => (i !== best && !tied.includes(i) && isClose(t, top) ? [i] : [])),
    behindPct: totals.map((t) => (top > 0 ? Math.round(((top - t) / top) * 1000) / 10 : 0)),
  };
}
