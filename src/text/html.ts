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
 * spaces within a line collapsed and blank lines at most one. Linear in the page's length, however many
 * unclosed `<` a hostile page holds (tags are found by scanning, not by patterns that backtrack).
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const heading = options.titleHeading ? pageTitle(html) : undefined;
  const visible = html.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(HIDDEN, (m, tag: string) => {
    if (tag.toLowerCase() !== 'head' || options.titleHeading) return '';
    // A document's <title> is kept as a line (it sometimes names the company and role); the rest of <head> is not.
    const title = headTitle(m);
    return title === undefined ? '' : `\n${title}\n`;
  });
  // A table cell is one piece of its row: paragraphs inside it are joined with spaces.
  const cells = options.tableCells
    ? replaceCells(
        visible,
        (inner) => ` \t ${replaceTags(inner, (tag) => (tag && /^(p|div|br)$/i.test(tag) ? ' ' : null))} \t `,
      )
    : visible;
  const named = replaceTags(cells, (tag) => {
    if (tag === undefined) return null;
    if (BLOCK.test(tag)) return '\n';
    if (options.tableCells && /^(td|th)$/i.test(tag)) return ' \t ';
    return '';
  });
  const text = decodeEntities(replaceTags(named, () => ''))
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, (s) => (s.includes('\t') ? '  ' : ' ')).trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return heading === undefined
    ? text
    : `# ${decodeEntities(heading)
        .replace(/\u00a0/g, ' ')
        .trim()}\n${text}`;
}

const TAG_NAME = /<\/?([a-z][a-z0-9]*)\b/iy;

/**
 * Each `<…>` (to the first `>`) replaced by what `by` returns for its tag name (undefined when the `<` starts
 * no name, as in "< 5"); null leaves the `<` as text. Past the text's last `>` no tag can close: the scan stops.
 */
function replaceTags(text: string, by: (tag: string | undefined) => string | null): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('<'); at !== -1; ) {
    const end = text.indexOf('>', at);
    if (end === -1) break;
    TAG_NAME.lastIndex = at;
    const replacement = by(TAG_NAME.exec(text)?.[1]);
    if (replacement === null) {
      at = text.indexOf('<', at + 1);
      continue;
    }
    out += text.slice(from, at) + replacement;
    from = end + 1;
    at = text.indexOf('<', from);
  }
  return out + text.slice(from);
}

/** Each `<td …>…</td>` (or th, to the first closing tag of its name) replaced by `cell(inner)`. */
function replaceCells(text: string, cell: (inner: string) => string): string {
  const closes: Record<string, number[]> = { td: [], th: [] };
  for (const m of text.matchAll(/<\/(td|th)\s*>/gi)) closes[m[1].toLowerCase()].push(m.index);
  const next: Record<string, number> = { td: 0, th: 0 };
  const open = /<(td|th)\b/iy;
  let out = '';
  let from = 0;
  for (let at = text.indexOf('<'); at !== -1; ) {
    const end = text.indexOf('>', at);
    if (end === -1) break;
    open.lastIndex = at;
    const tag = open.exec(text)?.[1].toLowerCase();
    if (tag) {
      const ends = closes[tag];
      while (next[tag] < ends.length && ends[next[tag]] <= end) next[tag]++;
      if (next[tag] < ends.length) {
        const close = ends[next[tag]];
        out += text.slice(from, at) + cell(text.slice(end + 1, close));
        from = text.indexOf('>', close) + 1;
        at = text.indexOf('<', from);
        continue;
      }
    }
    at = text.indexOf('<', at + 1);
  }
  return out + text.slice(from);
}

/** The page's title for a heading: the first <title> holding 1–300 characters and no markup. */
function pageTitle(html: string): string | undefined {
  const inner = /([^<]{1,300})<\/title>/iy;
  for (const open of html.matchAll(/<title/gi)) {
    const end = html.indexOf('>', open.index);
    if (end === -1) return undefined;
    inner.lastIndex = end + 1;
    const hit = inner.exec(html);
    if (hit) return hit[1];
  }
  return undefined;
}

/** What the first <title> of a <head> holds, up to its </title>. */
function headTitle(head: string): string | undefined {
  const open = /<title/i.exec(head);
  const end = open ? head.indexOf('>', open.index) : -1;
  if (end === -1) return undefined;
  const close = /<\/title>/gi;
  close.lastIndex = end + 1;
  const hit = close.exec(head);
  return hit ? head.slice(end + 1, hit.index) : undefined;
}
