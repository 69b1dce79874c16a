// What `compare` answers: the offers side by side in one currency, ranked. Built by src/commands/compare.ts,
// rendered by src/render/compare.ts (table, CSV, Markdown) and src/render/pictures.ts (SVG, HTML).
import type { BandJson } from '../comp/bands.js';
import type { BeyondBand, Positions } from '../comp/evaluation.js';
import type { Rate } from '../comp/fx.js';
import type { ScheduleFigures } from '../comp/offer.js';

/** One offer of a comparison, its amounts in the output currency. */
export interface ComparedOffer extends ScheduleFigures {
  label: string;
  file: string;
  company: string | null;
  role: string | null;
  region: string | null;
  level: string | null;
  /** The currency of the file's amounts (before conversion). */
  offerCurrency: string;
  /** Whether the company, role and region were found in the index (then positions are given). */
  inIndex: boolean;
  /** Why not, when not ("not in the index: unknown company …"). */
  indexNote: string | null;
  base: number;
  stock: number;
  bonusPct: number;
  signOn: number[];
  refresher: number;
  vesting: string;
  /** Stock per year of the grants starting in year 1 (as evaluate's `stockPerYear`): what its band position compares. */
  stockPerYear: number;
  /** The assumed rates of this offer, as its file gives them. */
  raise: number[];
  stockGrowth: number[];
  positions: Positions | null;
  /** For each component outside its band only: how far past which edge (null when not positioned). */
  beyond: BeyondBand | null;
  /** The band's annual TC (base + bonus + grant/years), in the output currency. */
  band: { low: number; high: number } | null;
  /** The band rated against, in the output currency (null when not positioned). */
  bandDetail: BandJson | null;
}

/** The `compare --json` document (SPEC §4), and what every format renders. */
export interface CompareResult {
  currency: string;
  rates: Rate[];
  years: number;
  offers: ComparedOffer[];
  /** The label of the offer with the highest N-year total (guaranteed; the first of a tie). */
  best: string;
  /** The offers tied for best: N-year totals equal at the currency's whole unit ([] when no tie). */
  tied: string[];
  /** Two rankings: by the guaranteed total, and by the expected total (raises, growth, refreshers). */
  rankings: { guaranteed: RankingJson; expected: RankingJson };
  /** The exchange rates used, and each offer's assumed rates. */
  assumptions: {
    exchangeRates: Rate[];
    offers: { label: string; raise: number[]; stockGrowth: number[]; refresher: number; refreshers: number }[];
  };
  /** Labels of the offers within 2% of the best's N-year total. */
  close: string[];
  /** How far each offer's total is under the best's, in percent. */
  behindPct: number[];
  warnings: string[];
  /** What reading the files decided (not in the JSON's meaning: notes go to stderr). */
  notes: string[];
}

export interface RankingJson {
  best: string;
  tied: string[];
}
