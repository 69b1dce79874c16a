// evaluate --letter and draft --letter: the letter's offer as the fields of an offer file, with flags
// winning. A letter without a base exits 1 unless --base is given; off a terminal, anything ambiguous that
// no flag settles exits 2 naming the flags; on a terminal each figure read is the default of its prompt.
import { readAmount } from './comp/money-text.js';
import type { Context } from './context.js';
import { isUsageError, NotFoundError, UsageError } from './errors.js';
import { OFFER_FIELDS } from './options.js';
import { renderExtraction } from './render/extract.js';
import { extractLetter } from './letter-extraction.js';
import type { LetterResult } from './results/letter.js';

/** The offer-file field → the flag's key in commander's options (base → base, bonus_pct → bonus …). */
const KEY_OF = Object.fromEntries(OFFER_FIELDS.filter((s) => s.key).map((s) => [s.field, s.key!]));
const FLAG_OF = Object.fromEntries(OFFER_FIELDS.filter((s) => s.flag).map((s) => [s.field, s.flag!.split(' ')[0]]));

/** What each offer field is called in a prompt. */
const QUESTIONS: [string, string][] = [
  ['base', 'Base salary per year'],
  ['stock', 'Stock grant, the whole grant'],
  ['vesting', 'Vesting, yearly percentages'],
  ['cliff', 'Cliff, in months'],
  ['bonus_pct', 'Target bonus, % of base'],
  ['sign_on', 'Sign-on bonus (one amount, or one per year like 30k,20k)'],
];

const given = (flags: Record<string, unknown>, field: string) =>
  KEY_OF[field] !== undefined && flags[KEY_OF[field]] !== undefined;

/** Checks a value as the field's own parser does; the reason when it is refused. */
function validate(field: string) {
  const spec = OFFER_FIELDS.find((s) => s.field === field)!;
  return (answer: string): true | string => {
    if (answer.trim() === '' && field !== 'base') return true;
    try {
      spec.parse(answer.trim(), FLAG_OF[field] ?? field, []);
      return true;
    } catch (err) {
      return isUsageError(err) ? [err.message, ...err.hints].join(' — ') : String(err);
    }
  };
}

function showDefault(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/**
 * Reads the letter and returns its offer as offer-file fields (what parseOfferInput reads from an --offer
 * file). `flags` are the command's options: a field a flag gives is the flag's.
 */
export async function letterOfferFields(
  ctx: Context,
  path: string,
  flags: Record<string, unknown>,
  interactive: boolean,
  show: 'stdout' | 'stderr' = 'stdout',
): Promise<{ path: string; fields: Record<string, unknown> }> {
  const result: LetterResult = await extractLetter(ctx, path);
  for (const n of result.notes) ctx.note(n);
  // Every number used, with the sentence it came from: before the answer on stdout, or on stderr (--json, a draft).
  const toStderr = ctx.json || show === 'stderr';
  const shown = renderExtraction(result, toStderr ? ctx.errStyle : ctx.style);
  if (toStderr) ctx.note(shown);
  else ctx.out(`${shown}\n`);

  const fields: Record<string, unknown> = { ...result.offer };
  // No base at all: exit 1 as extract does (an ambiguous one is settled below: by a flag, a prompt, or exit 2).
  if (!result.settled && !given(flags, 'base') && !result.ambiguous.some((a) => a.field === 'base')) {
    throw new NotFoundError(`${result.source.name}: the letter states no base salary`, [
      'pass it with --base, e.g. --base 150k',
    ]);
  }
  // A flag that names a currency ("--base 'USD 200k'") wins over the letter's.
  const flagCurrency = OFFER_FIELDS.some(
    (s) => s.key && typeof flags[s.key] === 'string' && readAmount(String(flags[s.key]))?.currency,
  );
  if (flagCurrency) delete fields.currency;

  const open = result.ambiguous.filter((a) => {
    if (a.field === 'currency') return !flagCurrency;
    return !given(flags, a.field);
  });
  if (open.length && !interactive) {
    throw new UsageError(`${result.source.name}: ${open.map((a) => `${a.field} is ambiguous (${a.why})`).join('; ')}`, [
      `settle it with ${open.flatMap((a) => a.flags).join(', ')}; the candidates are listed above`,
    ]);
  }
  if (interactive) {
    const p = await import('./prompts/index.js');
    for (const a of open) {
      if (a.field === 'currency') {
        fields.currency = await p.selectOne(
          `Currency of the letter's amounts (${a.candidates[0]?.text ? 'the letter does not say which' : ''})`,
          a.candidates.map((c) => ({ value: String(c.value), name: String(c.value) })),
        );
        continue;
      }
      const other = '__other__';
      const pick = await p.selectOne<string>(`The letter gives several values for ${a.field}`, [
        ...a.candidates.map((c) => ({
          value: showDefault(c.value),
          name: `${showDefault(c.value)} (line ${c.line})`,
          description: c.text,
        })),
        { value: other, name: 'another value' },
      ]);
      fields[a.field] = pick === other ? (await p.askText(`${a.field}`, { validate: validate(a.field) })).trim() : pick;
    }
    for (const [field, question] of QUESTIONS) {
      if (given(flags, field)) continue;
      const fig = result.figures.find((f) => f.field === field);
      const current = fields[field];
      if (current === undefined && field !== 'base') continue;
      const answer = await p.askText(fig ? `${question} (line ${fig.line} of the letter)` : question, {
        default: current === undefined ? undefined : showDefault(current),
        validate: validate(field),
      });
      if (answer.trim() === '') delete fields[field];
      else fields[field] = answer.trim();
    }
  }
  return { path: result.source.name, fields };
}
