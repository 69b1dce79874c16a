// What `list` answers: guides, companies, roles or regions. Built by src/commands/list.ts, rendered by
// src/render/list.ts.
import type { SourceOrigin } from '../index/sources.js';

export interface GuideRow {
  company: { slug: string; name: string };
  role: { slug: string; name: string };
  regions: string[];
  asOf: string | null;
  path: string;
  /** The data folder it was loaded from (absolute), and which kind of source that is. */
  folder: string;
  origin: SourceOrigin;
  /** Its file, relative to `folder`. */
  file: string;
}

/** What `list` answers: one of these, the same object for --json and the table. */
export type ListResult =
  | { companies: { slug: string; name: string }[] }
  | { roles: { slug: string; name: string }[] }
  | { regions: string[] }
  | { guides: GuideRow[] };
