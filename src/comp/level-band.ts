// A band narrowed to one level's slice, and a command's band chosen from its queries: region → level → slice.
// Pure: it reports, never prints.
import type { Band, GuideMeta, Range } from '../guides/types.js';
import { resolveName } from '../text/names.js';
import { orThrow, type GuideLike, type LevelMapping } from './level-mapping.js';
import { ownEntry, requireLevel, resolveLevel, type ResolvedLevel } from './level-match.js';

/** Slice `index` of `count` equal consecutive slices of a range, rounded to whole units. */
export function sliceRange(r: Range, index: number, count: number): Range {
  const width = (r.high - r.low) / count;
  return { low: Math.round(r.low + width * index), high: Math.round(r.low + width * (index + 1)) };
}

/** A band narrowed to one level: base, stock and total comp each cut into equal slices, one per level of the range. */
export function narrowBand(band: Band, index: number, count: number): Band {
  if (count <= 1) return band;
  return {
    ...band,
    base: sliceRange(band.base, index, count),
    stock: band.stock ? sliceRange(band.stock, index, count) : null,
    totalComp: band.totalComp ? sliceRange(band.totalComp, index, count) : null,
  };
}

/** The band's estimated slice for one of the guide's own levels (the mapping's first entry). */
export function narrowBandToLevel(band: Band, mapping: LevelMapping, internalLevel: string): Band {
  const own = orThrow(ownEntry(mapping));
  return narrowBand(band, orThrow(requireLevel(own, internalLevel)), own.levels.length);
}

/** What `resolveBand` chose; each command decides what a defaulted choice means for it. */
export interface BandChoice {
  /** The region asked; without one, the guide's first band (its only one, or a default: see `defaulted`). Narrowed to the level. */
  band: Band;
  /** Every band the query covers: the region asked, or all of them without one; narrowed to the level. */
  bands: Band[];
  /** The level asked, as one of the guide's own; null without one. */
  level: ResolvedLevel | null;
  /** True when a level narrowed the bands: their figures are an estimated slice, not the guide's own. */
  estimated: boolean;
  /** True when no region was asked and the guide has several bands, so `band` is only the first of them. */
  defaulted: boolean;
}

/**
 * Resolves a command's region and level queries against a guide: the region first (NotFoundError for an
 * unknown or ambiguous one), then the level, then the band's slice for that level. Pure: it reports, never prints.
 */
export function resolveBand(
  guide: GuideLike & { meta: Pick<GuideMeta, 'role' | 'bands'> },
  query: { region?: string; level?: string },
): BandChoice {
  const all = guide.meta.bands;
  let bands = all;
  if (query.region !== undefined) {
    const match = resolveName(
      query.region,
      all.map((b) => ({ value: b.region, names: [b.region], label: b.region })),
      `region for ${guide.meta.company} ${guide.meta.role}`,
    );
    bands = all.filter((b) => b.region === match.value);
  }
  // Narrow before any conversion, so the slice is cut from the guide's own figures.
  const level = query.level === undefined ? null : resolveLevel(guide, query.level);
  if (level) bands = bands.map((b) => narrowBand(b, level.index, level.count));
  return {
    band: bands[0],
    bands,
    level,
    estimated: level !== null,
    defaulted: query.region === undefined && all.length > 1,
  };
}
