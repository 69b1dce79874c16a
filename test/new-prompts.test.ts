// The interactive flow of negotiate new with src/prompts/ replaced by a script of answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { InterruptedError } from '../src/errors.js';
import { runCli, tempTree } from './helpers.js';
import { prompts } from './prompt-script.js';

vi.mock('../src/prompts/index.js', () => import('./prompt-script.js').then((m) => m.scriptedPrompts));

beforeEach(() => prompts.reset());

const TTY = { tty: true, env: { NO_COLOR: '1' } };

describe('negotiate new, interactive', () => {
  test('asks everything: names (slugs shown), regions one by one with the usual currency, amounts re-asked with the reason, sources, levers, strategy', async () => {
    const dir = tempTree({});
    prompts.script = [
      { ask: /^Company/, answers: ['', 'Globex Corp'] },
      { ask: /^Role/, answers: ['Platform Engineer'] },
      { ask: /^Region/, answers: ['Toronto'] },
      { ask: /^Currency/, answers: [''] },
      { ask: /^Base salary range per year \(CAD/, answers: ['lots', '150k-120k', '120k-150k'] },
      { ask: /^Stock grant range/, answers: ['40k-80k'] },
      { ask: /^Years the grant vests over/, answers: ['2.5', ''] },
      { ask: /^Target bonus % of base/, answers: ['150', '10'] },
      { ask: /^Add another region/, answers: [true] },
      { ask: /^Next region/, answers: ['Gotham'] },
      { ask: /^Currency/, answers: ['', 'usd'] },
      { ask: /^Base salary range per year \(USD/, answers: ['$100k-$120k'] },
      { ask: /^Stock grant range/, answers: [''] },
      { ask: /^Target bonus/, answers: [''] },
      { ask: /^Add another region/, answers: [false] },
      { ask: /^Where do these numbers come from/, answers: ['', 'recruiter call 2026-11-20'] },
      { ask: /^Level mapping/, answers: ['Globex (P3-P5) = Google L4-L6'] },
      { ask: /^Add a negotiation lever/, answers: [true] },
      { ask: /^Lever title/, answers: ['Scale'] },
      { ask: /^What you would say/, answers: ['I run the platform 400 teams deploy on.'] },
      { ask: /^Add another lever/, answers: [false] },
      { ask: /^Add a strategy/, answers: [true] },
      { ask: /^Target base \(CAD/, answers: ['lots', '140k'] },
      { ask: /^Target stock grant/, answers: ['70k'] },
      { ask: /^Target bonus %/, answers: ['15'] },
      { ask: /^Walk-away floor for base/, answers: ['125k'] },
      { ask: /^Walk-away floor for the stock/, answers: [''] },
    ];
    const r = await runCli(['new', '--dir', dir], TTY);
    expect(r.stderr).not.toContain('internal error');
    expect(prompts.script).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    expect(prompts.defaults.get('Currency (ISO 4217)')).toBe('CAD');
    expect(prompts.reasons).toEqual([
      'company: the value is empty',
      'base: "lots" is not an amount',
      'base: "150k-120k": the low end is above the high end',
      'years: "2.5" is not a whole number (1 to 10)',
      'bonus: "150" is out of range (0 to 100)',
      'currency: "" is not an ISO 4217 currency code',
      'source: the value is empty',
      'target base: "lots" is not an amount',
    ]);
    expect(r.stderr).toContain('company: Globex Corp (slug globex-corp)');
    expect(r.stderr).toContain('role: Platform Engineer (slug platform-engineer)');
    expect(r.stdout).toContain(`created ${join(dir, 'globex-corp--platform-engineer.md')}`);
    const text = readFileSync(join(dir, 'globex-corp--platform-engineer.md'), 'utf8');
    expect(text).toContain(
      '  - region: Toronto\n    currency: CAD\n    base_low: 120000\n    base_high: 150000\n    stock_low: 40000\n    stock_high: 80000\n    stock_years: 4\n    bonus_pct: 10\n',
    );
    expect(text).toContain('  - region: Gotham\n    currency: USD\n    base_low: 100000\n    base_high: 120000\n');
    expect(text).toContain('level_mapping:\n  internal: null\n  raw: "Globex (P3-P5) = Google L4-L6"');
    expect(text).toContain(
      'strategy:\n  currency: CAD\n  target: { base: 140000, stock: 70000, bonus_pct: 15 }\n  floor: { base: 125000 }',
    );
    expect(text).toContain('1. **Scale:** "I run the platform 400 teams deploy on."');
  });

  test('flags given are not asked again; Ctrl-C in a question exits 130 and writes nothing', async () => {
    const dir = tempTree({});
    prompts.script = [
      { ask: /^Level mapping/, answers: [''] },
      { ask: /^Add a negotiation lever/, answers: [false] },
      { ask: /^Add a strategy/, answers: [new InterruptedError()] },
    ];
    const r = await runCli(
      [
        'new',
        '--dir',
        dir,
        '--company',
        'Acme',
        '--role',
        'SWE',
        '--region',
        'London',
        '--base',
        '90k-100k',
        '--source',
        'x',
      ],
      TTY,
    );
    expect(r.code).toBe(130);
    expect(prompts.script).toEqual([]);
    expect(prompts.log.some((l) => /Company|Region|Base/.test(l))).toBe(false);
    expect(() => readFileSync(join(dir, 'acme--swe.md'))).toThrow();
  });

  test('--no-input and --json never ask', async () => {
    const r = await runCli(['new', '--company', 'Acme', '--no-input'], TTY);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing input: --role, --region, --base, --source');
    expect(prompts.log).toEqual([]);
    expect((await runCli(['new', '--json'], TTY)).code).toBe(2);
    expect(prompts.log).toEqual([]);
  });
});
