// Reads the Markdown body of a guide into a typed model with marked's lexer (structure from tokens;
// patterns only inside the one paragraph or cell they describe).
import type { Lexer, Token, Tokens } from 'marked';
import { parseTextRange, type TextRange } from '../comp/money.js';
import { findYears } from './stock-years.js';
import { readProseStrategy, resolveStrategy, type Strategy, type StrategyText } from './strategy.js';
import type { GuideMeta } from './types.js';

/** marked's lexer, loaded the first time a body is lexed (lookup and list lex none, but for a guide whose level mapping is only in its body). */
const markedLexer = (): typeof Lexer => (require('marked') as typeof import('marked')).Lexer;

// Kept here too for callers that read them with the body model.
export { findStockYears, findYears } from './stock-years.js';

export interface Lever {
  number: number;
  title: string;
  script: string;
  line: number;
}

export interface LeverSection {
  heading: string;
  text: string;
  line: number;
}

export type { CompetingExample, MoneyFigure, Strategy, StrategyText } from './strategy.js';

export interface CompRow {
  region: string;
  line: number;
  base: TextRange | null;
  stock: TextRange | null;
  bonusPct: TextRange | null;
  totalComp: TextRange | null;
}

export interface CompTable {
  line: number;
  stockYears: number | null;
  rows: CompRow[];
}

export interface Section {
  heading: string;
  line: number;
  paragraphs: string[];
}

export interface GuideBody {
  title: string | null;
  summary: string | null;
  levelMapping: string | null;
  compTable: CompTable | null;
  levers: Lever[];
  leverSections: LeverSection[];
  /** The strategy: the front matter's block when parseBody was given the model and it has one, else the prose's. */
  strategy: Strategy | null;
  /** The strategy texts of the body: the quote (with the paragraphs after it) and strategy sections. */
  strategyTexts: StrategyText[];
  evidence: string[];
  sections: Section[];
}

/** Markdown inline → plain text: emphasis, code and link markup removed, text kept. */
export function plainText(md: string): string {
  return stripInlineMarkup(md).trim();
}

/** Like plainText, but keeps leading and trailing spaces (for pieces of a line). */
export function stripInlineMarkup(md: string): string {
  return md
    .replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*\w])[*_]([^*_\n]+)[*_](?![*\w])/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(?<![ \t])[ \t]*\n[ \t]*/g, ' ');
}

/** A paragraph that is only bold text acts as a heading in real guides ("**Global Levers**"). */
function boldHeading(token: Token): string | null {
  if (token.type !== 'paragraph') return null;
  const m = /^\*\*([^*]+?)\*\*:?\s*$/.exec(token.text.trim());
  return m ? m[1].replace(/:$/, '').trim() : null;
}

/** "**Label:** rest" → { label, rest } */
function labelled(text: string): { label: string; rest: string } | null {
  const m = /^\*\*([^*]+?):?\*\*:?\s*([\s\S]*)$/.exec(text.trim());
  return m ? { label: m[1].replace(/:$/, '').trim(), rest: m[2].trim() } : null;
}

function unquote(s: string): string {
  const t = s.trim();
  const m = /^["“](.*?)["”]?$/s.exec(t);
  return (m ? m[1] : t).trim();
}

/** A paragraph's "**Level Mapping:** …" text, or null. */
function levelMappingOf(token: Token): string | null {
  const label = token.type === 'paragraph' ? labelled(token.text) : null;
  return label && /^level mapping$/i.test(label.label) ? plainText(label.rest) : null;
}

/** The body's first "**Level Mapping:** …" paragraph, as parseBody reads it (the body lexed only when it names one). */
export function findLevelMapping(markdown: string): string | null {
  if (!/level mapping/i.test(markdown)) return null;
  for (const token of lexBlocks(markdown)) {
    if (boldHeading(token) !== null) continue;
    const text = levelMappingOf(token);
    if (text !== null) return text;
  }
  return null;
}

/** Reads a Negotiate Up Strategy quote on its own (no bands: a bare $ is USD). */
export function parseStrategy(text: string, line: number): Strategy {
  return readProseStrategy([{ text, line, source: 'quote' }], { bands: [], money: {} })!;
}

function parseCompTable(table: Tokens.Table, line: number, currencies: string[]): CompTable | null {
  const header = table.header.map((h) => plainText(h.text));
  const col = (re: RegExp) => header.findIndex((h) => re.test(h));
  const region = col(/region|location|city/i);
  if (region < 0) return null;
  const base = col(/base|salary/i);
  const stock = col(/stock|rsu|equity/i);
  const bonus = col(/bonus/i);
  const total = col(/total/i);
  // Money columns hold money: a cell's figures need no money word ("CHF 150K–175K", "150 000 €").
  const money = { currencies, assumeMoney: true, defaultCurrency: currencies.length === 1 ? currencies[0] : null };
  const cell = (row: Tokens.TableCell[], i: number, ctx = {}) =>
    i >= 0 && row[i] ? (parseTextRange(plainText(row[i].text), ctx) ?? null) : null;
  return {
    line,
    stockYears: stock >= 0 ? findYears(header[stock]) : null,
    rows: table.rows.map((row, i) => ({
      region: plainText(row[region]?.text ?? ''),
      line: line + 2 + i,
      base: cell(row, base, money),
      stock: cell(row, stock, money),
      bonusPct: cell(row, bonus),
      totalComp: cell(row, total, money),
    })),
  };
}

const LEVER_ITEM = /^\*\*([^*]+?):?\*\*:?\s*([\s\S]+)$/;

/**
 * marked's block lexer is quadratic or worse on some shapes (a 64 KB blockquote of alternating lazy
 * lines: seconds; 1 MB: minutes) and recurses once per nesting level. Real guides are a few KB: a body
 * up to this size is lexed whole; a bigger one in groups of whole blocks (split at blank lines).
 */
const MAX_LEXED = 16 * 1024;
/** Containers (">", list items) nested deeper than 8, or lines indented over 32 columns, are not guide structure. */
const TOO_DEEP = /^(?:[ \t]{33}|(?:[ \t]*(?:>|[*+-][ \t]|\d{1,9}[.)][ \t])){9})/m;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** A piece marked is not given: shown as it is, as one preformatted block. */
const preformatted = (text: string): Token => ({ type: 'code', raw: text, text, codeBlockStyle: 'indented' });

function lexPiece(text: string): Token[] {
  if (text.length > MAX_LEXED || TOO_DEEP.test(text)) return [preformatted(text)];
  try {
    return new (markedLexer())().blockTokens(text, []);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err; // the stack, despite the depth check
    return [preformatted(text)];
  }
}

/** Splits text at runs of blank lines outside fenced code: blocks and the blank runs between them, in order. */
function splitBlocks(text: string): { text: string; blank: boolean }[] {
  const out: { text: string; blank: boolean }[] = [];
  let fence: string | null = null;
  let from = 0; // start of the current block
  let blankFrom = -1; // start of the current blank run (its leading newline), or -1
  let at = 0;
  for (const line of text.split('\n')) {
    const lineEnd = at + line.length;
    const f = FENCE.exec(line);
    if (f && (fence === null || f[1][0] === fence[0])) fence = fence === null ? f[1] : null;
    if (fence === null && /^[ \t]*$/.test(line)) {
      if (blankFrom < 0) blankFrom = Math.max(from, at - 1);
    } else if (blankFrom >= 0) {
      if (blankFrom > from) out.push({ text: text.slice(from, blankFrom), blank: false });
      out.push({ text: text.slice(blankFrom, at), blank: true });
      from = at;
      blankFrom = -1;
    }
    at = lineEnd + 1;
  }
  if (blankFrom >= 0) {
    if (blankFrom > from) out.push({ text: text.slice(from, blankFrom), blank: false });
    out.push({ text: text.slice(blankFrom), blank: true });
  } else if (from < text.length) out.push({ text: text.slice(from), blank: false });
  return out;
}

/** Block tokens only: nothing here reads marked's inline tokens, and its inline pass is quadratic on "*a*a…". */
export function lexBlocks(markdown: string): Token[] {
  const text = markdown.replace(/\r\n?/g, '\n');
  if (text.length <= MAX_LEXED) return lexPiece(text);
  const tokens: Token[] = [];
  let group = '';
  const flush = () => {
    if (group) tokens.push(...lexPiece(group));
    group = '';
  };
  for (const part of splitBlocks(text)) {
    if (part.blank) {
      if (group) group += part.text;
      else tokens.push({ type: 'space', raw: part.text });
    } else if (group.length + part.text.length > MAX_LEXED) {
      flush();
      if (part.text.length > MAX_LEXED) tokens.push(preformatted(part.text));
      else group = part.text;
    } else group += part.text;
  }
  flush();
  return tokens;
}

/** A heading that names a strategy ("Negotiate Up Strategy", "Strategy", "Our negotiation strategy"). */
const STRATEGY_HEADING = /\bstrateg(?:y|ies)\b|\bnegotiat\w*\s+up\b/i;

/**
 * Parses a (repaired, LF) Markdown body. `firstLine` is the file line where the body starts. With the
 * guide's model (`meta`), the strategy is resolved against its bands and its front-matter block.
 */
export function parseBody(
  markdown: string,
  firstLine = 1,
  meta: Pick<GuideMeta, 'bands' | 'strategy'> | null = null,
  blockLine?: number,
): GuideBody {
  const tokens = lexBlocks(markdown);
  const body: GuideBody = {
    title: null,
    summary: null,
    levelMapping: null,
    compTable: null,
    levers: [],
    leverSections: [],
    strategy: null,
    strategyTexts: [],
    evidence: [],
    sections: [],
  };
  const currencies = [...new Set((meta?.bands ?? []).map((b) => b.currency))];
  // Where the strategy's text goes: the quote's own entry (its following paragraphs too), or a strategy section's.
  let strategyText: StrategyText | null = null;
  let sawQuote = false;
  const addStrategyText = (text: string) => {
    if (strategyText && text.trim()) strategyText.text = strategyText.text ? `${strategyText.text}\n\n${text}` : text;
  };
  let line = firstLine;
  let section: Section | null = null;
  let leverSection: LeverSection | null = null;
  const startSection = (heading: string, at: number) => {
    strategyText = null;
    if (STRATEGY_HEADING.test(heading) && !sawQuote) {
      strategyText = { text: '', line: at, source: 'section' };
      body.strategyTexts.push(strategyText);
    }
    section = { heading, line: at, paragraphs: [] };
    body.sections.push(section);
    leverSection = null;
    if (/\blevers?\b/i.test(heading) && !/^global levers$/i.test(heading)) {
      leverSection = { heading, text: '', line: at };
      body.leverSections.push(leverSection);
    }
  };

  for (const token of tokens) {
    const at = line;
    line += (token.raw.match(/\n/g) ?? []).length;
    if (token.type === 'space') continue;
    if (token.type === 'heading') {
      const text = plainText(token.text);
      if (body.title === null && body.sections.length === 0) body.title = text;
      startSection(text, at);
      continue;
    }
    const bold = boldHeading(token);
    if (bold !== null) {
      startSection(bold, at);
      continue;
    }
    const current = section as Section | null;
    if (token.type === 'paragraph') {
      const label = labelled(token.text);
      if (label && /^negotiation dna$/i.test(label.label)) body.summary ??= plainText(label.rest);
      else body.levelMapping ??= levelMappingOf(token);
      const text = plainText(token.text);
      current?.paragraphs.push(text);
      addStrategyText(text);
      const ls = leverSection as LeverSection | null;
      if (ls) ls.text = ls.text ? `${ls.text}\n\n${text}` : text;
    } else if (token.type === 'table') {
      body.compTable ??= parseCompTable(token as Tokens.Table, at, currencies);
    } else if (token.type === 'list') {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      let itemLine = at;
      list.items.forEach((item, i) => {
        const m = list.ordered ? LEVER_ITEM.exec(item.text.trim()) : null;
        if (m)
          body.levers.push({
            number: start + i,
            title: plainText(m[1]),
            script: unquote(plainText(m[2])),
            line: itemLine,
          });
        else if (current && /evidence|sources/i.test(current.heading))
          body.evidence.push(plainText(item.text).replace(/^\[(.*)\]$/, '$1'));
        addStrategyText(plainText(item.text));
        itemLine += (item.raw.match(/\n/g) ?? []).length;
      });
    } else if (token.type === 'blockquote') {
      const label = labelled(token.text);
      if (label && /negotiat\w* up|strategy/i.test(label.label) && !sawQuote) {
        // The quote is the strategy; a strategy section it sits in adds nothing more, the sentences after it do.
        sawQuote = true;
        strategyText = { text: plainText(label.rest), line: at, source: 'quote' };
        body.strategyTexts.push(strategyText);
      } else {
        current?.paragraphs.push(plainText(token.text));
        addStrategyText(plainText(token.text));
      }
    }
  }
  // A strategy section is one with text under it (an HTML comment is not text).
  body.strategyTexts = body.strategyTexts.filter((t) => t.text.trim() !== '');
  // The quote, when there is one, is the strategy; else every strategy section.
  const quote = body.strategyTexts.find((t) => t.source === 'quote');
  if (quote) body.strategyTexts = [quote];
  body.strategy = resolveStrategy(meta, body.strategyTexts, blockLine ?? firstLine);
  return body;
}
