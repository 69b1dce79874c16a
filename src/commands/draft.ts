// draft: a counter-offer message from the guide's market band, levers and targets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRate } from '../comp/fx.js';
import { parseAmount, parsePercent } from '../comp/money.js';
import type { Context } from '../context.js';
import type { AskOverrides, OfferFigures } from '../draft/ask.js';
import { parseCompeting, resolveCompeting, type CompetingInput } from '../draft/competing.js';
import { composeDraft, FORMATS, type DraftFormat, type DraftResult, type MarketBand } from '../draft/compose.js';
import { parseLeverList } from '../draft/levers.js';
import { UsageError } from '../errors.js';
import { parseBody } from '../guides/body.js';
import { resolveGuide, type IndexedGuide } from '../index/build.js';
import { bandToJson, selectBands } from './lookup.js';

export interface DraftFlags {
  region?: string;
  competing?: string[];
  levers?: string;
  askBase?: string;
  askStock?: string;
  askBonus?: string;
  format?: string;
  template?: string;
}

/** What a draft needs besides the guide and the offer: everything already parsed and checked. */
export interface DraftOptions {
  region?: string;
  format: DraftFormat;
  templateFile?: string;
  leverNumbers: number[] | null;
  competing: CompetingInput[];
  overrides: AskOverrides;
}

const TEMPLATE_FILES: Record<DraftFormat, string> = { text: 'text.txt', email: 'email.txt', markdown: 'markdown.md' };
const MAX_TEMPLATE_BYTES = 256 * 1024;

export function parseFormat(value: string | undefined): DraftFormat {
  const v = (value ?? 'text').trim().toLowerCase();
  if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format: "${value}" is not a format`, [`choose one of: ${FORMATS.join(', ')}`]);
  return v as DraftFormat;
}

/** Checks the draft's own flags before anything is loaded, so a typo is a usage error even without data. */
export function parseDraftFlags(flags: DraftFlags): DraftOptions & { overrideCurrencies: Record<string, string | undefined> } {
  const base = flags.askBase !== undefined ? parseAmount(flags.askBase, '--ask-base') : undefined;
  const stock = flags.askStock !== undefined ? parseAmount(flags.askStock, '--ask-stock') : undefined;
  return {
    region: flags.region,
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

/** Reads a template file; anything unreadable is a usage error naming the file. */
export function readTemplate(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UsageError(`--template: cannot read ${path}: ${why}`);
  }
  if (text.length > MAX_TEMPLATE_BYTES) throw new UsageError(`--template: ${path} is larger than ${MAX_TEMPLATE_BYTES / 1024} KiB`);
  if (text.includes('\u0000')) throw new UsageError(`--template: ${path} is not a text file`);
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export interface DraftJson extends Omit<DraftResult, 'warnings'> {
  company: { slug: string; name: string };
  role: { slug: string; name: string };
  format: DraftFormat;
  market: ReturnType<typeof bandToJson> & { asOf: string | null; sources: string[]; stale: boolean };
}

/** Picks the band the draft argues from: the region asked, else the guide's first (and says so). */
function selectMarket(ctx: Context, guide: IndexedGuide, region: string | undefined, notes: string[]): MarketBand {
  const band = selectBands(guide, region)[0];
  if (region === undefined && guide.meta.bands.length > 1) notes.push(`no --region given: the draft uses ${band.region}, the guide's first band`);
  return { band, level: null };
}

/**
 * Drafts a counter-offer for a resolved guide and offer, and prints it. The evaluate flow hands off
 * here after showing an evaluation. Returns the exit code.
 */
export function runDraftFor(ctx: Context, guide: IndexedGuide, offer: OfferFigures | null, opts: DraftOptions): number {
  const preNotes: string[] = [];
  const market = selectMarket(ctx, guide, opts.region, preNotes);
  const templateFile = opts.templateFile ?? join(ctx.dataDir, 'templates', TEMPLATE_FILES[opts.format]);
  const competing = resolveCompeting(opts.competing, market.band.currency, (from) => findRate(ctx.fx(), from, market.band.currency));
  const result = composeDraft({
    meta: guide.meta,
    body: parseBody(guide.body, guide.bodyLine),
    market,
    offer,
    competing,
    leverNumbers: opts.leverNumbers,
    overrides: opts.overrides,
    format: opts.format,
    template: { source: readTemplate(templateFile), file: opts.templateFile ?? `data/templates/${TEMPLATE_FILES[opts.format]}` },
    today: ctx.today,
  });
  const notes = [...preNotes, ...result.notes];
  if (ctx.json) {
    const m = guide.meta;
    const json: DraftJson = {
      message: result.message,
      ask: result.ask,
      floor: result.floor,
      levers: result.levers,
      notes: [...result.warnings, ...notes],
      company: { slug: m.company, name: m.companyName },
      role: { slug: m.role, name: m.roleName },
      format: opts.format,
      market: { ...bandToJson(market.band, market.level !== null), asOf: m.lastUpdated, sources: m.sources, stale: result.warnings.length > 0 },
    };
    for (const w of result.warnings) ctx.warn(w);
    ctx.out(JSON.stringify(json, null, 2));
    return 0;
  }
  for (const w of result.warnings) ctx.warn(w);
  for (const n of notes) ctx.note(`${ctx.errStyle.dim('note:')} ${n}`);
  ctx.out(result.message);
  return 0;
}

export function runDraft(ctx: Context, company: string, role: string, flags: DraftFlags): number {
  const opts = parseDraftFlags(flags);
  const guide = resolveGuide(ctx.index(), company, role);
  const currency = selectBands(guide, opts.region)[0].currency;
  for (const [flag, c] of Object.entries(opts.overrideCurrencies)) {
    if (c && c !== currency) throw new UsageError(`${flag}: the amount is in ${c} but the ${guide.meta.company} band is in ${currency}`, [`write it in ${currency}, like ${flag} 180k`]);
  }
  return runDraftFor(ctx, guide, null, opts);
}
