// Runs a draft for a resolved guide, band and offer: reads the stage's template, composes, prints the
// message (stdout) and notes (stderr), or the JSON. Shared by the draft command and evaluate's hand-off
// ("Draft a message now?"), so neither command imports the other.
import { join } from 'node:path';
import { bandToJson, type BandJson } from './comp/bands.js';
import { findRate, type FxTable } from './comp/fx.js';
import { levelToJson, type LevelJson, type ResolvedLevel } from './comp/level-match.js';
import type { Context } from './context.js';
import type { AskOverrides } from './draft/ask.js';
import { resolveCompeting, type CompetingInput } from './draft/competing.js';
import {
  composeDraft,
  type DraftFormat,
  type DraftOffer,
  type DraftResult,
  type DraftStyle,
  type Stage,
} from './draft/compose.js';
import type { AskMode } from './draft/standard.js';
import type { LeverHow } from './draft/levers.js';
import { UsageError } from './errors.js';
import { readBoundedFile } from './files.js';
import { isStale } from './guides/review.js';
import type { GuideBody } from './guides/body.js';
import type { Band, GuideMeta } from './guides/types.js';
import { describeVesting, VESTING_PRESETS } from './comp/vesting.js';
import type { EvaluateResult } from './offer-evaluation.js';

/** What a draft needs besides the guide and the offer, parsed and checked. */
export interface DraftOptions {
  stage: Stage;
  style: DraftStyle;
  askMode: AskMode;
  format: DraftFormat;
  templateFile?: string;
  leverNumbers: number[] | null;
  leverHow: LeverHow;
  competing: CompetingInput[];
  overrides: AskOverrides;
  /** Currencies the --ask-* amounts named, by flag, checked against the band's. */
  overrideCurrencies?: Record<string, string | undefined>;
  defer: boolean;
  deadline: string | null;
  reason: string | null;
  asked: number | null;
  /** Notes the command made before the draft (unused flags, the defaulted region…). */
  notes: string[];
}

export const DEFAULT_DRAFT_OPTIONS: DraftOptions = {
  stage: 'counter',
  style: 'short',
  askMode: 'component',
  format: 'text',
  leverNumbers: null,
  leverHow: 'flag',
  competing: [],
  overrides: {},
  defer: false,
  deadline: null,
  reason: null,
  asked: null,
  notes: [],
};

/** A vesting schedule in words: presets as their yearly percentages ("40/30/20/10"). */
function sayVesting(v: EvaluateResult['offer']['vesting']): string {
  return describeVesting(
    typeof v === 'string' && v in VESTING_PRESETS ? [...VESTING_PRESETS[v as keyof typeof VESTING_PRESETS]] : v,
  );
}

/**
 * The offer as a draft argues with it, read from its evaluation (the offer exactly as evaluate read and
 * converted it, in the band's currency): the grants that start in year 1 as one grant over the band's
 * years (so it compares with the target's grant as annual TC does), a fixed bonus as its % of base.
 */
export function draftOfferFromEvaluation(e: EvaluateResult, band: Band): DraftOffer {
  const o = e.offer;
  const yearOne = o.stock + o.grants.filter((g) => g.startYear === 1).reduce((a, g) => a + g.amount, 0);
  const later = o.grants.filter((g) => g.startYear > 1).map((g) => ({ amount: g.amount, startYear: g.startYear }));
  const d: DraftOffer = {
    base: o.base,
    stock: Math.round(e.stockPerYear * band.stockYears),
    bonusPct: o.bonusAmount !== null && o.base > 0 ? Math.round((o.bonusAmount / o.base) * 1000) / 10 : o.bonusPct,
    signOn: o.signOn,
    grantTotal: yearOne,
    vesting: sayVesting(o.vesting),
    vestingYears: e.vesting.years,
    cliffMonths: o.cliffMonths,
    refresher: o.refresher,
    annualTC: e.annualTC,
  };
  if (o.bonusAmount !== null) d.bonusAmount = o.bonusAmount;
  if (later.length) d.laterGrants = later;
  return d;
}

/** The bundled template of a stage in a format: counter.txt, counter.email.txt, counter.md … */
export function templateName(stage: Stage, format: DraftFormat): string {
  return `${stage}${format === 'email' ? '.email.txt' : format === 'markdown' ? '.md' : '.txt'}`;
}

/** The band a draft argues from, narrowed to the level, with the region's whole band beside a slice. */
export interface DraftMarket {
  band: Band;
  wholeBand: Band | null;
  level: ResolvedLevel | null;
}

/** The `draft --json` document: SPEC's message/ask/floor/levers/notes/current, plus what the draft argued from. */
export interface DraftJson extends Omit<DraftResult, 'warnings'> {
  current: EvaluateResult | null;
  stage: Stage;
  style: DraftStyle;
  company: { slug: string; name: string };
  role: { slug: string; name: string };
  format: DraftFormat;
  market: BandJson & {
    level: LevelJson | null;
    asOf: string | null;
    sources: string[];
    dataQuality: string | null;
    salaryDataQuarter: string | null;
    stale: boolean;
  };
}

/**
 * Drafts a message for a resolved guide and prints it; returns the exit code. The offer is in the band's
 * currency (null: no offer yet); `current` is its evaluation (null without a base).
 */
export function runDraftFor(
  ctx: Context,
  guide: { meta: GuideMeta; body: GuideBody },
  fx: FxTable,
  market: DraftMarket,
  offer: DraftOffer | null,
  current: EvaluateResult | null,
  opts: DraftOptions,
): number {
  const currency = market.band.currency;
  for (const [flag, c] of Object.entries(opts.overrideCurrencies ?? {})) {
    if (c && c !== currency) {
      throw new UsageError(
        `${flag}: the amount is in ${c} but the ${guide.meta.company} ${market.band.region} band is in ${currency}`,
        [`write it in ${currency}, e.g. ${flag} 180k`],
      );
    }
  }
  const name = templateName(opts.stage, opts.format);
  const templatePath = opts.templateFile ?? join(ctx.dataDir, 'templates', name);
  const template = readBoundedFile(templatePath, 'template')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const result = composeDraft({
    meta: guide.meta,
    body: guide.body,
    market: { band: market.band, wholeBand: market.wholeBand, level: market.level },
    offer,
    competing: resolveCompeting(opts.competing, currency, (from) => findRate(fx, from, currency)),
    leverNumbers: opts.leverNumbers,
    leverHow: opts.leverHow,
    overrides: opts.overrides,
    format: opts.format,
    template: { source: template, file: opts.templateFile ?? `data/templates/${name}` },
    today: ctx.today,
    rate: (from, to) => findRate(fx, from, to),
    stage: opts.stage,
    style: opts.style,
    askMode: opts.askMode,
    defer: opts.defer,
    deadline: opts.deadline,
    reason: opts.reason,
    asked: opts.asked,
  });
  const notes = [...opts.notes, ...result.notes];
  for (const w of result.warnings) ctx.warn(w);
  if (ctx.json) {
    const m = guide.meta;
    const json: DraftJson = {
      message: result.message,
      ask: result.ask,
      floor: result.floor,
      levers: result.levers,
      notes: [...result.warnings, ...notes],
      current,
      stage: opts.stage,
      style: opts.style,
      standard: result.standard,
      range: result.range,
      company: { slug: m.company, name: m.companyName },
      role: { slug: m.role, name: m.roleName },
      format: opts.format,
      market: {
        ...bandToJson(market.band, market.level !== null),
        level: market.level && levelToJson(market.level),
        asOf: m.lastUpdated,
        sources: m.sources,
        dataQuality: m.dataQuality,
        salaryDataQuarter: m.salaryQuarter,
        stale: isStale(m, ctx.today),
      },
    };
    ctx.out(JSON.stringify(json, null, 2));
    return 0;
  }
  for (const n of notes) ctx.note(`${ctx.errStyle.dim('note:')} ${n}`);
  ctx.out(result.message);
  return 0;
}
