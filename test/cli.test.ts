import { describe, expect, test } from 'vitest';
import { run } from '../src/cli.js';
import { guideText, runCli, tempTree, testEnv } from './helpers.js';

describe('lookup', () => {
  test('--json for London is exactly the SPEC document', async () => {
    const r = await runCli(['lookup', 'cloudflare-workers', 'ml-ai-engineer', '--region', 'London', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      company: { slug: 'cloudflare-workers', name: 'Cloudflare Workers' },
      role: { slug: 'ml-ai-engineer', name: 'ML/AI Engineer' },
      asOf: '2026-02-23',
      reviewDue: '2026-05-23',
      stale: true,
      sources: ['Levels.fyi'],
      dataQuality: 'high',
      salaryDataQuarter: '2025-Q4',
      level: null,
      bands: [
        {
          region: 'London',
          currency: 'GBP',
          base: { low: 132000, high: 170000 },
          stock: { low: 142000, high: 250000, years: 4 },
          bonusPct: 10,
          totalComp: { low: 205000, high: 288000 },
          annualTC: { low: 180700, high: 249500 },
          estimated: false,
        },
      ],
      rates: [],
      warnings: ['the data is past its review date (2026-05-23)'],
      file: null,
    });
    expect(r.stderr).toBe('warning: the data is past its review date (2026-05-23)\n');
  });

  test('human table', async () => {
    const r = await runCli(['lookup', 'cloudflare', 'ml', '--region', 'london']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Cloudflare Workers · ML/AI Engineer

      Region  Base         Stock (4 yr grant)  Bonus  Annual TC    Stated total
      London  £132K–£170K  £142K–£250K         10%    £181K–£250K  £205K–£288K (+13%, +15%)  ···········█████

      Annual TC = base + bonus + grant/4 yrs: what evaluate, compare and draft rate offers against.
      Stated total: the guide's own figure, shown where it differs from the annual TC by more than 5% (the difference at each end in brackets; ≈ within it).
      as of 2026-02-23 · sources: Levels.fyi · data quality: high · salary data: 2025-Q4 · past its review date
      "
    `);
  });

  test('every region, with bars on one scale per currency', async () => {
    const r = await runCli(['lookup', 'cloudflare-workers', 'ml-ai-engineer']);
    expect(
      r.stdout
        .split('\n')
        .slice(3, 6)
        .map((l) => l.split(/\s{2,}/)[0]),
    ).toEqual(['San Francisco', 'Austin', 'London']);
  });

  test('not stale before the review date', async () => {
    const r = await runCli(['lookup', 'cloudflare-workers', 'ml-ai-engineer', '--json'], {
      env: { NEGOTIATE_TODAY: '2026-03-01' },
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ stale: false, warnings: [] });
    expect(r.stderr).toBe('');
  });

  test('--currency converts and states the rate and its date', async () => {
    const r = await runCli([
      'lookup',
      'cloudflare-workers',
      'ml-ai-engineer',
      '--region',
      'London',
      '--currency',
      'usd',
      '--json',
    ]);
    const d = JSON.parse(r.stdout);
    expect(d.bands[0]).toMatchObject({ currency: 'USD', base: { low: 175560, high: 226100 } });
    expect(d.rates).toEqual([
      expect.objectContaining({ from: 'GBP', to: 'USD', rate: 1.33, asOf: '2025-10-31', origin: 'table', stale: true }),
    ]);
    // The table is more than 90 days older than today: every converted output says so.
    expect(d.warnings).toContain(
      "the exchange rates are from a table dated 2025-10-31, more than 90 days ago: pass --fx CODE=RATE with today's rate (one unit in US dollars) to convert at it",
    );
    expect(r.stderr).toMatch(/warning: the exchange rates are from a table dated 2025-10-31/);
    const fx = await runCli([
      'lookup',
      'cloudflare-workers',
      'ml-ai-engineer',
      '--region',
      'London',
      '--currency',
      'USD',
      '--fx',
      'GBP=1.27',
      '--json',
    ]);
    expect(JSON.parse(fx.stdout).bands[0].base.low).toBe(167640);
    expect(JSON.parse(fx.stdout).rates).toEqual([
      {
        from: 'GBP',
        to: 'USD',
        rate: 1.27,
        asOf: '2026-11-29',
        source: '--fx GBP=1.27',
        origin: 'override',
        stale: false,
      },
    ]);
    expect(JSON.parse(fx.stdout).warnings).toEqual(['the data is past its review date (2026-05-23)']);
    const human = await runCli([
      'lookup',
      'cloudflare-workers',
      'ml-ai-engineer',
      '--region',
      'London',
      '--currency',
      'USD',
      '--fx',
      'GBP=1.27',
    ]);
    expect(human.stdout.trimEnd().split('\n').at(-1)).toBe(
      'converted GBP→USD at 1.27 (override --fx GBP=1.27, as of 2026-11-29)',
    );
    // Within 90 days of the table's date nothing is stale.
    const fresh = await runCli(
      ['lookup', 'cloudflare-workers', 'ml-ai-engineer', '--region', 'London', '--currency', 'USD', '--json'],
      { env: { NEGOTIATE_TODAY: '2025-12-01' } },
    );
    expect(JSON.parse(fresh.stdout).rates[0]).toMatchObject({ origin: 'table', stale: false });
    expect(fresh.stderr).not.toMatch(/exchange rates/);
  });

  test.each([
    [['lookup', 'nope', 'ml'], 1, /unknown company "nope"/],
    [['lookup', 'cloudflare', 'designer'], 1, /unknown role at cloudflare-workers "designer"/],
    [
      ['lookup', 'cloudflare', 'ml', '--region', 'Tokyo'],
      1,
      /unknown region for cloudflare-workers ml-ai-engineer "Tokyo"[\s\S]*known: San Francisco, Austin, London/,
    ],
    [['lookup', 'cloudflare', 'ml', '--region', 'londn'], 0, /^warning/],
    [['lookup', 'cloudflare', 'ml', '--currency', 'XYZ'], 2, /--currency: "XYZ" is not an ISO 4217 currency code/],
    [['lookup', 'cloudflare'], 2, /missing required argument 'role'/],
    [['lookup', 'cloudflare', 'ml', '--bogus'], 2, /unknown option '--bogus'/],
    [['frobnicate'], 2, /unknown command 'frobnicate'/],
    [
      ['lookup', 'cloudflare', 'ml', '--fx', 'GBP=abc', '--currency', 'USD'],
      2,
      /--fx: "GBP=abc" is not a believable rate/,
    ],
    // A US-dollar rate other than 1 means nothing in a table of "one unit in US dollars": refused even when unused.
    [
      ['lookup', 'cloudflare', 'ml', '--fx', 'USD=0.79'],
      2,
      /--fx: "USD=0.79": USD is always 1[\s\S]*one unit of the currency in US dollars/,
    ],
    [
      ['evaluate', 'cloudflare', 'ml', '--region', 'London', '--base', '150k', '--fx', 'GBP=0'],
      2,
      /--fx: "GBP=0" is not a believable rate \(it must be between 0.000001 and 1,000,000\)/,
    ],
    [['compare', 'a.yaml', 'b.yaml', '--fx', 'EUR=-1'], 2, /--fx: "EUR=-1" is not a believable rate/],
  ])('%j exits %d', async (argv, code, stderr) => {
    const r = await runCli(argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(stderr);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('data sources and broken guides', () => {
  const dir = tempTree({
    'good.md': guideText(),
    'bad.md': guideText({ role: 'bad-role' }).replace('base_low: 150000', 'base_low: -1'),
  });
  test('--data adds guides; a broken one is skipped with one line naming the file', async () => {
    const r = await runCli(['list', '--data', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/acme-corp\s+data-engineer\s+Zürich/);
    expect(r.stdout).toMatch(/cloudflare-workers/);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^warning: skipped .*bad\.md:11: "compensation\[0\]\.base_low" is negative/),
    ]);
  });
  test('--no-bundled drops the bundled guides; NEGOTIATE_DATA adds folders', async () => {
    const r = await runCli(['list', 'companies', '--no-bundled', '--json', '-q'], { env: { NEGOTIATE_DATA: dir } });
    expect(JSON.parse(r.stdout)).toEqual({ companies: [{ slug: 'acme-corp', name: 'Acme Corp' }] });
    expect(r.stderr).toBe('');
  });
  test('diacritics ignored in regions', async () => {
    const r = await runCli(['lookup', 'acme', 'data-engineer', '--region', 'zurich', '--data', dir, '--json', '-q']);
    expect(JSON.parse(r.stdout).bands[0].region).toBe('Zürich');
  });
  test('asking for the broken guide exits 3', async () => {
    const r = await runCli(['lookup', 'acme', 'bad-role', '--data', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error: the guide for acme-corp bad-role is invalid: .*bad\.md:11/);
  });
  test('a --data folder that does not exist exits 3', async () => {
    const r = await runCli(['list', '--data', '/nonexistent/guides']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/data folder \/nonexistent\/guides cannot be read: it does not exist/);
  });
  test('an empty list is not an error', async () => {
    const empty = tempTree({});
    const r = await runCli(['list', '--no-bundled', '--data', empty]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse((await runCli(['list', 'regions', '--no-bundled', '--data', empty, '--json'])).stdout)).toEqual({
      regions: [],
    });
  });
});

describe('list, show, levers', () => {
  test('list kinds', async () => {
    expect(JSON.parse((await runCli(['list', 'regions', '--json'])).stdout)).toEqual({
      regions: ['Austin', 'London', 'San Francisco'],
    });
    expect(JSON.parse((await runCli(['list', 'roles', '--company', 'cloudflare', '--json'])).stdout)).toEqual({
      roles: [{ slug: 'ml-ai-engineer', name: 'ML/AI Engineer' }],
    });
    expect((await runCli(['list', 'widgets'])).code).toBe(2);
  });

  test('show prints the repaired guide', async () => {
    const r = await runCli(['show', 'cloudflare-workers', 'ml-ai-engineer', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cloudflare Workers AI Edge Inference Lever');
    expect(r.stdout).toContain('London         £132K–£170K');
    expect(r.stdout).toContain('│ Negotiate Up Strategy: "I\'m targeting $248K base');
    expect(r.stdout).not.toMatch(/â€|Â£|ðŸ|ï¸|\*\*/);
  });

  test('levers lists number, title and script', async () => {
    const r = await runCli(['levers', 'cloudflare-workers', 'ml-ai-engineer', '--json']);
    const d = JSON.parse(r.stdout);
    expect(d.levers.map((l: { number: number; title: string }) => `${l.number} ${l.title}`)).toEqual([
      '1 Edge AI Inference Optimization',
      '2 Workers AI Model Serving',
      '3 AI Gateway Platform',
      '4 AWS Inferentia/Google TPU/Meta Competition',
    ]);
    const text = await runCli(['levers', 'cloudflare-workers', 'ml-ai-engineer']);
    expect(text.stdout).toMatch(/^1\. Edge AI Inference Optimization\n {3}“I optimize AI model inference/);
  });
});

describe('output discipline', () => {
  const evil = tempTree({
    'evil.md': guideText({
      company: 'evil-co',
      extra: 'negotiation_dna_summary: "x"\n',
    })
      .replace('company_display: Acme Corp', 'company_display: "Evil\\e]0;pwned\\u0007 Co\\e[31m\\r\\b"')
      .replace('region: Zürich', 'region: "Zu\\e[2Jrich\\u009b1m"')
      .replace('I run pipelines at scale.', 'I run \u001b]8;;http://x\u0007pipelines\u001b]8;;\u0007 at scale.'),
  });
  test.each([['lookup', 'evil', 'data'], ['show', 'evil', 'data'], ['levers', 'evil', 'data'], ['list']])(
    '%s neutralises escape sequences from guides',
    async (...argv) => {
      const r = await runCli([...argv, '--data', evil, '-q']);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      const coloured = await runCli([...argv, '--data', evil, '-q', '--color', 'always']);
      // With colour forced, the only escapes left are our own SGR colour codes.
      expect(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(coloured.stdout).toMatch(/\u001b\[/);
    },
  );
  test('JSON keeps such text as ordinary escaped strings', async () => {
    const r = await runCli(['lookup', 'evil', 'data', '--data', evil, '--json', '-q']);
    expect(JSON.parse(r.stdout).company.name).toBe('Evil\u001b]0;pwned\u0007 Co\u001b[31m\r\b');
    expect(r.stdout).not.toMatch(/\u001b/);
  });

  test.each([
    [{}, true, 'auto', true],
    [{}, false, 'auto', false],
    [{ NO_COLOR: '1' }, true, 'auto', false],
    [{ TERM: 'dumb' }, true, 'auto', false],
    [{}, true, 'never', false],
    [{}, false, 'always', true],
    [{ NO_COLOR: '1' }, false, 'always', true],
  ])('colour: env %j, tty %s, --color %s → %s', async (env, tty, mode, coloured) => {
    const r = await runCli(['lookup', 'cloudflare', 'ml', '--color', mode, '-q'], { env, tty });
    expect(/\u001b\[/.test(r.stdout)).toBe(coloured);
  });

  test('--color with a bad value is a usage error', async () => {
    expect((await runCli(['list', '--color', 'sometimes'])).code).toBe(2);
  });

  test('help and version exit 0 on stdout', async () => {
    const help = await runCli(['lookup', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n {2}negotiate lookup cloudflare-workers/);
    const v = await runCli(['--version']);
    expect(v).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const none = await runCli([]);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/Usage: negotiate/);
  });
});

describe('errors on stderr', () => {
  test.each([
    ['never', false],
    ['always', true],
    ['auto', true],
  ])('the error line follows --color %s on a terminal', async (mode, coloured) => {
    const r = await runCli(['lookup', 'zz-no-such-company', 'ml', '--color', mode], { tty: true });
    expect(r.code).toBe(1);
    expect(/\u001b\[/.test(r.stderr)).toBe(coloured);
  });

  test.each([
    [undefined, false],
    ['0', false],
    ['', false],
    ['1', true],
  ])('an internal error (a bug) prints one line; NEGOTIATE_DEBUG=%j shows a stack: %s', async (debug, stack) => {
    let stderr = '';
    // A data folder without fx.yaml makes the currency table unreadable: not a user error, a broken install.
    const code = await run(['lookup', 'cloudflare', 'ml', '--currency', 'EUR'], {
      env: testEnv({ NEGOTIATE_DEBUG: debug, NEGOTIATE_NO_CACHE: '1' }),
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      stdinIsTTY: false,
      dataDir: tempTree({ 'guides/g.md': guideText({ company: 'cloudflare', role: 'ml' }) }),
    });
    expect(code).toBe(70);
    expect(stderr).toMatch(
      stack ? /\n\s+at / : /^negotiate: internal error: .*fx\.yaml[\s\S]*NEGOTIATE_DEBUG=1 shows the stack/,
    );
    if (!stack) expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('NEGOTIATE_TODAY', () => {
  test.each([
    ['2026-02-30', 2],
    ['2026-13-01', 2],
    ['29/11/2026', 2],
    ['26-11-29', 2],
    ['2026-11-29 ', 2],
    ['tomorrow', 2],
    ['2024-02-29', 0],
    ['', 0],
  ])('NEGOTIATE_TODAY=%j → exit %i', async (today, code) => {
    const r = await runCli(['list', 'companies'], { env: { NEGOTIATE_TODAY: today } });
    expect(r.code).toBe(code);
    if (code === 2)
      expect(r.stderr).toBe(
        `negotiate: error: NEGOTIATE_TODAY: "${today}" is not a date\n  set it to a real date as YYYY-MM-DD, e.g. NEGOTIATE_TODAY=2026-11-29, or unset it to use the real date\n`,
      );
    else expect(r.stderr).toBe('');
  });

  test('a pinned date is what the command sees: staleness follows it', async () => {
    const before = await runCli(['lookup', 'cloudflare', 'ml', '--json'], { env: { NEGOTIATE_TODAY: '2026-03-01' } });
    const after = await runCli(['lookup', 'cloudflare', 'ml', '--json'], { env: { NEGOTIATE_TODAY: '2027-03-01' } });
    expect([JSON.parse(before.stdout).stale, JSON.parse(after.stdout).stale]).toEqual([false, true]);
  });

  test('tab completion ignores a bad value (commands report it)', async () => {
    const r = await runCli(['__complete', '--', 'lookup', 'cloud'], { env: { NEGOTIATE_TODAY: 'bad' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cloudflare-workers');
  });
});
