// extract: an offer letter (text, Markdown, e-mail, HTML, PDF, Word) → the offer it states, each figure
// with the sentence and line it came from (read by src/letter-extraction.ts, as for evaluate/draft --letter).
import type { Context } from '../context.js';
import { NotFoundError, UsageError } from '../errors.js';
import { refuseExisting, writeFileAtomic } from '../files.js';
import type { GuideParser } from '../guides/lazy-parser.js';
import { extractLetter } from '../letter-extraction.js';
import { renderExtraction } from '../render/extract.js';
import type { LetterResult } from '../results/letter.js';

export interface ExtractOptions {
  save?: string;
  force?: boolean;
}

/** The --json document (SPEC §4 extract). */
export function extractionJson(r: LetterResult): Record<string, unknown> {
  return {
    letter: r.source,
    offer: r.offer,
    figures: r.figures,
    missing: r.missing,
    ambiguous: r.ambiguous.map((a) => ({ field: a.field, candidates: a.candidates, why: a.why, flags: a.flags })),
    notes: r.notes,
  };
}

/** A YAML comment line, safe: one line, no control characters, bounded. */
function comment(text: string): string {
  const one = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return one.length > 160 ? `${one.slice(0, 157)}…` : one;
}

/** The offer as an offer file, each value under a comment naming the line and sentence it came from. */
export function offerFileText(p: GuideParser, r: LetterResult, today: string): string {
  const yaml = p.yamlLib();
  const lines = [
    `# Offer read from ${comment(r.source.name)} by negotiate extract on ${today}.`,
    '# Check every value against the letter; evaluate, compare and draft read this file (--offer FILE).',
  ];
  for (const [key, value] of Object.entries(r.offer)) {
    const fig =
      r.figures.find((f) => f.field === key) ??
      (key === 'bonus_pct' ? r.figures.find((f) => f.field === 'bonus_pct') : undefined);
    if (fig)
      lines.push(`# line ${fig.line}: ${comment(fig.text)}`, ...(fig.note ? [`#   (${comment(fig.note)})`] : []));
    else if (key === 'label') lines.push("# the letter's company and title");
    lines.push(yaml.stringify({ [key]: value }, { lineWidth: 0, flowCollectionPadding: false }).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

export async function runExtract(ctx: Context, path: string, opts: ExtractOptions): Promise<number> {
  if (opts.force && !opts.save) throw new UsageError('--force only goes with --save FILE');
  if (opts.save && !opts.force) refuseExisting(opts.save, '--save');
  const result = await extractLetter(ctx, path);
  for (const n of result.notes) ctx.note(n);
  ctx.out(ctx.json ? JSON.stringify(extractionJson(result), null, 2) : renderExtraction(result, ctx.style));
  if (opts.save && Object.keys(result.offer).length) {
    writeFileAtomic(opts.save, offerFileText(await ctx.parser(), result, ctx.today), { force: !!opts.force });
    ctx.note(`saved the offer to ${opts.save}`);
  }
  if (!result.settled) {
    const base = result.ambiguous.find((a) => a.field === 'base');
    throw new NotFoundError(
      base
        ? `${result.source.name}: ${base.why}, none settled`
        : `${result.source.name}: no base salary found in the letter`,
      base
        ? ['they are listed above; pass the right one with --base when you evaluate']
        : ['give it with --base when you evaluate, e.g. negotiate evaluate --letter FILE --base 150k'],
    );
  }
  return 0;
}
