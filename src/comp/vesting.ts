// Vesting schedules: presets, custom yearly lists, the cliff, and how a grant vests year by year. Pure.
import { UsageError } from '../errors.js';

/** `even` spreads the grant over the guide's years; the presets and custom lists fix their own length. */
export type Vesting = 'even' | 'front' | 'back' | number[];

export const VESTING_PRESETS = { front: [40, 30, 20, 10], back: [5, 15, 40, 40] } as const;
/** Vesting years when neither the schedule nor the guide says. */
export const DEFAULT_VESTING_YEARS = 4;
const MAX_VESTING_YEARS = 10;

const VESTING_HINT =
  'write it like even, front (40/30/20/10), back (5/15/40/40) or yearly percentages such as 25,25,25,25';

/** Parses `even`, `front`, `back`, "40,30,20,10", "40/30/20/10" or a YAML list of numbers. `where` names the flag or field. */
export function parseVesting(value: unknown, where: string): Vesting {
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'even' || word === 'front' || word === 'back') return word;
    if (!/^[\d.\s%,/;]+$/.test(word))
      throw new UsageError(`${where}: "${value}" is not a vesting schedule`, [VESTING_HINT]);
    return checkPercents(
      word
        .split(/[,/;\s]+/)
        .filter(Boolean)
        .map((p) => p.replace(/%$/, '')),
      value,
      where,
    );
  }
  if (Array.isArray(value)) return checkPercents(value, JSON.stringify(value), where);
  // `vesting: 100` in a YAML file is the number 100: one year, as `--vesting 100` is.
  if (typeof value === 'number') return checkPercents([value], String(value), where);
  throw new UsageError(`${where}: ${JSON.stringify(value)} is not a vesting schedule`, [VESTING_HINT]);
}

function checkPercents(parts: unknown[], shown: string, where: string): number[] {
  const numbers = parts.map((p) =>
    typeof p === 'number' ? p : typeof p === 'string' && p.trim() !== '' ? Number(p) : NaN,
  );
  if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n) || n < 0 || n > 100)) {
    throw new UsageError(`${where}: "${shown}" is not a vesting schedule (each year is a percentage from 0 to 100)`, [
      VESTING_HINT,
    ]);
  }
  if (numbers.length > MAX_VESTING_YEARS)
    throw new UsageError(`${where}: "${shown}" has ${numbers.length} years; at most ${MAX_VESTING_YEARS}`);
  const sum = numbers.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > 0.01) {
    throw new UsageError(`${where}: "${shown}" sums to ${Math.round(sum * 100) / 100}%, not 100%`, [VESTING_HINT]);
  }
  return numbers;
}

/** The yearly percentages of a schedule; `even` uses `evenYears` (the guide's vesting years). */
export function vestingPercents(vesting: Vesting, evenYears = DEFAULT_VESTING_YEARS): number[] {
  if (vesting === 'even') return Array.from({ length: evenYears }, () => 100 / evenYears);
  if (vesting === 'front' || vesting === 'back') return [...VESTING_PRESETS[vesting]];
  return [...vesting];
}

/** How a schedule is written in YAML and in messages: the preset's name, or "40/30/20/10". */
export function describeVesting(vesting: Vesting): string {
  return typeof vesting === 'string' ? vesting : vesting.join('/');
}

/** Parses a cliff in whole months (0–120). */
export function parseCliff(value: unknown, where: string): number {
  const text = String(value)
    .trim()
    .replace(/\s*(months?|mo)$/i, '');
  const n = Number(text);
  if (text === '' || !Number.isInteger(n) || n < 0 || n > 12 * MAX_VESTING_YEARS) {
    throw new UsageError(`${where}: "${value}" is not a cliff in months`, [
      'write it like 12 (a one-year cliff) or 0 (none)',
    ]);
  }
  return n;
}

/**
 * The amount of a grant vesting in each year. Within a year the year's percentage accrues month by
 * month; whatever accrued before the cliff vests at the cliff. Each year is rounded so that the years
 * always add up to the (rounded) grant.
 */
export function vestByYear(grant: number, percents: number[], cliffMonths = 0): number[] {
  let cumulativePct = 0;
  let paid = 0;
  return percents.map((pct, i) => {
    cumulativePct += pct;
    const endMonth = 12 * (i + 1);
    const cumulative = endMonth >= cliffMonths ? Math.round((grant * cumulativePct) / 100) : 0;
    const thisYear = cumulative - paid;
    paid = cumulative;
    return thisYear;
  });
}

/**
 * An annual refresher of `amount`, granted at the start of every year from year 2 and vesting on the
 * same yearly percentages (no cliff): what vests in each of `years` years.
 */
export function refresherByYear(amount: number, percents: number[], years: number): number[] {
  return Array.from({ length: years }, (_, i) => {
    // Grants made at the start of years 2..i+1 have vested percents[0..i-1] between them.
    const pct = percents.slice(0, i).reduce((a, b) => a + b, 0);
    return Math.round((amount * pct) / 100);
  });
}
