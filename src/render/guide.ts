// `show` and `levers` for a terminal: Markdown tokens → wrapped, styled plain text.
import type { Token, Tokens } from 'marked';
import type { GuideParser } from '../guides/lazy-parser.js';
import type { GuideMeta } from '../guides/types.js';
import { renderTable } from './table.js';
import { displayWidth, type Style } from './terminal.js';
import { cleanTerminalText as t } from '../text/escape.js';

const WIDTH = 88;

/** The Markdown functions rendering needs: the parser's, handed in by the command that loaded it. */
export type MarkdownText = Pick<GuideParser, 'lexBlocks' | 'plainText' | 'stripInlineMarkup'>;

/** Wraps text to a width, keeping words whole; `indent` prefixes every line. */
export function wrapText(text: string, width = WIDTH, indent = ''): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && displayWidth(line) + 1 + displayWidth(word) > width - indent.length) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

/** Inline Markdown → styled text: **bold** kept as bold, other markup removed. */
function inline(md: MarkdownText, text: string, style: Style): string {
  return t(text)
    .split(/(\*\*[^*]+\*\*)/)
    .map((part) => (/^\*\*[^*]+\*\*$/.test(part) ? style.bold(part.slice(2, -2)) : md.stripInlineMarkup(part)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function renderToken(md: MarkdownText, token: Token, style: Style): string | null {
  switch (token.type) {
    case 'heading':
      return style.bold(style.accent(md.plainText(t(token.text))));
    case 'paragraph':
      return wrapText(inline(md, token.text, style));
    case 'table': {
      const table = token as Tokens.Table;
      return renderTable(
        [
          table.header.map((h) => md.plainText(t(h.text))),
          ...table.rows.map((r) => r.map((c) => md.plainText(t(c.text)))),
        ],
        { header: style.dim },
      );
    }
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return list.items
        .map((item, i) => {
          const bullet = list.ordered ? `${start + i}. ` : '• ';
          return bullet + wrapText(inline(md, item.text, style), WIDTH, ' '.repeat(bullet.length)).trimStart();
        })
        .join('\n');
    }
    case 'blockquote':
      return wrapText(inline(md, token.text, style), WIDTH - 2)
        .split('\n')
        .map((l) => `${style.dim('│')} ${l}`)
        .join('\n');
    case 'code':
      return t(token.text, true);
    case 'hr':
      return style.dim('─'.repeat(40));
    case 'space':
      return null;
    default:
      return 'text' in token && typeof token.text === 'string' ? wrapText(md.plainText(t(token.text))) : null;
  }
}

export function renderGuide(md: MarkdownText, meta: GuideMeta, markdown: string, style: Style): string {
  const head = [
    style.bold(`${t(meta.companyName)} · ${t(meta.roleName)}`),
    style.dim(
      [
        meta.lastUpdated && `as of ${meta.lastUpdated}`,
        meta.reviewDue && `review due ${meta.reviewDue}`,
        meta.sources.length && `sources: ${meta.sources.map((s) => t(s)).join(', ')}`,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
  ];
  const blocks = md
    .lexBlocks(markdown)
    .map((tok) => renderToken(md, tok, style))
    .filter((b): b is string => b !== null && b !== '');
  return [...head, '', blocks.join('\n\n')].join('\n');
}

export function renderLevers(
  levers: { number: number; title: string; script: string }[],
  sections: { heading: string; text: string }[],
  style: Style,
): string {
  const parts = levers.map(
    (l) => `${style.bold(`${l.number}. ${t(l.title)}`)}\n${wrapText(`“${t(l.script)}”`, WIDTH, '   ')}`,
  );
  for (const s of sections)
    parts.push(`${style.bold(style.accent(t(s.heading)))}\n${wrapText(t(s.text, true), WIDTH, '   ')}`);
  return parts.join('\n\n');
}
