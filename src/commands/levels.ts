// levels: a guide's level mapping as a table, and `--from "Google L5"`: the equivalent level at the guide's company.
import { parseLevelQuery, resolveLevel } from '../comp/level-match.js';
import { guideLevelMapping } from '../comp/level-mapping.js';
import type { Context } from '../context.js';
import { isNotFound } from '../errors.js';
import { resolveGuide, type IndexedGuide } from '../index/build.js';
import { renderLevels } from '../render/levels.js';
import type { LevelsResult } from '../results/levels.js';
import { escapeName } from '../text/escape.js';

export interface LevelsOptions {
  from?: string;
}

export function buildLevels(guide: IndexedGuide, opts: LevelsOptions): LevelsResult {
  const m = guide.meta;
  const result: LevelsResult = {
    company: { slug: m.company, name: m.companyName },
    role: { slug: m.role, name: m.roleName },
    raw: null,
    source: null,
    mapping: [],
    warnings: [],
  };
  let mapping: ReturnType<typeof guideLevelMapping>;
  try {
    mapping = guideLevelMapping(guide);
  } catch (err) {
    // Without --from a guide with no mapping is an empty answer; with --from it is "nothing matched" (exit 1).
    if (isNotFound(err) && opts.from === undefined) return result;
    throw err;
  }
  result.raw = mapping.raw;
  result.source = mapping.source;
  result.mapping = mapping.entries.map(({ company, family, levels, raw }) => ({ company, family, levels, raw }));
  result.warnings.push(...mapping.warnings);
  if (opts.from !== undefined) {
    const level = resolveLevel(guide, opts.from);
    result.from = level.from;
    result.to = { company: mapping.entries[0].company, level: level.company };
    result.approximate = level.approximate;
  }
  return result;
}

export async function runLevels(ctx: Context, company: string, role: string, opts: LevelsOptions): Promise<number> {
  if (opts.from !== undefined) parseLevelQuery(opts.from);
  const guide = await ctx.model(resolveGuide(await ctx.index(), company, role));
  const result = buildLevels(guide, opts);
  for (const w of result.warnings) ctx.warn(w);
  if (ctx.json) ctx.out(JSON.stringify(result, null, 2));
  else if (result.mapping.length === 0) ctx.note(`the guide ${escapeName(guide.path)} gives no level mapping`);
  else ctx.out(renderLevels(result, ctx.style));
  return 0;
}
