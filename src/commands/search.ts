// search: ranked full-text search over the loaded guides, with the matching lines. No hits exits 1, like grep.
import type { Context } from '../context.js';
import { NotFoundError, UsageError } from '../errors.js';
import { parseQuery, searchGuides, termWords } from '../index/search.js';
import { renderSearch } from '../render/search.js';

export interface SearchOptions {
  limit?: string;
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1)
    throw new UsageError(`--limit: "${value}" is not a number of guides`, ['write it like --limit 5']);
  return n;
}

export async function runSearch(ctx: Context, words: string[], opts: SearchOptions): Promise<number> {
  const terms = parseQuery(words);
  const limit = parseLimit(opts.limit);
  const index = await ctx.index();
  // Only guides whose search text holds every word are read and parsed (the Markdown lexer is the expensive part).
  const candidates = await ctx.searchCandidates(index.guides, termWords(terms));
  const p = await ctx.parser();
  const read = [];
  for (const g of candidates) read.push(await ctx.guide(g));
  const all = searchGuides(
    read.map((g) => ({ meta: g.meta, path: g.path, body: p.parseBody(g.body, g.bodyLine, g.meta) })),
    terms,
  );
  const hits = limit === undefined ? all : all.slice(0, limit);
  if (ctx.json) ctx.out(JSON.stringify({ query: words.join(' '), terms, total: all.length, hits }, null, 2));
  if (all.length === 0) {
    throw new NotFoundError(`no guide matches ${terms.map((x) => `"${x}"`).join(' and ')}`, [
      `searched ${index.guides.length} ${index.guides.length === 1 ? 'guide' : 'guides'}: names, summaries, levers, strategy and sections; every word must occur in a guide`,
    ]);
  }
  if (!ctx.json) ctx.out(renderSearch(hits, ctx.style));
  if (hits.length < all.length)
    ctx.note(
      `${all.length - hits.length} more ${all.length - hits.length === 1 ? 'guide matches' : 'guides match'} (--limit ${limit})`,
    );
  return 0;
}
