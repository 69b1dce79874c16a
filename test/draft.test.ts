import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { narrowBand } from '../src/comp/level-band.js';
import { formatCompact, formatMoney } from '../src/comp/money.js';
import {
  bodyWordCount,
  composeDraft,
  FORMATS,
  SHORT_WORD_LIMIT,
  STAGE_FORMATS,
  STAGES,
  type DraftFormat,
  type DraftInput,
  type Stage,
} from '../src/draft/compose.js';
import { templateName } from '../src/drafting.js';
import { parseBody } from '../src/guides/body.js';
import { parseGuide } from '../src/guides/parse.js';
import { guideText, ROOT, runCli, SEED, spawnCli, tempTree } from './helpers.js';

const DRAFT = ['draft', 'cloudflare-workers', 'ml-ai-engineer'];
const LONDON_OFFER = ['--region', 'London', '--base', '150k', '--stock', '200k', '--bonus', '10'];
const template = (stage: Stage, format: DraftFormat) => {
  const file = join(ROOT, 'data', 'templates', templateName(stage, format));
  return { source: readFileSync(file, 'utf8'), file };
};

/** Every way an amount could be written: £147,000, £147K, 147,000, 147000, 147K, 147k. */
function spellings(amount: number, currency: string): string[] {
  const full = formatMoney(amount, currency);
  const compact = formatCompact(amount, currency);
  const bare = full.replace(/^[^\d]+/, '');
  return [
    full,
    compact,
    bare,
    bare.replace(/,/g, ''),
    compact.replace(/^[^\d]+/, ''),
    compact.replace(/^[^\d]+/, '').toLowerCase(),
  ];
}

/** The money figures a message states, as numbers ("£165,000" → 165000). */
function figures(message: string): number[] {
  return [...message.matchAll(/(?:[£$€¥₹]|CHF |EUR |[A-Z]{3} )(\d{1,3}(?:,\d{3})+|\d+)/g)].map((m) =>
    Number(m[1].replace(/,/g, '')),
  );
}

/** Test guides in three more currencies, each with a Negotiate Up quote (targets and a floor). */
const OTHER_GUIDES = {
  'acme.md': guideText(),
  'berlin.md': guideText({
    company: 'berlin-co',
    bands:
      '  - region: Berlin\n    currency: EUR\n    base_low: 70000\n    base_high: 100000\n    stock_low: 20000\n    stock_high: 80000\n    bonus_pct: 10',
    body: '### Data Engineer | Berlin Co\n\n**Global Levers**\n\n1. **Streaming:** "I built the streaming platform. It runs at 1M events a second."\n\n> **Negotiate Up Strategy:** "I\'m targeting €95K base and €60K RSUs over 4 years with 12% performance bonus." Accept at €85K+ base and €45K+ RSUs.\n',
  }),
  'tokyo.md': guideText({
    company: 'tokyo-co',
    bands:
      '  - region: Tokyo\n    currency: JPY\n    base_low: 9000000\n    base_high: 14000000\n    stock_low: 4000000\n    stock_high: 12000000\n    bonus_pct: 15',
    body: '### Data Engineer | Tokyo Co\n\n> **Negotiate Up Strategy:** "I\'m targeting ¥13,000,000 base and ¥10,000,000 RSUs over 4 years." Accept at ¥11,000,000+ base and ¥7,000,000+ RSUs.\n',
  }),
};
const GUIDES_DIR = tempTree({
  ...OTHER_GUIDES,
  'berlin.md': OTHER_GUIDES['berlin.md'].replace('company_display: Acme Corp', 'company_display: Berlin Co'),
  'tokyo.md': OTHER_GUIDES['tokyo.md'].replace('company_display: Acme Corp', 'company_display: Tokyo Co'),
});

describe('the short counter: one number, one standard, at most 150 words', () => {
  test('text: thanks, the standard, the one number, ready to sign, an invitation; notes on stderr', async () => {
    const r = await runCli([...DRAFT, ...LONDON_OFFER]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Hi [name],

      Thank you for the offer for the ML/AI Engineer role at Cloudflare Workers. I'm excited about the work and the team, and I'd like to talk about the compensation before I sign.

      Market data for ML/AI Engineer roles at Cloudflare Workers in London (Levels.fyi; as of 2026-02-23) puts base salary at £132,000–£170,000. I'm asking for a base salary of £165,000.

      If we can get there, I'm ready to sign. Could we find a time to talk it through this week?

      Best regards,
      [Your name]
      "
    `);
    expect(r.stderr).toMatchInlineSnapshot(`
      "warning: the guide's data is past its review date (2026-05-23): check the market figures are still current before you send this
      note: the guide states its targets ($248,000 base, $368,000 stock, 15% bonus) for San Francisco; for London they are scaled by the ratio of band midpoints (base ×0.667, stock ×0.661) and rounded to thousands: estimated
      note: evaluate shows the guide's target as £250,949 a year (each component as scaled); the ask rounds each component to thousands, so its annual TC is £250,500: the same target, rounded
      note: walk-away floor (private, never in a message to send): £146,667 base, £201,619 stock over 4 years and 10% bonus, annual TC £211,738 (estimated); below it, the guide says to walk away
      note: the guide's example competing offers (Google ML $420,000, AWS ML $405,000, Meta ML $425,000) are not yours and are left out; name your real ones with --competing "NAME=AMOUNT"
      note: no levers used: the guide's scripts speak for you in the first person, so one enters the message only when you choose it (--levers, e.g. --levers 1,2; see: negotiate levers) or confirm it on a terminal
      "
    `);
  });

  test('email starts with a Subject: line', async () => {
    const r = await runCli([...DRAFT, ...LONDON_OFFER, '--format', 'email', '-q']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Subject: ML/AI Engineer offer at Cloudflare Workers: compensation

      Hi [name],

      Thank you for the offer for the ML/AI Engineer role at Cloudflare Workers. I'm excited about the work and the team, and I'd like to talk about the compensation before I sign.

      Market data for ML/AI Engineer roles at Cloudflare Workers in London (Levels.fyi; as of 2026-02-23) puts base salary at £132,000–£170,000. I'm asking for a base salary of £165,000.

      If we can get there, I'm ready to sign. Could we find a time to talk it through this week?

      Best regards,
      [Your name]
      "
    `);
  });

  test('markdown', async () => {
    const r = await runCli([...DRAFT, ...LONDON_OFFER, '--format', 'markdown', '-q']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "# ML/AI Engineer offer at Cloudflare Workers: compensation

      Hi [name],

      Thank you for the offer for the ML/AI Engineer role at Cloudflare Workers. I'm excited about the work and the team, and I'd like to talk about the compensation before I sign.

      Market data for ML/AI Engineer roles at Cloudflare Workers in London (Levels.fyi; as of 2026-02-23) puts base salary at £132,000–£170,000. I'm asking for a base salary of £165,000.

      If we can get there, I'm ready to sign. Could we find a time to talk it through this week?

      Best regards,
      [Your name]
      "
    `);
  });

  // Every test guide, region, level and format, with and without an offer and a competing offer.
  const cases: [string, string[]][] = [
    ['seed SF', [...DRAFT, '--region', 'San Francisco']],
    ['seed Austin L4', [...DRAFT, '--region', 'Austin', '--level', 'L4', '--base', '200k']],
    ['seed London', [...DRAFT, ...LONDON_OFFER]],
    ['seed London total', [...DRAFT, ...LONDON_OFFER, '--ask', 'total']],
    ['seed London competing', [...DRAFT, ...LONDON_OFFER, '--competing', 'Google=$420k', '--levers', '1,2,3,4']],
    ['acme CHF', ['draft', 'acme', 'data', '--data', GUIDES_DIR, '--base', '160k', '--levers', '1']],
    [
      'berlin EUR',
      ['draft', 'berlin', 'data', '--data', GUIDES_DIR, '--base', '80k', '--stock', '40k', '--bonus', '10'],
    ],
    ['tokyo JPY', ['draft', 'tokyo', 'data', '--data', GUIDES_DIR, '--base', '10m', '--competing', 'Rival=¥20m']],
  ];
  test.each(cases.flatMap(([name, argv]) => FORMATS.map((f) => [name, f, argv] as const)))(
    '%s, %s: ≤ 150 words, one number behind one standard',
    async (_name, format, argv) => {
      const r = await runCli([...argv, '--format', format, '--json']);
      expect(r.code).toBe(0);
      const d = JSON.parse(r.stdout);
      expect(bodyWordCount(d.message)).toBeLessThanOrEqual(SHORT_WORD_LIMIT);
      // Every figure in the message is the one number or the standard's own figures (its range, or the competing offer).
      const s = d.standard;
      const standardFigures = s.kind === 'market' ? [s.range.low, s.range.high] : [];
      const all = figures(d.message);
      if (s.kind === 'competing') {
        // The competing offer as the user wrote it, then the ask.
        expect(all).toHaveLength(2);
        expect(all[1]).toBe(s.amount);
      } else {
        expect(all.filter((n: number) => !standardFigures.includes(n))).toEqual([s.amount]);
      }
      // The message never asks for less than a competing offer it cites, nor cites a range whose top is below its ask.
      if (s.kind === 'market') expect(Math.round(s.range.high / 1000) * 1000 + 1000).toBeGreaterThan(s.amount);
      if (s.kind === 'competing') expect(d.message).toContain(s.competing);
    },
  );

  test('every guide of the authoring corpus, every format: ≤ 150 words and one asked figure', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'authoring');
    const guides = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(guides.length).toBeGreaterThan(10);
    for (const f of guides) {
      const text = readFileSync(join(dir, f), 'utf8');
      const [company, role] = ['company', 'role'].map((k) => new RegExp(`^${k}: *"?([a-z0-9-]+)`, 'm').exec(text)![1]);
      for (const format of FORMATS) {
        const r = await runCli(['--no-bundled', '--data', dir, 'draft', company, role, '--format', format, '--json']);
        expect(r.code, `${f} ${format}: ${r.stderr}`).toBe(0);
        const d = JSON.parse(r.stdout);
        expect(bodyWordCount(d.message), f).toBeLessThanOrEqual(SHORT_WORD_LIMIT);
        const range = d.standard.kind === 'market' ? [d.standard.range.low, d.standard.range.high] : [];
        expect(
          figures(d.message).filter((n) => !range.some((x: number) => Math.abs(x - n) <= 1000)),
          f,
        ).toEqual([d.standard.amount]);
      }
    }
  });

  test('the readiness line only when the ask is at or above the walk-away floor', async () => {
    const ok = await runCli([...DRAFT, ...LONDON_OFFER, '-q']);
    expect(ok.stdout).toContain("If we can get there, I'm ready to sign.");
    // 140,000 × 1.05 + 150,000 / 4 = 184,500 < the floor's 211,738
    const low = JSON.parse(
      (
        await runCli([
          ...DRAFT,
          '--region',
          'London',
          '--ask-base',
          '140k',
          '--ask-stock',
          '150k',
          '--ask-bonus',
          '5',
          '--json',
        ])
      ).stdout,
    );
    expect(low.message).not.toContain('ready to sign');
    expect(low.notes.join('\n')).toMatch(
      /the ask's annual TC \(£184,500\) is below the walk-away floor's: the message leaves out "I'm ready to sign"/,
    );
    expect(low.message).not.toMatch(/211,738|146,667|201,619/);
  });

  test('an offer that meets the target everywhere: a note says so, and the message thanks, accepts and asks for it in writing', async () => {
    const d = JSON.parse(
      (
        await runCli([
          ...DRAFT,
          '--region',
          'San Francisco',
          '--base',
          '250k',
          '--stock',
          '$400k',
          '--bonus',
          '15',
          '--json',
        ])
      ).stdout,
    );
    expect(d.message).toContain("I'm happy to accept it as offered");
    expect(d.message).toContain('Could you send the final offer in writing so I can sign?');
    expect(figures(d.message)).toEqual([]);
    expect(d.notes).toContain(
      'the offer meets the target on every component and no competing offer is above it: the message thanks, accepts and asks for the offer in writing',
    );
  });

  test("--ask total: the annual TC against the band's annual TC; above every range, no range and a note", async () => {
    const d = JSON.parse(
      (await runCli([...DRAFT, ...LONDON_OFFER, '--ask', 'total', '--ask-base', '160k', '--json'])).stdout,
    );
    // 160,000 × 1.15 + 243,000 / 4 = 244,750, inside the London band's annual TC £180,700–£249,500
    expect(d.standard).toEqual({
      headline: 'annualTC',
      amount: 244750,
      kind: 'market',
      scope: 'band',
      range: { low: 180700, high: 249500 },
    });
    expect(d.message).toContain(
      "puts annual total compensation at £180,700–£249,500 (base, bonus and stock per year). I'm asking for £244,750 in annual total compensation.",
    );
    const above = JSON.parse((await runCli([...DRAFT, ...LONDON_OFFER, '--ask', 'total', '--json'])).stdout);
    expect(above.standard).toEqual({ headline: 'annualTC', amount: 250500, kind: 'none' });
    expect(above.notes).toContain(
      'the ask (£250,500) is above the market data the guide holds (its top: £249,500): the message states it without a range',
    );
    expect(above.message).not.toMatch(/Market data/);
  });
});

describe('competing offers: the one rule', () => {
  // The London offer is £215,000 a year; the target's annual TC £250,500.
  test.each([
    [
      'above the ask: the ask is lifted to it, in annual TC',
      'Google=$420k',
      { cites: 'Google', asks: '£316,000 in annual total compensation', note: /the ask is lifted to £316,000 a year/ },
    ],
    [
      'between the current offer and the ask: cited; the ask stays',
      'Acme=£230k',
      {
        cites: 'Acme',
        asks: '£250,500 in annual total compensation',
        note: /cites competing offer Acme .* at or above it/,
      },
    ],
    [
      'equal to the current offer: left out, with a note',
      'Same=£215k',
      {
        cites: null,
        asks: 'a base salary of £165,000',
        note: /competing offer Same \(£215,000\) is at or below the current offer's annual TC \(£215,000\): left out/,
      },
    ],
    [
      'below the current offer: left out, with a note',
      'Monzo=£190k',
      { cites: null, asks: 'a base salary of £165,000', note: /competing offer Monzo \(£190,000\) is at or below/ },
    ],
  ])('%s', async (_name, competing, out) => {
    const d = JSON.parse((await runCli([...DRAFT, ...LONDON_OFFER, '--competing', competing, '--json'])).stdout);
    expect(d.message).toContain(`I'm asking for ${out.asks}`);
    if (out.cites) expect(d.message).toContain(`I also have an offer from ${out.cites} of`);
    else expect(d.message).not.toMatch(/offer from/);
    expect(d.notes.join('\n')).toMatch(out.note);
    if (out.cites) expect(d.ask.annualTC).toBeGreaterThanOrEqual(d.standard.amount);
  });

  test("the lifted ask keeps every component in the JSON, split in the target's proportions; --style full asks for them", async () => {
    const d = JSON.parse((await runCli([...DRAFT, ...LONDON_OFFER, '--competing', 'Google=$420k', '--json'])).stdout);
    expect(d.ask).toEqual({
      base: 209000,
      stock: 307000,
      bonusPct: 15,
      currency: 'GBP',
      estimated: true,
      annualTC: 316000,
    });
    const full = await runCli([...DRAFT, ...LONDON_OFFER, '--competing', 'Google=$420k', '--style', 'full', '-q']);
    expect(full.stdout).toContain(
      "I'm asking for £209,000 base, a £307,000 stock grant over 4 years and a 15% target bonus, £316,000 a year in total.",
    );
    expect(full.stdout).toContain('I also have an offer from Google of $420,000 in annual total compensation.');
  });

  test('an explicit --ask-* below a competing offer leaves that offer out, with a note', async () => {
    const d = JSON.parse(
      (await runCli([...DRAFT, ...LONDON_OFFER, '--competing', 'Google=$420k', '--ask-base', '170k', '--json'])).stdout,
    );
    expect(d.message).not.toMatch(/Google|420,000/);
    expect(d.notes.join('\n')).toMatch(
      /your --ask-\* amounts put the ask's annual TC \(£256,250\) below competing offer Google/,
    );
  });

  test("the guide's bracketed examples never appear as offers; the notes say they were left out", async () => {
    for (const format of FORMATS) {
      const r = await runCli([...DRAFT, '--region', 'San Francisco', '--format', format]);
      expect(r.stdout).not.toMatch(/Google ML|AWS ML|Meta ML|420,000|405,000|425,000|\$420K|weighing/);
      expect(r.stderr).toContain(
        "the guide's example competing offers (Google ML $420,000, AWS ML $405,000, Meta ML $425,000) are not yours and are left out",
      );
    }
  });
});

describe("levers are the user's to confirm", () => {
  test('none by default; chosen ones are one sentence naming their titles, and their first-person claims are listed to check', async () => {
    const none = JSON.parse((await runCli([...DRAFT, ...LONDON_OFFER, '--json'])).stdout);
    expect(none.levers).toEqual([]);
    expect(none.message).not.toMatch(/Edge AI|I optimize/);
    const d = JSON.parse((await runCli([...DRAFT, ...LONDON_OFFER, '--levers', '1,2', '--json'])).stdout);
    expect(d.levers).toEqual([
      { number: 1, title: 'Edge AI Inference Optimization', how: 'flag' },
      { number: 2, title: 'Workers AI Model Serving', how: 'flag' },
    ]);
    expect(d.message).toContain(
      "I'd bring directly relevant experience in Edge AI Inference Optimization and Workers AI Model Serving.",
    );
    expect(d.message).not.toContain('I optimize');
    expect(d.notes).toContain(
      'check these are true of you (lever 1, Edge AI Inference Optimization): "I optimize AI model inference for Cloudflare\'s global edge — quantizing and deploying models across 300+ data centers with heterogeneous GPU hardware."',
    );
  });

  test('levers confirmed on a terminal are "confirmed" in the JSON', () => {
    const seed = parseGuide(readFileSync(SEED, 'utf8'), SEED);
    const london = seed.meta!.bands.find((b) => b.region === 'London')!;
    const r = composeDraft({
      meta: seed.meta!,
      body: parseBody(seed.body, seed.bodyLine),
      market: { band: london, level: null },
      offer: { base: 150000 },
      competing: [],
      leverNumbers: [2],
      leverHow: 'confirmed',
      overrides: {},
      format: 'text',
      template: template('counter', 'text'),
      today: '2026-11-29',
    });
    expect(r.levers).toEqual([{ number: 2, title: 'Workers AI Model Serving', how: 'confirmed' }]);
  });

  test('--style full: every component, the market citation (with data quality and quarter), and the chosen scripts', async () => {
    const r = await runCli([...DRAFT, ...LONDON_OFFER, '--style', 'full', '--levers', '2', '-q']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Hi [name],

      Thank you for the offer for the ML/AI Engineer role at Cloudflare Workers. I'm excited about the work and the team, and I'd like to talk about the compensation before I sign.

      As I understand it, the offer is £150,000 base, a £200,000 stock grant over 4 years and a 10% target bonus.

      The market data I have for ML/AI Engineer at Cloudflare Workers in London (Levels.fyi; salary data 2025-Q4, data quality high; as of 2026-02-23) puts the range at £132,000–£170,000 base and £142,000–£250,000 in stock over 4 years.

      What I bring to this role:
      1. Workers AI Model Serving: I build the inference serving infrastructure for Workers AI — handling millions of daily AI requests with variable hardware, strict latency requirements, and automatic scaling across the global edge network.

      I'm asking for £165,000 base, a £243,000 stock grant over 4 years and a 15% target bonus, £250,500 a year in total.

      If we can get there, I'm ready to sign. Could we find a time to talk it through this week?

      Best regards,
      [Your name]
      "
    `);
    const plain = await runCli([...DRAFT, ...LONDON_OFFER, '--style', 'full', '-q']);
    expect(plain.stdout).not.toMatch(/What I bring|I build/);
  });
});

describe('draft reads the offer as evaluate does', () => {
  test("JSON: message, ask (with annualTC), floor, levers, notes, and current = evaluate's evaluation", async () => {
    const args = [
      'cloudflare-workers',
      'ml-ai-engineer',
      ...LONDON_OFFER,
      '--vesting',
      'front',
      '--sign-on',
      '20k',
      '--json',
    ];
    const d = JSON.parse((await runCli(['draft', ...args])).stdout);
    const e = JSON.parse((await runCli(['evaluate', ...args])).stdout);
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['message', 'ask', 'floor', 'levers', 'notes', 'current']));
    expect(d.current).toEqual(e);
    expect(d.ask).toEqual({
      base: 165000,
      stock: 243000,
      bonusPct: 15,
      currency: 'GBP',
      estimated: true,
      annualTC: 250500,
    });
    expect(d.floor).toEqual({ base: 146667, stock: 201619, bonusPct: 10, currency: 'GBP', estimated: true });
    expect(JSON.parse((await runCli([...DRAFT, '--region', 'London', '--json'])).stdout).current).toBeNull();
  });

  test.each([
    ['--vesting', 'front', true],
    ['--cliff', '12', true],
    ['--refresher', '20k', true],
    ['--sign-on', '20k', true],
    ['--label', 'Mine', true],
    ['--bonus', '12', false],
    ['--stock', '150k', false],
  ])('%s %s changes current; the notes name it when the message does not use it', async (flag, value, unused) => {
    const base = JSON.parse((await runCli([...DRAFT, '--region', 'London', '--base', '150k', '--json'])).stdout);
    const d = JSON.parse(
      (await runCli([...DRAFT, '--region', 'London', '--base', '150k', flag, value, '--json'])).stdout,
    );
    expect(d.current).not.toEqual(base.current);
    const note = d.notes.find((n: string) => n.startsWith('not used in the counter message'));
    if (unused) expect(note).toContain(flag);
    else expect(note).toBeUndefined();
  });

  test('--offer reads files written by evaluate --save, every field included', async () => {
    const dir = tempTree({});
    const file = join(dir, 'o.yaml');
    const saved = await runCli([
      'evaluate',
      'cloudflare',
      'ml',
      '--region',
      'London',
      '--level',
      'L4',
      '--base',
      '150k',
      '--stock',
      '200k',
      '--vesting',
      'front',
      '--cliff',
      '12',
      '--bonus',
      '10',
      '--sign-on',
      '20k,10k',
      '--refresher',
      '15k',
      '--save',
      file,
      '--json',
    ]);
    expect(saved.code).toBe(0);
    const d = JSON.parse((await runCli(['draft', '--offer', file, '--stage', 'recap', '--json'])).stdout);
    expect(d.current).toEqual(JSON.parse(saved.stdout));
    expect(d.message).toContain('£200,000 over 4 years (vesting 40/30/20/10 % a year, a 12-month cliff)');
    expect(d.message).toContain('£20,000 in year 1, £10,000 in year 2');
    expect(d.notes.join('\n')).not.toMatch(/not used in the recap/);
  });

  test('amounts in another currency, year-1 grants and a fixed bonus are read and converted exactly as evaluate does', async () => {
    const dir = tempTree({
      'o.yaml':
        'company: cloudflare\nrole: ml\nregion: London\nbase: 150000\nbonus_amount: 15000\ngrants:\n  - amount: 120000\n  - amount: 80000\n    start_year: 2\n',
    });
    for (const argv of [
      ['--region', 'London', '--base', '150k', '--stock', 'USD 200k', '--bonus', '10'],
      ['--offer', join(dir, 'o.yaml')],
    ]) {
      const d = JSON.parse(
        (await runCli(['draft', 'cloudflare-workers', 'ml-ai-engineer', ...argv, '--style', 'full', '--json'])).stdout,
      );
      const e = JSON.parse(
        (await runCli(['evaluate', 'cloudflare-workers', 'ml-ai-engineer', ...argv, '--json'])).stdout,
      );
      expect(d.current).toEqual(e);
      expect(d.message).toContain(
        `As I understand it, the offer is £150,000 base, a ${formatMoney(e.stockPerYear * 4, 'GBP')} stock grant over 4 years`,
      );
    }
    const file = JSON.parse(
      (await runCli(['draft', '--offer', join(dir, 'o.yaml'), '--stage', 'recap', '--json'])).stdout,
    );
    expect(file.message).toContain(
      '- Stock grant: £120,000 over 4 years (vesting evenly)\n- Further stock grant: £80,000 from year 2\n- Bonus: £15,000 a year\n',
    );
  });

  test('an offer file gives company, role, region, the offer and competing offers; flags override it', async () => {
    const dir = tempTree({
      'offer.yaml':
        'company: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\nbase: 150k\nstock: 200000\nbonus_pct: 10\ncompeting:\n  Google: $420k\n  Monzo: £190k\n',
      'bad.yaml': 'company: cloudflare\nrole: ml\ncompeting:\n  Google: lots\n',
    });
    const d = JSON.parse(
      (await runCli(['draft', '--offer', join(dir, 'offer.yaml'), '--competing', 'google=$300k', '--json'])).stdout,
    );
    expect(d.market.region).toBe('London');
    expect(d.message).toContain('I also have an offer from google of $300,000 in annual total compensation.');
    const bad = await runCli(['draft', '--offer', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml: competing: Google: "lots" is not an amount/);
    expect((await runCli(['draft'])).stderr).toMatch(/missing input: <company> <role>/);
  });

  test("figures seen twice are one figure: evaluate's target and the ask agree, or the note says how one was rounded", async () => {
    for (const region of ['San Francisco', 'Austin', 'London']) {
      for (const level of [[], ['--level', 'L4']]) {
        const args = [
          'cloudflare-workers',
          'ml-ai-engineer',
          '--region',
          region,
          ...level,
          '--base',
          '100k',
          '--json',
          '-q',
        ];
        const d = JSON.parse((await runCli(['draft', ...args])).stdout);
        const e = JSON.parse((await runCli(['evaluate', ...args])).stdout);
        if (d.ask.annualTC === e.target.annualTC) continue;
        expect(d.notes).toContain(
          `evaluate shows the guide's target as ${formatMoney(e.target.annualTC, e.currency)} a year (each component as scaled); the ask rounds each component to thousands, so its annual TC is ${formatMoney(d.ask.annualTC, e.currency)}: the same target, rounded`,
        );
      }
    }
  });

  test('--help names the offer flags once as read by every stage', async () => {
    const r = await runCli(['draft', '--help']);
    expect(r.stdout.match(/Every stage accepts the offer flags/g)).toHaveLength(1);
  });
});

describe('stages', () => {
  const STAGE_ARGS: Record<Stage, string[]> = {
    expectations: ['--region', 'London', '--level', 'L4'],
    counter: LONDON_OFFER,
    extension: ['--region', 'London', '--deadline', '2026-12-11', '--reason', 'process'],
    recap: ['--region', 'London', '--base', '165k', '--stock', '243k', '--bonus', '15', '--sign-on', '20k'],
    'second-round': [
      '--region',
      'London',
      '--base',
      '158k',
      '--stock',
      '245k',
      '--bonus',
      '10',
      '--asked',
      '250k',
      '--levers',
      '2',
    ],
    call: [...LONDON_OFFER, '--levers', '1', '--competing', 'Acme=£230k'],
  };
  test.each(STAGES.flatMap((stage) => STAGE_FORMATS[stage].map((format) => [stage, format] as const)))(
    '%s × %s',
    async (stage, format) => {
      const r = await runCli([...DRAFT, '--stage', stage, ...STAGE_ARGS[stage], '--format', format, '-q']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatchSnapshot();
    },
  );

  test("expectations: the upper half of the level's slice; --defer names no number; offer flags are named unused", async () => {
    const d = JSON.parse(
      (await runCli([...DRAFT, '--stage', 'expectations', '--region', 'London', '--base', '150k', '--json'])).stdout,
    );
    expect(d.range).toEqual({ component: 'base', low: 151000, high: 170000 });
    expect(d.message).toContain('a base salary in the range of £151,000–£170,000');
    expect(d.notes).toContain(
      "not used in the expectations message (it comes before any offer): --base; they are read into the offer's evaluation (current in --json)",
    );
    const defer = JSON.parse((await runCli([...DRAFT, '--stage', 'expectations', '--defer', '--json'])).stdout);
    expect(figures(defer.message)).toEqual([]);
    expect(defer.message).toContain("Could you share the range you've budgeted for it?");
  });

  test("extension: the date in words; family or the user's own words", async () => {
    const family = await runCli([
      ...DRAFT,
      '--stage',
      'extension',
      '--deadline',
      '2026-12-04',
      '--reason',
      'family',
      '-q',
    ]);
    expect(family.stdout).toContain(
      'talk it through with them before I commit. Could I have until Friday 4 December 2026 to give you my answer?',
    );
    const own = await runCli([...DRAFT, '--stage', 'extension', '--reason', 'I start a new lease on the 15th', '-q']);
    expect(own.stdout).toContain('I start a new lease on the 15th. Could I have until [date]');
  });

  test('second-round: what moved is accepted, the gap traded for a sign-on and the other levers; a revised offer at the ask is accepted', async () => {
    const d = JSON.parse(
      (await runCli([...DRAFT, '--stage', 'second-round', ...STAGE_ARGS['second-round'], '--json'])).stdout,
    );
    // 158,000 × 1.1 + 245,000 / 4 = 235,050; 250,000 − 235,050 = 14,950 → £15,000
    expect(d.message).toContain('The stock grant of £245,000 works for me.');
    expect(d.message).toContain('could we add a one-time sign-on bonus of £15,000?');
    expect(d.ask.signOn).toBe(15000);
    const met = await runCli([
      ...DRAFT,
      '--stage',
      'second-round',
      '--region',
      'London',
      '--base',
      '170k',
      '--stock',
      '250k',
      '--bonus',
      '12',
      '--asked',
      '250k',
      '-q',
    ]);
    expect(met.stdout).toContain("The revised offer works for me: I'm happy to accept it.");
  });

  test('call: printed where a message would be, the floor marked private; --format email exits 2', async () => {
    const d = JSON.parse((await runCli([...DRAFT, '--stage', 'call', ...STAGE_ARGS.call, '--json'])).stdout);
    expect(d.message).toContain('PRIVATE, never say it: your walk-away floor is £211,738 a year');
    expect(d.message).toContain('"What are your other offers?"');
    const email = await runCli([...DRAFT, '--stage', 'call', '--format', 'email']);
    expect(email.code).toBe(2);
    expect(email.stderr).toMatch(
      /--format email: the call stage has no email form\n {2}the call sheet is for your eyes only/,
    );
  });
});

describe('the walk-away floor never reaches a message to send', () => {
  const seed = parseGuide(readFileSync(SEED, 'utf8'), SEED);
  const meta = seed.meta!;
  const body = parseBody(seed.body, seed.bodyLine);
  const noFloor = { ...body, strategy: body.strategy && { ...body.strategy, floorBase: null, floorStock: null } };

  test('property: no stage but call states a figure taken only from the floor; call always marks it private', () => {
    const amount = fc.option(
      fc.integer({ min: 50, max: 500 }).map((k) => k * 1000),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...STAGES),
        fc.constantFrom(...meta.bands),
        fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
        fc.constantFrom(...FORMATS),
        fc.constantFrom('short', 'full'),
        fc.record({
          base: fc.integer({ min: 50, max: 400 }).map((k) => k * 1000),
          stock: amount,
          bonusPct: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        }),
        fc.record({ base: amount, stock: amount }),
        fc.option(
          fc.integer({ min: 100, max: 600 }).map((k) => k * 1000),
          { nil: undefined },
        ),
        fc.option(
          fc.integer({ min: 100, max: 600 }).map((k) => k * 1000),
          { nil: undefined },
        ),
        (stage, region, levelIndex, fmt, style, offer, overrides, competing, asked) => {
          const format = STAGE_FORMATS[stage].includes(fmt) ? fmt : 'text';
          const levels = ['L3', 'L4', 'L5'];
          const band = levelIndex === undefined ? region : narrowBand(region, levelIndex, 3);
          const level =
            levelIndex === undefined
              ? null
              : { asked: levels[levelIndex], company: levels[levelIndex], range: ['L3', 'L5'] as [string, string] };
          const annualTC = Math.round(
            offer.base * (1 + (offer.bonusPct ?? 0) / 100) + (offer.stock ?? 0) / band.stockYears,
          );
          const input: DraftInput = {
            meta,
            body,
            market: { band, level, wholeBand: level ? region : null },
            offer: { ...offer, annualTC },
            competing: competing
              ? [{ name: 'Rival', amount: competing, currency: band.currency, converted: null }]
              : [],
            leverNumbers: [1, 2, 3, 4],
            overrides,
            format,
            template: template(stage, format),
            today: '2026-11-29',
            stage,
            style,
            asked: asked ?? null,
            deadline: '2026-12-11',
            reason: 'process',
          };
          const r = composeDraft(input);
          const floorTC = Math.round(
            r.floor!.base! * (1 + r.floor!.bonusPct! / 100) + r.floor!.stock! / band.stockYears,
          );
          if (stage === 'call') {
            expect(r.message).toContain('PRIVATE');
            expect(r.message).toContain(formatMoney(floorTC, band.currency));
            return;
          }
          // The same inputs without a floor: any figure the message shares with the floor is there without it too.
          const without = composeDraft({ ...input, body: noFloor }).message;
          for (const f of [r.floor!.base!, r.floor!.stock!, floorTC]) {
            for (const s of spellings(f, band.currency)) if (r.message.includes(s)) expect(without).toContain(s);
          }
          expect(figures(r.message)).toEqual(figures(without));
          expect(r.message).not.toMatch(/floor|walk|accept at|private/i);
        },
      ),
      { numRuns: 150, seed: 9 },
    );
  });

  test("a template cannot ask for it, except the call sheet's", async () => {
    const dir = tempTree({ 'mine.txt': 'Hi,\n{{ask}}\nMy floor is {{floor}}.\n' });
    const r = await runCli([...DRAFT, '--template', join(dir, 'mine.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error: template .*mine\.txt:3: unknown placeholder \{\{floor\}\}/);
    const call = await runCli([
      ...DRAFT,
      '--region',
      'London',
      '--stage',
      'call',
      '--template',
      join(dir, 'mine.txt'),
      '-q',
    ]);
    expect(call.code).toBe(0);
    expect(call.stdout).toContain('My floor is PRIVATE, never say it: your walk-away floor is £211,738 a year');
  });
});

describe('draft: determinism, defaults and errors', () => {
  test('same inputs, same bytes, in-process and from the built binary', async () => {
    const argv = [...DRAFT, ...LONDON_OFFER, '--format', 'markdown', '--competing', 'Google=$420k', '--json'];
    const a = await runCli(argv);
    const b = spawnCli(argv);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
  });

  test("without --region: the guide's first band, said in the notes", async () => {
    const d = JSON.parse((await runCli([...DRAFT, '--json'])).stdout);
    expect(d.market.region).toBe('San Francisco');
    expect(d.notes).toContain("no --region given: the draft uses San Francisco, the guide's first band");
  });

  test('a guide without a strategy: the ask comes from the band, the notes say so, no floor', async () => {
    const d = JSON.parse((await runCli(['draft', 'acme', 'data', '--data', GUIDES_DIR, '--json'])).stdout);
    expect(d.ask).toEqual({
      base: 180000,
      stock: 110000,
      bonusPct: 15,
      currency: 'CHF',
      estimated: false,
      annualTC: 234500,
    });
    expect(d.floor).toBeNull();
    expect(d.notes.slice(0, 3)).toEqual([
      'the guide has no negotiate-up strategy: no targets and no walk-away floor',
      "the guide states no target base: the ask uses the band's 75% point (CHF 180,000)",
      "the guide states no target stock grant: the ask uses the band's 75% point (CHF 110,000)",
    ]);
    expect(d.message).toContain("If we can get there, I'm ready to sign.");
  });

  test('--template replaces the bundled one; its BOM and CRLF are harmless', async () => {
    const dir = tempTree({
      'short.txt': '\uFEFF{{greeting}}\r\n{{#levers}}\r\n* {{title}}\r\n{{/levers}}\r\n{{ask}}\r\n',
    });
    const r = await runCli([
      ...DRAFT,
      ...LONDON_OFFER,
      '--levers',
      '1,2',
      '--style',
      'full',
      '--template',
      join(dir, 'short.txt'),
      '-q',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "Hi [name],\n* Edge AI Inference Optimization\n* Workers AI Model Serving\nI'm asking for £165,000 base, a £243,000 stock grant over 4 years and a 15% target bonus, £250,500 a year in total.\n",
    );
  });

  test.each([
    [['--format', 'pdf'], /--format: "pdf" is not one of text, email, markdown/],
    [
      ['--stage', 'haggle'],
      /--stage: "haggle" is not one of expectations, counter, extension, recap, second-round, call/,
    ],
    [['--style', 'long'], /--style: "long" is not one of short, full/],
    [['--ask', 'everything'], /--ask: "everything" is not one of component, total/],
    [['--stage', 'extension', '--deadline', '2026-02-30'], /--deadline: "2026-02-30" is not a date/],
    [['--stage', 'extension', '--deadline', '2026-11-01'], /--deadline: 2026-11-01 is before today \(2026-11-29\)/],
    [
      ['--stage', 'extension', '--reason', 'x'.repeat(201)],
      /--reason: your own words must be one line of at most 200 characters/,
    ],
    [['--stage', 'recap'], /the recap stage states the agreed terms: give them as offer flags \(at least --base\)/],
    [['--stage', 'second-round'], /the second-round stage answers the company's revised offer/],
    [['--asked', 'lots'], /--asked: "lots" is not an amount/],
    [
      ['--levers', '9'],
      /--levers: the guide has no lever 9\n {2}its levers: 1 Edge AI Inference Optimization; 2 Workers/,
    ],
    [['--levers', 'x'], /--levers: "x" is not a list of lever numbers/],
    [['--competing', 'Google'], /--competing: "Google" is not NAME=AMOUNT/],
    [
      ['--region', 'London', '--ask-base', '$200k'],
      /--ask-base: the amount is in USD but the cloudflare-workers London band is in GBP/,
    ],
    [['--ask-bonus', '150'], /--ask-bonus: "150" is out of range/],
    [['--template', '/nonexistent/t.txt'], /template \/nonexistent\/t\.txt cannot be read: it does not exist/],
    [
      ['--region', 'London', '--stock', '$150k'],
      /--stock "\$150k" is in USD, but the cloudflare-workers London band is in GBP\n {2}write the offer's amounts in GBP/,
    ],
    [['--offer', '/nonexistent/o.yaml'], /offer file \/nonexistent\/o\.yaml cannot be read/],
  ])('%j exits 2', async (extra, message) => {
    const r = await runCli([...DRAFT, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test('an email template without a Subject: line exits 2', async () => {
    const dir = tempTree({ 'e.txt': '{{greeting}}\n{{ask}}\n' });
    const r = await runCli([...DRAFT, '--format', 'email', '--template', join(dir, 'e.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/template .*e\.txt: an email must start with a "Subject: …" line/);
  });

  test('unknown company exits 1; an unknown level exits 1', async () => {
    expect((await runCli(['draft', 'nope', 'ml'])).code).toBe(1);
    expect((await runCli([...DRAFT, '--region', 'London', '--level', 'L9'])).code).toBe(1);
  });
});

describe('draft and hostile guide text', () => {
  test('escape sequences and control characters from a guide or a template never reach the message', async () => {
    const dir = tempTree({
      'evil.md': guideText({ company: 'evil-co' })
        .replace('company_display: Acme Corp', 'company_display: "Evil\\e]0;pwned\\u0007 Co\\e[31m\\r\\b"')
        .replace('region: Zürich', 'region: "Zu\\e[2Jrich\\u009b1m"')
        .replace('I run pipelines at scale.', 'I run \u001b]8;;http://x\u0007pipelines\u001b]8;;\u0007 at scale.'),
      't.txt': '{{greeting}}\u001b[2J\n{{standard}}\n{{#levers}}{{script}}\n{{/levers}}{{ask}}\n',
    });
    for (const extra of [
      [],
      ['--template', join(dir, 't.txt')],
      ['--format', 'markdown'],
      ['--json'],
      ['--stage', 'call'],
    ]) {
      const r = await runCli([
        'draft',
        'evil',
        'data',
        '--data',
        dir,
        '-q',
        '--levers',
        '1',
        '--style',
        'full',
        ...extra,
      ]);
      expect(r.code).toBe(0);
      const message = extra[0] === '--json' ? JSON.parse(r.stdout).message : r.stdout;
      expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(message).toContain('pipelines');
    }
  });
});
