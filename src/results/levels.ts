// What `levels` answers: a guide's level mapping, and with --from the equivalent level. Built by
// src/commands/levels.ts, rendered by src/render/levels.ts.
import type { LevelRef } from '../comp/level-match.js';

/** The `levels --json` document, and what the table shows. */
export interface LevelsResult {
  company: { slug: string; name: string };
  role: { slug: string; name: string };
  /** The mapping as the guide writes it; null when it has none. */
  raw: string | null;
  /** Where it was read: `level_mapping.raw`, or the body's "Level Mapping:" line when the front matter has none. */
  source: 'front matter' | 'body' | null;
  /** The guide's own company first. */
  mapping: { company: string; family: string | null; levels: string[]; raw: string }[];
  from?: LevelRef;
  to?: LevelRef;
  approximate?: boolean;
  warnings: string[];
}
