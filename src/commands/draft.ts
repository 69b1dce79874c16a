// draft: a message for one moment of the negotiation (SPEC §4 draft), from the guide's market band,
// targets and the levers the user chose. Reads the offer exactly as evaluate does (src/options.ts), and
// reports its evaluation as `current`.
import { resolveBand } from '../comp/level-band.js';
import { parseLevelQuery } from '../comp/level-match.js';
import { parseAmount, parsePercent } from '../comp/money.js';
import type { Context } from '../context.js';
import { isRealDate } from '../text/date.js';
import { mergeCompeting, parseCompeting, parseCompetingField } from '../draft/competing.js';
import {
  FORMATS,
  REASONS,
  STAGE_FORMATS,
  STAGES,
  STYLES,
  type DraftFormat,
  type DraftOffer,
  type DraftStyle,
  type Stage,
} from '../draft/compose.js';
import { parseLeverList } from '../draft/levers.js';
import type { AskMode } from '../draft/standard.js';
import { DEFAULT_DRAFT_OPTIONS, draftOfferFromEvaluation, runDraftFor, type DraftOptions } from '../drafting.js';
import { UsageError } from '../errors.js';
import { readBoundedFile } from '../files.js';
import type { Band } from '../guides/types.js';
import { resolveGuide } from '../index/build.js';
import { buildEvaluation, type EvaluateResult } from '../offer-evaluation.js';
import { OFFER_FIELDS, parseOfferInput, resolveOfferCurrency, type ParsedOffer } from '../options.js';
import { parseOfferYaml } from '../offer-file.js';
import { checkCliff } from '../comp/offer.js';
import { DEFAULT_VESTING_YEARS, vestingPercents } from '../comp/vesting.js';
import { escapeName } from '../text/escape.js';

/** The flags draft adds to the shared offer flags. */
export interface DraftFlags {
  [flag: string]: unknown;
  stage?: string;
  style?: string;
  ask?: string;
  competing?: string[];
  levers?: string;
  askBase?: string;
  askStock?: string;
  askBonus?: string;
  defer?: boolean;
  deadline?: string;
  reason?: string;
  asked?: string;
  format?: string;
  template?: string;
  offer?: string;
  /** false with --no-input. */
  input?: boolean;
  letter?: string;
}

function pick<T extends string>(flag: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  const v = (value ?? fallback).trim().toLowerCase();
  if (!(choices as readonly string[]).includes(v))
    throw new UsageError(`${flag}: "${value}" is not one of ${choices.join(', ')}`, [
      `choose one of: ${choices.join(', ')}`,
    ]);
  return v as T;
}

export const parseFormat = (value: string | undefined): DraftFormat => pick('--format', value, FORMATS, 'text');

/** A YYYY-MM-DD date that exists and is not before today. */
export function parseDeadline(value: string, today: string): string {
  if (!isRealDate(value.trim())) {
    throw new UsageError(`--deadline: "${value}" is not a date`, [
      'write it as YYYY-MM-DD, e.g. --deadline 2026-12-11',
    ]);
  }
  const iso = value.trim();
  if (iso < today)
    throw new UsageError(`--deadline: ${iso} is before today (${today})`, ['ask for a date still to come']);
  return iso;
}

/** --reason: process, family, or the user's own words (one line, at most 200 characters). */
export function parseReason(value: string): string {
  const text = value.trim();
  if (!text) throw new UsageError('--reason: give process, family, or your own words');
  if (text.length > 200 || /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text)) {
    throw new UsageError(
      '--reason: your own words must be one line of at most 200 characters, without control characters',
    );
  }
  return (REASONS as readonly string[]).includes(text.toLowerCase()) ? text.toLowerCase() : text;
}

/** Checks draft's own flags before anything is loaded, so a typo is a usage error even without data. */
export function parseDraftFlags(flags: DraftFlags, today: string): DraftOptions {
  const stage = pick('--stage', flags.stage, STAGES, 'counter') as Stage;
  const format = parseFormat(flags.format);
  if (!STAGE_FORMATS[stage].includes(format)) {
    throw new UsageError(`--format ${format}: the ${stage} stage has no ${format} form`, [
      stage === 'call'
        ? 'the call sheet is for your eyes only, not a message to send: use --format text or --format markdown'
        : `choose one of: ${STAGE_FORMATS[stage].join(', ')}`,
    ]);
  }
  const base = flags.askBase !== undefined ? parseAmount(flags.askBase, '--ask-base') : undefined;
  const stock = flags.askStock !== undefined ? parseAmount(flags.askStock, '--ask-stock') : undefined;
  const asked = flags.asked !== undefined ? parseAmount(flags.asked, '--asked') : undefined;
  const notes: string[] = [];
  const unusedHere = (flag: string, given: unknown, stages: Stage[]) => {
    if (given !== undefined && given !== false && !stages.includes(stage))
      notes.push(`${flag}: not used by the ${stage} stage (it belongs to ${stages.join(', ')})`);
  };
  unusedHere('--defer', flags.defer, ['expectations']);
  unusedHere('--deadline', flags.deadline, ['extension']);
  unusedHere('--reason', flags.reason, ['extension']);
  unusedHere('--asked', flags.asked, ['second-round']);
  unusedHere('--style', flags.style, ['counter']);
  return {
    ...DEFAULT_DRAFT_OPTIONS,
    stage,
    style: pick('--style', flags.style, STYLES, 'short') as DraftStyle,
    askMode: pick('--ask', flags.ask, ['component', 'total'] as const, 'component') as AskMode,
    format,
    templateFile: flags.template,
    leverNumbers: flags.levers !== undefined ? parseLeverList(flags.levers) : null,
    competing: (flags.competing ?? []).map((c) => parseCompeting(c)),
    overrides: {
      base: base?.amount,
      stock: stock?.amount,
      bonusPct: flags.askBonus !== undefined ? parsePercent(flags.askBonus, '--ask-bonus') : undefined,
    },
    overrideCurrencies: { '--ask-base': base?.currency, '--ask-stock': stock?.currency, '--asked': asked?.currency },
    defer: !!flags.defer,
    deadline: flags.deadline !== undefined ? parseDeadline(flags.deadline, today) : null,
    reason: flags.reason !== undefined ? parseReason(flags.reason) : null,
    asked: asked?.amount ?? null,
    notes,
  };
}

/** The offer fields each stage's message (or its notes) uses; every other one the user gave is named as unused. */
const STAGE_USES: Record<Stage, string[]> = {
  expectations: [],
  counter: ['base', 'stock', 'grants', 'bonusPct', 'bonusAmount'],
  extension: [],
  recap: ['base', 'stock', 'grants', 'bonusPct', 'bonusAmount', 'signOn', 'vesting', 'cliffMonths', 'refresher'],
  'second-round': ['base', 'stock', 'grants', 'bonusPct', 'bonusAmount'],
  call: ['base', 'stock', 'grants', 'bonusPct', 'bonusAmount'],
};
/** Fields that pick the guide and band, or name the amounts' currency: used by every stage. */
const IDENTITY = ['company', 'role', 'region', 'level', 'currency'];

/** The offer flags and file fields the user gave that the stage's message does not use, named in one note. */
export function unusedOfferNote(
  stage: Stage,
  style: DraftStyle,
  flags: Record<string, unknown>,
  file: { path: string; fields: Record<string, unknown> } | undefined,
): string | null {
  const used = new Set([...STAGE_USES[stage], ...(stage === 'counter' && style === 'full' ? ['signOn'] : [])]);
  const unused: string[] = [];
  for (const spec of OFFER_FIELDS) {
    if (IDENTITY.includes(spec.target) || used.has(spec.target)) continue;
    if (spec.key && flags[spec.key] !== undefined) unused.push(spec.flag!.split(' ')[0]);
    else if (file && file.fields[spec.field] !== undefined && file.fields[spec.field] !== null)
      unused.push(`${spec.field} (${file.path})`);
  }
  if (unused.length === 0) return null;
  const why = stage === 'expectations' ? 'it comes before any offer' : 'its message does not need them';
  return `not used in the ${stage} message (${why}): ${unused.join(', ')}; they are read into the offer's evaluation (current in --json)`;
}

/**
 * The offer as a draft sees it, in the band's currency: its evaluation's (read and converted exactly as
 * evaluate does), or without a base, the figures the user gave (then in the band's currency only).
 */
function draftOffer(parsed: ParsedOffer, current: EvaluateResult | null, band: Band): DraftOffer | null {
  if (current) return draftOfferFromEvaluation(current, band);
  const input = parsed.input;
  const o: DraftOffer = {};
  if (input.base !== undefined) o.base = input.base;
  if (input.stock !== undefined) o.stock = input.stock;
  if (input.bonusPct !== undefined) o.bonusPct = input.bonusPct;
  if (input.signOn !== undefined) o.signOn = input.signOn;
  if (input.cliffMonths !== undefined) o.cliffMonths = input.cliffMonths;
  if (input.refresher !== undefined) o.refresher = input.refresher;
  return o.base !== undefined || o.stock !== undefined || o.bonusPct !== undefined ? o : null;
}

const canPrompt = (ctx: Context, flags: DraftFlags) =>
  ctx.stdinIsTTY && ctx.stdoutIsTTY && !ctx.json && flags.input !== false;

export async function runDraft(
  ctx: Context,
  company: string | undefined,
  role: string | undefined,
  flags: DraftFlags,
): Promise<number> {
  const opts = parseDraftFlags(flags, ctx.today);
  // The offer file is YAML, the guide's body Markdown, conversions need the currency table: all need the parser.
  const p = await ctx.parser();
  const fx = await ctx.fx();
  const file = flags.letter
    ? await (await import('../letter-offer.js')).letterOfferFields(
        ctx,
        flags.letter,
        flags,
        canPrompt(ctx, flags),
        'stderr',
      )
    : flags.offer
      ? {
          path: escapeName(flags.offer),
          fields: parseOfferYaml(p, readBoundedFile(flags.offer, 'offer file'), escapeName(flags.offer)),
        }
      : undefined;
  const parsed = parseOfferInput(flags, file);
  const { region, level } = { region: parsed.input.region ?? undefined, level: parsed.input.level ?? undefined };
  if (level !== undefined) parseLevelQuery(level);
  const fileCompeting =
    file && file.fields.competing != null ? parseCompetingField(file.fields.competing, `${file.path}: competing`) : [];
  const companyQuery = company ?? parsed.input.company;
  const roleQuery = role ?? parsed.input.role;
  if (!companyQuery || !roleQuery) {
    throw new UsageError('missing input: <company> <role> (arguments, or company and role in --offer)', [
      'example: negotiate draft cloudflare-workers ml-ai-engineer --region London --base 150k',
    ]);
  }
  const guide = await ctx.guide(resolveGuide(await ctx.index(), companyQuery, roleQuery));
  const body = p.parseBody(guide.body, guide.bodyLine, guide.meta);
  const choice = resolveBand(guide, { region, level });
  const notes = [...opts.notes, ...parsed.notes];
  if (choice.defaulted) notes.push(`no --region given: the draft uses ${choice.band.region}, the guide's first band`);
  if (choice.level?.approximate)
    notes.push(
      `${choice.level.from.company} ${choice.level.from.level} maps to ${choice.level.company} by relative position in unequal ranges: approximate`,
    );
  const wholeBand = choice.level ? resolveBand(guide, { region: choice.band.region }).band : null;
  // The offer as evaluate holds it: named by the guide and band it was read against.
  parsed.input.company = guide.meta.company;
  parsed.input.role = guide.meta.role;
  parsed.input.region = choice.band.region;
  if (choice.level) parsed.input.level = choice.level.asked;
  // Without a base there is no evaluation to convert the figures: they must be in the band's currency.
  if (parsed.input.base === undefined) {
    resolveOfferCurrency(parsed, choice.band.currency, `${guide.meta.company} ${choice.band.region}`, null);
    // A cliff longer than the vesting is the same usage error as in evaluate (which checks it with a base).
    if (parsed.input.cliffMonths)
      checkCliff(
        parsed.input.cliffMonths,
        vestingPercents(parsed.input.vesting ?? 'even', choice.band.stockYears || DEFAULT_VESTING_YEARS).length,
      );
  }
  const current =
    parsed.input.base !== undefined
      ? buildEvaluation(ctx, { guide, body, band: choice.band, level: choice.level, parsed }, {}, fx).result
      : null;
  if (
    !current &&
    parsed.input.base === undefined &&
    opts.stage !== 'expectations' &&
    opts.stage !== 'extension' &&
    draftOffer(parsed, null, choice.band)
  ) {
    notes.push('no --base given: the offer is not evaluated (current is null in --json)');
  }
  const unused = unusedOfferNote(opts.stage, opts.style, flags, file);
  if (unused) notes.push(unused);

  let { leverNumbers, leverHow } = opts;
  const usesLevers = opts.stage === 'counter' || opts.stage === 'call' || opts.stage === 'second-round';
  if (leverNumbers === null && usesLevers && canPrompt(ctx, flags)) {
    const levers = body.levers;
    if (levers.length > 0) {
      const prompts = await import('../prompts/draft.js');
      leverNumbers = await prompts.confirmLevers(levers, (t) => ctx.note(t));
      leverHow = 'confirmed';
    }
  }
  return runDraftFor(
    ctx,
    { meta: guide.meta, body },
    fx,
    { band: choice.band, wholeBand, level: choice.level },
    draftOffer(parsed, current, choice.band),
    current,
    {
      ...opts,
      leverNumbers,
      leverHow,
      notes,
      competing: mergeCompeting(fileCompeting, opts.competing),
    },
  );
}
