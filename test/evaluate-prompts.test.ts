// The interactive flow of evaluate with src/prompts/ replaced by a script of answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { InterruptedError } from '../src/errors.js';
import { runCli, tempTree } from './helpers.js';
import { prompts } from './prompt-script.js';

vi.mock('../src/prompts/index.js', () => import('./prompt-script.js').then((m) => m.scriptedPrompts));

beforeEach(() => prompts.reset());

const TTY = { tty: true, env: { NO_COLOR: '1' } };

describe('evaluate, interactive', () => {
  test('asks everything from scratch, re-asks bad amounts with the reason, then evaluates, drafts and saves', async () => {
    const dir = tempTree({});
    const file = join(dir, 'mine.yaml');
    prompts.script = [
      { ask: /^Company/, answers: ['cloudflare-workers'] },
      { ask: /^Region/, answers: ['London (GBP)'] },
      { ask: /^Level/, answers: ['L4'] },
      { ask: /^Base salary per year \(GBP/, answers: ['lots', 'XYZ 150k', 'VUV 150k', '150k'] },
      { ask: /^Stock grant/, answers: ['200k'] },
      { ask: /^Target bonus/, answers: ['150', '10'] },
      { ask: /^Vesting/, answers: ['front-loaded (40/30/20/10)'] },
      { ask: /^Sign-on/, answers: ['30,000,20,000', '20k,10k'] },
      { ask: /^More detail/, answers: [false] },
      { ask: /^Draft a message now/, answers: [true] },
      { ask: /^Which moment/, answers: ['counter'] },
      { ask: /^Is this true of you/, answers: [true] },
      { ask: /^Is this true of you/, answers: [false] },
      { ask: /^Is this true of you/, answers: [false] },
      { ask: /^Is this true of you/, answers: [false] },
      { ask: /^Save this offer/, answers: [true] },
      { ask: /^File name/, answers: [file] },
    ];
    const r = await runCli(['evaluate'], TTY);
    expect(prompts.script).toEqual([]);
    expect(r.code).toBe(0);
    expect(prompts.reasons).toEqual([
      expect.stringContaining('"lots" is not an amount'),
      expect.stringContaining('"XYZ 150k" names an unknown currency "XYZ"'),
      expect.stringContaining('no exchange rate for VUV in the bundled table'),
      expect.stringContaining('"150" is out of range (0 to 100)'),
      expect.stringContaining('"30,000,20,000" is ambiguous'),
    ]);
    expect(prompts.choices.get('Level')).toEqual(['the whole band (L3–L5)', 'L3', 'L4', 'L5']);
    expect(prompts.choices.get('Region')).toEqual(['San Francisco (USD)', 'Austin (USD)', 'London (GBP)']);
    expect(r.stdout).toContain('Cloudflare Workers · ML/AI Engineer · London · level L4');
    expect(r.stdout).toContain(
      'Offer: base £150,000 · stock £200,000 over 4 yrs (front) · bonus 10% · sign-on £20,000 + £10,000',
    );
    expect(r.stdout).toMatch(/Verdict: fair/);
    expect(r.stdout).toMatch(/Subject|Hi|Thank/); // the draft follows the evaluation
    // Lever 1 was confirmed: the short counter names its title in one sentence; the notes ask to check its claims.
    expect(r.stdout).toContain("I'd bring directly relevant experience in Edge AI Inference Optimization.");
    expect(r.stderr).toContain('check these are true of you (lever 1, Edge AI Inference Optimization)');
    expect(r.stderr).toContain('Lever 2: Workers AI Model Serving');
    expect(readFileSync(file, 'utf8')).toBe(
      'company: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\nlevel: L4\ncurrency: GBP\nbase: 150000\nstock: 200000\nvesting: front\nbonus_pct: 10\nsign_on:\n  - 20000\n  - 10000\n',
    );
    expect(r.stderr).toContain(`saved the offer to ${file}`);
  });

  test('flags given are not asked again; the whole band and even vesting; no draft, no save', async () => {
    prompts.script = [
      { ask: /^Level/, answers: ['the whole band (L3–L5)'] },
      { ask: /^Base salary per year \(USD/, answers: ['220k'] },
      { ask: /^Stock grant/, answers: [''] },
      { ask: /^Target bonus/, answers: [''] },
      { ask: /^Sign-on/, answers: [''] },
      { ask: /^More detail/, answers: [false] },
      { ask: /^Draft/, answers: [false] },
      { ask: /^Save/, answers: [false] },
    ];
    const r = await runCli(['evaluate', 'cloudflare', 'ml', '--region', 'San Francisco'], TTY);
    expect(prompts.script).toEqual([]);
    expect(r.code).toBe(0);
    expect(prompts.log.some((l) => /Vesting/.test(l))).toBe(false); // no stock, so no vesting question
    expect(r.stdout).toContain('Offer: base $220,000\n');
  });

  test('"More detail" yes asks for raises, stock growth and benefits, checked like their flags; they show as assumptions', async () => {
    prompts.script = [
      { ask: /^Level/, answers: ['the whole band (L3–L5)'] },
      { ask: /^Base salary/, answers: ['200k'] },
      { ask: /^Stock grant/, answers: ['400k'] },
      { ask: /^Target bonus/, answers: [''] },
      { ask: /^Vesting/, answers: ['even (4 years)'] },
      { ask: /^Sign-on/, answers: [''] },
      { ask: /^More detail \(raises, stock growth, benefits\)\?/, answers: [true] },
      { ask: /^Yearly raise/, answers: ['lots', '5'] },
      { ask: /^Yearly share-price growth/, answers: [''] },
      { ask: /^Yearly benefits/, answers: ['12k'] },
      { ask: /^Draft/, answers: [false] },
      { ask: /^Save/, answers: [false] },
    ];
    const r = await runCli(['evaluate', 'cloudflare', 'ml', '--region', 'San Francisco'], TTY);
    expect(prompts.script).toEqual([]);
    expect(r.code).toBe(0);
    expect(prompts.reasons).toEqual([expect.stringContaining('--raise: "lots" is not a percentage')]);
    expect(r.stdout).toMatch(/Raise†/);
    expect(r.stdout).toMatch(/Benefits‡/);
    expect(r.stdout).toContain('† assumed, not in the offer: raise 5% a year from year 2');
  });

  test('a base under 1,000 is confirmed: "no" asks again, "yes" keeps it (with the warning)', async () => {
    prompts.script = [
      { ask: /^Level/, answers: ['the whole band (L3–L5)'] },
      { ask: /^Base salary per year/, answers: ['220'] },
      {
        ask: /^A yearly base salary of \$220 looks too small: did you mean 220k \(\$220,000\)\? Keep 220 as typed\?/,
        answers: [false],
      },
      { ask: /^Base salary per year/, answers: ['230'] },
      { ask: /^A yearly base salary of \$230 looks too small/, answers: [true] },
      { ask: /^Stock grant/, answers: ['300'] },
      { ask: /^A stock grant of \$300 looks too small/, answers: [false] },
      { ask: /^Stock grant/, answers: ['300k'] },
      { ask: /^Target bonus/, answers: [''] },
      { ask: /^Vesting/, answers: ['even'] },
      { ask: /^Sign-on/, answers: [''] },
      { ask: /^More detail/, answers: [false] },
      { ask: /^Draft/, answers: [false] },
      { ask: /^Save/, answers: [false] },
    ];
    const r = await runCli(['evaluate', 'cloudflare', 'ml', '--region', 'San Francisco'], TTY);
    expect(prompts.script).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Offer: base $230 · stock $300,000');
    expect(r.stderr).toContain('the yearly base salary $230 looks too small');
  });

  test('a custom vesting list is checked like --vesting', async () => {
    prompts.script = [
      { ask: /^Level/, answers: ['L3'] },
      { ask: /^Base/, answers: ['200k'] },
      { ask: /^Stock/, answers: ['300k'] },
      { ask: /^Target bonus/, answers: ['10'] },
      { ask: /^Vesting/, answers: ['custom yearly percentages'] },
      { ask: /^Yearly percentages/, answers: ['50,40', '50,50'] },
      { ask: /^Sign-on/, answers: [''] },
      { ask: /^More detail/, answers: [false] },
      { ask: /^Draft/, answers: [false] },
      { ask: /^Save/, answers: [false] },
    ];
    const r = await runCli(['evaluate', 'cloudflare', 'ml', '--region', 'Austin'], TTY);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(prompts.reasons).toEqual([expect.stringContaining('"50,40" sums to 90%, not 100%')]);
    expect(r.stdout).toContain('stock $300,000 over 2 yrs (50/50)');
  });

  test('a company named loosely and no role: the only role is taken, the region asked', async () => {
    prompts.script = [
      { ask: /^Region/, answers: ['Austin (USD)'] },
      { ask: /^Level/, answers: ['L5'] },
      { ask: /^Base/, answers: ['240k'] },
      { ask: /^Stock/, answers: [''] },
      { ask: /^Target bonus/, answers: [''] },
      { ask: /^Sign-on/, answers: [''] },
      { ask: /^More detail/, answers: [false] },
      { ask: /^Draft/, answers: [false] },
      { ask: /^Save/, answers: [false] },
    ];
    const r = await runCli(['evaluate', 'cloudflare'], TTY);
    expect(prompts.script).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cloudflare Workers · ML/AI Engineer · Austin · level L5');
  });

  test('only the region missing: region and level are asked, the amounts given are kept', async () => {
    prompts.script = [
      { ask: /^Region/, answers: ['London (GBP)'] },
      { ask: /^Level/, answers: ['L3'] },
      { ask: /^Draft/, answers: [false] },
      { ask: /^Save/, answers: [false] },
    ];
    const r = await runCli(['evaluate', 'cloudflare', 'ml', '--base', '140k', '--stock', '150k'], TTY);
    expect(prompts.script).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('London · level L3\nOffer: base £140,000 · stock £150,000 over 4 yrs (even)');
  });

  test('everything given on a terminal: no questions at all', async () => {
    const r = await runCli(['evaluate', 'cloudflare', 'ml', '--region', 'London', '--base', '150k'], TTY);
    expect(r.code).toBe(0);
    expect(prompts.log).toEqual([]);
  });

  test.each([
    ['--json', ['--json']],
    ['--no-input', ['--no-input']],
  ])('%s on a terminal never asks: missing inputs exit 2', async (_name, flag) => {
    const r = await runCli(['evaluate', 'cloudflare', 'ml', ...flag], TTY);
    expect(r.code).toBe(2);
    expect(prompts.log).toEqual([]);
    expect(r.stderr).toContain('missing input: --region (San Francisco, Austin or London), --base');
  });

  test('Ctrl-C at a question exits 130 quietly', async () => {
    prompts.script = [{ ask: /^Company/, answers: [new InterruptedError()] }];
    const r = await runCli(['evaluate'], TTY);
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });

  test('an existing file is replaced only when the user says so', async () => {
    const dir = tempTree({ 'o.yaml': 'base: 1\n' });
    const file = join(dir, 'o.yaml');
    prompts.script = [
      { ask: /^Level/, answers: ['L4'] },
      { ask: /^Base/, answers: ['150k'] },
      { ask: /^Stock/, answers: [''] },
      { ask: /^Target bonus/, answers: [''] },
      { ask: /^Sign-on/, answers: [''] },
      { ask: /^More detail/, answers: [false] },
      { ask: /^Draft/, answers: [false] },
      { ask: /^Save/, answers: [true] },
      { ask: /^File name/, answers: [file] },
      { ask: /exists\. Replace it\?/, answers: [false] },
    ];
    const r = await runCli(['evaluate', 'cloudflare', 'ml', '--region', 'London'], TTY);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('base: 1\n');
    expect(r.stderr).toContain('not saved');
  });
});
