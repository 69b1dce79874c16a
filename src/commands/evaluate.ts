// evaluate: one offer against its band, year by year, with the guide's target and walk-away floor.
// Inputs come from flags, an offer file (--offer), or, on a terminal, from prompts (src/prompts/).
import { convert, findRate, type FxTable } from '../comp/fx.js';
import { resolveBand } from '../comp/level-band.js';
import type { ResolvedLevel } from '../comp/level-match.js';
import { guideLevelMapping } from '../comp/level-mapping.js';
import { formatMoney, parseCurrencyCode } from '../comp/money.js';
import { convertOffer, type Offer } from '../comp/offer.js';
import { IMPLAUSIBLE_BELOW, implausibleAmountText } from '../comp/plausible.js';
import type { Context } from '../context.js';
import { isNegotiateError, isUsageError, ThresholdError, UsageError } from '../errors.js';
import { COMMAND_FORMATS, sayFormats } from '../formats.js';
import { readBoundedFile, refuseExisting, writeFileAtomic } from '../files.js';
import type { GuideParser } from '../guides/lazy-parser.js';
import type { Band } from '../guides/types.js';
import { listCompanies, listRoles, resolveCompany, resolveGuide, type IndexedGuide } from '../index/build.js';
import { orList } from '../text/names.js';
import { OFFER_FIELDS, parseOfferInput, parseYears, resolveOfferCurrency, type ParsedOffer } from '../options.js';
import { offerToYaml, parseOfferYaml } from '../offer-file.js';
import { buildEvaluation, parseStockChanges, type EvaluateResult, type EvaluationInputs } from '../offer-evaluation.js';
import { renderEvaluation } from '../render/evaluate.js';
import { createStyle } from '../render/terminal.js';
import { checkOutput, emit } from '../output.js';
import { isPictureFormat, renderEvaluateFormat } from '../picture-formats.js';
import { escapeName } from '../text/escape.js';

export interface EvaluateOptions {
  [flag: string]: unknown;
  offer?: string;
  letter?: string;
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

const FAIL_BELOW = ['floor', 'band'] as const;

/** Everything evaluate needs, resolved from flags, the offer file and (on a terminal) prompts. */
interface Resolved extends EvaluationInputs {
  /** True when the user was asked anything (then evaluate also offers to draft and to save). */
  asked: boolean;
  guide: IndexedGuide;
  band: Band;
  level: ResolvedLevel | null;
  parsed: ParsedOffer;
}

type Prompts = typeof import('../prompts/index.js');
type OfferFile = { path: string; fields: Record<string, unknown> };

const canPrompt = (ctx: Context, opts: EvaluateOptions) =>
  ctx.stdinIsTTY && ctx.stdoutIsTTY && !ctx.json && opts.input !== false;

function missingError(missing: string[]): UsageError {
  return new UsageError(`missing input: ${missing.join(', ')}`, [
    'pass them as flags (or in an --offer file); negotiate asks for them only on a terminal, without --json or --no-input',
    'example: negotiate evaluate cloudflare-workers ml-ai-engineer --region London --base 150k --stock 200k --bonus 10',
  ]);
}

/** Resolves the guide, band, level and offer; asks for what is missing when it may. */
async function resolveInputs(
  ctx: Context,
  p: GuideParser,
  fx: FxTable,
  companyArg: string | undefined,
  roleArg: string | undefined,
  opts: EvaluateOptions,
): Promise<Resolved> {
  const interactive = canPrompt(ctx, opts);
  const file = opts.letter
    ? await (await import('../letter-offer.js')).letterOfferFields(ctx, opts.letter, opts, interactive)
    : opts.offer
      ? {
          path: escapeName(opts.offer),
          fields: parseOfferYaml(p, readBoundedFile(opts.offer, 'offer file'), escapeName(opts.offer)),
        }
      : undefined;
  const raw: Record<string, unknown> = { ...opts };
  let parsed = parseOfferInput(raw, file);
  let prompts: Prompts | undefined;
  let asked = false;
  const loadPrompts = async () => {
    asked = true;
    prompts ??= await import('../prompts/index.js');
    return prompts;
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
    const prompts = await loadPrompts();
    const index = await ctx.index();
    if (!company) {
      const companies = listCompanies(index).sort((a, b) => a.name.localeCompare(b.name));
      if (companies.length === 0)
        throw new UsageError('there are no guides to evaluate against', ['add some with --data DIR or NEGOTIATE_DATA']);
      company = await prompts.searchList(
        'Company (type to filter)',
        companies.map((c) => ({ value: c.slug, name: c.name === c.slug ? c.slug : `${c.name} (${c.slug})` })),
      );
    }
    if (!role) {
      const roles = listRoles(index, resolveCompany(index, company));
      role =
        roles.length === 1
          ? roles[0].slug
          : await prompts.selectOne(
              'Role',
              roles.map((r) => ({ value: r.slug, name: r.name })),
            );
    }
  }
  const guide = await ctx.guide(resolveGuide(await ctx.index(), company, role));
  const body = p.parseBody(guide.body, guide.bodyLine, guide.meta);

  // Region: the one asked, the only one, or a question.
  let { band, defaulted } = resolveBand(guide, { region: parsed.input.region || undefined });
  if (defaulted && interactive) {
    const prompts = await loadPrompts();
    const region = await prompts.selectOne(
      'Region',
      guide.meta.bands.map((b) => ({ value: b.region, name: `${b.region} (${b.currency})` })),
    );
    band = guide.meta.bands.find((b) => b.region === region)!;
  } else if (defaulted) {
    missing.push(`--region (${orList(guide.meta.bands.map((b) => b.region))})`);
  }

  // Level: the one asked; on a terminal, offered from the mapping (or the whole band).
  let levelQuery = parsed.input.level;
  if (!levelQuery && interactive && missing.length === 0 && (asked || needsQuestions(parsed))) {
    const own = ownLevels(guide);
    if (own.length > 1) {
      const prompts = await loadPrompts();
      const whole = `the whole band (${own[0]}–${own[own.length - 1]})`;
      const answer = await prompts.selectOne<string | null>(
        'Level',
        [{ value: null, name: whole }, ...own.map((l) => ({ value: l, name: l }))],
        null,
      );
      levelQuery = answer ?? undefined;
    }
  }
  // The region is settled (asked, the only one, or chosen): the level narrows its band.
  const choice = resolveBand(guide, { region: band.region, level: levelQuery || undefined });
  const level = choice.level;

  if (parsed.input.base === undefined && !interactive) missing.push('--base');
  if (missing.length) throw missingError(missing);

  if (interactive && needsQuestions(parsed)) {
    await askOffer(await loadPrompts(), raw, file, parsed, band, opts, (code) => findRate(fx, code, band.currency));
    parsed = parseOfferInput(raw, file);
  }
  parsed.input.company = guide.meta.company;
  parsed.input.role = guide.meta.role;
  parsed.input.region = band.region;
  if (level) parsed.input.level = level.asked;
  return { asked, guide, body, band: choice.band, level, parsed };
}

function ownLevels(guide: IndexedGuide): string[] {
  try {
    return guideLevelMapping(guide).entries[0]?.levels ?? [];
  } catch (err) {
    // A guide without a usable mapping is evaluated against its whole band.
    if (isNegotiateError(err)) return [];
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
      const trial = parseOfferInput(
        { ...raw, [key]: answer.trim() === '' && key !== 'base' ? undefined : answer },
        file,
      );
      resolveOfferCurrency(trial, band.currency, band.region, opts.currency);
      for (const c of trial.currencies) checkRate(c.currency);
      return true as const;
    } catch (err) {
      return isUsageError(err) ? [err.message, ...err.hints].join(' — ') : String(err);
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
      if (
        await p.confirm(
          `${implausibleAmountText(what, given, input?.currencies?.[key as 'base' | 'stock'] ?? cur)} Keep ${given} as typed?`,
          false,
        )
      )
        return;
      delete raw[key];
    }
  };
  await amount('base', `Base salary per year (${cur}, e.g. ${Math.round(band.base.low / 1000)}k)`, false);
  await amount('stock', `Stock grant, the whole grant over its vesting (${cur}; Enter for none)`, true);
  await amount(
    'bonus',
    `Target bonus, % of base (Enter for none${band.bonusPct ? `; the band says ${band.bonusPct}%` : ''})`,
    true,
  );
  if (
    raw.vesting === undefined &&
    parsed.input.vesting === undefined &&
    (raw.stock !== undefined || parsed.input.stock)
  ) {
    const preset = await p.selectOne('Vesting', [
      { value: 'even', name: `even (${band.stockYears} years)` },
      { value: 'front', name: 'front-loaded (40/30/20/10)' },
      { value: 'back', name: 'back-loaded (5/15/40/40)' },
      { value: 'custom', name: 'custom yearly percentages' },
    ]);
    raw.vesting =
      preset === 'custom'
        ? (
            await p.askText('Yearly percentages, summing to 100 (e.g. 33,33,34)', { validate: validator('vesting') })
          ).trim()
        : preset;
  }
  await amount('signOn', `Sign-on bonus (${cur}; one amount, or one per year like 30k,20k; Enter for none)`, true);
  // The assumptions are one question away, so the short path stays short.
  const detail = ['raise', 'stockGrowth', 'benefits'];
  if (
    detail.every((k) => raw[k] === undefined && parsed.input[spec(k).target] === undefined) &&
    (await p.confirm('More detail (raises, stock growth, benefits)?', false))
  ) {
    await amount('raise', 'Yearly raise, % from year 2 (one value, or one per year like 5,4,3; Enter for none)', true);
    await amount(
      'stockGrowth',
      'Yearly share-price growth, % (one value, or one per year like 10,5; Enter for none)',
      true,
    );
    await amount('benefits', `Yearly benefits (${cur}: 401(k) match, ESPP gain, health cover; Enter for none)`, true);
  }
}

/** Checks the flags that need no guide, so a typo is a usage error before anything loads. */
function checkFlags(opts: EvaluateOptions): void {
  if (opts.failBelow !== undefined && !(FAIL_BELOW as readonly string[]).includes(opts.failBelow)) {
    throw new UsageError(`--fail-below: "${opts.failBelow}" is not floor or band`, [
      '--fail-below floor exits 4 under the walk-away floor; --fail-below band under the band low',
    ]);
  }
  if (opts.stockChange !== undefined) parseStockChanges(opts.stockChange);
  if (opts.currency !== undefined) parseCurrencyCode(opts.currency);
  parseYears(opts.years);
  if (opts.force && opts.save === undefined && opts.output === undefined)
    throw new UsageError('--force only goes with --save FILE or --output FILE');
  if (opts.save === '')
    throw new UsageError('--save: the file name is empty', ['give a file name, e.g. --save offer.yaml']);
  // Fail before the work, not after it; writeFileAtomic still refuses if the file appears meanwhile.
  if (opts.save && !opts.force) refuseExisting(opts.save, '--save');
  checkFormat(opts);
}

/** --format text|svg|html (the pictures: src/picture-formats.ts) and --output. */
function checkFormat(opts: EvaluateOptions): void {
  const format = opts.format === undefined ? 'text' : opts.format.toLowerCase();
  const formats: readonly string[] = COMMAND_FORMATS.evaluate;
  if (!formats.includes(format))
    throw new UsageError(`--format: "${opts.format}" is not ${sayFormats(formats)}`, [
      '--json gives the JSON document',
    ]);
  opts.format = format;
  checkOutput(opts);
}

function saveOffer(ctx: Context, p: GuideParser, path: string, offer: Offer, currency: string, force: boolean): void {
  writeFileAtomic(path, offerToYaml(p, offer, currency), { force });
  ctx.note(`saved the offer to ${escapeName(path)}`);
}

export async function runEvaluate(
  ctx: Context,
  company: string | undefined,
  role: string | undefined,
  opts: EvaluateOptions,
): Promise<number> {
  checkFlags(opts);
  if (ctx.json && opts.format !== 'text')
    throw new UsageError('--json and --format are two output formats; choose one');
  // Evaluate reads the guide's body (levers, strategy) and converts with the currency table.
  const p = await ctx.parser();
  const fx = await ctx.fx();
  const resolved = await resolveInputs(ctx, p, fx, company, role, opts);
  const { result, offer, offerCurrency } = buildEvaluation(ctx, resolved, opts, fx);
  for (const n of resolved.parsed.notes) ctx.note(n);
  for (const w of result.warnings) ctx.warn(w);
  const picture = isPictureFormat(opts.format) ? opts.format : null;
  if (picture) emit(ctx, await renderEvaluateFormat(ctx, result, resolved.guide, picture, !!opts.showFloor), opts);
  else
    emit(
      ctx,
      ctx.json ? JSON.stringify(result, null, 2) : renderEvaluation(result, opts.output ? createStyle(0) : ctx.style),
      opts,
    );
  if (opts.save) saveOffer(ctx, p, opts.save, offer, offerCurrency, !!opts.force);
  // A picture on stdout is a file's bytes: nothing may follow it there.
  if (resolved.asked && !(picture && !opts.output))
    await followUp(ctx, p, fx, resolved, result, offer, offerCurrency, !opts.save);
  failBelow(result, opts.failBelow);
  return 0;
}

/** After an interactive evaluation: offer to draft a message (which stage; levers confirmed one by one) and to save the offer. */
async function followUp(
  ctx: Context,
  yaml: GuideParser,
  fx: FxTable,
  resolved: Resolved,
  result: EvaluateResult,
  offer: Offer,
  offerCurrency: string,
  askToSave: boolean,
): Promise<void> {
  const p = await import('../prompts/index.js');
  const d = await import('../prompts/draft.js');
  if (await d.askDraftNow()) {
    const stage = await d.askStage();
    const drafting = await import('../drafting.js');
    // The draft argues in the band's own currency: the offer goes to it at the same rate evaluate used.
    const native = resolved.band.currency;
    const inBand = convertOffer(offer, (from) => findRate(fx, from, native), offerCurrency);
    const levers = stage === 'counter' || stage === 'call' || stage === 'second-round' ? resolved.body.levers : [];
    const leverNumbers = levers.length ? await d.confirmLevers(levers, (t) => ctx.note(t)) : null;
    const wholeBand = resolved.level ? resolveBand(resolved.guide, { region: resolved.band.region }).band : null;
    // Evaluated in another currency (--currency): the same figures, back in the band's at the same rates.
    const back = findRate(fx, result.currency, native);
    const inNative =
      result.currency === native
        ? result
        : {
            ...result,
            offer: { ...inBand, vestingSchedule: result.offer.vestingSchedule },
            stockPerYear: convert(result.stockPerYear, back),
            annualTC: convert(result.annualTC, back),
          };
    const draftOffer = drafting.draftOfferFromEvaluation(inNative, resolved.band);
    ctx.out('');
    drafting.runDraftFor(
      ctx,
      { meta: resolved.guide.meta, body: resolved.body },
      fx,
      { band: resolved.band, wholeBand, level: resolved.level },
      draftOffer,
      result.currency === native ? result : null,
      {
        ...drafting.DEFAULT_DRAFT_OPTIONS,
        stage,
        leverNumbers,
        leverHow: 'confirmed',
      },
    );
  }
  if (!askToSave || !(await p.confirm('Save this offer to a file?', false))) return;
  const suggested = `offer-${result.company.slug}-${result.region.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.yaml`;
  const path = (
    await p.askText('File name', { default: suggested, validate: (a) => (a.trim() ? true : 'give a file name') })
  ).trim();
  const text = offerToYaml(yaml, offer, offerCurrency);
  try {
    writeFileAtomic(path, text);
  } catch (err) {
    if (!isUsageError(err) || !/already exists/.test(err.message)) throw err;
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
    if (floor == null)
      throw new UsageError('--fail-below floor: the guide states no walk-away floor', [
        'use --fail-below band instead',
      ]);
    if (tc < floor)
      throw new ThresholdError(
        `annual TC ${formatMoney(tc, result.currency)} is under the walk-away floor of ${formatMoney(floor, result.currency)}`,
      );
  } else if (tc < result.band.annualTC.low) {
    throw new ThresholdError(
      `annual TC ${formatMoney(tc, result.currency)} is under the band's low of ${formatMoney(result.band.annualTC.low, result.currency)}`,
    );
  }
}
