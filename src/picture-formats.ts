// What evaluate and compare share for --format svg|html: where the figures come from (guides, dates, rates)
// and the bands each offer is drawn in. The renderer (src/render/pictures.ts, with vega) is loaded only when
// a picture is asked for.
import { convertBand } from './comp/bands.js';
import { findRate } from './comp/fx.js';
import type { Context } from './context.js';
import { isPastReview } from './guides/review.js';
import { resolveGuide, type GuideIndex, type IndexedGuide } from './index/build.js';
import type { LoadedGuide } from './index/load.js';
import type { Band } from './guides/types.js';
import { EMPTY_OFFER, type Offer } from './comp/offer.js';
import type { ComparedBand } from './render/chart/specs.js';
import type { Provenance } from './render/html.js';
import pkg from '../package.json' with { type: 'json' };
import type { CompareResult } from './results/compare.js';
import type { EvaluateResult } from './offer-evaluation.js';

/** compare's way to find an offer's band (src/commands/compare.ts passes its own in). */
type Locate = (
  index: GuideIndex,
  offer: Offer,
  model: (g: LoadedGuide) => Promise<IndexedGuide>,
) => Promise<{ band: Band | null }>;

export const PICTURE_FORMATS = ['svg', 'html'] as const;
export type PictureFormat = (typeof PICTURE_FORMATS)[number];

export const isPictureFormat = (format: string | undefined): format is PictureFormat =>
  (PICTURE_FORMATS as readonly string[]).includes(format ?? '');

function guideProvenance(g: IndexedGuide, today: string): Provenance['guides'][number] {
  const m = g.meta;
  return {
    name: `${m.companyName} · ${m.roleName}`,
    sources: m.sources,
    asOf: m.lastUpdated,
    salaryQuarter: m.salaryQuarter,
    dataQuality: m.dataQuality,
    reviewDue: m.reviewDue,
    pastReview: isPastReview(m, today),
  };
}

/** evaluate's picture: the charts and the HTML page; the floor only with --show-floor. */
export async function renderEvaluateFormat(
  ctx: Context,
  result: EvaluateResult,
  guide: IndexedGuide,
  format: PictureFormat,
  showFloor: boolean,
): Promise<string> {
  const estimated: string[] = [];
  if (result.level)
    estimated.push(
      `the band is level ${result.level.company}'s slice of the ${result.region} band, not a band the guide states`,
    );
  if (result.target?.estimated)
    estimated.push(`the guide's target is scaled from its ${result.target.from.region} figures`);
  if (showFloor && result.floor?.estimated)
    estimated.push(`the walk-away floor is scaled from the guide's ${result.floor.from.region} figures`);
  const provenance: Provenance = {
    guides: [guideProvenance(guide, ctx.today)],
    rates: result.rates,
    estimated,
    notes: result.warnings,
    version: pkg.version,
  };
  const pictures = await import('./render/pictures.js');
  return pictures.renderEvaluatePicture(result, format, { showFloor, provenance });
}

/** compare's picture: every offer that names a guide is positioned in its band (converted as compare converted it). */
export async function renderCompareFormat(
  ctx: Context,
  result: CompareResult,
  format: PictureFormat,
  locate: Locate,
): Promise<string> {
  const index = await ctx.index();
  const fx = await ctx.fx();
  const bands = new Map<string, ComparedBand>();
  const guides: Provenance['guides'] = [];
  const seen = new Set<string>();
  const estimated: string[] = [];
  for (const o of result.offers) {
    if (!o.inIndex || !o.company || !o.role) continue;
    const guide = await ctx.model(resolveGuide(index, o.company, o.role));
    if (!seen.has(guide.path)) {
      seen.add(guide.path);
      guides.push(guideProvenance(guide, ctx.today));
    }
    const located = await locate(
      index,
      { ...EMPTY_OFFER, company: o.company, role: o.role, region: o.region, level: o.level },
      (g) => ctx.model(g),
    );
    if (!located.band) continue;
    const band = convertBand(located.band, findRate(fx, located.band.currency, result.currency));
    if (o.level) estimated.push(`${o.label}: the band is level ${o.level}'s slice of the ${o.region ?? ''} band`);
    bands.set(o.label, {
      base: band.base,
      stockPerYear: band.stock
        ? { low: Math.round(band.stock.low / band.stockYears), high: Math.round(band.stock.high / band.stockYears) }
        : null,
      offerStockPerYear: o.stockPerYear,
    });
  }
  const notes = [
    ...result.offers.flatMap((o) => (o.indexNote ? [`${o.label}: ${o.indexNote}`] : [])),
    ...result.offers.flatMap((o) =>
      o.offerCurrency !== result.currency
        ? [`${o.label}: amounts converted from ${o.offerCurrency} to ${result.currency}`]
        : [],
    ),
    ...result.warnings,
  ];
  const provenance: Provenance = { guides, rates: result.rates, estimated, notes, version: pkg.version };
  const pictures = await import('./render/pictures.js');
  return pictures.renderComparePicture(result, format, { bands, provenance });
}
