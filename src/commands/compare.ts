// compare: two to six offer files side by side, in one currency, over the same years; the best marked.
import { basename } from 'node:path';
import { bandToJson, convertBand } from '../comp/bands.js';
import { rankTotals, tiedIndexes } from '../comp/compare.js';
import { evaluateOffer } from '../comp/evaluation.js';
import { collectRates, staleRateWarnings } from '../comp/fx.js';
import { resolveBand } from '../comp/level-band.js';
import { parseCurrencyCode } from '../comp/money.js';
import { computeSchedule, convertOffer, horizonOf, scheduleFigures, type Offer } from '../comp/offer.js';
import { implausibleAmountWarnings } from '../comp/plausible.js';
import { DEFAULT_VESTING_YEARS, describeVesting } from '../comp/vesting.js';
import type { Context } from '../context.js';
import { isDataError, isNotFound, isUsageError, UsageError } from '../errors.js';
import { COMMAND_FORMATS, sayFormats } from '../formats.js';
import { readBoundedFile } from '../files.js';
import type { Band } from '../guides/types.js';
import { resolveGuide, type GuideIndex, type IndexedGuide } from '../index/build.js';
import type { LoadedGuide } from '../index/load.js';
import type { GuideParser } from '../guides/lazy-parser.js';
import { completeOffer, parseOfferInput, parseYears } from '../options.js';
import { parseOfferYaml } from '../offer-file.js';
import { renderCompare, type CompareFormat } from '../render/compare.js';
import { rateLine } from '../render/rates.js';
import { createStyle } from '../render/terminal.js';
import { escapeName } from '../text/escape.js';
import { checkOutput, emit } from '../output.js';
import { isPictureFormat, renderCompareFormat, type PictureFormat } from '../picture-formats.js';
import type { CompareResult, ComparedOffer, RankingJson } from '../results/compare.js';

export interface CompareOptions {
  currency?: string;
  years?: string;
  format?: string;
  output?: string;
  force?: boolean;
}

export const MIN_OFFERS = 2;
export const MAX_OFFERS = 6;

interface ReadOffer {
  file: string;
  offer: Offer;
  /** The currency the file named, if any. */
  named: string | null;
  notes: string[];
}

function checkFlags(
  files: string[],
  opts: CompareOptions,
  json: boolean,
): { years: number | null; format: CompareFormat | PictureFormat } {
  if (files.length < MIN_OFFERS || files.length > MAX_OFFERS) {
    throw new UsageError(`compare takes ${MIN_OFFERS} to ${MAX_OFFERS} offer files; got ${files.length}`, [
      'example: negotiate compare a.yaml b.yaml',
      'write offer files with: negotiate evaluate … --save a.yaml',
    ]);
  }
  const years = parseYears(opts.years);
  const format = (opts.format ?? 'table').toLowerCase();
  const formats: readonly string[] = COMMAND_FORMATS.compare;
  if (opts.format !== undefined && !formats.includes(format)) {
    throw new UsageError(`--format: "${opts.format}" is not ${sayFormats(formats)}`, [
      'the default is a table for the terminal; --json gives the JSON document',
    ]);
  }
  if (json && opts.format !== undefined) throw new UsageError('--json and --format are two output formats; choose one');
  if (opts.currency !== undefined) parseCurrencyCode(opts.currency);
  if (opts.force && !opts.output) throw new UsageError('--force only goes with --output FILE');
  checkOutput(opts);
  return { years, format: format as CompareFormat | PictureFormat };
}

/** Reads every file; the problems of all of them are reported together. */
function readOffers(p: GuideParser, files: string[]): ReadOffer[] {
  const problems: string[] = [];
  const read: ReadOffer[] = [];
  for (const file of files) {
    try {
      // Messages name the file as escapeName shows it (a file name may hold a newline).
      const shown = escapeName(file);
      const parsed = parseOfferInput(
        {},
        { path: shown, fields: parseOfferYaml(p, readBoundedFile(file, 'offer file'), shown) },
      );
      if (parsed.input.base === undefined)
        throw new UsageError(`${shown}: base: missing (every offer needs its base salary, e.g. base: 185000)`);
      read.push({
        file,
        offer: completeOffer(parsed.input),
        named: parsed.named?.currency ?? null,
        notes: parsed.notes,
      });
    } catch (err) {
      if (!isUsageError(err)) throw err;
      problems.push([err.message, ...err.hints].join('\n    '));
    }
  }
  if (problems.length === 1) throw new UsageError(problems[0]);
  if (problems.length > 1) throw new UsageError(`${problems.length} offer files cannot be used:`, problems);
  return read;
}

interface Located {
  band: Band | null;
  note: string | null;
  warning?: string;
}

/** The band an offer is positioned in: its company, role, region and level in the index. */
export async function locate(
  index: GuideIndex,
  offer: Offer,
  model: (g: LoadedGuide) => Promise<IndexedGuide>,
): Promise<Located> {
  if (!offer.company || !offer.role)
    return { band: null, note: 'not in the index: the file names no company and role' };
  let row: LoadedGuide;
  try {
    row = resolveGuide(index, offer.company, offer.role);
  } catch (err) {
    if (isNotFound(err)) return { band: null, note: `not in the index: ${err.message}` };
    if (isDataError(err)) return { band: null, note: 'not in the index: its guide is invalid', warning: err.message };
    throw err;
  }
  const guide = await model(row);
  let band: Band;
  try {
    const query = { region: offer.region || undefined, level: offer.level || undefined };
    // The region first: without one, a guide of several bands leaves the offer unpositioned (its level unread).
    const where = resolveBand(guide, { region: query.region });
    if (where.defaulted)
      return {
        band: null,
        note: `not positioned: no region (the guide has ${guide.meta.bands.map((b) => b.region).join(', ')})`,
      };
    band = query.level ? resolveBand(guide, query).band : where.band;
  } catch (err) {
    if (isNotFound(err)) return { band: null, note: `not in the index: ${err.message}` };
    throw err;
  }
  return { band, note: null };
}

export async function buildCompare(
  ctx: Context,
  files: string[],
  opts: CompareOptions,
  flags = checkFlags(files, opts, ctx.json),
): Promise<CompareResult> {
  const { years } = flags;
  // Offer files are YAML (read with the parser); conversions need the currency table.
  const read = readOffers(await ctx.parser(), files);
  const fxTable = await ctx.fx();
  const index = await ctx.index();
  const located: Located[] = [];
  for (const r of read) located.push(await locate(index, r.offer, (g) => ctx.model(g)));
  const warnings = located.flatMap((l) => (l.warning ? [l.warning] : []));
  const currencies = read.map((r, i) => {
    const c = r.named ?? located[i].band?.currency;
    if (!c)
      throw new UsageError(
        `${r.file}: currency: missing; the offer is not in the index, so say which currency its amounts are in`,
        ['e.g. currency: USD'],
      );
    return c;
  });
  const out = opts.currency ? parseCurrencyCode(opts.currency) : currencies[0];
  const fx = collectRates(() => fxTable);
  const rateFor = (from: string) => fx.rate(from, out);
  const converted = read.map((r, i) => convertOffer(r.offer, rateFor, currencies[i]));
  const evenYears = located.map((l) => l.band?.stockYears ?? DEFAULT_VESTING_YEARS);
  // One horizon for all: the last year any grant of any offer vests, unless --years says.
  const horizon = years ?? Math.max(...converted.map((o, i) => horizonOf(o, evenYears[i])));

  const labels = uniqueLabels(read.map((r) => r.offer.label ?? basename(r.file)));
  const offers: ComparedOffer[] = read.map((r, i) => {
    const offer = converted[i];
    const band = located[i].band ? convertBand(located[i].band!, rateFor(located[i].band!.currency)) : null;
    const e = band ? evaluateOffer({ offer, band, target: null, floor: null, horizon }) : null;
    const s = e?.schedule ?? computeSchedule(offer, { evenYears: evenYears[i], horizon });
    return {
      label: labels[i],
      file: r.file,
      company: r.offer.company,
      role: r.offer.role,
      region: r.offer.region,
      level: r.offer.level,
      offerCurrency: currencies[i],
      inIndex: band !== null,
      indexNote: located[i].note,
      base: offer.base,
      // The grants that start in year 1 (the `stock` grant, and any `grants:` from year 1).
      stock: s.firstYearGrants,
      bonusPct: offer.bonusPct,
      signOn: offer.signOn,
      refresher: offer.refresher,
      vesting: describeVesting(offer.vesting),
      stockPerYear: Math.round(s.stockPerYear),
      ...scheduleFigures(s),
      raise: offer.raisePct,
      stockGrowth: offer.stockGrowthPct,
      positions: e?.positions ?? null,
      beyond: e?.beyond ?? null,
      band: e?.bandAnnualTC ?? null,
      // A level's slice is an estimate, as lookup and evaluate mark it.
      bandDetail: band ? bandToJson(band, !!r.offer.level) : null,
    };
  });
  warnings.push(
    ...read.flatMap((r, i) => implausibleAmountWarnings(r.offer, currencies[i]).map((w) => `${labels[i]}: ${w}`)),
    ...staleRateWarnings(fx.rates),
  );
  const ranking = rankTotals(offers.map((o) => o.total));
  const rankBy = (totals: number[]): RankingJson => {
    const tied = tiedIndexes(totals);
    return { best: offers[rankTotals(totals).best].label, tied: tied.map((i) => offers[i].label) };
  };
  const guaranteed = rankBy(offers.map((o) => o.total));
  return {
    currency: out,
    rates: fx.rates,
    years: horizon,
    offers,
    best: guaranteed.best,
    tied: guaranteed.tied,
    rankings: { guaranteed, expected: rankBy(offers.map((o) => o.expectedTotal)) },
    assumptions: {
      exchangeRates: fx.rates,
      offers: offers.map((o, i) => ({
        label: o.label,
        raise: o.raise,
        stockGrowth: o.stockGrowth,
        refresher: converted[i].refresher,
        refreshers: converted[i].refreshers.length,
      })),
    },
    close: ranking.close.map((i) => offers[i].label),
    behindPct: ranking.behindPct,
    warnings,
    notes: read.flatMap((r) => r.notes),
  };
}

/** Labels name columns, so they must differ: a repeated one gets its position added. */
function uniqueLabels(labels: string[]): string[] {
  return labels.map((l, i) => {
    const n = labels.filter((x) => x === l).length;
    return n > 1 ? `${l} (${i + 1})` : l;
  });
}

export async function runCompare(ctx: Context, files: string[], opts: CompareOptions): Promise<number> {
  const flags = checkFlags(files, opts, ctx.json);
  const result = await buildCompare(ctx, files, opts, flags);
  for (const w of result.warnings) ctx.warn(w);
  for (const n of result.notes) ctx.note(n);
  const { format } = flags;
  if (isPictureFormat(format)) emit(ctx, await renderCompareFormat(ctx, result, format, locate), opts);
  else if (ctx.json) emit(ctx, JSON.stringify(result, null, 2), opts);
  else emit(ctx, renderCompare(result, format, opts.output ? createStyle(0) : ctx.style), opts);
  // CSV and TSV carry data only: the rates used go to stderr (the table and Markdown print them).
  if (format === 'csv' || format === 'tsv') for (const rate of result.rates) ctx.note(rateLine(rate));
  return 0;
}
