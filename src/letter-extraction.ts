// A letter read and matched against the index: the offer it states, each figure with its sentence and line.
// extract prints it; evaluate --letter and draft --letter start from it (src/letter-offer.ts).
import type { Context } from './context.js';
import { listCompanies, listRoles, type GuideIndex, type IndexedGuide } from './index/build.js';
import type { LoadedGuide } from './index/load.js';
import { assembleExtraction, readLetterIdentity, type Matched } from './letters/extract.js';
import { dropLegalSuffix, type Identity } from './letters/identity.js';
import { letterText } from './letters/load.js';
import { readLetter } from './letters/read.js';
import type { LetterResult } from './results/letter.js';
import { findName, type Candidate } from './text/names.js';

/** The candidate a name from the letter means, or undefined (the letter's words are hints, not queries). */
const tryName = <T>(query: string, candidates: Candidate<T>[], what: string) => {
  const found = findName(query, candidates, what);
  return found.ok ? found.value : undefined;
};

const HOW: Record<string, string> = { exact: 'by name', prefix: 'as a prefix', misspelling: 'as a close misspelling' };
const SENIORITY =
  /\b(?:senior|sr\.?|staff|principal|lead|junior|jr\.?|associate|distinguished|chief|head of|I{1,3}|IV|V)\b/gi;

/** The letter's company, title and location matched against the index, as a company argument is matched. */
export async function matchIdentity(
  index: GuideIndex,
  identity: Identity,
  model: (g: LoadedGuide) => Promise<IndexedGuide>,
): Promise<Matched> {
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
  const rows = index.guides.filter((g) => g.summary.company === company.value.slug);
  let row: LoadedGuide | undefined;
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
      row = rows.find((g) => g.summary.role === role.value.slug);
    }
  }
  const guides = await Promise.all((row ? [row] : rows).map(model));
  const guide = row ? guides[0] : undefined;
  const bands = guides.flatMap((g) => g.meta?.bands ?? []);
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
  const matched = read.identity.company
    ? await matchIdentity(await ctx.index(), read.identity, (g) => ctx.model(g))
    : { currencies: [] };
  const extraction = assembleExtraction(read, text, matched);
  return { ...extraction, notes: [...notes, ...extraction.notes], source: { name: letter.name, type: letter.type } };
}
