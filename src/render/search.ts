// search for a terminal: each hit's name, then its best matching lines, matches highlighted. Returns a string.
import type { LineMatch, SearchHit } from '../index/search.js';
import type { Style } from './terminal.js';
import { cleanTerminalText as t } from '../text/escape.js';

/** How many matching lines a hit shows (all of them are in --json). */
export const LINES_PER_HIT = 3;
/** Characters of context shown around the first match of a long line. */
const SNIPPET = 110;

/**
 * The part of a long text around its first match, cut at spaces, with "…" where text was left out.
 * Returns the window and the ranges that fall inside it, shifted to it.
 */
export function snippet(
  text: string,
  ranges: [number, number][],
  width = SNIPPET,
): { text: string; ranges: [number, number][] } {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length !== text.length) return snippet(flat, shiftRangesToFlat(text, ranges), width);
  if (text.length <= width) return { text, ranges };
  const first = ranges[0] ?? [0, 0];
  let start = Math.max(0, Math.min(first[0] - Math.floor(width / 4), text.length - width));
  if (start > 0) start = Math.min(first[0], text.indexOf(' ', start) + 1 || start);
  let end = Math.min(text.length, start + width);
  if (end < text.length)
    end = Math.max(first[1], text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end);
  const pre = start > 0 ? '…' : '';
  const post = end < text.length ? '…' : '';
  const inside = ranges
    .filter(([a, b]) => b > start && a < end)
    .map(([a, b]): [number, number] => [
      Math.max(a, start) - start + pre.length,
      Math.min(b, end) - start + pre.length,
    ]);
  return { text: pre + text.slice(start, end) + post, ranges: inside };
}

/** Runs of whitespace collapse to one space: the ranges move with the text. */
function shiftRangesToFlat(text: string, ranges: [number, number][]): [number, number][] {
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    map.push(j);
    if (!(i > 0 && /\s/.test(text[i]) && /\s/.test(text[i - 1]))) j++;
  }
  map.push(j);
  return ranges.map(([a, b]) => [map[a], map[b]]);
}

/** Guide text with its matches highlighted; every piece cleaned for the terminal separately. */
export function highlight(text: string, ranges: [number, number][], style: Style): string {
  let out = '';
  let at = 0;
  for (const [a, b] of ranges) {
    out += t(text.slice(at, a)) + style.bold(style.accent(t(text.slice(a, b))));
    at = b;
  }
  return out + t(text.slice(at));
}

function renderLine(m: LineMatch, style: Style): string {
  const s = snippet(m.text, m.ranges);
  return `  ${style.dim(`${t(m.label)}${m.line ? ` (line ${m.line})` : ''}:`)} ${highlight(s.text, s.ranges, style)}`;
}

export function renderSearch(hits: SearchHit[], style: Style): string {
  return hits
    .map((h) => {
      const head = `${style.bold(`${h.company.slug} ${h.role.slug}`)}  ${style.dim(`${t(h.company.name)} · ${t(h.role.name)}`)}`;
      const lines = h.matches.slice(0, LINES_PER_HIT).map((m) => renderLine(m, style));
      const more = h.matches.length - LINES_PER_HIT;
      if (more > 0)
        lines.push(style.dim(`  … ${more} more matching ${more === 1 ? 'line' : 'lines'} (--json lists all)`));
      return [head, ...lines].join('\n');
    })
    .join('\n\n');
}
