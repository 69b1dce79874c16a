// new: writes a guide of the user's own into their folder (SPEC §3, §4 new): from flags, a job posting, or
// (on a terminal) answers to questions. Checked like `validate` before it is written; never overwrites what
// the user has without --force, and then keeps the old file as .bak.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { parseAmount, parseCurrencyCode, parsePercent, formatMoney, isCurrencyCode } from '../comp/money.js';
import { usualCurrency } from '../comp/regions.js';
import type { Context } from '../context.js';
import { isUsageError, NotFoundError, UsageError } from '../errors.js';
import { MAX_DOCUMENT_BYTES, readBoundedFile, writeFileAtomic } from '../files.js';
import type { GuideParser } from '../guides/lazy-parser.js';
import {
  editGuideText,
  GuideEditError,
  guideFileName,
  hasStrategyBlock,
  renderNewGuide,
  slugify,
  type BandEdit,
  type NewBand,
  type NewGuide,
  type NewLever,
  type NewRange,
  type NewStrategy,
} from '../guides/new-guide.js';
import { guideKey } from '../index/build.js';
import { normaliseName } from '../text/names.js';
import { guidePlace, userGuidesDir } from '../index/sources.js';
import { escapeName } from '../text/escape.js';
import { buildValidationReport, checkedGuide } from '../guide-validation.js';
import type { PostingRead } from '../comp/posting.js';

export interface NewOptions {
  company?: string;
  role?: string;
  region?: string[];
  currency?: string[];
  base?: string[];
  stock?: string[];
  stockYears?: string[];
  bonus?: string[];
  source?: string[];
  levelMapping?: string;
  lever?: string[];
  targetBase?: string;
  targetStock?: string;
  targetBonus?: string;
  floorBase?: string;
  floorStock?: string;
  fromPosting?: string;
  dir?: string;
  force?: boolean;
  /** false with --no-input. */
  input?: boolean;
}

export interface NewResult {
  path: string;
  company: string;
  role: string;
  action: 'created' | 'updated' | 'replaced';
  regions: string[];
}

type Prompts = typeof import('../prompts/index.js');

const MAX_TEXT = 200;

/** Text from a flag or an answer: trimmed, bounded, no control characters. */
export function checkText(value: string, where: string, max = MAX_TEXT): string {
  const text = value.trim();
  if (text === '') throw new UsageError(`${where}: the value is empty`);
  if (text.length > max)
    throw new UsageError(`${where}: the value is too long (${text.length} characters; at most ${max})`);
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text))
    throw new UsageError(`${where}: the value has control characters`);
  return text;
}

/** A range as people write it: "95k-130k", "$95,000 – $130,000", "95k to 130k", or one amount (low = high). */
export function parseRange(value: string, where: string): NewRange & { currency?: string } {
  const text = value.trim();
  if (text.length > 80) throw new UsageError(`${where}: "${text.slice(0, 40)}…" is too long for a range`);
  const m = /^(.*?\d\s*[kKmM]?)\s*(?:[-–—]|to)\s*(\D*\d.*)$/.exec(text);
  const parts = m ? [m[1], m[2]] : [text];
  const amounts = parts.map((p) => parseAmount(p, where));
  const [low, high] = [amounts[0], amounts[amounts.length - 1]];
  const codes = [...new Set(amounts.map((a) => a.currency).filter(Boolean))];
  if (codes.length > 1) throw new UsageError(`${where}: "${value}" names two currencies (${codes.join(', ')})`);
  if (low.amount > high.amount)
    throw new UsageError(`${where}: "${value}": the low end is above the high end`, [
      'write it low to high, e.g. 95k-130k',
    ]);
  return { low: low.amount, high: high.amount, currency: codes[0] };
}

const BAND_EXAMPLE =
  'example: negotiate new --company "Acme Corp" --role "Data Engineer" --region London --base 95k-130k --stock 40k-80k --bonus 10 --source "recruiter, 2026-11-20"';

/** A band from the per-region flags (the k-th value of each, or the only one). */
function bandFromFlags(
  opts: NewOptions,
  k: number,
  region: string,
  missing: string[],
  posted?: Partial<NewBand>,
): NewBand | null {
  const pick = (list: string[] | undefined) =>
    list?.length ? (list[k] ?? (list.length === 1 ? list[0] : undefined)) : undefined;
  const tag = (flag: string) => ((opts.region?.length ?? 0) > 1 ? `${flag} (${region})` : flag);
  const baseText = pick(opts.base);
  const base = baseText !== undefined ? parseRange(baseText, tag('--base')) : undefined;
  const stockText = pick(opts.stock);
  const stock = stockText !== undefined ? parseRange(stockText, tag('--stock')) : undefined;
  const named = base?.currency ?? stock?.currency;
  const currencyText = pick(opts.currency);
  let currency =
    currencyText !== undefined
      ? parseCurrencyCode(currencyText, tag('--currency'))
      : (posted?.currency ?? named ?? usualCurrency(region));
  if (named && currencyText !== undefined && named !== currency)
    throw new UsageError(`${tag('--base')}/${tag('--stock')} name ${named}, but ${tag('--currency')} is ${currency}`);
  if (!currency) missing.push(`${tag('--currency')} (no usual currency known for "${region}")`);
  const b = base ?? posted?.base;
  if (!b) missing.push(tag('--base'));
  if (!b || !currency) return null;
  currency = currency.toUpperCase();
  const yearsText = pick(opts.stockYears);
  const stockYears =
    yearsText !== undefined ? parsePercent(yearsText, tag('--stock-years'), { min: 1, max: 10 }) : null;
  if (stockYears !== null && !Number.isInteger(stockYears))
    throw new UsageError(`${tag('--stock-years')}: "${yearsText}" is not a whole number of years (1 to 10)`);
  const bonusText = pick(opts.bonus);
  const s = stock ?? posted?.stock ?? null;
  return {
    region,
    currency,
    base: { low: b.low, high: b.high },
    stock: s ? { low: s.low, high: s.high } : null,
    stockYears: s ? (stockYears ?? 4) : null,
    bonusPct: bonusText !== undefined ? parsePercent(bonusText, tag('--bonus')) : (posted?.bonusPct ?? null),
  };
}

function parseLever(text: string, where: string): NewLever {
  const m = /^([^:]{1,80}):\s*(.+)$/s.exec(text.trim());
  if (!m)
    throw new UsageError(`${where}: "${text.slice(0, 60)}" is not "Title: script"`, [
      'e.g. --lever "Scale: I run pipelines that move 40 TB a day"',
    ]);
  return { title: checkText(m[1], where), script: checkText(m[2].replace(/^["“]|["”]$/g, ''), where, 1000) };
}

/** The strategy from its flags (or answers), in the first band's currency; null when none is given. */
function strategyFrom(
  values: { targetBase?: string; targetStock?: string; targetBonus?: string; floorBase?: string; floorStock?: string },
  bands: NewBand[],
): NewStrategy | null {
  const given = Object.entries(values).filter(([, v]) => v !== undefined && v !== '');
  if (given.length === 0) return null;
  const flagOf: Record<string, string> = {
    targetBase: '--target-base',
    targetStock: '--target-stock',
    targetBonus: '--target-bonus',
    floorBase: '--floor-base',
    floorStock: '--floor-stock',
  };
  let currency = bands[0]?.currency ?? 'USD';
  const money = (key: 'targetBase' | 'targetStock' | 'floorBase' | 'floorStock') => {
    const v = values[key];
    if (v === undefined || v === '') return undefined;
    const a = parseAmount(v, flagOf[key]);
    if (a.currency) {
      if (!bands.some((b) => b.currency === a.currency))
        throw new UsageError(`${flagOf[key]}: "${v}" is in ${a.currency}, but no band is`, [
          `write it in ${bands.map((b) => b.currency).join(' or ')}`,
        ]);
      currency = a.currency;
    }
    return a.amount;
  };
  const s: NewStrategy = {
    currency,
    target: {
      base: money('targetBase'),
      stock: money('targetStock'),
      bonusPct: values.targetBonus ? parsePercent(values.targetBonus, '--target-bonus') : undefined,
    },
    floor: { base: money('floorBase'), stock: money('floorStock') },
  };
  s.currency = currency;
  for (const c of ['base', 'stock'] as const) {
    const t = s.target[c];
    const f = s.floor[c];
    if (t !== undefined && f !== undefined && f > t) {
      throw new UsageError(
        `--floor-${c} ${formatMoney(f, currency)} is above --target-${c} ${formatMoney(t, currency)}`,
        ['the walk-away floor is the least you would accept: at most the target'],
      );
    }
  }
  return s;
}

/** Validate's error, named by the flag (or answer) at fault: the front-matter field on its line. */
function flagForLine(
  fieldLines: Record<string, number> | undefined,
  line: number | null,
  bands: NewBand[],
): string | null {
  if (!fieldLines || line === null) return null;
  const field = Object.entries(fieldLines).find(([, l]) => l === line)?.[0];
  if (!field) return null;
  const m = /^compensation\[(\d+)\]\.(\w+)/.exec(field);
  if (m) {
    const flag =
      {
        base_low: '--base',
        base_high: '--base',
        stock_low: '--stock',
        stock_high: '--stock',
        stock_years: '--stock-years',
        bonus_pct: '--bonus',
        currency: '--currency',
        region: '--region',
      }[m[2]] ?? m[2];
    return `${flag} (${bands[Number(m[1])]?.region ?? `band ${Number(m[1]) + 1}`})`;
  }
  if (field.startsWith('strategy')) return '--target-*/--floor-*';
  if (field.startsWith('data_sources')) return '--source';
  if (field.startsWith('level_mapping')) return '--level-mapping';
  if (field.startsWith('company')) return '--company';
  if (field.startsWith('role')) return '--role';
  return field;
}

/** Runs validate's checks on the text about to be written: errors throw (nothing written), warnings are returned. */
function checkBeforeWriting(
  ctx: Context,
  p: GuideParser,
  text: string,
  path: string,
  bands: NewBand[],
  before: string | null,
): string[] {
  const check = (t: string) => {
    const parsed = p.parseGuide(t, path, { fieldLines: true });
    return {
      parsed,
      file: buildValidationReport(p, [checkedGuide(parsed, 0)], [], { today: ctx.today, strict: true }).files[0],
    };
  };
  const { parsed, file } = check(text);
  if (file.errors.length) {
    const lines = file.errors.map((e) => {
      const flag = flagForLine(parsed.fieldLines, e.line, bands);
      return flag ? `${flag}: ${e.message}` : e.message;
    });
    throw new UsageError(`the guide would not be valid, so nothing was written: ${lines.join('; ')}`);
  }
  // What the guide already had (an update, a bundled copy) is counted, not repeated: validate shows it.
  const had =
    before === null
      ? new Set<string>()
      : new Set(check(before).file.warnings.map((w) => `${w.code} ${w.message.replace(/\(line \d+\)/g, '')}`));
  const fresh = file.warnings.filter((w) => !had.has(`${w.code} ${w.message.replace(/\(line \d+\)/g, '')}`));
  const lines = fresh.map((w) => `${w.message}${w.line ? ` (line ${w.line})` : ''}`);
  const old = file.warnings.length - fresh.length;
  if (old > 0)
    lines.push(
      `the guide already had ${old} other warning${old > 1 ? 's' : ''} (negotiate validate ${escapeName(path)} lists them)`,
    );
  return lines;
}

/** A free backup name beside `path`: name.bak, name.1.bak, name.2.bak … (a backup is never overwritten). */
export function backupPath(path: string): string {
  if (!existsSync(`${path}.bak`)) return `${path}.bak`;
  for (let n = 1; ; n++) if (!existsSync(`${path}.${n}.bak`)) return `${path}.${n}.bak`;
}

/** The inputs of a run, gathered from a posting, flags and answers: the guide but its slugs. */
type Inputs = Omit<NewGuide, 'company' | 'role'>;

function canPrompt(ctx: Context, opts: NewOptions): boolean {
  return opts.input !== false && !ctx.json && ctx.stdinIsTTY && ctx.stdoutIsTTY;
}

/** An answer's validator from a parser that throws a usage error: the error's message is the reason shown. */
const validWith = (parse: (v: string) => unknown) => (v: string) => {
  try {
    parse(v);
    return true as const;
  } catch (err) {
    return isUsageError(err) ? err.message : String(err);
  }
};

/** Reads the posting (bounded) and what it states; a posting with no pay range is exit 1. */
async function readPosting(ctx: Context, file: string): Promise<PostingRead> {
  const text = readBoundedFile(file, '--from-posting', MAX_DOCUMENT_BYTES);
  const { readPostingText } = await import('../comp/posting.js');
  const posting = readPostingText(text, { name: file === '-' ? 'stdin' : basename(file), today: ctx.today });
  if (posting.bands.length === 0) {
    throw new NotFoundError(`--from-posting ${escapeName(file)}: no pay range found, so nothing was written`, [
      'a posting states its range like "$180,000 – $220,000 per year" or "£70k–£85k"; give the band with --base instead',
    ]);
  }
  return posting;
}

/** Everything from flags, the posting and, on a terminal, questions. */
async function gatherInputs(ctx: Context, opts: NewOptions, posting: PostingRead | null): Promise<Inputs> {
  const interactive = canPrompt(ctx, opts);
  let prompts: Prompts | undefined;
  const p = async () => (prompts ??= await import('../prompts/index.js'));
  const missing: string[] = [];

  let companyName = opts.company !== undefined ? checkText(opts.company, '--company') : posting?.company?.value;
  let roleName = opts.role !== undefined ? checkText(opts.role, '--role') : posting?.title?.value;
  if (interactive) {
    const q = await p();
    if (!companyName)
      companyName = await q.askText('Company (as it is written, e.g. Acme Corp)', {
        validate: validWith((v) => needSlug(checkText(v, 'company'), 'company')),
      });
    ctx.note(`company: ${companyName} (slug ${slugify(companyName)})`);
    if (!roleName)
      roleName = await q.askText('Role (e.g. Data Engineer)', {
        validate: validWith((v) => needSlug(checkText(v, 'role'), 'role')),
      });
    ctx.note(`role: ${roleName} (slug ${slugify(roleName)})`);
  }
  if (!companyName) missing.push('--company');
  if (!roleName) missing.push('--role');

  // Bands: from the flags' regions, else the posting's, else questions.
  const bands: NewBand[] = [];
  const regions = (opts.region ?? []).map((r, i) =>
    checkText(r, (opts.region?.length ?? 0) > 1 ? `--region #${i + 1}` : '--region'),
  );
  if (regions.length) {
    regions.forEach((region, k) => {
      const posted =
        posting?.bands.find((b) => normaliseName(b.region) === normaliseName(region)) ??
        (posting?.bands.length === 1 ? posting.bands[0] : undefined);
      const band = bandFromFlags(opts, k, region, missing, posted);
      if (band) bands.push(band);
    });
  } else if (posting) {
    for (const pb of posting.bands) {
      const band = bandFromFlags({ ...opts, region: [pb.region] }, 0, pb.region, missing, pb);
      if (band) bands.push(band);
    }
  } else if (interactive) {
    bands.push(...(await askBands(await p())));
  } else missing.push('--region', '--base');

  const sources = (opts.source ?? []).map((s) => checkText(s, '--source', 500));
  if (posting) sources.push(posting.source);
  if (sources.length === 0) {
    if (interactive)
      sources.push(
        checkText(
          await (await p()).askText('Where do these numbers come from? (e.g. recruiter call 2026-11-20, Levels.fyi)', {
            validate: validWith((v) => checkText(v, 'source', 500)),
          }),
          'source',
          500,
        ),
      );
    else missing.push('--source');
  }
  if (missing.length) {
    throw new UsageError(`missing input: ${[...new Set(missing)].join(', ')}`, [
      'pass them as flags; negotiate new asks for them only on a terminal, without --json or --no-input',
      BAND_EXAMPLE,
    ]);
  }

  let levelMapping = opts.levelMapping !== undefined ? checkText(opts.levelMapping, '--level-mapping', 500) : null;
  const levers = (opts.lever ?? []).map((l, i) =>
    parseLever(l, (opts.lever?.length ?? 0) > 1 ? `--lever #${i + 1}` : '--lever'),
  );
  const strategyValues = {
    targetBase: opts.targetBase,
    targetStock: opts.targetStock,
    targetBonus: opts.targetBonus,
    floorBase: opts.floorBase,
    floorStock: opts.floorStock,
  };
  let strategy = strategyFrom(strategyValues, bands);
  if (interactive) {
    const q = await p();
    if (levelMapping === null) {
      const answer = await q.askText('Level mapping (optional, e.g. "Acme (L3-L5) = Google L4-L6"; Enter to skip)', {
        validate: validWith((v) => v.trim() === '' || checkText(v, 'level mapping', 500)),
      });
      levelMapping = answer.trim() || null;
    }
    if (levers.length === 0) {
      while (
        await q.confirm(
          levers.length ? 'Add another lever?' : 'Add a negotiation lever (what you bring that they pay for)?',
          false,
        )
      ) {
        const title = checkText(
          await q.askText('Lever title (e.g. Scale)', { validate: validWith((v) => checkText(v, 'lever title', 80)) }),
          'lever title',
          80,
        );
        const script = checkText(
          await q.askText('What you would say (the script)', {
            validate: validWith((v) => checkText(v, 'lever script', 1000)),
          }),
          'lever script',
          1000,
        );
        levers.push({ title, script });
      }
    }
    if (!strategy && (await q.confirm('Add a strategy (your target and walk-away floor)?', false))) {
      const c = bands[0].currency;
      const amount = (label: string, flag: string) =>
        q.askText(`${label} (${c}; Enter to skip)`, {
          validate: validWith((v) => v.trim() === '' || parseAmount(v, flag)),
        });
      const values = {
        targetBase: await amount('Target base', 'target base'),
        targetStock: await amount('Target stock grant (whole grant)', 'target stock'),
        targetBonus: await q.askText('Target bonus % (Enter to skip)', {
          validate: validWith((v) => v.trim() === '' || parsePercent(v, 'target bonus')),
        }),
        floorBase: await amount('Walk-away floor for base (private)', 'floor base'),
        floorStock: await amount('Walk-away floor for the stock grant', 'floor stock'),
      };
      strategy = strategyFrom(values, bands);
    }
  }
  return { companyName: companyName!, roleName: roleName!, bands, sources, levelMapping, levers, strategy };
}

function needSlug(name: string, what: string): string {
  const slug = slugify(name);
  if (!slug) throw new UsageError(`${what}: "${name}" has no letters or digits to make a name from`);
  return slug;
}

/** Asks for bands, region by region. */
async function askBands(q: Prompts): Promise<NewBand[]> {
  const bands: NewBand[] = [];
  do {
    const region = checkText(
      await q.askText(bands.length ? 'Next region' : 'Region (e.g. London, San Francisco, Remote (US))', {
        validate: validWith((v) => checkText(v, 'region')),
      }),
      'region',
    );
    const usual = usualCurrency(region);
    const currency = parseCurrencyCode(
      await q.askText('Currency (ISO 4217)', {
        default: usual ?? undefined,
        validate: validWith((v) => parseCurrencyCode(v, 'currency')),
      }),
      'currency',
    );
    const base = parseRange(
      await q.askText(`Base salary range per year (${currency}, e.g. 95k-130k)`, {
        validate: validWith((v) => parseRange(v, 'base')),
      }),
      'base',
    );
    const stockText = await q.askText(
      `Stock grant range, the whole grant (${currency}, e.g. 40k-80k; Enter for none)`,
      { validate: validWith((v) => v.trim() === '' || parseRange(v, 'stock')) },
    );
    const stock = stockText.trim() ? parseRange(stockText, 'stock') : null;
    const years = stock
      ? parsePercent(
          await q.askText('Years the grant vests over', { default: '4', validate: validWith((v) => wholeYears(v)) }),
          'years',
          { min: 1, max: 10 },
        )
      : null;
    const bonusText = await q.askText('Target bonus % of base (Enter for none)', {
      validate: validWith((v) => v.trim() === '' || parsePercent(v, 'bonus')),
    });
    for (const [what, r] of [
      ['base', base],
      ['stock', stock],
    ] as const) {
      if (r?.currency && r.currency !== currency)
        throw new UsageError(`${what}: the range is in ${r.currency}, but the band's currency is ${currency}`);
    }
    bands.push({
      region,
      currency,
      base: { low: base.low, high: base.high },
      stock: stock && { low: stock.low, high: stock.high },
      stockYears: years,
      bonusPct: bonusText.trim() ? parsePercent(bonusText, 'bonus') : null,
    });
  } while (await q.confirm('Add another region?', false));
  return bands;
}

function wholeYears(v: string): number {
  const n = parsePercent(v, 'years', { min: 1, max: 10 });
  if (!Number.isInteger(n)) throw new UsageError(`years: "${v}" is not a whole number (1 to 10)`);
  return n;
}

/** The guide text to write, how, and what it replaces. */
interface Plan {
  text: string;
  /** The text the edit started from (an update, a bundled copy), or null for a new file. */
  before: string | null;
  action: NewResult['action'];
  /** The file kept as .bak first (replacing). */
  backup: boolean;
  notes: string[];
}

/** Decides what to write: a new file, a band added in place, or (with --force) a replacement. */
async function planWrite(ctx: Context, p: GuideParser, path: string, g: NewGuide, force: boolean): Promise<Plan> {
  const notes: string[] = [];
  let base: { text: string; moveReview: boolean; fromBundled: boolean } | null = null;
  if (existsSync(path)) {
    const text = readBoundedFile(path, 'the existing guide');
    const existing = p.parseGuide(text, path);
    if (existing.meta?.company === g.company && existing.meta?.role === g.role)
      base = { text, moveReview: true, fromBundled: false };
    else {
      if (!force) {
        throw new UsageError(
          `${escapeName(path)} exists and is not the guide of ${g.company} + ${g.role}${existing.meta ? ` (it is ${guideKey(existing.meta)})` : ''}; nothing was written`,
          ['pass --force to replace it (it is kept as a .bak file), or --dir to write elsewhere'],
        );
      }
      return { text: renderNewGuide(g, ctx.today), before: null, action: 'replaced', backup: true, notes };
    }
  } else {
    // Known only from the bundled guides: start from a copy, so its other bands are not hidden by this file.
    const index = await ctx.index();
    const bundled = index.guides.find(
      (x) =>
        x.summary.company === g.company &&
        x.summary.role === g.role &&
        guidePlace(ctx.sources(), x).origin === 'bundled',
    );
    if (bundled) {
      base = { text: readFileSync(bundled.path, 'utf8'), moveReview: false, fromBundled: true };
      ctx.note(
        `note: ${g.company} + ${g.role} is a bundled guide: your guide starts as a copy of it (${escapeName(bundled.path)}), which stays as it is`,
      );
    }
  }
  if (!base) return { text: renderNewGuide(g, ctx.today), before: null, action: 'created', backup: false, notes };

  const parsed = p.parseGuide(base.text, path);
  const have = parsed.meta?.bands ?? [];
  // A band replaced keeps the region's name as the guide spells it ("london" replaces London).
  const edits: BandEdit[] = g.bands.map((band) => {
    const same = have.find((b) => normaliseName(b.region) === normaliseName(band.region));
    if (same) band.region = same.region;
    return { band, replace: !!same };
  });
  const replacing = edits.filter((e) => e.replace).map((e) => `the band ${e.band.region}`);
  if (g.strategy && hasStrategyBlock(base.text)) replacing.push('the strategy');
  if (replacing.length && !force) {
    throw new UsageError(
      `${base.fromBundled ? 'the guide' : escapeName(path)} already has ${replacing.join(' and ')}; nothing was written`,
      ['pass --force to replace (the file as it was is kept as a .bak file), or give another --region'],
    );
  }
  try {
    const edited = editGuideText(base.text, edits, {
      today: ctx.today,
      moveReview: base.moveReview,
      sources: g.sources,
      strategy: g.strategy,
      levers: g.levers,
    });
    notes.push(...edited.changes);
    // An existing guide's level mapping is its author's: kept, and said so, never dropped in silence.
    if (g.levelMapping)
      notes.push(
        `--level-mapping: not written: ${base.fromBundled ? 'the guide' : escapeName(path)} keeps its own level mapping (edit level_mapping.raw by hand to change it)`,
      );
    const action = base.fromBundled ? 'created' : replacing.length ? 'replaced' : 'updated';
    return { text: edited.text, before: base.text, action, backup: !base.fromBundled && replacing.length > 0, notes };
  } catch (err) {
    if (err instanceof GuideEditError) {
      throw new UsageError(
        `cannot edit ${escapeName(base.fromBundled ? 'the bundled guide' : path)} in place: ${err.message}; nothing was written`,
        ['edit it by hand, or pass --dir to write a new guide elsewhere'],
      );
    }
    throw err;
  }
}

/**
 * The user's guide for this company + role when it is in `dir` under another file name (written by hand,
 * renamed): it is the one updated, so that a second file does not hide its bands. Null when there is none.
 */
async function existingGuideIn(ctx: Context, dir: string, company: string, role: string): Promise<string | null> {
  if (existsSync(join(dir, guideFileName(company, role)))) return null;
  const index = await ctx.index();
  const inDir = resolve(dir) + sep;
  const all = [...index.guides, ...index.duplicates.flatMap((d) => [d.winner, d.loser])];
  const found = all.find(
    (g) => g.summary.company === company && g.summary.role === role && resolve(g.path).startsWith(inDir),
  );
  return found ? found.path : null;
}

export async function runNew(ctx: Context, opts: NewOptions): Promise<number> {
  const dir = opts.dir !== undefined ? checkText(opts.dir, '--dir', 4096) : userGuidesDir(ctx.env);
  if (!dir)
    throw new UsageError('there is no folder for your guides: neither XDG_DATA_HOME nor HOME is set', [
      'pass --dir DIR',
    ]);
  const p = await ctx.parser();
  const posting = opts.fromPosting !== undefined ? await readPosting(ctx, opts.fromPosting) : null;
  if (posting) for (const line of posting.report) ctx.note(line);

  const inputs = await gatherInputs(ctx, opts, posting);
  const company = needSlug(inputs.companyName, '--company');
  const role = needSlug(inputs.roleName, '--role');
  const regions = inputs.bands.map((b) => normaliseName(b.region));
  const twice = inputs.bands.find((b, i) => regions.indexOf(normaliseName(b.region)) !== i);
  if (twice) throw new UsageError(`--region: ${twice.region} is given twice`);
  for (const b of inputs.bands)
    if (!isCurrencyCode(b.currency))
      throw new UsageError(`--currency (${b.region}): "${b.currency}" is not an ISO 4217 currency code`);

  const guide: NewGuide = { ...inputs, company, role };
  const path = (await existingGuideIn(ctx, dir, company, role)) ?? join(dir, guideFileName(company, role));
  const plan = await planWrite(ctx, p, path, guide, !!opts.force);
  for (const w of checkBeforeWriting(ctx, p, plan.text, path, inputs.bands, plan.before)) ctx.warn(w);

  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`--dir: cannot create ${escapeName(dir)}: ${(err as Error).message}`);
  }
  if (plan.backup) {
    const bak = backupPath(path);
    writeFileAtomic(bak, readFileSync(path));
    ctx.note(`kept the previous file as ${escapeName(bak)}`);
  }
  writeFileAtomic(path, plan.text, { force: plan.action !== 'created' });
  const result: NewResult = {
    path: resolve(path),
    company,
    role,
    action: plan.action,
    regions: inputs.bands.map((b) => b.region),
  };
  for (const n of plan.notes) ctx.note(n);
  if (ctx.json) ctx.out(JSON.stringify(result, null, 2));
  else {
    ctx.out(
      `${result.action} ${escapeName(result.path)} (${inputs.companyName} · ${inputs.roleName}: ${result.regions.join(', ')})`,
    );
    ctx.note(`try: negotiate lookup ${company} ${role}`);
  }
  return 0;
}
