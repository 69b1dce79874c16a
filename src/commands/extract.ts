// extract: an offer letter (text, Markdown, e-mail, HTML, PDF, Word) → the offer it states, each figure
// with the sentence and line it came from. evaluate --letter and draft --letter use extractLetter too.
import type { Context } from '../context.js';
import { isNotFound, NotFoundError, UsageError } from '../errors.js';
import { refuseExisting, writeFileAtomic } from '../files.js';
import { parser } from '../guides/lazy-parser.js';
import { listCompanies, listRoles, summaryOf, type GuideIndex, type IndexedGuide } from '../index/build.js';
import { resolveName, type Candidate } from '../text/names.js';
import { assembleExtraction, readLetterIdentity, type Extraction, type Matched } from '../letters/extract.js';
import { dropLegalSuffix, type Identity } from '../letters/identity.js';
import { letterText } from '../letters/load.js';
import { readLetter, type LetterType } from '../letters/read.js';
import { renderExtraction } from '../render/extract.js';

export interface ExtractOptions {
  save?: string;
  force?: boolean;
}

export interface LetterResult extends Extraction {
  /** The letter as named ("stdin" for -) and its type. */
  source: { name: string; type: LetterType };
}

const tryName = <T>(query: string, candidates: Candidate<T>[], what: string) => {
  try {
    return resolveName(query, candidates, what);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
};

const HOW: Record<string, string> = { exact: 'by name', prefix: 'as a prefix', misspelling: 'as a close misspelling' };
const SENIORITY =
  /\b(?:senior|sr\.?|staff|principal|lead|junior|jr\.?|associate|distinguished|chief|head of|I{1,3}|IV|V)\b/gi;

/** The letter's company, title and location matched against the index, as a company argument is matched. */
export function matchIdentity(index: GuideIndex, identity: Identity): Matched {
  const matched: Matched = { currencies: [] };
  const companyText = identity.company?.value;
  if (!companyText) return matched;
  const query = dropLegalSuffix(companyText);
  const companies = listCompanies(index);
  const company = tryName(
    query,
    companies.map((c) => ({ value: c, names: [c.slug, c.name], label: c.slug })),
    'company',
  );
  if (!company) return matched;
  matched.company = {
    slug: company.value.slug,
    name: company.value.name,
    how: `the letter's company "${companyText}" matched ${company.value.slug} (${HOW[company.kind]})`,
  };
  const guides = index.guides.filter((g) => summaryOf(g).company === company.value.slug);
  let guide: IndexedGuide | undefined;
  if (identity.title) {
    const roles = listRoles(index, company.value.slug).map((r) => ({
      value: r,
      names: [r.slug, r.name],
      label: r.slug,
    }));
    const title = identity.title.value;
    const plain = title.replace(SENIORITY, ' ').replace(/\s+/g, ' ').trim();
    const role =
      tryName(title, roles, 'role') ?? (plain && plain !== title ? tryName(plain, roles, 'role') : undefined);
    if (role) {
      matched.role = {
        slug: role.value.slug,
        name: role.value.name,
        how: `the letter's title "${title}" matched role ${role.value.slug} (${HOW[role.kind]})`,
      };
      guide = guides.find((g) => summaryOf(g).role === role.value.slug);
    }
  }
  const bands = (guide ? [guide] : guides).flatMap((g) => g.meta?.bands ?? []);
  matched.currencies = [...new Set(bands.map((b) => b.currency))];
  if (guide && identity.location) {
    const regions = guide.meta.bands.map((b) => ({ value: b.region, names: [b.region], label: b.region }));
    const place = identity.location.value;
    const tries = [place, ...place.split(/\s*[,/–—-]\s*|\s+\(/).filter((p) => p.length >= 3)];
    for (const t of tries) {
      const region = tryName(t, regions, 'region');
      if (region) {
        matched.region = {
          name: region.value,
          how: `the letter's location "${place}" matched the guide's region ${region.value} (${HOW[region.kind]})`,
        };
        break;
      }
    }
  }
  return matched;
}

/** Reads a letter and extracts its offer (no output): what extract prints, and what evaluate --letter starts from. */
export async function extractLetter(ctx: Context, path: string): Promise<LetterResult> {
  const letter = readLetter(path);
  const { text, notes } = await letterText(letter, (line) => ctx.warn(`${letter.name}: ${line}`));
  const read = readLetterIdentity(text);
  const matched = read.identity.company ? matchIdentity(await ctx.index(), read.identity) : { currencies: [] };
  const extraction = assembleExtraction(read, text, matched);
  return { ...extraction, notes: [...notes, ...extraction.notes], source: { name: letter.name, type: letter.type } };
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
export function offerFileText(r: LetterResult, today: string): string {
  const yaml = parser().yamlLib();
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
    await ctx.loadParser();
    writeFileAtomic(opts.save, offerFileText(result, ctx.today), { force: !!opts.force });
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
