// HTML for the readers of saved pages (postings) and letters (HTML, e-mail, Word): character references and
// the one HTML-to-text converter. Pure.

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  dollar: '$',
  pound: '£',
  euro: '€',
  yen: '¥',
  cent: '¢',
  ndash: '–',
  mdash: '—',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  hellip: '…',
  bull: '•',
  middot: '·',
  thinsp: '\u2009',
  ensp: ' ',
  emsp: ' ',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  Uuml: 'Ü',
  Ouml: 'Ö',
  Auml: 'Ä',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
  rupee: '₹',
};

/** Named, decimal and hex character references decoded; an unknown name is kept, an invalid number dropped. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? all;
  });
}

export interface HtmlToTextOptions {
  /** The page's <title> as a first line "# Title" (postings: it often names the role and company); else it stays a line where it is. */
  titleHeading?: boolean;
  /** Table cells spaced apart on their row, paragraphs inside a cell joined (letters: figures often sit in a table). */
  tableCells?: boolean;
}

const HIDDEN = /<(script|style|noscript|svg|head|template)\b[\s\S]*?(<\/\1\s*>|$)/gi;
const BLOCK =
  /^(p|div|br|hr|li|ul|ol|dl|dt|dd|tr|table|h[1-6]|section|article|header|footer|main|aside|nav|blockquote|pre|address|title)$/i;

/**
 * HTML as text, for the readers of saved pages (postings) and letters: comments, scripts, styles and other
 * hidden parts dropped, blocks and line breaks become lines, tags removed, character references decoded,
 * spaces within a line collapsed and blank lines at most one.
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const title = options.titleHeading ? /<title[^>]*>([^<]{1,300})<\/title>/i.exec(html)?.[1] : undefined;
  const visible = html
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(HIDDEN, (m, tag: string) => (tag.toLowerCase() === 'head' && !options.titleHeading ? titleLine(m) : ''));
  // A table cell is one piece of its row: paragraphs inside it are joined with spaces.
  const cells = options.tableCells
    ? visible.replace(
        /<(td|th)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi,
        (_, _tag: string, inner: string) => ` \t ${inner.replace(/<\/?(?:p|div|br)\b[^>]*>/gi, ' ')} \t `,
      )
    : visible;
  const out = cells.replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi, (_, tag: string) => {
    if (BLOCK.test(tag)) return '\n';
    if (options.tableCells && /^(td|th)$/i.test(tag)) return ' \t ';
    return '';
  });
  const text = decodeEntities(out.replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, (s) => (s.includes('\t') ? '  ' : ' ')).trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return title
    ? `# ${decodeEntities(title)
        .replace(/\u00a0/g, ' ')
        .trim()}\n${text}`
    : text;
}

/** A document's <title> is kept (it sometimes names the company and role); the rest of <head> is not. */
function titleLine(head: string): string {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head);
  return m ? `\n${m[1]}\n` : '';
}
