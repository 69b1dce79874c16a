// lookup: the bands of one guide, every region or the one asked, optionally converted.
import { bandToJson, convertBand } from '../comp/bands.js';
import { collectRates, staleRateWarnings, type FxTable } from '../comp/fx.js';
import { resolveBand } from '../comp/level-band.js';
import { levelToJson, parseLevelQuery } from '../comp/level-match.js';
import { parseCurrencyCode } from '../comp/money.js';
import type { Context } from '../context.js';
import { resolveGuide, type IndexedGuide } from '../index/build.js';
import { isStale } from '../guides/review.js';
import { renderLookup } from '../render/lookup.js';
import type { LookupResult } from '../results/lookup.js';
import { staleWarnings } from '../guides/review.js';
import { guidePlace } from '../index/sources.js';

export interface LookupOptions {
  region?: string;
  currency?: string;
  level?: string;
}

/** Builds the lookup answer (the JSON document and what the table shows). */
export function buildLookup(
  ctx: Context,
  guide: IndexedGuide,
  opts: LookupOptions,
  fxTable: FxTable | undefined,
): LookupResult {
  const target = opts.currency ? parseCurrencyCode(opts.currency) : undefined;
  // Every band without a region: lookup shows them all. Narrowed (before converting) when a level is given.
  const { bands: native, level, estimated } = resolveBand(guide, { region: opts.region, level: opts.level });
  let bands = native;
  const fx = collectRates(() => fxTable!);
  if (target) bands = bands.map((b) => (b.currency === target ? b : convertBand(b, fx.rate(b.currency, target))));
  const warnings = [...staleWarnings(guide.meta, ctx.today), ...staleRateWarnings(fx.rates)];
  const m = guide.meta;
  return {
    company: { slug: m.company, name: m.companyName },
    role: { slug: m.role, name: m.roleName },
    asOf: m.lastUpdated,
    reviewDue: m.reviewDue,
    stale: isStale(m, ctx.today),
    sources: m.sources,
    dataQuality: m.dataQuality,
    salaryDataQuarter: m.salaryQuarter,
    level: level && levelToJson(level),
    bands: bands.map((b) => bandToJson(b, estimated)),
    rates: fx.rates,
    warnings,
    file: userFile(ctx, guide),
  };
}

/** The path of a guide that is not bundled (lookup names it, so the user knows which of their files answered). */
function userFile(ctx: Context, guide: IndexedGuide): string | null {
  const place = guidePlace(ctx.sources(), guide);
  return place.origin === 'bundled' ? null : guide.path;
}

export async function runLookup(ctx: Context, company: string, role: string, opts: LookupOptions): Promise<number> {
  // Validate flags before loading anything, so a typo is a usage error even without data.
  if (opts.currency !== undefined) parseCurrencyCode(opts.currency);
  if (opts.level !== undefined) parseLevelQuery(opts.level);
  // Only a conversion needs the currency table (and so the parser that reads it).
  const fx = opts.currency !== undefined ? await ctx.fx() : undefined;
  const guide = await ctx.model(resolveGuide(await ctx.index(), company, role));
  const result = buildLookup(ctx, guide, opts, fx);
  for (const w of result.warnings) ctx.warn(w);
  ctx.out(ctx.json ? JSON.stringify(result, null, 2) : renderLookup(result, ctx.style));
  return 0;
}
