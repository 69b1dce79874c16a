import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { describe, expect, test } from 'vitest';
import { completeWords, describeProgram, type CompletionData } from '../src/completion/complete.js';
import { COMMAND_FORMATS } from '../src/formats.js';
import { BIN, guideText, runCli, tempTree } from './helpers.js';

/** A small program shaped like negotiate's, and names from a fake index. */
function fixtureSpec() {
  const program = new Command('negotiate').option('--json').option('--data <dir>').option('--no-bundled');
  program.addOption(new Option('--color <when>').choices(['auto', 'always', 'never']));
  program
    .command('lookup')
    .argument('<company>')
    .argument('<role>')
    .option('--region <region>')
    .option('--currency <code>');
  program
    .command('evaluate')
    .argument('[company]')
    .argument('[role]')
    .option('--level <level>')
    .option('--offer <file>')
    .option('--vesting <schedule>');
  program.command('levels').argument('<company>').argument('<role>').option('--from <level>');
  program
    .command('draft')
    .option('--format <format>', 'text | email | markdown', 'text')
    .option('--levers <list>', 'lever numbers | names');
  program.command('secret', { hidden: true });
  program.command('completion').addArgument(new Argument('<shell>').choices(['bash', 'zsh', 'fish']));
  return describeProgram(program);
}

const data: CompletionData = {
  companies: () => [
    { slug: 'acme-corp', name: 'Acme Corp' },
    { slug: 'beta-bank', name: 'Beta Bank' },
  ],
  roles: (company) =>
    company === 'acme'
      ? [{ slug: 'data-engineer', name: 'Data Engineer' }]
      : [
          { slug: 'data-engineer', name: 'Data Engineer' },
          { slug: 'sre', name: 'Site Reliability' },
        ],
  regions: (company, role) => (company && role ? ['Zürich'] : ['London', 'San Francisco', 'Zürich']),
  levels: () => ({ own: ['L3', 'L4'], others: ['Google L4', 'Google L5'] }),
  currencies: () => ['CHF', 'GBP', 'USD'],
};

describe('completeWords', () => {
  const spec = fixtureSpec();
  test.each([
    [[''], ['lookup', 'evaluate', 'levels', 'draft', 'completion', 'help']],
    [['l'], ['lookup', 'levels']],
    [['--json', 'lo'], ['lookup']],
    [['--data', 'x', 'lo'], ['lookup']],
    [
      ['lookup', ''],
      ['acme-corp', 'beta-bank'],
    ],
    [['lookup', 'beta b'], ['beta-bank']],
    [['lookup', 'acme', ''], ['data-engineer']],
    [
      ['lookup', 'beta-bank', ''],
      ['data-engineer', 'sre'],
    ],
    [['lookup', 'acme', 'data', '--region', ''], ['Zürich']],
    [
      ['lookup', '--region', ''],
      ['London', 'San Francisco', 'Zürich'],
    ],
    [['lookup', '--region', 'zu'], ['Zürich']],
    [['lookup', '--region', 'san\\ f'], ['San Francisco']],
    [['lookup', '--region', '"San'], ['San Francisco']],
    [['lookup', '--region', '=', 'Lo'], ['London']],
    [
      ['lookup', '--region', '='],
      ['London', 'San Francisco', 'Zürich'],
    ],
    [['lookup', '--region=Lo'], ['--region=London']],
    [
      ['lookup', '--region', 'London', ''],
      ['acme-corp', 'beta-bank'],
    ],
    [['lookup', '--cu'], ['--currency']],
    [['lookup', '--currency', 'g'], ['GBP']],
    [['--co'], ['--color']],
    [
      ['--color', ''],
      ['auto', 'always', 'never'],
    ],
    [['--color=n'], ['--color=never']],
    [
      ['evaluate', 'acme', 'data', '--level', ''],
      ['L3', 'L4', 'Google L4', 'Google L5'],
    ],
    [['evaluate', '--vesting', 'f'], ['front']],
    [
      ['levels', 'acme', 'data', '--from', 'g'],
      ['Google L4', 'Google L5'],
    ],
    [
      ['completion', ''],
      ['bash', 'zsh', 'fish'],
    ],
    [
      ['draft', '--format', ''],
      ['text', 'email', 'markdown'],
    ],
    [['draft', '--levers', ''], []],
    [['help', 'co'], ['completion']],
    [['lookup', 'acme', 'data', ''], []],
    [['nonsense', ''], []],
    [['secret', ''], []],
  ])('%j → %j', (words, expected) => {
    const r = completeWords(spec, words, data);
    expect(r.candidates).toEqual(expected);
    expect(r.directive).toBeNull();
  });

  test.each([
    [['--data', ''], ':dirs'],
    [['evaluate', '--offer', ''], ':files'],
    [['lookup', '--json', '--data=', ''], null],
  ])('%j asks the shell for %s', (words, directive) => {
    expect(completeWords(spec, words, data).directive).toBe(directive);
  });

  test.each(Object.entries(COMMAND_FORMATS))(
    '%s --format completes its formats, whatever its help says',
    (name, formats) => {
      const program = new Command('negotiate');
      program.command(name).option('--format <format>', 'the output');
      program.command('other').option('--format <format>', 'text | email');
      const programSpec = describeProgram(program);
      expect(completeWords(programSpec, [name, '--format', ''], data).candidates).toEqual(formats);
      expect(completeWords(programSpec, ['other', '--format', ''], data).candidates).toEqual([]);
    },
  );

  test('options of the command and the global ones; hidden commands never show', () => {
    const names = completeWords(spec, ['lookup', '--'], data).candidates;
    expect(names).toEqual(
      expect.arrayContaining(['--region', '--currency', '--json', '--data', '--no-bundled', '--color', '--help']),
    );
    expect(completeWords(spec, [''], data).candidates).not.toContain('secret');
  });
});

describe('negotiate __complete (the real program and the bundled guides)', () => {
  const complete = async (...words: string[]) =>
    (await runCli(['__complete', '--', ...words])).stdout.split('\n').filter(Boolean);

  test('commands come from the program itself, so every registered command completes', async () => {
    const help = await runCli(['--help']);
    const commandsSection = help.stdout.slice(help.stdout.indexOf('\nCommands:\n')).split('\n\n')[0];
    const listed = [...commandsSection.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
      .map((m) => m[1])
      .filter((c) => c !== 'help');
    expect(listed.length).toBeGreaterThan(5);
    const completed = await complete('');
    expect(completed).toEqual(expect.arrayContaining([...listed, 'help', 'search', 'completion']));
    expect(completed).not.toContain('__complete');
  });

  test('names come from the loaded guides, narrowed by what is typed', async () => {
    expect(await complete('lookup', '')).toEqual(['cloudflare-workers']);
    expect(await complete('lookup', 'cloudflare', '')).toEqual(['ml-ai-engineer']);
    expect(await complete('lookup', 'cloudflare', 'ml', '--region', '')).toEqual(['Austin', 'London', 'San Francisco']);
    expect(await complete('list', 'r')).toEqual(['roles', 'regions']);
  });

  test('--data and --no-bundled among the words change the names', async () => {
    const dir = tempTree({ 'a.md': guideText() });
    expect(await complete('--no-bundled', '--data', dir, 'lookup', '')).toEqual(['acme-corp']);
    expect(await complete('lookup', '--data', dir, '')).toEqual(['acme-corp', 'cloudflare-workers']);
  });

  test('--describe (for fish) adds what commands and options are for, after a tab', async () => {
    const r = await runCli(['__complete', '--describe', '--', 'lo']);
    expect(r.stdout).toBe('lookup\tthe compensation bands of one guide\n');
    const opts = await runCli(['__complete', '--describe', '--', 'search', '--li']);
    expect(opts.stdout).toBe('--limit\tshow only the n best guides\n');
    expect((await runCli(['__complete', '--describe', '--', 'lookup', 'cl'])).stdout).toBe('cloudflare-workers\n');
  });

  test('never prints errors, even with a missing data folder or a stray word', async () => {
    for (const words of [
      ['--data', '/no/such/dir', 'lookup', ''],
      ['nonsense', ''],
    ]) {
      const r = await runCli(['__complete', '--', ...words]);
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  test('completion prints the script; an unknown shell is a usage error', async () => {
    const r = await runCli(['completion', 'fish']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# fish completion for negotiate/);
    expect(r.stdout).toMatch(/complete -c negotiate -f -a '\(__negotiate_complete\)'/);
    expect((await runCli(['completion', 'zsh'])).stdout).toMatch(/^#compdef negotiate\n/);
    expect((await runCli(['completion', 'tcsh'])).code).toBe(2);
  });
});

describe('bash runs the script with its own completion machinery', () => {
  // A `negotiate` on PATH that runs the built binary, and a folder with a sub-folder for file completion.
  const root = tempTree({ 'work/guides-extra/.keep': '', 'work/offer.yaml': 'base: 1\n' });
  const binDir = join(root, 'bin');
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'negotiate'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(binDir, 'negotiate'), 0o755);

  /** Sources the script, then completes each line (words separated by spaces; a trailing space = empty word). */
  function bashComplete(lines: string[]): { spec: string; replies: string[][] } {
    const script = [
      'set -u',
      'source <(negotiate completion bash)',
      'complete -p negotiate',
      'try() { COMP_LINE=$1; COMP_POINT=${#1}; read -r -a COMP_WORDS <<< "$1"; [[ $1 == *" " ]] && COMP_WORDS+=(""); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));',
      '  COMPREPLY=(); _negotiate_complete negotiate "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; echo "--- ${#COMPREPLY[@]}"; printf "%s\\n" "${COMPREPLY[@]}"; }',
      ...lines.map((l) => `try ${JSON.stringify(l)}`),
    ].join('\n');
    const r = spawnSync('bash', ['-c', script], {
      cwd: join(root, 'work'),
      env: { PATH: `${binDir}:${process.env.PATH}`, HOME: root, NEGOTIATE_TODAY: '2026-11-29' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [spec, ...blocks] = r.stdout.split(/^--- \d+\n/m);
    return { spec: spec.trim(), replies: blocks.map((b) => b.split('\n').filter(Boolean)) };
  }

  test('complete -p, then COMP_WORDS/COMP_CWORD through the function into COMPREPLY', () => {
    // Few lines: each one runs the real binary (the cases themselves are covered by completeWords above).
    const { spec, replies } = bashComplete([
      'negotiate ',
      'negotiate lookup cloudflare-workers ml-ai-engineer --region San',
      'negotiate --data ',
      'negotiate lookup cl',
    ]);
    expect(spec).toBe('complete -F _negotiate_complete negotiate');
    expect(replies).toEqual([
      expect.arrayContaining(['lookup', 'list', 'show', 'levers', 'search', 'completion', 'help']),
      ['San\\ Francisco'],
      ['guides-extra'],
      ['cloudflare-workers'],
    ]);
  });
});
