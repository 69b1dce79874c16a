// Generates a corpus of synthetic guides for the benchmark: clearly synthetic company names
// ("Synthetic Co 00042"), realistic ~4 KB guides shaped like the seed, nested folders
// (bucket-NN/synthco-NNNNN/role.md, ten roles per company). Deterministic: same n, same bytes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROLES = [
  ['backend-engineer', 'Backend Engineer'],
  ['frontend-engineer', 'Frontend Engineer'],
  ['data-engineer', 'Data Engineer'],
  ['ml-ai-engineer', 'ML/AI Engineer'],
  ['site-reliability-engineer', 'Site Reliability Engineer'],
  ['security-engineer', 'Security Engineer'],
  ['product-manager', 'Product Manager'],
  ['data-scientist', 'Data Scientist'],
  ['engineering-manager', 'Engineering Manager'],
  ['mobile-engineer', 'Mobile Engineer'],
];
const REGIONS = [
  ['San Francisco', 'USD', '$', 1],
  ['New York', 'USD', '$', 0.97],
  ['Austin', 'USD', '$', 0.9],
  ['London', 'GBP', '£', 0.62],
  ['Berlin', 'EUR', '€', 0.6],
  ['Zürich', 'CHF', 'CHF ', 0.85],
];

/** A small deterministic PRNG (mulberry32), so a corpus is the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const k = (n) => `${Math.round(n / 1000)}K`;
const pad = (n, w) => String(n).padStart(w, '0');

export function companySlug(c) {
  return `synthco-${pad(c, 5)}`;
}

/** The text of guide number i (company i / 10, role i % 10). */
export function guideFor(i) {
  const c = Math.floor(i / ROLES.length);
  const [role, roleName] = ROLES[i % ROLES.length];
  const r = rng(i + 1);
  const company = companySlug(c);
  const companyName = `Synthetic Co ${pad(c, 5)}`;
  const base = 120000 + Math.round(r() * 100) * 1000;
  const regions = REGIONS.slice(0, 2 + Math.floor(r() * 3));
  const bonus = [0, 5, 10, 15, 20][Math.floor(r() * 5)];
  const bands = regions.map(([region, currency, symbol, f]) => {
    const bl = Math.round((base * f) / 1000) * 1000;
    const bh = bl + 40000 + Math.round(r() * 30) * 1000;
    const sl = Math.round((bl * 0.8) / 1000) * 1000;
    const sh = Math.round((bh * 1.5) / 1000) * 1000;
    const tl = Math.round(bl * (1 + bonus / 100) + sl / 4);
    const th = Math.round(bh * (1 + bonus / 100) + sh / 4);
    return { region, currency, symbol, bl, bh, sl, sh, tl, th };
  });
  const month = 1 + Math.floor(r() * 9);
  const fm = [
    '---',
    `company: ${company}`,
    `company_display: ${companyName}`,
    `role: ${role}`,
    `role_display: ${roleName}`,
    'role_type: standard',
    `last_updated: 2026-${pad(month, 2)}-15`,
    'data_quality: synthetic',
    'salary_data_quarter: 2025-Q4',
    `next_review_due: 2026-${pad(month + 3, 2)}-15`,
    'compensation:',
    ...bands.flatMap((b) => [
      `  - region: ${b.region}`,
      `    base_low: ${b.bl}`,
      `    base_high: ${b.bh}`,
      `    stock_low: ${b.sl}`,
      `    stock_high: ${b.sh}`,
      `    bonus_pct: ${bonus}`,
      `    total_comp_low: ${b.tl}`,
      `    total_comp_high: ${b.th}`,
      `    currency: ${b.currency}`,
    ]),
    'level_mapping:',
    '  internal: null',
    `  raw: ${companyName} ${roleName} (L3-L5) = Google L4-L6 = Meta E4-E6`,
    'data_sources:',
    '  - Synthetic benchmark data (not real)',
    `negotiation_dna_summary: "RSU-Heavy + Bonus | synthetic guide ${i} for benchmarks"`,
    '---',
  ];
  const sf = bands[0];
  const body = [
    `### ${roleName} | ${companyName} Global Negotiation Guide`,
    '',
    `**Negotiation DNA:** RSU-Heavy + Bonus | synthetic benchmark company number ${c} | not a real employer`,
    '',
    '| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |',
    '|--------|-------------|-----------------|-------|------------|',
    ...bands.map(
      (b) =>
        `| ${b.region} | ${b.symbol}${k(b.bl)}–${b.symbol}${k(b.bh)} | ${b.symbol}${k(b.sl)}–${b.symbol}${k(b.sh)} | ${bonus}% | ${b.symbol}${k(b.tl)}–${b.symbol}${k(b.th)} |`,
    ),
    '',
    '**Negotiation DNA**',
    '',
    `${companyName} ${roleName}s work on a synthetic platform invented for benchmarks. The text below has the length and shape of a real guide so that reading and parsing cost what they would: several paragraphs, a table, numbered levers, a strategy quote and sources. None of it describes a real company, and no figure here is real market data.`,
    '',
    `The company pays a mix of base salary, a four-year RSU grant and a target bonus of ${bonus}%. Refreshers are discretionary. Sign-on bonuses are common for senior hires and negotiable when a competing offer exists.`,
    '',
    '**Process and timing**',
    '',
    `The process runs four to six weeks: a recruiter screen, a technical screen, an onsite loop of four or five interviews and a team-matching step. Offers are approved by a compensation committee that meets weekly, so a counter-offer made early in the week is usually answered before the next meeting. Recruiters at ${companyName} have room on sign-on and equity, less on base; the band is published internally and the top quartile needs a written justification from the hiring manager.`,
    '',
    '**Global Levers**',
    '',
    `1. **Scope of the role:** "The ${roleName.toLowerCase()} scope here covers more than one team; I would like the level and the band to reflect that."`,
    `2. **Competing offer:** "I have a competing offer at a comparable company; I would prefer to join ${companyName} if we can close the gap on equity."`,
    '3. **Sign-on to bridge unvested equity:** "Leaving now forfeits unvested stock at my current employer; a sign-on bonus would bridge that."',
    '4. **Level calibration:** "My experience maps to the upper end of the internal range; could we review the level before the numbers?"',
    '',
    '### Scope of the role',
    '',
    'Name the systems you would own and the teams that depend on them. Scope is the lever that moves the level, and the level moves every band.',
    '',
    '### Competing offer',
    '',
    'State the total, not the parts, and only when it is real. Recruiters check.',
    '',
    `> **Negotiate Up Strategy:** "I'm targeting ${sf.symbol}${k(sf.bh)} base and ${sf.symbol}${k(sf.sh)} RSUs over 4 years, with a ${bonus}% target bonus. [Example competing offers: Other Synthetic Co ${sf.symbol}${k(sf.th)} TC]. Accept at ${sf.symbol}${k(sf.bl)}+ base and ${sf.symbol}${k(sf.sl)}+ RSUs."`,
    '',
    '**Level Mapping**',
    '',
    `${companyName} ${roleName} (L3-L5) = Google L4-L6 = Meta E4-E6`,
    '',
    '**Evidence & Sources**',
    '',
    '- Synthetic benchmark data, generated by bench/generate.mjs',
    '- No real company, no real compensation data',
    '',
  ];
  return `${fm.join('\n')}\n${body.join('\n')}`;
}

/** The relative path of guide i: bucket-NN/synthco-NNNNN/<role>.md (nested, ten files per folder). */
export function pathFor(i) {
  const c = Math.floor(i / ROLES.length);
  return join(`bucket-${pad(Math.floor(c / 100), 3)}`, companySlug(c), `${ROLES[i % ROLES.length][0]}.md`);
}

/** Writes a corpus of n guides into dir, unless a complete one is already there. Returns dir. */
export function generateCorpus(dir, n) {
  const stamp = join(dir, '.complete');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(n)) return dir;
  rmSync(dir, { recursive: true, force: true });
  const made = new Set();
  for (let i = 0; i < n; i++) {
    const path = join(dir, pathFor(i));
    const folder = path.slice(0, path.lastIndexOf('/'));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(path, guideFor(i));
  }
  writeFileSync(stamp, String(n));
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1000);
  const dir = process.argv[3] ?? new URL(`./corpus/${n}`, import.meta.url).pathname;
  generateCorpus(dir, n);
  console.log(dir);
}
