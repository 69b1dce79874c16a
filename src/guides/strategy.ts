// The guide's negotiate-up strategy: the front-matter block (canonical) or, without it, the prose (the
// strategy quote and the sentences after it, or a strategy section), read with the one money reader.
// Nothing is dropped in silence: what cannot be read, or is out of bounds, is a finding. Pure.
import {
  findAmounts,
  findUnplacedMoney,
  isBareDollarNote,
  type MoneyAmount,
  type MoneyContext,
} from '../comp/money-text.js';
import { formatMoney } from '../comp/money.js';
import { figureBounds, formatBounds, type FigureKind } from './strategy-bounds.js';
import type { Band, Finding, GuideMeta, StrategyBlock } from './types.js';

export interface MoneyFigure {
  amount: number;
  currency: string;
}

export interface CompetingExample {
  name: string;
  amount: number;
  currency: string;
  /** What the figure is: "TC", "base" … as the guide writes it. */
  basis: string;
}

/** Where a strategy's text was found in the body. */
export interface StrategyText {
  text: string;
  line: number;
  source: 'quote' | 'section';
}

export interface Strategy {
  text: string;
  line: number;
  /** Where the figures come from: the front-matter block, the prose quote, or a strategy section. */
  source: 'block' | 'quote' | 'section';
  targetBase: MoneyFigure | null;
  targetStock: MoneyFigure | null;
  stockYears: number | null;
  targetBonusPct: number | null;
  /** The guide's bracketed examples: never the user's own offers. */
  exampleCompetitors: CompetingExample[];
  floorBase: MoneyFigure | null;
  floorStock: MoneyFigure | null;
  /** Why neither a target nor a floor could be read (evaluate and draft say so), or null. */
  unread: string | null;
  /** Warnings for validate: strategy-unread, strategy-bounds, strategy-disagrees. */
  findings: Finding[];
  /** Notes for validate (a bare $ read as another currency than USD). */
  notes: string[];
}

const TARGET_WORDS = /\b(?:targeting|targetting|aiming\s+for|aim\s+for|asking\s+for|ask\s+for|targets?|goal)\b/gi;
const FLOOR_WORDS =
  /\b(?:accept(?:ing)?\s+at|accept|walk(?:ing)?\s+away\s+(?:below|under|from\s+anything\s+(?:below|under))|won['’]t\s+go\s+below|will\s+not\s+go\s+below|(?:at\s+a\s+)?minimum(?:\s+of)?|floor(?:\s+of|\s+is)?|no\s+less\s+than|not\s+less\s+than|at\s+least)\b/gi;
const FLOOR_AFTER =
  /^\+?\s*(?:(?:base|salary)\s+)?(?:(?:is\s+|as\s+)?(?:the|my|a)?\s*(?:minimum|floor)|or\s+(?:more|above))\b/i;
const BASE_WORDS = /\b(?:base(?:\s+salary)?|salary|fixed(?:\s+pay)?|cash)\b/i;
const STOCK_WORDS = /\b(?:RSUs?|stock|equity|shares|grant|options)\b/i;
const OTHER_WORDS =
  /^\+?\s*(?:(?:in\s+)?(?:TC|total(?:\s+comp(?:ensation)?)?|OTE|bonus|sign[- ]?on|signing|relocation|per\s+(?:month|hour)|\/\s*(?:mo|month|hr|hour)))\b/i;
const YEARS =
  /\b(?:over|vesting\s+over|across|vested\s+over)\s+(\d{1,3})\s*(?:years?|yrs?)\b|\((?:RSUs?|stock)\s*\/\s*(\d{1,3})\s*yrs?\)|\b(\d{1,3})[- ](?:year|yr)\s+(?:vest|grant|RSU)/i;
const BONUS =
  /(?<![\d.])(\d{1,4}(?:\.\d+)?)\s*%\s*(?:[A-Za-z-]+\s+){0,2}bonus|\bbonus(?:\s+(?:of|at|target(?:\s+of)?))?\s+(\d{1,4}(?:\.\d+)?)\s*%/i;
const SENTENCE_END = /[.!?;]["”']?\s+(?=\S)|\n/g;
const SENTENCE_LOOKBACK = 400;
/** A strategy is a paragraph or a few: text past this is not read for figures (every read bounded). */
const MAX_STRATEGY_TEXT = 20_000;

type Role = 'target' | 'floor';

/** The start of the sentence (or clause after ;) containing `at`. */
function sentenceStart(text: string, at: number): number {
  // Looks back at most SENTENCE_LOOKBACK characters: bounded work per amount, whatever the text.
  const from = Math.max(0, at - SENTENCE_LOOKBACK);
  let start = from;
  for (const m of text.slice(from, at).matchAll(SENTENCE_END)) start = from + m.index! + m[0].length;
  return start;
}

/** The role of the last target or floor phrase before `at` in its sentence, or one right after the amount. */
function roleAt(text: string, a: MoneyAmount): Role | null {
  if (FLOOR_AFTER.test(text.slice(a.end, a.end + 40))) return 'floor';
  const from = sentenceStart(text, a.start);
  const before = text.slice(from, a.start);
  let last: { at: number; role: Role } | null = null;
  for (const m of before.matchAll(TARGET_WORDS))
    if (!last || m.index! >= last.at) last = { at: m.index!, role: 'target' };
  for (const m of before.matchAll(FLOOR_WORDS))
    if (!last || m.index! >= last.at) last = { at: m.index!, role: 'floor' };
  return last?.role ?? null;
}

/** Base, stock or something else (TC, bonus, a monthly figure): the words right after the amount, else before it. */
function kindAt(text: string, amounts: MoneyAmount[], i: number): 'base' | 'stock' | 'other' {
  const a = amounts[i];
  const next = amounts[i + 1];
  const after = text
    .slice(a.end, Math.min(next?.start ?? Infinity, a.end + 40))
    .split(/[.!?;,\n[(]|\s(?:and|with|plus|\+)\s/)[0];
  if (OTHER_WORDS.test(after)) return 'other';
  if (/^\+?\s*(?:[A-Za-z]+\s+){0,2}?(?:in\s+)?(?:RSUs?|stock|equity|shares|grant|options)\b/i.test(after))
    return 'stock';
  if (/^\+?\s*(?:[A-Za-z]+\s+){0,2}?(?:base|salary|fixed|cash)\b/i.test(after)) return 'base';
  const prev = amounts[i - 1];
  const before = text.slice(Math.max(prev?.end ?? 0, a.start - 40), a.start);
  const lastStock = before.search(/(?:RSUs?|stock|equity|grant)\b(?![\s\S]*\b(?:base|salary)\b)/i);
  if (lastStock >= 0) return 'stock';
  if (BASE_WORDS.test(before) || !STOCK_WORDS.test(before)) return 'base';
  return 'stock';
}

function insideBrackets(text: string, at: number): boolean {
  const open = text.lastIndexOf('[', at);
  return open >= 0 && text.indexOf(']', open) >= at && !text.slice(open, at).includes(']');
}

function clip(s: string, n = 80): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

const warn = (code: string, message: string, line: number): Finding => ({ severity: 'warning', code, message, line });

interface ReadContext {
  bands: Band[];
  money: MoneyContext;
}

function moneyContext(meta: Pick<GuideMeta, 'bands' | 'strategy'> | null): MoneyContext {
  const currencies = [...new Set((meta?.bands ?? []).map((b) => b.currency))];
  const defaultCurrency = meta?.strategy?.currency ?? (currencies.length === 1 ? currencies[0] : null);
  return { currencies, defaultCurrency };
}

function competingExamples(texts: string[], ctx: MoneyContext): CompetingExample[] {
  const out: CompetingExample[] = [];
  for (const text of texts) {
    for (const part of text.split(/[/;]|,\s+(?=[A-Z])/)) {
      const a = findAmounts(part, ctx)[0];
      if (!a || a.currency === null) continue;
      const name = part
        .slice(0, a.start)
        .replace(/\s*(?:at|@|:|with|offering|offers?)\s*$/i, '')
        .replace(/^[\s"“]+/, '')
        .trim();
      if (!name) continue;
      const basis = /^\s*\+?\s*([A-Za-z]+)/.exec(part.slice(a.end))?.[1] ?? 'TC';
      out.push({ name, amount: a.amount, currency: a.currency, basis });
    }
  }
  return out;
}

/** Reads the figures of the prose strategy: the parts are the quote (and the sentences after it) or a strategy section. */
export function readProseStrategy(parts: StrategyText[], ctx: ReadContext): Strategy | null {
  if (parts.length === 0) return null;
  const first = parts[0];
  const strategy: Strategy = {
    text: parts.map((p) => p.text).join('\n\n'),
    line: first.line,
    source: first.source,
    targetBase: null,
    targetStock: null,
    stockYears: null,
    targetBonusPct: null,
    exampleCompetitors: [],
    floorBase: null,
    floorStock: null,
    unread: null,
    findings: [],
    notes: [],
  };
  const unplaced: string[] = [];
  const foreign: MoneyAmount[] = [];
  const bareDollars: { text: string; currency: string; line: number }[] = [];
  const bracketTexts: string[] = [];
  for (const part of parts) {
    const { line } = part;
    const text = part.text.slice(0, MAX_STRATEGY_TEXT);
    for (const b of text.matchAll(/\[([^[\]]+)\]/g)) bracketTexts.push(b[1]);
    const amounts = findAmounts(text, ctx.money);
    for (const [i, a] of amounts.entries()) {
      if (insideBrackets(text, a.start)) continue;
      if (isBareDollarNote(a)) bareDollars.push({ text: a.text, currency: a.currency!, line });
      if (a.currency === null) {
        unplaced.push(
          a.candidates
            ? `"${a.text}" (could be ${a.candidates.join(', ')})`
            : `"${a.text}" (no currency written, and the bands use several)`,
        );
        continue;
      }
      const role = roleAt(text, a);
      if (!role) continue;
      const kind = kindAt(text, amounts, i);
      if (kind === 'other') continue;
      const reference = ctx.bands.find((b) => b.currency === a.currency);
      if (!reference) {
        if (ctx.bands.length) foreign.push(a);
      } else {
        const bounds = figureBounds(kind, reference);
        if (a.amount < bounds.min || a.amount > bounds.max) {
          strategy.findings.push(
            warn(
              'strategy-bounds',
              `the strategy's ${role} ${kind} "${a.text}" (${formatMoney(a.amount, a.currency)}) is outside ${formatBounds(kind, bounds, a.currency)} for the ${reference.region} band: ignored`,
              line,
            ),
          );
          continue;
        }
      }
      const figure = { amount: a.amount, currency: a.currency };
      const key = `${role}${kind === 'base' ? 'Base' : 'Stock'}` as
        | 'targetBase'
        | 'targetStock'
        | 'floorBase'
        | 'floorStock';
      strategy[key] ??= figure;
    }
    for (const m of findUnplacedMoney(text, ctx.money)) {
      if (m.reason === 'written in words') unplaced.push(`"${m.text}" (written in words)`);
    }
    const years = YEARS.exec(text);
    if (years && strategy.stockYears === null) {
      const n = Number(years[1] ?? years[2] ?? years[3]);
      if (n >= 1 && n <= 10) strategy.stockYears = n;
      else
        strategy.findings.push(
          warn(
            'strategy-bounds',
            `the strategy's vesting period "${years[0].trim()}" is outside ${formatBounds('years', figureBounds('years', { base: { low: 0, high: 0 }, stock: null }), '')}: ignored`,
            line,
          ),
        );
    }
    const bonus = BONUS.exec(text);
    if (bonus && strategy.targetBonusPct === null) {
      const n = Number(bonus[1] ?? bonus[2]);
      if (n >= 0 && n <= 100) strategy.targetBonusPct = n;
      else
        strategy.findings.push(
          warn(
            'strategy-bounds',
            `the strategy's bonus "${bonus[0].trim()}" is outside the bounds 0–100%: ignored`,
            line,
          ),
        );
    }
  }
  strategy.exampleCompetitors = competingExamples(bracketTexts, ctx.money);
  const read = !!(
    strategy.targetBase ||
    strategy.targetStock ||
    strategy.floorBase ||
    strategy.floorStock ||
    strategy.targetBonusPct !== null
  );
  if (foreign.length) {
    const codes = [...new Set(foreign.map((a) => a.currency))].join(', ');
    strategy.findings.push(
      warn(
        'strategy-unread',
        `the strategy names ${foreign.map((a) => a.text).join(', ')} in ${codes}, which no band uses (${[...new Set(ctx.bands.map((b) => b.currency))].join(', ')}): write the targets and floor in a band's currency`,
        first.line,
      ),
    );
  }
  if (bareDollars.length) {
    const { currency, line } = bareDollars[0];
    strategy.notes.push(
      `line ${line}: ${bareDollars.map((d) => `"${d.text}"`).join(', ')} ${bareDollars.length === 1 ? 'is' : 'are'} read as ${currency}, the dollar the guide's bands use (a bare $ is USD only when no band, or several, use a dollar); write ${currency} or its symbol to say so`,
    );
  }
  if (unplaced.length && read) {
    strategy.findings.push(
      warn(
        'strategy-unread',
        `the strategy names money that cannot be placed: ${unplaced.join(', ')}; write a currency code (e.g. ${ctx.money.currencies?.[0] ?? 'USD'} 150,000) or a symbol of a band's currency`,
        first.line,
      ),
    );
  }
  if (!read) {
    strategy.unread = unplaced.length
      ? `its amounts cannot be placed (${unplaced.join(', ')})`
      : `no target or floor was found in "${clip(strategy.text)}" (write e.g. "I'm targeting ${formatMoney(150000, ctx.money.currencies?.[0] ?? 'USD')} base … Accept at … base", or add a strategy block to the front matter)`;
    strategy.findings.unshift(
      warn(
        'strategy-unread',
        `the ${first.source === 'quote' ? 'strategy quote' : 'strategy section'} gives no target and no walk-away floor: ${strategy.unread}`,
        first.line,
      ),
    );
  }
  return strategy;
}

/** The block in words (what search finds when the body has no strategy text). */
function describeBlock(b: StrategyBlock): string {
  const m = (n: number | null, what: string) => (n === null ? null : `${formatMoney(n, b.currency)} ${what}`);
  const target = [
    m(b.target.base, 'base'),
    m(b.target.stock, 'stock'),
    b.target.bonusPct === null ? null : `${b.target.bonusPct}% bonus`,
  ]
    .filter(Boolean)
    .join(', ');
  const floor = [m(b.floor.base, 'base'), m(b.floor.stock, 'stock')].filter(Boolean).join(', ');
  return [
    target && `Target: ${target}.`,
    floor && `Floor: ${floor}.`,
    b.exampleCompetitors.length ? `Examples: ${b.exampleCompetitors.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The front-matter block as a Strategy; the prose (when present) is checked against it. */
function fromBlock(block: StrategyBlock, prose: Strategy | null, ctx: ReadContext, line: number): Strategy {
  const fig = (n: number | null) => (n === null ? null : { amount: n, currency: block.currency });
  const s: Strategy = {
    text: prose?.text || describeBlock(block),
    line,
    source: 'block',
    targetBase: fig(block.target.base),
    targetStock: fig(block.target.stock),
    stockYears: null,
    targetBonusPct: block.target.bonusPct,
    exampleCompetitors: block.exampleCompetitors.length
      ? competingExamples(block.exampleCompetitors, ctx.money)
      : (prose?.exampleCompetitors ?? []),
    floorBase: fig(block.floor.base),
    floorStock: fig(block.floor.stock),
    unread: null,
    findings: [],
    notes: prose?.notes ?? [],
  };
  const read = s.targetBase || s.targetStock || s.floorBase || s.floorStock || s.targetBonusPct !== null;
  if (!read) {
    s.unread = 'the strategy block states no target and no floor';
    s.findings.push(
      warn(
        'strategy-unread',
        "the front matter's strategy block gives no target and no walk-away floor (add target: { base: … } or floor: { base: … })",
        line,
      ),
    );
  }
  if (prose) {
    // Prose problems other than "unread" still matter (bounds, unplaced money); its unread is moot.
    s.findings.push(
      ...prose.findings.filter((f) => f.code !== 'strategy-unread' || !/gives no target/.test(f.message)),
    );
    const differ: string[] = [];
    const pairs: [string, MoneyFigure | number | null, MoneyFigure | number | null][] = [
      ['target base', s.targetBase, prose.targetBase],
      ['target stock', s.targetStock, prose.targetStock],
      ['target bonus', s.targetBonusPct, prose.targetBonusPct],
      ['floor base', s.floorBase, prose.floorBase],
      ['floor stock', s.floorStock, prose.floorStock],
    ];
    for (const [what, b, p] of pairs) {
      if (b === null || p === null) continue;
      const bv = typeof b === 'number' ? b : b.amount;
      const pv = typeof p === 'number' ? p : p.amount;
      const sameCurrency = typeof b === 'number' || typeof p === 'number' || b.currency === p.currency;
      if (!sameCurrency || Math.abs(bv - pv) > Math.max(1, Math.abs(bv) * 0.005)) {
        const show = (x: MoneyFigure | number) => (typeof x === 'number' ? `${x}%` : formatMoney(x.amount, x.currency));
        differ.push(`${what} ${show(b)} in the block, ${show(p)} in the prose`);
      }
    }
    if (differ.length)
      s.findings.push(
        warn(
          'strategy-disagrees',
          `the strategy block and the prose strategy disagree (${differ.join('; ')}); the block wins: make them agree`,
          prose.line,
        ),
      );
  }
  return s;
}

/**
 * The guide's strategy: the block when the front matter has one (canonical), else the prose. `parts` are the
 * strategy texts the body holds; `blockLine` is the line of the front matter's `strategy:` (when known).
 */
export function resolveStrategy(
  meta: Pick<GuideMeta, 'bands' | 'strategy'> | null,
  parts: StrategyText[],
  blockLine = 1,
): Strategy | null {
  const ctx: ReadContext = { bands: meta?.bands ?? [], money: moneyContext(meta) };
  const prose = readProseStrategy(parts, ctx);
  if (meta?.strategy) return fromBlock(meta.strategy, prose, ctx, blockLine);
  return prose;
}

export type { FigureKind };
