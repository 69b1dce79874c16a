// What `lookup` answers: one guide's bands (all regions or the one asked), converted when asked; the --json
// document and what the table shows. Built by src/commands/lookup.ts, rendered by src/render/lookup.ts.
import type { BandJson } from '../comp/bands.js';
import type { Rate } from '../comp/fx.js';
import type { LevelJson } from '../comp/level-match.js';

/** The `lookup --json` document (SPEC §4). */
export interface LookupResult {
  company: { slug: string; name: string };
  role: { slug: string; name: string };
  asOf: string | null;
  reviewDue: string | null;
  stale: boolean;
  sources: string[];
  /** The guide's data_quality and salary_data_quarter, when it states them. */
  dataQuality: string | null;
  salaryDataQuarter: string | null;
  level: LevelJson | null;
  bands: BandJson[];
  rates: Rate[];
  warnings: string[];
  /** The guide's file when it is not a bundled guide (the user's own folder, NEGOTIATE_DATA, --data); else null. */
  file: string | null;
}
