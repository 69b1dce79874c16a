// evaluate --letter on a terminal: each figure read from the letter is the default of its prompt, to
// confirm or correct; an ambiguous one is a choice among its candidates. src/prompts/ is replaced here.
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { FIXTURES, runCli } from './helpers.js';
import { prompts } from './prompt-script.js';

vi.mock('../src/prompts/index.js', () => import('./prompt-script.js').then((m) => m.scriptedPrompts));

beforeEach(() => {
  prompts.reset();
  // A figure the test does not answer is confirmed as read (its default); a yes/no question is declined.
  prompts.unscripted = 'default';
});

const TTY = { tty: true, env: { NO_COLOR: '1' } };
const letter = (name: string) => join(FIXTURES, 'letters', name);

describe('evaluate --letter on a terminal', { timeout: 60_000 }, () => {
  test('each figure is its prompt default; a corrected answer is used', async () => {
    prompts.byMessage.set(/^Base salary/, '155k');
    const r = await runCli(['evaluate', '--letter', letter('uk-london-cloudflare.txt')], TTY);
    expect(r.code, r.stderr).toBe(0);
    expect(prompts.asked.map((a) => [a.message, a.default])).toEqual([
      ['Base salary per year (line 13 of the letter)', '150000'],
      ['Stock grant, the whole grant (line 15 of the letter)', '200000'],
      ['Vesting, yearly percentages (line 15 of the letter)', '25,25,25,25'],
      ['Target bonus, % of base (line 14 of the letter)', '10'],
      ['Sign-on bonus (one amount, or one per year like 30k,20k) (line 17 of the letter)', '20000'],
    ]);
    expect(r.stdout).toContain('base £155,000');
  });

  test('an ambiguous base is a choice among the candidates (flags given are not asked)', async () => {
    prompts.byMessage.set(/several values for base/, '152000');
    const r = await runCli(
      [
        'evaluate',
        'cloudflare-workers',
        'ml-ai-engineer',
        '--region',
        'San Francisco',
        '--letter',
        letter('ambiguous-salaries.txt'),
        '--bonus',
        '12',
      ],
      TTY,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(prompts.asked[0].choices).toEqual(['140000 (line 6)', '152000 (line 7)', 'another value']);
    expect(prompts.asked.some((a) => /Target bonus/.test(a.message))).toBe(false);
    expect(r.stdout).toMatch(/base \$152,000/);
  });

  test('off a terminal the same letter exits 2 naming --base; with --base it evaluates', async () => {
    const off = await runCli([
      'evaluate',
      'cloudflare-workers',
      'ml-ai-engineer',
      '--region',
      'San Francisco',
      '--letter',
      letter('ambiguous-salaries.txt'),
    ]);
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(/base is ambiguous .*\n.*settle it with --base/);
    const settled = await runCli([
      'evaluate',
      'cloudflare-workers',
      'ml-ai-engineer',
      '--region',
      'San Francisco',
      '--letter',
      letter('ambiguous-salaries.txt'),
      '--base',
      '152k',
      '--json',
    ]);
    expect(settled.code, settled.stderr).toBe(0);
    expect(JSON.parse(settled.stdout).offer.base).toBe(152000);
    const none = await runCli([
      'evaluate',
      'cloudflare-workers',
      'ml-ai-engineer',
      '--region',
      'London',
      '--letter',
      letter('no-salary.txt'),
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/the letter states no base salary/);
    expect(
      (
        await runCli([
          'evaluate',
          'cloudflare-workers',
          'ml-ai-engineer',
          '--region',
          'London',
          '--letter',
          letter('no-salary.txt'),
          '--base',
          '150k',
          '--json',
        ])
      ).code,
    ).toBe(0);
    expect(prompts.asked).toEqual([]);
  });

  test('--offer and --letter together are a usage error', async () => {
    const r = await runCli(['evaluate', '--letter', letter('us-startup.txt'), '--offer', 'x.yaml']);
    expect(r.code).toBe(2);
  });
});
