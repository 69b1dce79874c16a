// Reads the Markdown body of a guide into a typed model with marked's lexer (structure from tokens;
// patterns only inside the one paragraph or cell they describe).
import type { Lexer, Token, Tokens } from 'marked';
import { findAmounts, parseTextRange, type TextRange } from '../comp/money.js';
import { findYears } from './stock-years.js';

/** marked's lexer, loaded the first time a body is parsed (lookup and list never parse one). */
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

export interface Strategy {
  text: string;
  line: number;
  targetBase: MoneyFigure | null;
  targetStock: MoneyFigure | null;
  stockYears: number | null;
  targetBonusPct: number | null;
  /** The guide's bracketed examples: never the user's own offers. */
  exampleCompetitors: CompetingExample[];
  floorBase: MoneyFigure | null;
  floorStock: MoneyFigure | null;
}

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
  strategy: Strategy | null;
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

function firstFigure(text: string, after: RegExp): MoneyFigure | null {
  // The first amount directly followed by the word (e.g. "$248K base", "$305K+ RSUs").
  const re = new RegExp(String.raw`([$£€¥₹]\s?[\d,.]+(?:\s*[KkMm])?\+?)\s*(?:${after.source})`, 'i');
  const m = re.exec(text);
  if (!m) return null;
  const a = findAmounts(m[1])[0];
  return a ? { amount: a.amount, currency: a.currency } : null;
}

/** Parses the Negotiate Up Strategy quote: targets, the guide's example offers, the walk-away floor. */
export function parseStrategy(text: string, line: number): Strategy {
  const acceptAt = /accept at\b([\s\S]*)$/i.exec(text);
  const pitch = acceptAt ? text.slice(0, acceptAt.index) : text;
  const floorText = acceptAt ? acceptAt[1] : '';
  const STOCK_WORDS = /(?:in\s+)?(?:RSUs?|stock|equity|shares)/;
  const stockClause = /([$£€¥₹]\s?[\d,.]+(?:\s*[KkMm])?)\s*(?:in\s+)?(?:RSUs?|stock|equity|shares)(?:\s+over\s+(\d+)\s+years?)?/i.exec(pitch);
  const bonus = /(?<!\d)(\d+(?:\.\d+)?)\s*%\s*(?:[A-Za-z-]+\s+){0,2}bonus/i.exec(pitch);
  const exampleCompetitors: CompetingExample[] = [];
  for (const bracket of pitch.matchAll(/\[([^[\]]+)\]/g)) {
    for (const part of bracket[1].split(/[/;]|,\s+(?=[A-Z])/)) {
      const m = /^(.*?\S)\s+(?:at|@|:)\s+([$£€¥₹]\s?[\d,.]+(?:\s*[KkMm])?)\s*([A-Za-z]+)?/.exec(part.trim());
      const a = m ? findAmounts(m[2])[0] : undefined;
      if (m && a) exampleCompetitors.push({ name: m[1].trim(), amount: a.amount, currency: a.currency, basis: m[3] ?? 'TC' });
    }
  }
  return {
    text,
    line,
    targetBase: firstFigure(pitch, /base|salary/),
    targetStock: stockClause ? firstFigure(stockClause[0], STOCK_WORDS) : null,
    stockYears: stockClause?.[2] ? Number(stockClause[2]) : null,
    targetBonusPct: bonus ? Number(bonus[1]) : null,
    exampleCompetitors,
    floorBase: firstFigure(floorText, /base|salary/),
    floorStock: firstFigure(floorText, STOCK_WORDS),
  };
}

function parseCompTable(table: Tokens.Table, line: number): CompTable | null {
  const header = table.header.map((h) => plainText(h.text));
  const col = (re: RegExp) => header.findIndex((h) => re.test(h));
  const region = col(/region|location|city/i);
  if (region < 0) return null;
  const base = col(/base|salary/i);
  const stock = col(/stock|rsu|equity/i);
  const bonus = col(/bonus/i);
  const total = col(/total/i);
  const cell = (row: Tokens.TableCell[], i: number) => (i >= 0 && row[i] ? parseTextRange(plainText(row[i].text)) ?? null : null);
  return {
    line,
    stockYears: stock >= 0 ? findYears(header[stock]) : null,
    rows: table.rows.map((row, i) => ({
      region: plainText(row[region]?.text ?? ''),
      line: line + 2 + i,
      base: cell(row, base),
      stock: cell(row, stock),
      bonusPct: cell(row, bonus),
      totalComp: cell(row, total),
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

/** Parses a (repaired, LF) Markdown body. `firstLine` is the file line where the body starts. */
export function parseBody(markdown: string, firstLine = 1): GuideBody {
  const tokens = lexBlocks(markdown);
  const body: GuideBody = {
    title: null,
    summary: null,
    levelMapping: null,
    compTable: null,
    levers: [],
    leverSections: [],
    strategy: null,
    evidence: [],
    sections: [],
  };
  let line = firstLine;
  let section: Section | null = null;
  let leverSection: LeverSection | null = null;
  const startSection = (heading: string, at: number) => {
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
      else if (label && /^level mapping$/i.test(label.label)) body.levelMapping ??= plainText(label.rest);
      const text = plainText(token.text);
      current?.paragraphs.push(text);
      const ls = leverSection as LeverSection | null;
      if (ls) ls.text = ls.text ? `${ls.text}\n\n${text}` : text;
    } else if (token.type === 'table') {
      body.compTable ??= parseCompTable(token as Tokens.Table, at);
    } else if (token.type === 'list') {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      let itemLine = at;
      list.items.forEach((item, i) => {
        const m = list.ordered ? LEVER_ITEM.exec(item.text.trim()) : null;
        if (m) body.levers.push({ number: start + i, title: plainText(m[1]), script: unquote(plainText(m[2])), line: itemLine });
        else if (current && /evidence|sources/i.test(current.heading)) body.evidence.push(plainText(item.text).replace(/^\[(.*)\]$/, '$1'));
        itemLine += (item.raw.match(/\n/g) ?? []).length;
      });
    } else if (token.type === 'blockquote') {
      const label = labelled(token.text);
      if (label && /negotiat\w* up|strategy/i.test(label.label) && !body.strategy) {
        body.strategy = parseStrategy(plainText(label.rest), at);
      } else current?.paragraphs.push(plainText(token.text));
    }
  }
  return body;
}

