// What evaluate and compare share for --format svg|html and --output: the checks, where the figures come
// from (guides, dates, rates), and the one place an answer goes to stdout or to a file. The renderer
// (src/render/pictures.ts, with vega) is loaded only when a picture is asked for.
import { convertBand } from '../comp/bands.js';
import { findRate } from '../comp/fx.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { refuseExisting, writeFileAtomic } from '../files.js';
import { isPastReview } from '../guides/review.js';
import { resolveGuide, type GuideIndex, type IndexedGuide } from '../index/build.js';
import type { Band } from '../guides/types.js';
import { EMPTY_OFFER, type Offer } from '../comp/offer.js';
import type { ComparedBand } from '../render/chart/specs.js';
import type { Provenance } from '../render/html.js';
import { escapeName } from '../text/escape.js';
import pkg from '../../package.json' with { type: 'json' };
import type { CompareResult } from './compare.js';

/** compare's own way to find an offer's band (passed in: this module is compare's, not the other way round). */
type Locate = (index: GuideIndex, offer: Offer) => { band: Band | null };
import type { EvaluateResult } from '../offer-evaluation.js';

export const PICTURE_FORMATS = ['svg', 'html'] as const;
export type PictureFormat = (typeof PICTURE_FORMATS)[number];

export const isPictureFormat = (format: string | undefined): format is PictureFormat =>
  (PICTURE_FORMATS as readonly string[]).includes(format ?? '');

export interface OutputOptions {
  output?: string;
  force?: boolean;
}

/** Checks --output before any work: an existing file is refused without --force (and refused again when written). */
export function checkOutput(opts: OutputOptions): void {
  if (opts.output !== undefined && opts.output.trim() === '')
    throw new UsageError('--output: give a file name', ['example: --output offers.html']);
  if (opts.output && !opts.force) refuseExisting(opts.output, '--output');
}

/** The answer to stdout, or with --output to its file (atomically; never over a file without --force). */
export function emit(ctx: Context, text: string, opts: OutputOptions): void {
  if (!opts.output) {
    ctx.out(text);
    return;
  }
  writeFileAtomic(opts.output, text.endsWith('\n') ? text : `${text}\n`, { force: !!opts.force });
  ctx.note(`wrote ${escapeName(opts.output)}`);
}

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
  const pictures = await import('../render/pictures.js');
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
  const bands = new Map<string, ComparedBand>();
  const guides: Provenance['guides'] = [];
  const seen = new Set<string>();
  const estimated: string[] = [];
  for (const o of result.offers) {
    if (!o.inIndex || !o.company || !o.role) continue;
    const guide = resolveGuide(index, o.company, o.role);
    if (!seen.has(guide.path)) {
      seen.add(guide.path);
      guides.push(guideProvenance(guide, ctx.today));
    }
    const located = locate(index, {
      ...EMPTY_OFFER,
      company: o.company,
      role: o.role,
      region: o.region,
      level: o.level,
    });
    if (!located.band) continue;
    const band = convertBand(located.band, findRate(ctx.fx(), located.band.currency, result.currency));
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
  const pictures = await import('../render/pictures.js');
  return pictures.renderComparePicture(result, format, { bands, provenance });
}
