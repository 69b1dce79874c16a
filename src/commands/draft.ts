// draft: a counter-offer message from the guide's market band, levers and targets.
// Inputs: the shared offer flags and --offer file (src/options.ts), plus draft's own flags.
import { join } from 'node:path';
import { bandToJson, type BandJson } from '../comp/bands.js';
import { findRate } from '../comp/fx.js';
import { levelToJson, parseLevelQuery, resolveBand, type LevelJson, type ResolvedLevel } from '../comp/levels.js';
import { parseAmount, parsePercent } from '../comp/money.js';
import type { Offer } from '../comp/offer.js';
import type { Context } from '../context.js';
import type { AskOverrides, OfferFigures } from '../draft/ask.js';
import { mergeCompeting, parseCompeting, parseCompetingField, resolveCompeting, type CompetingInput } from '../draft/competing.js';
import { composeDraft, FORMATS, type DraftFormat, type DraftResult, type MarketBand } from '../draft/compose.js';
import { parseLeverList } from '../draft/levers.js';
import { UsageError } from '../errors.js';
import { readBoundedFile } from '../files.js';
import { parser } from '../guides/lazy-parser.js';
import { isPastReview } from '../guides/review.js';
import { resolveGuide, type IndexedGuide } from '../index/build.js';
import { parseOfferInput, resolveOfferCurrency, type OfferInput } from '../options.js';
import { parseOfferYaml } from '../offer-file.js';
import { checkCliff } from '../comp/offer.js';
import { DEFAULT_VESTING_YEARS, vestingPercents } from '../comp/vesting.js';
import { escapeName } from '../render/terminal.js';

/** The flags draft adds to the shared offer flags. */
export interface DraftFlags {
  [flag: string]: unknown;
  competing?: string[];
  levers?: string;
  askBase?: string;
  askStock?: string;
  askBonus?: string;
  format?: string;
  template?: string;
  offer?: string;
}

/** What a draft needs besides the guide and the offer, parsed and checked. */
export interface DraftOptions {
  region?: string;
  level?: string;
  format: DraftFormat;
  templateFile?: string;
  leverNumbers: number[] | null;
  competing: CompetingInput[];
  overrides: AskOverrides;
  /** Currencies the --ask-* amounts named, by flag, checked against the band's. */
  overrideCurrencies?: Record<string, string | undefined>;
}

export const DEFAULT_DRAFT_OPTIONS: DraftOptions = { format: 'text', leverNumbers: null, competing: [], overrides: {} };

const TEMPLATE_FILES: Record<DraftFormat, string> = { text: 'text.txt', email: 'email.txt', markdown: 'markdown.md' };

export function parseFormat(value: string | undefined): DraftFormat {
  const v = (value ?? 'text').trim().toLowerCase();
  if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format: "${value}" is not a format`, [`choose one of: ${FORMATS.join(', ')}`]);
  return v as DraftFormat;
}

/** Checks draft's own flags before anything is loaded, so a typo is a usage error even without data. */
export function parseDraftFlags(flags: DraftFlags): DraftOptions {
  const base = flags.askBase !== undefined ? parseAmount(flags.askBase, '--ask-base') : undefined;
  const stock = flags.askStock !== undefined ? parseAmount(flags.askStock, '--ask-stock') : undefined;
  return {
    format: parseFormat(flags.format),
    templateFile: flags.template,
    leverNumbers: flags.levers !== undefined ? parseLeverList(flags.levers) : null,
    competing: (flags.competing ?? []).map((c) => parseCompeting(c)),
    overrides: {
      base: base?.amount,
      stock: stock?.amount,
      bonusPct: flags.askBonus !== undefined ? parsePercent(flags.askBonus, '--ask-bonus') : undefined,
    },
    overrideCurrencies: { '--ask-base': base?.currency, '--ask-stock': stock?.currency },
  };
}

/** The parts of an offer the user actually gave; null when they gave none (the draft then asks without one). */
export function offerFiguresFromInput(input: OfferInput): OfferFigures | null {
  const figures: OfferFigures = {};
  if (input.base !== undefined) figures.base = input.base;
  if (input.stock !== undefined) figures.stock = input.stock;
  if (input.bonusPct !== undefined) figures.bonusPct = input.bonusPct;
  if (input.signOn !== undefined) figures.signOn = input.signOn;
  return Object.keys(figures).length ? figures : null;
}

/** A complete offer (as evaluate holds it, in the band's currency) as the figures a draft compares with. */
export function offerFigures(offer: Offer): OfferFigures {
  return { base: offer.base, stock: offer.stock, bonusPct: offer.bonusPct, signOn: offer.signOn };
}

/** The `draft --json` document: SPEC's message/ask/floor/levers/notes, plus what the draft argued from. */
export interface DraftJson extends Omit<DraftResult, 'warnings'> {
  company: { slug: string; name: string };
  role: { slug: string; name: string };
  format: DraftFormat;
  market: BandJson & {
    level: LevelJson | null;
    asOf: string | null;
    sources: string[];
    stale: boolean;
  };
}

/** The band the draft argues from: the region asked (else the guide's first, said in the notes), narrowed to the level. */
function selectMarket(guide: IndexedGuide, opts: DraftOptions, notes: string[]): MarketBand & { level: ResolvedLevel | null } {
  const { band, level, defaulted } = resolveBand(guide, { region: opts.region, level: opts.level });
  if (defaulted) notes.push(`no --region given: the draft uses ${band.region}, the guide's first band`);
  if (level?.approximate) notes.push(`${level.from.company} ${level.from.level} maps to ${level.company} by relative position in unequal ranges: approximate`);
  return { band, level };
}

/**
 * Drafts a counter-offer for a resolved guide and prints it; returns the exit code. The offer is in
 * the band's currency (null: no offer yet). The evaluate flow hands off here after an evaluation:
 * `runDraftFor(ctx, guide, offerFigures(offer), { ...DEFAULT_DRAFT_OPTIONS, region, level })`.
 */
export function runDraftFor(ctx: Context, guide: IndexedGuide, offer: OfferFigures | null, opts: DraftOptions): number {
  const preNotes: string[] = [];
  const market = selectMarket(guide, opts, preNotes);
  const currency = market.band.currency;
  for (const [flag, c] of Object.entries(opts.overrideCurrencies ?? {})) {
    if (c && c !== currency) {
      throw new UsageError(`${flag}: the amount is in ${c} but the ${guide.meta.company} ${market.band.region} band is in ${currency}`, [`write it in ${currency}, e.g. ${flag} 180k`]);
    }
  }
  const templateName = TEMPLATE_FILES[opts.format];
  const templatePath = opts.templateFile ?? join(ctx.dataDir, 'templates', templateName);
  const template = readBoundedFile(templatePath, 'template').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const result = composeDraft({
    meta: guide.meta,
    body: parser().parseBody(guide.body, guide.bodyLine, guide.meta),
    market,
    offer,
    competing: resolveCompeting(opts.competing, currency, (from) => findRate(ctx.fx(), from, currency)),
    leverNumbers: opts.leverNumbers,
    overrides: opts.overrides,
    format: opts.format,
    template: { source: template, file: opts.templateFile ?? `data/templates/${templateName}` },
    today: ctx.today,
    rate: (from, to) => findRate(ctx.fx(), from, to),
  });
  const notes = [...preNotes, ...result.notes];
  for (const w of result.warnings) ctx.warn(w);
  if (ctx.json) {
    const m = guide.meta;
    const level = market.level;
    const json: DraftJson = {
      message: result.message,
      ask: result.ask,
      floor: result.floor,
      levers: result.levers,
      notes: [...result.warnings, ...notes],
      company: { slug: m.company, name: m.companyName },
      role: { slug: m.role, name: m.roleName },
      format: opts.format,
      market: {
        ...bandToJson(market.band, level !== null),
        level: level && levelToJson(level),
        asOf: m.lastUpdated,
        sources: m.sources,
        stale: isPastReview(m, ctx.today),
      },
    };
    ctx.out(JSON.stringify(json, null, 2));
    return 0;
  }
  for (const n of notes) ctx.note(`${ctx.errStyle.dim('note:')} ${n}`);
  ctx.out(result.message);
  return 0;
}

export async function runDraft(ctx: Context, company: string | undefined, role: string | undefined, flags: DraftFlags): Promise<number> {
  const opts = parseDraftFlags(flags);
  // The offer file is YAML, the guide's body Markdown, conversions need the currency table: all come with the parser.
  await ctx.loadParser();
  const file = flags.offer ? { path: escapeName(flags.offer), fields: parseOfferYaml(readBoundedFile(flags.offer, 'offer file'), escapeName(flags.offer)) } : undefined;
  const parsed = parseOfferInput(flags, file);
  const { region, level } = { region: parsed.input.region ?? undefined, level: parsed.input.level ?? undefined };
  if (level !== undefined) parseLevelQuery(level);
  const fileCompeting = file && file.fields.competing != null ? parseCompetingField(file.fields.competing, `${file.path}: competing`) : [];
  const companyQuery = company ?? parsed.input.company;
  const roleQuery = role ?? parsed.input.role;
  if (!companyQuery || !roleQuery) {
    throw new UsageError('missing input: <company> <role> (arguments, or company and role in --offer)', [
      'example: negotiate draft cloudflare-workers ml-ai-engineer --region London --base 150k',
    ]);
  }
  const guide = resolveGuide(await ctx.index(), companyQuery, roleQuery);
  const { band } = resolveBand(guide, { region });
  // A draft argues in the band's currency (it has no --currency): an offer in another is refused.
  resolveOfferCurrency(parsed, band.currency, `${guide.meta.company} ${band.region}`, null);
  // The draft uses no schedule, but a cliff longer than the vesting is the same usage error as in evaluate.
  if (parsed.input.cliffMonths) checkCliff(parsed.input.cliffMonths, vestingPercents(parsed.input.vesting ?? 'even', band.stockYears || DEFAULT_VESTING_YEARS).length);
  return runDraftFor(ctx, guide, offerFiguresFromInput(parsed.input), {
    ...opts,
    region,
    level,
    competing: mergeCompeting(fileCompeting, opts.competing),
  });
}
