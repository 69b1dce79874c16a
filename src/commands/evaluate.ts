// evaluate: one offer against its band, year by year, with the guide's target and walk-away floor.
// Inputs come from flags, an offer file (--offer), or, on a terminal, from prompts (src/prompts/).
import { bandToJson, convertBand, type BandJson } from '../comp/bands.js';
import { evaluateOffer, type Evaluation } from '../comp/evaluation.js';
import { collectRates, findRate, staleRateWarnings, type Rate } from '../comp/fx.js';
import { guideLevelMapping, levelToJson, resolveBand, type LevelJson, type ResolvedLevel } from '../comp/levels.js';
import { formatMoney, parseCurrencyCode } from '../comp/money.js';
import { convertOffer, scheduleFigures, type BonusScenario, type Offer } from '../comp/offer.js';
import { IMPLAUSIBLE_BELOW, implausibleAmountText, implausibleAmountWarnings } from '../comp/plausible.js';
import { convertFigures, targetsForBand } from '../comp/targets.js';
import { describeVesting } from '../comp/vesting.js';
import type { Context } from '../context.js';
import { NegotiateError, ThresholdError, UsageError } from '../errors.js';
import { readBoundedFile, refuseExisting, writeFileAtomic } from '../files.js';
import { parser } from '../guides/lazy-parser.js';
import { isStale } from '../guides/review.js';
import type { Band } from '../guides/types.js';
import { listCompanies, listRoles, resolveCompany, resolveGuide, type IndexedGuide } from '../index/build.js';
import { orList } from '../index/names.js';
import { completeOffer, OFFER_FIELDS, parseOfferInput, parseYears, resolveOfferCurrency, type ParsedOffer } from '../options.js';
import { offerToYaml, parseOfferYaml } from '../offer-file.js';
import { renderEvaluation } from '../render/evaluate.js';
import { createStyle } from '../render/terminal.js';
import { checkOutput, emit, isPictureFormat, renderEvaluateFormat } from './pictures.js';
import { staleWarnings } from './shared.js';
import { escapeName } from '../render/terminal.js';

export interface EvaluateOptions {
  [flag: string]: unknown;
  offer?: string;
  stockChange?: string;
  save?: string;
  force?: boolean;
  failBelow?: string;
  currency?: string;
  /** text (default), svg or html. */
  format?: string;
  output?: string;
  showFloor?: boolean;
  years?: string;
  /** false with --no-input. */
  input?: boolean;
}

/** The `evaluate --json` document (SPEC §4), built from the same values the human output shows. */
export interface EvaluateResult {
  company: { slug: string; name: string };
  role: { slug: string; name: string };
  region: string;
  level: LevelJson | null;
  offer: Offer & { vestingSchedule: string };
  currency: string;
  rates: Rate[];
  band: BandJson & { annualTC: { low: number; high: number } };
  years: Evaluation['schedule']['years'];
  firstYear: number;
  average: number;
  recurringAverage: number;
  total: number;
  /** total + the years' raise, growth and refresher (assumed). */
  expectedTotal: number;
  /** expectedTotal + the years' benefits. */
  withBenefits: number;
  annualTC: number;
  /** The grants that start in year 1, each over its own vesting years (the band's stock range is per year too). */
  stockPerYear: number;
  withRefresher: Evaluation['schedule']['withRefresher'];
  bonusScenarios: BonusScenario[];
  /** Every rate the figures rest on: the assumed ones as given, and each exchange rate used. */
  assumptions: Assumptions;
  /** Each amount given in another currency than `currency`, as given (`rates` holds the rate used). */
  converted: Converted[];
  vesting: { schedule: string; percents: number[]; years: number; cliffMonths: number };
  scenarios: Evaluation['scenarios'];
  positions: Evaluation['positions'];
  beyond: Evaluation['beyond'];
  target: Evaluation['target'];
  floor: Evaluation['floor'];
  rating: Evaluation['rating'];
  verdict: string;
  asOf: string | null;
  stale: boolean;
  warnings: string[];
}

/** The `assumptions` of evaluate and compare: each assumed rate as given ([] when none), and the exchange rates used. */
export interface Assumptions {
  raise: number[];
  stockGrowth: number[];
  bonusMultiplier: number[];
  stockChange: number[];
  exchangeRates: Rate[];
}

/** An amount as the user gave it before conversion: `field` names it (`stock`, `grants[2]`, `benefits[1]`). */
export interface Converted {
  field: string;
  currency: string;
  amount: number;
}

/** The amounts of an offer that are in another currency than `out`, as given. */
export function convertedAmounts(offer: Offer, offerCurrency: string, out: string): Converted[] {
  const list: Converted[] = [];
  const add = (field: string, amount: number, currency: string | null | undefined) => {
    const from = currency ?? offerCurrency;
    if (from !== out && amount) list.push({ field, currency: from, amount });
  };
  const c = offer.currencies;
  add('base', offer.base, c.base);
  add('stock', offer.stock, c.stock);
  for (const [i, x] of offer.signOn.entries()) add(offer.signOn.length > 1 ? `signOn[${i + 1}]` : 'signOn', x, c.signOn);
  add('refresher', offer.refresher, c.refresher);
  if (offer.bonusAmount !== null) add('bonusAmount', offer.bonusAmount, c.bonusAmount);
  for (const [i, g] of offer.grants.entries()) add(`grants[${i + 1}]`, g.amount, g.currency);
  for (const [i, g] of offer.refreshers.entries()) add(`refreshers[${i + 1}]`, g.amount, g.currency);
  for (const [i, g] of offer.benefits.entries()) add(`benefits[${i + 1}]`, g.amount, g.currency);
  return list;
}

const FAIL_BELOW = ['floor', 'band'] as const;

/** The --stock-change list: percentages from -100 to 1000. */
export function parseStockChanges(value: string): number[] {
  const parts = value.split(/\s*[,;/]\s*/).filter((p) => p !== '');
  const nums = parts.map((p) => Number(p.replace(/%$/, '').replace(/^\+/, '')));
  if (parts.length === 0 || parts.length > 10 || nums.some((n) => !Number.isFinite(n) || n < -100 || n > 1000)) {
    throw new UsageError(`--stock-change: "${value}" is not a list of percentages`, ['write it like -30,0,30 (each from -100 to 1000)']);
  }
  return nums;
}

/** Everything evaluate needs, resolved from flags, the offer file and (on a terminal) prompts. */
interface Resolved {
  /** True when the user was asked anything (then evaluate also offers to draft and to save). */
  asked: boolean;
  guide: IndexedGuide;
  band: Band;
  level: ResolvedLevel | null;
  parsed: ParsedOffer;
}

type Prompts = typeof import('../prompts/index.js');
type OfferFile = { path: string; fields: Record<string, unknown> };

const canPrompt = (ctx: Context, opts: EvaluateOptions) => ctx.stdinIsTTY && ctx.stdoutIsTTY && !ctx.json && opts.input !== false;

function missingError(missing: string[]): UsageError {
  return new UsageError(`missing input: ${missing.join(', ')}`, [
    'pass them as flags (or in an --offer file); negotiate asks for them only on a terminal, without --json or --no-input',
    'example: negotiate evaluate cloudflare-workers ml-ai-engineer --region London --base 150k --stock 200k --bonus 10',
  ]);
}

/** Resolves the guide, band, level and offer; asks for what is missing when it may. */
async function resolveInputs(ctx: Context, companyArg: string | undefined, roleArg: string | undefined, opts: EvaluateOptions): Promise<Resolved> {
  const file = opts.offer ? { path: escapeName(opts.offer), fields: parseOfferYaml(readBoundedFile(opts.offer, 'offer file'), escapeName(opts.offer)) } : undefined;
  const raw: Record<string, unknown> = { ...opts };
  let parsed = parseOfferInput(raw, file);
  const interactive = canPrompt(ctx, opts);
  let prompts: Prompts | undefined;
  let asked = false;
  const loadPrompts = async () => {
    asked = true;
    return (prompts ??= await import('../prompts/index.js'));
  };

  let company = companyArg ?? parsed.input.company;
  let role = roleArg ?? parsed.input.role;
  const missing: string[] = [];
  if (!company || !role) {
    if (!interactive) {
      missing.push('<company> <role> (arguments, or company and role in --offer)');
      if (parsed.input.base === undefined) missing.push('--base');
      throw missingError(missing);
    }
    const p = await loadPrompts();
    const index = await ctx.index();
    if (!company) {
      const companies = listCompanies(index).sort((a, b) => a.name.localeCompare(b.name));
      if (companies.length === 0) throw new UsageError('there are no guides to evaluate against', ['add some with --data DIR or NEGOTIATE_DATA']);
      company = await p.searchList('Company (type to filter)', companies.map((c) => ({ value: c.slug, name: c.name === c.slug ? c.slug : `${c.name} (${c.slug})` })));
    }
    if (!role) {
      const roles = listRoles(index, resolveCompany(index, company));
      role = roles.length === 1 ? roles[0].slug : await p.selectOne('Role', roles.map((r) => ({ value: r.slug, name: r.name })));
    }
  }
  const guide = resolveGuide(await ctx.index(), company, role);

  // Region: the one asked, the only one, or a question.
  let { band, defaulted } = resolveBand(guide, { region: parsed.input.region || undefined });
  if (defaulted && interactive) {
    const p = await loadPrompts();
    const region = await p.selectOne('Region', guide.meta.bands.map((b) => ({ value: b.region, name: `${b.region} (${b.currency})` })));
    band = guide.meta.bands.find((b) => b.region === region)!;
  } else if (defaulted) {
    missing.push(`--region (${orList(guide.meta.bands.map((b) => b.region))})`);
  }

  // Level: the one asked; on a terminal, offered from the mapping (or the whole band).
  let levelQuery = parsed.input.level;
  if (!levelQuery && interactive && missing.length === 0 && (asked || needsQuestions(parsed))) {
    const own = ownLevels(guide);
    if (own.length > 1) {
      const p = await loadPrompts();
      const whole = `the whole band (${own[0]}–${own[own.length - 1]})`;
      const answer = await p.selectOne<string | null>('Level', [{ value: null, name: whole }, ...own.map((l) => ({ value: l, name: l }))], null);
      levelQuery = answer ?? undefined;
    }
  }
  // The region is settled (asked, the only one, or chosen): the level narrows its band.
  const choice = resolveBand(guide, { region: band.region, level: levelQuery || undefined });
  const level = choice.level;

  if (parsed.input.base === undefined && !interactive) missing.push('--base');
  if (missing.length) throw missingError(missing);

  if (interactive && needsQuestions(parsed)) {
    const p = await loadPrompts();
    await askOffer(p, raw, file, parsed, band, opts, (code) => findRate(ctx.fx(), code, band.currency));
    parsed = parseOfferInput(raw, file);
  }
  parsed.input.company = guide.meta.company;
  parsed.input.role = guide.meta.role;
  parsed.input.region = band.region;
  if (level) parsed.input.level = level.asked;
  return { asked, guide, band: choice.band, level, parsed };
}

function ownLevels(guide: IndexedGuide): string[] {
  try {
    return guideLevelMapping(guide).entries[0]?.levels ?? [];
  } catch (err) {
    // A guide without a usable mapping is evaluated against its whole band.
    if (err instanceof NegotiateError) return [];
    throw err;
  }
}

/** True when the offer lacks its base: then an interactive session asks for the offer's amounts. */
function needsQuestions(parsed: ParsedOffer): boolean {
  return parsed.input.base === undefined;
}

/** Asks for the offer's amounts; each answer is checked by the flag's own parser and re-asked with the reason. */
async function askOffer(
  p: Prompts,
  raw: Record<string, unknown>,
  file: OfferFile | undefined,
  parsed: ParsedOffer,
  band: Band,
  opts: EvaluateOptions,
  /** Throws when the rate table cannot convert this currency to the band's (the answer is then asked again). */
  checkRate: (code: string) => unknown,
): Promise<void> {
  const spec = (key: string) => OFFER_FIELDS.find((s) => s.key === key)!;
  const validator = (key: string) => (answer: string) => {
    try {
      const trial = parseOfferInput({ ...raw, [key]: answer.trim() === '' && key !== 'base' ? undefined : answer }, file);
      resolveOfferCurrency(trial, band.currency, band.region, opts.currency);
      for (const c of trial.currencies) checkRate(c.currency);
      return true as const;
    } catch (err) {
      return err instanceof UsageError ? [err.message, ...err.hints].join(' — ') : String(err);
    }
  };
  const cur = band.currency;
  const amount = async (key: string, message: string, optional: boolean) => {
    if (raw[key] !== undefined || parsed.input[spec(key).target] !== undefined) return;
    for (;;) {
      const answer = await p.askText(message, { validate: validator(key) });
      if (answer.trim() === '' && optional) return;
      raw[key] = answer.trim();
      // A yearly base or grant under 1,000 is almost always "150" for 150k: confirmed, or asked again.
      const input = key === 'base' || key === 'stock' ? parseOfferInput(raw, file).input : undefined;
      const given = input?.[key as 'base' | 'stock'];
      if (typeof given !== 'number' || !(given > 0 && given < IMPLAUSIBLE_BELOW)) return;
      const what = key === 'base' ? 'A yearly base salary of' : 'A stock grant of';
      if (await p.confirm(`${implausibleAmountText(what, given, input?.currencies?.[key as 'base' | 'stock'] ?? cur)} Keep ${given} as typed?`, false)) return;
      delete raw[key];
    }
  };
  await amount('base', `Base salary per year (${cur}, e.g. ${Math.round(band.base.low / 1000)}k)`, false);
  await amount('stock', `Stock grant, the whole grant over its vesting (${cur}; Enter for none)`, true);
  await amount('bonus', `Target bonus, % of base (Enter for none${band.bonusPct ? `; the band says ${band.bonusPct}%` : ''})`, true);
  if (raw.vesting === undefined && parsed.input.vesting === undefined && (raw.stock !== undefined || parsed.input.stock)) {
    const preset = await p.selectOne('Vesting', [
      { value: 'even', name: `even (${band.stockYears} years)` },
      { value: 'front', name: 'front-loaded (40/30/20/10)' },
      { value: 'back', name: 'back-loaded (5/15/40/40)' },
      { value: 'custom', name: 'custom yearly percentages' },
    ]);
    raw.vesting = preset === 'custom' ? (await p.askText('Yearly percentages, summing to 100 (e.g. 33,33,34)', { validate: validator('vesting') })).trim() : preset;
  }
  await amount('signOn', `Sign-on bonus (${cur}; one amount, or one per year like 30k,20k; Enter for none)`, true);
  // The assumptions are one question away, so the short path stays short.
  const detail = ['raise', 'stockGrowth', 'benefits'];
  if (detail.every((k) => raw[k] === undefined && parsed.input[spec(k).target] === undefined) && (await p.confirm('More detail (raises, stock growth, benefits)?', false))) {
    await amount('raise', 'Yearly raise, % from year 2 (one value, or one per year like 5,4,3; Enter for none)', true);
    await amount('stockGrowth', 'Yearly share-price growth, % (one value, or one per year like 10,5; Enter for none)', true);
    await amount('benefits', `Yearly benefits (${cur}: 401(k) match, ESPP gain, health cover; Enter for none)`, true);
  }
}

/** Converts everything to the output currency, evaluates, and builds the result document. */
export function buildEvaluation(ctx: Context, r: Resolved, opts: EvaluateOptions): { result: EvaluateResult; offerCurrency: string; offer: Offer } {
  const { guide, band: nativeBand, level, parsed } = r;
  const out = opts.currency ? parseCurrencyCode(opts.currency) : nativeBand.currency;
  // Plain amounts are in the offer's currency; a component that names another is converted with it.
  const offerCurrency = resolveOfferCurrency(parsed, nativeBand.currency, nativeBand.region, opts.currency);
  const offer = { ...completeOffer(parsed.input), currency: offerCurrency };
  const fx = collectRates(() => ctx.fx());
  const rateFor = fx.rate;
  const body = parser().parseBody(guide.body, guide.bodyLine, guide.meta);
  const native = targetsForBand(body.strategy, guide.meta.bands, nativeBand, { narrowed: level !== null, rate: rateFor });
  const toOut = rateFor(nativeBand.currency, out);
  const band = convertBand(nativeBand, toOut);
  const evaluated = convertOffer(offer, (from) => rateFor(from, out), offerCurrency);
  const stockChanges = opts.stockChange ? parseStockChanges(opts.stockChange) : [];
  const evaluation = evaluateOffer({
    offer: evaluated,
    band,
    target: convertFigures(native.target, toOut),
    floor: convertFigures(native.floor, toOut),
    stockChanges,
    horizon: parseYears(opts.years) ?? undefined,
  });
  const s = evaluation.schedule;
  const warnings = staleWarnings(guide, ctx.today);
  warnings.push(...(native.notes ?? []));
  if (!offer.bonusPct && offer.bonusAmount === null && band.bonusPct) warnings.push(`no bonus given: counted as 0% (the band's target is ${band.bonusPct}%; pass --bonus)`);
  warnings.push(...implausibleAmountWarnings(offer, offerCurrency), ...staleRateWarnings(fx.rates));
  const m = guide.meta;
  const result: EvaluateResult = {
    company: { slug: m.company, name: m.companyName },
    role: { slug: m.role, name: m.roleName },
    region: nativeBand.region,
    level: level ? levelToJson(level) : null,
    offer: { ...evaluated, vestingSchedule: describeVesting(offer.vesting) },
    currency: out,
    rates: fx.rates,
    band: { ...bandToJson(band, level !== null), annualTC: evaluation.bandAnnualTC },
    ...scheduleFigures(s),
    stockPerYear: Math.round(s.stockPerYear),
    withRefresher: s.withRefresher,
    bonusScenarios: evaluation.bonusScenarios,
    converted: convertedAmounts(offer, offerCurrency, out),
    assumptions: { raise: offer.raisePct, stockGrowth: offer.stockGrowthPct, bonusMultiplier: offer.bonusMultipliers, stockChange: stockChanges, exchangeRates: fx.rates },
    vesting: { schedule: describeVesting(offer.vesting), percents: s.vestingPercents.map((p) => Math.round(p * 100) / 100), years: s.vestingYears, cliffMonths: offer.cliffMonths },
    scenarios: evaluation.scenarios,
    positions: evaluation.positions,
    beyond: evaluation.beyond,
    target: evaluation.target,
    floor: evaluation.floor,
    rating: evaluation.rating,
    verdict: evaluation.verdict,
    asOf: m.lastUpdated,
    stale: isStale(m, ctx.today),
    warnings,
  };
  return { result, offerCurrency, offer };
}

/** Checks the flags that need no guide, so a typo is a usage error before anything loads. */
function checkFlags(opts: EvaluateOptions): void {
  if (opts.failBelow !== undefined && !(FAIL_BELOW as readonly string[]).includes(opts.failBelow)) {
    throw new UsageError(`--fail-below: "${opts.failBelow}" is not floor or band`, ['--fail-below floor exits 4 under the walk-away floor; --fail-below band under the band low']);
  }
  if (opts.stockChange !== undefined) parseStockChanges(opts.stockChange);
  if (opts.currency !== undefined) parseCurrencyCode(opts.currency);
  parseYears(opts.years);
  if (opts.force && opts.save === undefined && opts.output === undefined) throw new UsageError('--force only goes with --save FILE or --output FILE');
  if (opts.save === '') throw new UsageError('--save: the file name is empty', ['give a file name, e.g. --save offer.yaml']);
  // Fail before the work, not after it; writeFileAtomic still refuses if the file appears meanwhile.
  if (opts.save && !opts.force) refuseExisting(opts.save, '--save');
  checkFormat(opts);
}

/** --format text|svg|html (the pictures: src/commands/pictures.ts) and --output. */
function checkFormat(opts: EvaluateOptions): void {
  const format = opts.format === undefined ? 'text' : opts.format.toLowerCase();
  if (format !== 'text' && !isPictureFormat(format)) throw new UsageError(`--format: "${opts.format}" is not text, svg or html`, ['--json gives the JSON document']);
  opts.format = format;
  checkOutput(opts);
}

function saveOffer(ctx: Context, path: string, offer: Offer, currency: string, force: boolean): void {
  writeFileAtomic(path, offerToYaml(offer, currency), { force });
  ctx.note(`saved the offer to ${escapeName(path)}`);
}

export async function runEvaluate(ctx: Context, company: string | undefined, role: string | undefined, opts: EvaluateOptions): Promise<number> {
  checkFlags(opts);
  if (ctx.json && opts.format !== 'text') throw new UsageError('--json and --format are two output formats; choose one');
  // Evaluate reads the guide's body (levers, strategy) and may convert currencies.
  await ctx.loadParser();
  const resolved = await resolveInputs(ctx, company, role, opts);
  const { result, offer, offerCurrency } = buildEvaluation(ctx, resolved, opts);
  for (const n of resolved.parsed.notes) ctx.note(n);
  for (const w of result.warnings) ctx.warn(w);
  const picture = isPictureFormat(opts.format) ? opts.format : null;
  if (picture) emit(ctx, await renderEvaluateFormat(ctx, result, resolved.guide, picture, !!opts.showFloor), opts);
  else emit(ctx, ctx.json ? JSON.stringify(result, null, 2) : renderEvaluation(result, opts.output ? createStyle(0) : ctx.style), opts);
  if (opts.save) saveOffer(ctx, opts.save, offer, offerCurrency, !!opts.force);
  // A picture on stdout is a file's bytes: nothing may follow it there.
  if (resolved.asked && !(picture && !opts.output)) await followUp(ctx, resolved, result, offer, offerCurrency, !opts.save);
  failBelow(result, opts.failBelow);
  return 0;
}

/** After an interactive evaluation: offer to draft a counter-offer (the draft command) and to save the offer. */
async function followUp(ctx: Context, resolved: Resolved, result: EvaluateResult, offer: Offer, offerCurrency: string, askToSave: boolean): Promise<void> {
  const p = await import('../prompts/index.js');
  if (await p.confirm('Draft a counter-offer from the guide?', true)) {
    const draft = await import('./draft.js');
    // The draft argues in the band's own currency: the offer goes to it at the same rate evaluate used.
    const native = resolved.band.currency;
    const inBand = convertOffer(offer, (from) => findRate(ctx.fx(), from, native), offerCurrency);
    ctx.out('');
    draft.runDraftFor(ctx, resolved.guide, draft.offerFigures(inBand), { ...draft.DEFAULT_DRAFT_OPTIONS, region: resolved.band.region, level: resolved.level?.asked });
  }
  if (!askToSave || !(await p.confirm('Save this offer to a file?', false))) return;
  const suggested = `offer-${result.company.slug}-${result.region.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.yaml`;
  const path = (await p.askText('File name', { default: suggested, validate: (a) => (a.trim() ? true : 'give a file name') })).trim();
  const text = offerToYaml(offer, offerCurrency);
  try {
    writeFileAtomic(path, text);
  } catch (err) {
    if (!(err instanceof UsageError) || !/already exists/.test(err.message)) throw err;
    if (!(await p.confirm(`${escapeName(path)} exists. Replace it?`, false))) {
      ctx.note('not saved');
      return;
    }
    writeFileAtomic(path, text, { force: true });
  }
  ctx.note(`saved the offer to ${escapeName(path)}`);
}

function failBelow(result: EvaluateResult, mode: string | undefined): void {
  if (!mode) return;
  const tc = result.annualTC;
  if (mode === 'floor') {
    const floor = result.floor?.annualTC;
    if (floor == null) throw new UsageError('--fail-below floor: the guide states no walk-away floor', ['use --fail-below band instead']);
    if (tc < floor) throw new ThresholdError(`annual TC ${formatMoney(tc, result.currency)} is under the walk-away floor of ${formatMoney(floor, result.currency)}`);
  } else if (tc < result.band.annualTC.low) {
    throw new ThresholdError(`annual TC ${formatMoney(tc, result.currency)} is under the band's low of ${formatMoney(result.band.annualTC.low, result.currency)}`);
  }
}
