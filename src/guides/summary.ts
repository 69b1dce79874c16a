// What the index needs to know of a guide without reading it: its identity, whether it answers queries,
// and its findings. Kept in the on-disk cache; the full model (meta, body) is read on demand.
import { isUsable, type ParsedGuide } from './types.js';

export interface GuideSummary {
  /** No front matter at all: ignored by queries (reported by validate). */
  ignored: boolean;
  /** The file starts with front matter. */
  hasFrontMatter: boolean;
  /** Answers queries: a model with bands and no errors. */
  usable: boolean;
  company?: string;
  companyName?: string;
  role?: string;
  roleName?: string;
  lastUpdated: string | null;
  /** Its bands' regions, in the guide's order (what `list` shows without reading the model). */
  regions: string[];
}

export function summarise(g: ParsedGuide): GuideSummary {
  const m = g.meta;
  return {
    ignored: !g.hasFrontMatter && g.findings.every((f) => f.code === 'no-front-matter'),
    hasFrontMatter: g.hasFrontMatter,
    usable: isUsable(g),
    company: m?.company,
    companyName: m?.companyName,
    role: m?.role,
    roleName: m?.roleName,
    lastUpdated: m?.lastUpdated ?? null,
    regions: m?.bands.map((b) => b.region) ?? [],
  };
}
