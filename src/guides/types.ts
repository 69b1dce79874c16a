// The guide model: what a guide file means once read, repaired and checked. Types, and one pure predicate.

export interface Range {
  low: number;
  high: number;
}

export interface Band {
  region: string;
  currency: string;
  base: Range;
  /** The whole grant over the vesting period; null when the guide gives none. */
  stock: Range | null;
  /** The vesting period of the grant, from the guide's body (4 when it does not say). */
  stockYears: number;
  bonusPct: number | null;
  /** Total comp as the guide states it (not recomputed). */
  totalComp: Range | null;
}

export interface LevelMappingField {
  internal: string | null;
  /** `level_mapping.raw` of the front matter. */
  raw: string | null;
  /** The body's "**Level Mapping:** …" text, read only when the front matter has no `raw` (absent otherwise). */
  body?: string;
}

/** Figures of the strategy block; null where the guide gives none. */
export interface StrategyFigures {
  base: number | null;
  /** The whole grant over the reference band's stock years. */
  stock: number | null;
  bonusPct: number | null;
}

/** The front matter's `strategy` block (SPEC §2): canonical over the prose quote. */
export interface StrategyBlock {
  /** The figures' currency: the block's `currency`, else the first band's. */
  currency: string;
  target: StrategyFigures;
  floor: StrategyFigures;
  exampleCompetitors: string[];
}

/** A guide's front matter, checked and repaired. */
export interface GuideMeta {
  company: string;
  companyName: string;
  role: string;
  roleName: string;
  roleType: string | null;
  dataQuality: string | null;
  salaryQuarter: string | null;
  lastUpdated: string | null;
  reviewDue: string | null;
  bands: Band[];
  levelMapping: LevelMappingField;
  sources: string[];
  summary: string | null;
  /** The `strategy` block, checked; null when the front matter has none. */
  strategy: StrategyBlock | null;
  /** Front-matter fields the schema does not know (kept, reported by `validate --strict`). */
  unknownFields: string[];
}

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  message: string;
  line?: number;
  /** A stable name for the check, for tests and JSON consumers. */
  code: string;
}

export interface ParsedGuide {
  path: string;
  /** The model, when company, role and at least the identity fields were readable. */
  meta?: GuideMeta;
  /** Repaired, LF-normalised Markdown body. */
  body: string;
  /** File line where the body starts. */
  bodyLine: number;
  findings: Finding[];
  /** Mojibake repairs made in front matter and body. */
  repairs: number;
  /** False when the file has no front matter at all (ignored by queries). */
  hasFrontMatter: boolean;
  /** File line of each front-matter field, by path ("compensation[0].total_comp_low"): only when asked for (validate). */
  fieldLines?: Record<string, number>;
}

/** True when a parsed guide can answer queries: it has a model and no errors. */
export function isUsable(g: ParsedGuide): g is ParsedGuide & { meta: GuideMeta } {
  return g.meta !== undefined && g.meta.bands.length > 0 && !g.findings.some((f) => f.severity === 'error');
}
