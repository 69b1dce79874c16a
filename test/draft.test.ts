import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { narrowBand } from '../src/comp/levels.js';
import { formatCompact, formatMoney } from '../src/comp/money.js';
import { roundAmount } from '../src/draft/ask.js';
import { composeDraft, FORMATS, type DraftFormat } from '../src/draft/compose.js';
import { parseBody } from '../src/guides/body.js';
import { parseGuide } from '../src/guides/parse.js';
import { guideText, ROOT, runCli, SEED, spawnCli, tempTree } from './helpers.js';

const DRAFT = ['draft', 'cloudflare-workers', 'ml-ai-engineer'];
const TEMPLATE_FILES: Record<DraftFormat, string> = { text: 'text.txt', email: 'email.txt', markdown: 'markdown.md' };
const template = (format: DraftFormat) => {
  const file = join(ROOT, 'data', 'templates', TEMPLATE_FILES[format]);
  return { source: readFileSync(file, 'utf8'), file };
};

/** Every way a floor amount could be written: £147,000, £147K, 147,000, 147000, 147K, 147k. */
function spellings(amount: number, currency: string): string[] {
  const full = formatMoney(amount, currency);
  const compact = formatCompact(amount, currency);
  const bare = full.replace(/^[^\d]+/, '');
  return [full, compact, bare, bare.replace(/,/g, ''), compact.replace(/^[^\d]+/, ''), compact.replace(/^[^\d]+/, '').toLowerCase()];
}

describe('draft: the message per format', () => {
  test('text (stdout) with notes and the stale warning on stderr', async () => {
    const r = await runCli([...DRAFT, '--region', 'London', '--base', '150k', '--stock', '200k', '--bonus', '10', '--competing', 'Google=$420k']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Hi [name],

      Thank you for the offer for the ML/AI Engineer role at Cloudflare Workers. I'm excited about the work and the team, and I'd like to talk through the compensation before I sign.

      As I understand it, the offer is £150,000 base, a £200,000 stock grant over 4 years and a 10% target bonus.

      The market data I have for ML/AI Engineer at Cloudflare Workers in London (Levels.fyi; as of 2026-02-23) puts the range at £132,000–£170,000 base and £142,000–£250,000 in stock over 4 years, with a 10% target bonus.

      What I bring to this role:
      1. Edge AI Inference Optimization: I optimize AI model inference for Cloudflare's global edge — quantizing and deploying models across 300+ data centers with heterogeneous GPU hardware. Edge-optimized AI inference at this geographic scale is a frontier ML challenge.
      2. Workers AI Model Serving: I build the inference serving infrastructure for Workers AI — handling millions of daily AI requests with variable hardware, strict latency requirements, and automatic scaling across the global edge network.
      3. AI Gateway Platform: I develop Cloudflare's AI Gateway — enabling developers to manage, cache, and rate-limit AI API calls at the edge. Building an AI API management layer at planetary scale requires deep understanding of both ML systems and distributed computing.

      I'm also weighing another offer:
      - Google: $420,000 in annual total compensation

      Based on the market data and the other offers I have, I'm asking for £165,000 base, a £243,000 stock grant over 4 years and a 15% target bonus.

      If we can get there, I'm ready to sign. Thank you for working on this with me; I'm looking forward to joining.

      Best regards,
      [Your name]
      "
    `);
    expect(r.stderr).toMatchInlineSnapshot(`
      "warning: the guide's data is past its review date (2026-05-23): check the market figures are still current before you send this
      note: the guide states its targets ($248,000 base, $368,000 stock, 15% bonus) for San Francisco; for London they are scaled by the ratio of band midpoints (base ×0.667, stock ×0.661) and rounded to thousands: estimated
      note: walk-away floor (private, never in the message): £146,667 base, £201,619 stock over 4 years and 10% bonus, annual TC £211,738 (estimated); below it, the guide says to walk away
      note: competing offer Google: $420,000 ≈ £315,790 (USD→GBP at 0.75188, rate of 2025-10-31), above the ask's annual TC of £250,500
      note: levers used: the guide's first 3; left out: 4 (AWS Inferentia/Google TPU/Meta Competition). Choose with --levers, e.g. --levers 1,2,3,4
      note: background for lever 1 (guide section "Cloudflare Workers AI Edge Inference Lever"): Cloudflare's 2026 Workers AI strategy requires ML/AI Engineers to optimize AI model inference for edge deployment — quantizing models for efficient execution on edge GPUs, building inference serving systems that handle variable hardware across 300+ locations, and developing the AI Gateway that provides developers with unified access to multiple AI providers at the edge.
      "
    `);
  });

  test('email starts with a Subject: line', async () => {
    const r = await runCli([...DRAFT, '--region', 'Austin', '--level', 'Google L6', '--format', 'email', '--levers', '2,4', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatchInlineSnapshot(`
      "Subject: ML/AI Engineer offer at Cloudflare Workers: compensation

      Hi [name],

      Thank you for the conversations about the ML/AI Engineer role at Cloudflare Workers. Before we get to a written offer, I'd like to share what I'm looking for in compensation.

      The market data I have for ML/AI Engineer at Cloudflare Workers in Austin at level L5 (estimated from the L3–L5 range; Levels.fyi; as of 2026-02-23) puts the range at $226,000–$245,000 base and $310,000–$362,000 in stock over 4 years, with a 10% target bonus.

      What I bring to this role:
      1. Workers AI Model Serving: I build the inference serving infrastructure for Workers AI — handling millions of daily AI requests with variable hardware, strict latency requirements, and automatic scaling across the global edge network.
      2. AWS Inferentia/Google TPU/Meta Competition: AWS Inferentia, Google TPU, and Meta are competing for ML engineers who can optimize AI inference at infrastructure scale. Cloudflare must offer competitive comp to retain ML talent with edge AI optimization expertise.

      Based on the market data and what I bring, I'm asking for $258,000 base, a $417,000 stock grant over 4 years and a 15% target bonus.

      If we can get there, I'm ready to sign. Thank you for working on this with me; I'm looking forward to joining.

      Best regards,
      [Your name]
      "
    `);
  });

  test('markdown, San Francisco: the guide\'s own targets', async () => {
    const r = await runCli([...DRAFT, '--region', 'san', '--base', '$230k', '--stock', '300k', '--sign-on', '20k', '--format', 'markdown', '--competing', 'Google=$420k', '--competing', 'Meta=GBP 300k', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "# ML/AI Engineer offer at Cloudflare Workers: compensation

      Hi [name],

      Thank you for the offer for the ML/AI Engineer role at Cloudflare Workers. I'm excited about the work and the team, and I'd like to talk through the compensation before I sign.

      As I understand it, the offer is $230,000 base, a $300,000 stock grant over 4 years and a $20,000 sign-on bonus.

      The market data I have for ML/AI Engineer at Cloudflare Workers in San Francisco (Levels.fyi; as of 2026-02-23) puts the range at $198,000–$255,000 base and $215,000–$378,000 in stock over 4 years, with a 10% target bonus.

      **What I bring to this role:**

      1. **Edge AI Inference Optimization:** I optimize AI model inference for Cloudflare's global edge — quantizing and deploying models across 300+ data centers with heterogeneous GPU hardware. Edge-optimized AI inference at this geographic scale is a frontier ML challenge.
      2. **Workers AI Model Serving:** I build the inference serving infrastructure for Workers AI — handling millions of daily AI requests with variable hardware, strict latency requirements, and automatic scaling across the global edge network.
      3. **AI Gateway Platform:** I develop Cloudflare's AI Gateway — enabling developers to manage, cache, and rate-limit AI API calls at the edge. Building an AI API management layer at planetary scale requires deep understanding of both ML systems and distributed computing.

      **I'm also weighing other offers:**

      - **Google:** $420,000 in annual total compensation
      - **Meta:** £300,000 in annual total compensation

      Based on the market data and the other offers I have, I'm asking for $248,000 base, a $368,000 stock grant over 4 years and a 15% target bonus.

      | | Offer | Ask |
      |---|---|---|
      | Base | $230,000 | $248,000 |
      | Stock (4 yr grant) | $300,000 | $368,000 |
      | Target bonus | — | 15% |
      | Sign-on | $20,000 | $20,000 |

      If we can get there, I'm ready to sign. Thank you for working on this with me; I'm looking forward to joining.

      Best regards,
      [Your name]
      "
    `);
  });

  test('--json: message, ask, floor, levers, notes', async () => {
    const r = await runCli([...DRAFT, '--region', 'London', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.ask).toEqual({ base: 165000, stock: 243000, bonusPct: 15, currency: 'GBP', estimated: true });
    expect(d.floor).toEqual({ base: 146667, stock: 201619, bonusPct: 10, currency: 'GBP', estimated: true });
    expect(d.levers.map((l: { number: number }) => l.number)).toEqual([1, 2, 3]);
    expect(d.levers[0].script).toMatch(/^I optimize AI model inference for Cloudflare's global edge — quantizing/);
    expect(d.notes).toContain(
      'walk-away floor (private, never in the message): £146,667 base, £201,619 stock over 4 years and 10% bonus, annual TC £211,738 (estimated); below it, the guide says to walk away',
    );
    expect(d.notes[0]).toMatch(/past its review date \(2026-05-23\)/);
    expect(d.message).toBe((await runCli([...DRAFT, '--region', 'London', '-q'])).stdout);
    expect(d.market).toMatchObject({ region: 'London', asOf: '2026-02-23', sources: ['Levels.fyi'], stale: true, estimated: false });
    expect(r.stderr).toMatch(/^warning: the guide's data is past its review date/);
  });

  test('not stale before the review date: no warning, no such note', async () => {
    const r = await runCli([...DRAFT, '--region', 'London', '--json'], { env: { NEGOTIATE_TODAY: '2026-03-01' } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).notes.join('\n')).not.toMatch(/review date/);
  });
});

describe('the walk-away floor never reaches the message', () => {
  test.each(FORMATS.flatMap((f) => ['San Francisco', 'Austin', 'London'].map((region) => [f, region] as const)))('%s, %s', async (format, region) => {
    const argv = [...DRAFT, '--region', region, '--format', format, '--levers', '1,2,3,4', '--base', '100k', '--stock', '150k', '--competing', 'Rival=1m'];
    const d = JSON.parse((await runCli([...argv, '--json'])).stdout);
    const text = await runCli(argv);
    expect(text.stdout).toBe(d.message);
    for (const amount of [d.floor.base, d.floor.stock]) {
      for (const s of spellings(amount, d.floor.currency)) expect(d.message).not.toContain(s);
      // …but the notes on stderr do carry it.
      expect(text.stderr).toContain(formatMoney(amount, d.floor.currency));
    }
    expect(d.message).not.toMatch(/floor|walk|accept at/i);
  });

  test('a template cannot ask for it', async () => {
    const dir = tempTree({ 'mine.txt': 'Hi,\n{{ask}}\nMy floor is {{floor}}.\n' });
    const r = await runCli([...DRAFT, '--template', join(dir, 'mine.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error: template .*mine\.txt:3: unknown placeholder \{\{floor\}\}/);
  });

  test('property: for any offer, override, region and format, no floor figure appears unless it is also a figure the message states', () => {
    const seed = parseGuide(readFileSync(SEED, 'utf8'), SEED);
    const meta = seed.meta!;
    const body = parseBody(seed.body, seed.bodyLine);
    const amount = fc.option(fc.integer({ min: 50, max: 500 }).map((k) => k * 1000), { nil: undefined });
    fc.assert(
      fc.property(
        fc.constantFrom(...meta.bands),
        fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
        fc.constantFrom(...FORMATS),
        fc.record({ base: amount, stock: amount, bonusPct: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }) }),
        fc.record({ base: amount, stock: amount }),
        fc.option(fc.integer({ min: 100, max: 600 }).map((k) => k * 1000), { nil: undefined }),
        (region, levelIndex, format, offer, overrides, competing) => {
          const levels = ['L3', 'L4', 'L5'];
          const band = levelIndex === undefined ? region : narrowBand(region, levelIndex, 3);
          const level = levelIndex === undefined ? null : { asked: levels[levelIndex], company: levels[levelIndex], range: ['L3', 'L5'] as [string, string] };
          const r = composeDraft({
            meta,
            body,
            market: { band, level },
            offer,
            competing: competing ? [{ name: 'Rival', amount: competing, currency: band.currency, converted: null }] : [],
            leverNumbers: [1, 2, 3, 4],
            overrides,
            format,
            template: template(format),
            today: '2026-11-29',
          });
          const shown = (n: number | undefined) => (n === undefined || level === null ? n : roundAmount(n));
          const stated = [offer.base, offer.stock, r.ask.base, r.ask.stock, competing, ...[band.base.low, band.base.high, band.stock?.low, band.stock?.high].map(shown)];
          for (const f of [r.floor!.base!, r.floor!.stock!]) {
            if (stated.includes(f)) continue;
            for (const s of spellings(f, band.currency)) expect(r.message).not.toContain(s);
          }
          expect(r.message).not.toMatch(/floor|walk|accept at/i);
        },
      ),
      { numRuns: 100, seed: 9 },
    );
  });
});

describe('competing offers are only the user\'s', () => {
  test('the guide\'s bracketed examples never appear as offers; the notes say they were left out', async () => {
    for (const format of FORMATS) {
      const r = await runCli([...DRAFT, '--region', 'San Francisco', '--format', format]);
      expect(r.stdout).not.toMatch(/Google ML|AWS ML|Meta ML|420,000|405,000|425,000|\$420K|weighing/);
      expect(r.stderr).toContain("the guide's example competing offers (Google ML $420,000, AWS ML $405,000, Meta ML $425,000) are not yours and are left out");
    }
  });

  test('the user\'s offers appear in the message and are compared with the ask in the notes, converted when needed', async () => {
    const r = await runCli([...DRAFT, '--region', 'London', '--competing', 'Google=$420k', '--competing', 'Monzo=£190k', '--json']);
    const d = JSON.parse(r.stdout);
    expect(d.message).toContain("I'm also weighing other offers:\n- Google: $420,000 in annual total compensation\n- Monzo: £190,000 in annual total compensation\n");
    expect(d.notes).toContain("competing offer Google: $420,000 ≈ £315,790 (USD→GBP at 0.75188, rate of 2025-10-31), above the ask's annual TC of £250,500");
    expect(d.notes).toContain("competing offer Monzo: £190,000, below the ask's annual TC of £250,500");
    expect(d.notes.join('\n')).not.toMatch(/example competing offers/);
  });
});

describe('draft: determinism, defaults and errors', () => {
  test('same inputs, same bytes, in-process and from the built binary', async () => {
    const argv = [...DRAFT, '--region', 'London', '--format', 'markdown', '--competing', 'Google=$420k', '--json'];
    const a = await runCli(argv);
    const b = spawnCli(argv);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
  });

  test('without --region: the guide\'s first band, said in the notes', async () => {
    const r = await runCli([...DRAFT, '--json']);
    const d = JSON.parse(r.stdout);
    expect(d.market.region).toBe('San Francisco');
    expect(d.notes).toContain("no --region given: the draft uses San Francisco, the guide's first band");
  });

  test('a guide without a strategy: the ask comes from the band, the notes say so, no floor', async () => {
    const dir = tempTree({ 'acme.md': guideText() });
    const r = await runCli(['draft', 'acme', 'data', '--data', dir, '--json']);
    const d = JSON.parse(r.stdout);
    expect(d.ask).toEqual({ base: 180000, stock: 110000, bonusPct: 15, currency: 'CHF', estimated: false });
    expect(d.floor).toBeNull();
    expect(d.notes).toEqual([
      'the guide has no negotiate-up strategy: no targets and no walk-away floor',
      "the guide states no target base: the ask uses the band's 75% point (CHF 180,000)",
      "the guide states no target stock grant: the ask uses the band's 75% point (CHF 110,000)",
    ]);
    expect(d.message).toContain('1. Scale: I run pipelines at scale.\n');
  });

  test('--template replaces the bundled one; its BOM and CRLF are harmless', async () => {
    const dir = tempTree({ 'short.txt': '\uFEFF{{greeting}}\r\n{{#levers}}\r\n* {{title}}\r\n{{/levers}}\r\n{{ask}}\r\n' });
    const r = await runCli([...DRAFT, '--region', 'London', '--template', join(dir, 'short.txt'), '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "Hi [name],\n* Edge AI Inference Optimization\n* Workers AI Model Serving\n* AI Gateway Platform\nBased on the market data and what I bring, I'm asking for £165,000 base, a £243,000 stock grant over 4 years and a 15% target bonus.\n",
    );
  });

  test.each([
    [['--format', 'pdf'], /--format: "pdf" is not a format[\s\S]*text, email, markdown/],
    [['--levers', '9'], /--levers: the guide has no lever 9\n {2}its levers: 1 Edge AI Inference Optimization; 2 Workers/],
    [['--levers', 'x'], /--levers: "x" is not a list of lever numbers/],
    [['--competing', 'Google'], /--competing: "Google" is not NAME=AMOUNT/],
    [['--region', 'London', '--ask-base', '$200k'], /--ask-base: the amount is in USD but the cloudflare-workers London band is in GBP/],
    [['--ask-bonus', '150'], /--ask-bonus: "150" is out of range/],
    [['--ask-stock', 'lots'], /--ask-stock: "lots" is not an amount/],
    [['--template', '/nonexistent/t.txt'], /template \/nonexistent\/t\.txt cannot be read: no such file/],
    [['--region', 'London', '--base', '$150k'], /--base "\$150k" is in USD, but the cloudflare-workers London band is in GBP\n {2}write the offer's amounts in GBP/],
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

  test('unknown company exits 1', async () => {
    expect((await runCli(['draft', 'nope', 'ml'])).code).toBe(1);
  });
});

describe('draft with an offer', () => {
  test('never asks for less: a base that meets the target is held, and the notes say why', async () => {
    const r = await runCli([...DRAFT, '--region', 'London', '--base', '170k', '--stock', '200k', '--bonus', '10', '--json']);
    const d = JSON.parse(r.stdout);
    expect(d.ask).toEqual({ base: 170000, stock: 243000, bonusPct: 15, currency: 'GBP', estimated: true });
    expect(d.message).toContain("I'm asking for a £243,000 stock grant over 4 years and a 15% target bonus, keeping £170,000 base as offered.");
    expect(d.notes).toContain("the offer's base (£170,000) already meets the target (£165,000): the message holds it rather than ask for less");
  });

  test('an offer at or above every target: the ask moves to a sign-on', async () => {
    const r = await runCli([...DRAFT, '--region', 'San Francisco', '--base', '250k', '--stock', '$400k', '--bonus', '15', '--sign-on', '25k', '--json']);
    const d = JSON.parse(r.stdout);
    expect(d.ask).toEqual({ base: 250000, stock: 400000, bonusPct: 15, currency: 'USD', estimated: false, signOn: 50000 });
    expect(d.message).toContain("The offer is already strong on base, stock and bonus, so rather than change them, I'm asking for a one-time sign-on bonus of $50,000.");
    expect(d.notes).toContain('the offer meets every target, so the ask moves to a one-time sign-on of $50,000 (10% of base, on top of the $25,000 offered) instead of asking for less');
  });

  test('--ask-* overrides the targets, never below the offer', async () => {
    const r = await runCli([...DRAFT, '--region', 'London', '--base', '150k', '--ask-base', '140k', '--ask-stock', '£260k', '--ask-bonus', '12%', '--json']);
    const d = JSON.parse(r.stdout);
    expect(d.ask).toEqual({ base: 150000, stock: 260000, bonusPct: 12, currency: 'GBP', estimated: false });
    expect(d.notes).toContain("--ask-base £140,000 is below the offer's £150,000: the ask keeps £150,000 (it never asks for less)");
    expect(d.notes.join('\n')).not.toMatch(/below the walk-away floor/);
    const low = JSON.parse((await runCli([...DRAFT, '--region', 'London', '--ask-base', '140k', '--ask-stock', '150k', '--ask-bonus', '5', '--json'])).stdout);
    // 140,000 × 1.05 + 150,000 / 4 = 184,500 < the floor's 211,738
    expect(low.notes).toContain("the ask's annual TC (£184,500) is below the walk-away floor's (£211,738): check the --ask-* amounts");
    expect(low.message).not.toMatch(/211,738|146,667|201,619/);
  });

  test('an offer file gives company, role, region, the offer and competing offers; flags override it', async () => {
    const dir = tempTree({
      'offer.yaml': 'company: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\nbase: 150k\nstock: 200000\nbonus_pct: 10\ncompeting:\n  Google: $420k\n  Monzo: £190k\n',
      'list.yaml': 'company: cloudflare\nrole: ml\nregion: Austin\nbase: 200k\ncompeting:\n  - Meta=$425k\n',
      'bad.yaml': 'company: cloudflare\nrole: ml\ncompeting:\n  Google: lots\n',
    });
    const r = await runCli(['draft', '--offer', join(dir, 'offer.yaml'), '--competing', 'monzo=£195k', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.market.region).toBe('London');
    expect(d.message).toContain('As I understand it, the offer is £150,000 base, a £200,000 stock grant over 4 years and a 10% target bonus.');
    expect(d.message).toContain('- Google: $420,000 in annual total compensation\n- monzo: £195,000 in annual total compensation\n');
    expect(d.message).not.toContain('£190,000');
    const list = JSON.parse((await runCli(['draft', '--offer', join(dir, 'list.yaml'), '--json'])).stdout);
    expect(list.message).toContain("I'm also weighing another offer:\n- Meta: $425,000 in annual total compensation\n");
    const bad = await runCli(['draft', '--offer', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml: competing: Google: "lots" is not an amount/);
    // Without arguments or an offer file naming them, company and role are missing input.
    expect((await runCli(['draft'])).stderr).toMatch(/missing input: <company> <role>/);
  });

  test('--level: the band is the level\'s estimated slice, cited as estimated; targets scale to it', async () => {
    const r = await runCli([...DRAFT, '--region', 'London', '--level', 'L3', '--json']);
    const d = JSON.parse(r.stdout);
    expect(d.market).toMatchObject({ base: { low: 132000, high: 144667 }, estimated: true, level: { asked: 'L3', company: 'L3', range: ['L3', 'L5'], approximate: false } });
    // base target 248000 × 138333.5 / 226500, stock 368000 × 160000 / 296500
    expect(d.ask).toEqual({ base: 151000, stock: 199000, bonusPct: 15, currency: 'GBP', estimated: true });
    expect(d.message).toContain('in London at level L3 (estimated from the L3–L5 range; Levels.fyi; as of 2026-02-23) puts the range at £132,000–£145,000 base');
    expect((await runCli([...DRAFT, '--region', 'London', '--level', 'L9'])).code).toBe(1);
  });

  test('an ask above the band\'s high is flagged in the notes (not when it only holds the offer)', async () => {
    const austin = JSON.parse((await runCli([...DRAFT, '--region', 'Austin', '--level', 'Google L6', '--json'])).stdout);
    expect(austin.notes).toContain("the ask's base ($258,000) is above the band's high ($245,000): expect pushback, or set it with --ask-base");
    expect(austin.notes).toContain("the ask's stock grant ($417,000) is above the band's high ($362,000): expect pushback, or set it with --ask-stock");
    const held = JSON.parse((await runCli([...DRAFT, '--region', 'Austin', '--base', '300k', '--json'])).stdout);
    expect(held.notes.join('\n')).not.toMatch(/ask's base .* above the band's high/);
  });
});

describe('draft and hostile guide text', () => {
  test('escape sequences and control characters from a guide or a template never reach the message', async () => {
    const dir = tempTree({
      'evil.md': guideText({ company: 'evil-co' })
        .replace('company_display: Acme Corp', 'company_display: "Evil\\e]0;pwned\\u0007 Co\\e[31m\\r\\b"')
        .replace('region: Zürich', 'region: "Zu\\e[2Jrich\\u009b1m"')
        .replace('I run pipelines at scale.', 'I run \u001b]8;;http://x\u0007pipelines\u001b]8;;\u0007 at scale.'),
      't.txt': '{{greeting}}\u001b[2J\n{{market}}\n{{#levers}}{{script}}\n{{/levers}}{{ask}}\n',
    });
    for (const extra of [[], ['--template', join(dir, 't.txt')], ['--format', 'markdown'], ['--json']]) {
      const r = await runCli(['draft', 'evil', 'data', '--data', dir, '-q', ...extra]);
      expect(r.code).toBe(0);
      const message = extra[0] === '--json' ? JSON.parse(r.stdout).message : r.stdout;
      expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(message).toContain('pipelines');
    }
  });
});

test('draft\'s floor is evaluate\'s floor', async () => {
  for (const region of ['San Francisco', 'London']) {
    const args = ['cloudflare-workers', 'ml-ai-engineer', '--region', region, '--level', 'L4', '--base', '150k', '--json', '-q'];
    const draft = JSON.parse((await runCli(['draft', ...args])).stdout);
    const evaluate = JSON.parse((await runCli(['evaluate', ...args])).stdout);
    expect(draft.floor).toEqual({ base: evaluate.floor.base, stock: evaluate.floor.stock, bonusPct: evaluate.floor.bonusPct, currency: evaluate.floor.currency, estimated: evaluate.floor.estimated });
  }
});
