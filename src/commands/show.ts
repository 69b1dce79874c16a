// show and levers: the whole guide, repaired and formatted; or just its levers.
import type { Context } from '../context.js';
import { resolveGuide } from '../index/build.js';
import { renderGuide, renderLevers } from '../render/guide.js';
import { staleWarnings } from '../guides/review.js';
import { escapeName } from '../text/escape.js';
import { guidePlace, originLabel } from '../index/sources.js';

export async function runShow(ctx: Context, company: string, role: string): Promise<number> {
  const p = await ctx.parser();
  const guide = await ctx.guide(resolveGuide(await ctx.index(), company, role));
  const body = p.parseBody(guide.body, guide.bodyLine);
  for (const w of staleWarnings(guide.meta, ctx.today)) ctx.warn(w);
  const place = guidePlace(ctx.sources(), guide);
  if (ctx.json)
    ctx.out(JSON.stringify({ path: guide.path, ...place, meta: guide.meta, body, markdown: guide.body }, null, 2));
  else
    ctx.out(
      `${renderGuide(p, guide.meta, guide.body, ctx.style)}\n\n${ctx.style.dim(`file: ${escapeName(place.file)} in ${escapeName(place.folder)} (${originLabel(place.origin)})`)}`,
    );
  return 0;
}

export async function runLevers(ctx: Context, company: string, role: string): Promise<number> {
  const p = await ctx.parser();
  const guide = await ctx.guide(resolveGuide(await ctx.index(), company, role));
  const body = p.parseBody(guide.body, guide.bodyLine);
  const levers = body.levers.map(({ number, title, script }) => ({ number, title, script }));
  const sections = body.leverSections.map(({ heading, text }) => ({ heading, text }));
  if (ctx.json)
    ctx.out(JSON.stringify({ company: guide.meta.company, role: guide.meta.role, levers, sections }, null, 2));
  else if (levers.length === 0 && sections.length === 0) ctx.warn(`the guide ${escapeName(guide.path)} has no levers`);
  else ctx.out(renderLevers(levers, sections, ctx.style));
  return 0;
}
