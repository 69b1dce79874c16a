// Every command's --help shows examples, and every example is a command line that runs.
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { guideText, runCli, SEED } from './helpers.js';

/** Splits a command line as a POSIX shell would for these simple lines; refuses what would expand. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      const end = line.indexOf('"', i + 1);
      const inner = line.slice(i + 1, end);
      // In double quotes the shell expands $…: "Google=$420k" would reach us as "Google=20k".
      if (/\$/.test(inner)) throw new Error(`"${inner}" expands $ in a shell: use single quotes`);
      word = (word ?? '') + inner;
      i = end;
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '$' || ch === '`') throw new Error(`${line}: unquoted ${ch} expands in a shell`);
    else word = (word ?? '') + ch;
  }
  if (word !== null) words.push(word);
  return words;
}

/** The negotiate part of an example line: after `<(`, before a pipe, redirection or a comment. */
function exampleArgv(line: string): string[] {
  const m = /negotiate\b(.*)$/.exec(line)!;
  const rest = m[1].replace(/\s+\(.*\)\s*$/, '').replace(/\)$/, '');
  const cut = rest.search(/\s[|>]\s/);
  return shellWords(cut >= 0 ? rest.slice(0, cut) : rest);
}

/** An offer letter, for extract's examples. */
const LETTER =
  'Dear Sam,\n\nCloudflare Ltd is pleased to offer you the role of ML/AI Engineer, based in London.\nYour gross annual salary will be £150,000.\n';

const OFFER = (base: number) =>
  `company: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\nbase: ${base}\nstock: 200k\nbonus_pct: 10\n`;

/**
 * What the user of an example already has: the offer files and guides it names (created in the current
 * folder when missing), and its `*` patterns expanded as a shell would.
 */
function prepareFiles(argv: string[]): string[] {
  let n = 0;
  for (const w of argv) {
    if (/^[\w.-]+\.ya?ml$/.test(w) && !existsSync(w)) writeFileSync(w, OFFER(140_000 + 5_000 * n++));
    if (/^[\w.-]+\.md$/.test(w) && !existsSync(w)) writeFileSync(w, guideText());
    if (/^posting[\w.-]*\.(?:txt|html)$/.test(w) && !existsSync(w))
      writeFileSync(
        w,
        'Senior Engineer at Initech\nLocation: Austin, TX\nThe salary range is $150,000 - $180,000 per year.\n',
      );
    if (/^[\w.-]+\.txt$/.test(w) && !existsSync(w)) writeFileSync(w, LETTER);
  }
  return argv.flatMap((w) => {
    if (!w.includes('*')) return [w];
    const re = new RegExp(
      `^${w
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')}$`,
    );
    const found = readdirSync('.')
      .filter((f) => re.test(f))
      .sort();
    return found.length ? found : [w];
  });
}

async function commandNames(): Promise<string[]> {
  const r = await runCli(['__complete', '--', '']);
  return r.stdout.split('\n').filter((c) => c && c !== 'help');
}

function examplesOf(help: string): string[] {
  const at = help.search(/^Examples?:$/m);
  if (at < 0) return [];
  return help
    .slice(at)
    .split('\n')
    .slice(1)
    .filter((l) => /^ {2}\S/.test(l) && /\bnegotiate\b/.test(l))
    .map((l) => l.trim());
}

describe('help shows real examples', () => {
  // A folder the examples run in, with a guides/ folder and an offer file (prepareFiles adds what else they name).
  const cwd = process.cwd();
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'negotiate-examples-'));
    cpSync(SEED, join(dir, 'guides', 'seed.md'), { recursive: true });
    writeFileSync(join(dir, 'offer.yaml'), OFFER(150_000));
    // compare's examples compare two more offers with this one.
    writeFileSync(
      join(dir, 'london.yaml'),
      'label: London\ncompany: cloudflare-workers\nrole: ml-ai-engineer\nregion: London\nbase: 160k\n',
    );
    writeFileSync(
      join(dir, 'sf.yaml'),
      'label: SF\ncompany: cloudflare-workers\nrole: ml-ai-engineer\nregion: San Francisco\nbase: 230k\n',
    );
    process.chdir(dir);
  });
  afterAll(() => process.chdir(cwd));

  test('the top-level help and `negotiate` alone show examples', async () => {
    for (const argv of [['--help'], []]) {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      expect(examplesOf(r.stdout).length).toBeGreaterThanOrEqual(3);
    }
  });

  test('every command has examples in --help and in `help <command>`', async () => {
    const names = await commandNames();
    expect(names).toEqual(expect.arrayContaining(['lookup', 'list', 'show', 'levers', 'search', 'completion']));
    for (const name of names) {
      const viaFlag = await runCli([name, '--help']);
      const viaHelp = await runCli(['help', name]);
      expect(viaFlag.code, name).toBe(0);
      expect(viaHelp.stdout, name).toBe(viaFlag.stdout);
      expect(
        examplesOf(viaFlag.stdout).filter((e) => exampleArgv(e)[0] === name),
        `${name} --help examples`,
      ).not.toEqual([]);
    }
  });

  test('every example runs: no usage error, and exit 0 (or 4 for --fail-below)', async () => {
    const lines = [...examplesOf((await runCli(['--help'])).stdout)];
    for (const name of await commandNames()) lines.push(...examplesOf((await runCli([name, '--help'])).stdout));
    const failures: string[] = [];
    for (const line of lines) {
      // An interactive example runs only on a terminal; without one it must ask for the missing flags (exit 2).
      const interactive = /\(on a terminal/.test(line);
      let argv: string[];
      try {
        argv = exampleArgv(line);
      } catch (err) {
        failures.push(`${line}: ${(err as Error).message}`);
        continue;
      }
      const r = await runCli([...prepareFiles(argv), '-q']);
      const fine = interactive ? r.code === 2 : r.code === 0 || (r.code === 4 && argv.includes('--fail-below'));
      if (!fine) failures.push(`${line}: exit ${r.code}: ${r.stderr.trim()}`);
    }
    expect(failures).toEqual([]);
    expect(lines.length).toBeGreaterThan(15);
  });
});

describe('shared options', () => {
  /** The lines of one option in a help text: its flag line and the wrapped lines under it. */
  const optionHelp = (help: string, flag: string) => {
    const lines = help.split('\n');
    const at = lines.findIndex((l) => l.trimStart().startsWith(flag));
    if (at < 0) return null;
    const out = [lines[at]];
    for (let i = at + 1; i < lines.length && /^ {6,}\S/.test(lines[i]); i++) out.push(lines[i]);
    return out
      .map((l) => l.trim())
      .join(' ')
      .slice(flag.length)
      .trim();
  };

  test('every command --help lists the global options', async () => {
    for (const name of await commandNames()) {
      const help = (await runCli([name, '--help'])).stdout;
      expect(help, name).toMatch(/^Global Options:$/m);
      for (const flag of ['--json', '--data <dir>', '--no-bundled', '--color <when>', '-q, --quiet'])
        expect(optionHelp(help, flag), `${name} ${flag}`).not.toBeNull();
    }
  });

  test('--currency and --fx say the same in lookup, evaluate and compare (only the default differs)', async () => {
    const helps = await Promise.all(
      ['lookup', 'evaluate', 'compare'].map(async (c) => (await runCli([c, '--help'])).stdout),
    );
    const currency = helps.map((h) => optionHelp(h, '--currency <code>')!.replace(/ \(default: .*\)$/, ''));
    expect(currency[0]).toBe('show amounts in this currency (ISO 4217), converted at the bundled rates or --fx');
    expect(new Set(currency).size).toBe(1);
    expect(new Set(helps.map((h) => optionHelp(h, '--fx <CODE=RATE>'))).size).toBe(1);
  });
});
