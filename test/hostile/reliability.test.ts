// Reliability and security (issue 28): one spawn test per class of defect: the data folder as a tree the
// user owns, one escaping of names, a cache nobody else can trip, bounded input, template caps, long names,
// the cliff, signals, output streams, save names, the local date. Each spawned run has a timeout: a hang fails.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  statSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cacheFile } from '../../src/index/cache.js';
import { BIN, guideText, spawnCli, tempTree, testEnv } from '../helpers.js';

const NO_STACK = /\n\s+at |internal error/;
const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);
const companies = (stdout: string): string[] =>
  JSON.parse(stdout).guides.map((g: { company: { slug: string } }) => g.company.slug);

describe('the data folder is a tree the user owns', () => {
  test('links leaving it, a loop and nesting deeper than 32 are skipped, one note each; links inside it are followed', () => {
    const root = tempTree({
      'outside/secret.md': guideText({ company: 'secret-co' }),
      'data/good.md': guideText(),
      'data/store/kept.dat': guideText({ company: 'kept-co' }),
    });
    const data = join(root, 'data');
    symlinkSync('/', join(data, 'everything'));
    symlinkSync('..', join(data, 'up'));
    symlinkSync('../outside/secret.md', join(data, 'secret.md'));
    symlinkSync('store/kept.dat', join(data, 'kept.md'));
    symlinkSync('.', join(data, 'self'));
    let deep = join(data, 'deep');
    for (let i = 0; i < 40; i++) deep = join(deep, `d${i}`);
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'bottom.md'), guideText({ company: 'bottom-co' }));
    // The folder named is itself a link.
    const named = join(root, 'named');
    symlinkSync(data, named);
    const r = spawnCli(['--no-bundled', '--data', named, '--json', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(companies(r.stdout).sort()).toEqual(['acme-corp', 'kept-co']);
    const notes = r.stderr.trim().split('\n');
    expect(notes).toHaveLength(5);
    expect(r.stderr).toMatch(/everything: a link that leads outside the data folder/);
    expect(r.stderr).toMatch(/up: a link that leads outside the data folder/);
    expect(r.stderr).toMatch(/secret\.md: a link that leads outside the data folder/);
    expect(r.stderr).toMatch(/self: a folder loaded already \(a loop/);
    expect(r.stderr).toMatch(/d29\/d30\/d31: nested deeper than 32 folders/);
    // validate names them as warnings (not errors: the folder is fine).
    const v = spawnCli(['--no-bundled', 'validate', named, '--json']);
    expect(v.code, v.stderr).toBe(0);
  });

  test('a file name that is not UTF-8 loads, and is shown escaped', () => {
    const dir = tempTree({});
    writeFileSync(
      Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.md')]),
      guideText({ company: 'cafe-co' }),
    );
    writeFileSync(
      Buffer.concat([Buffer.from(`${dir}/bad`), Buffer.from([0xff]), Buffer.from('.md')]),
      '---\ncompany: x\n---\n',
    );
    for (const run of [1, 2]) {
      const r = spawnCli(['--no-bundled', '--data', dir, '--json', 'list']);
      expect(r.code, `run ${run}: ${r.stderr}`).toBe(0);
      expect(companies(r.stdout)).toEqual(['cafe-co']);
      expect(r.stderr).toContain('bad\\xff.md');
    }
    const v = spawnCli(['--no-bundled', 'validate', dir]);
    expect(v.stdout).toContain('2 files checked, 1 with problems');
    expect(v.stdout).not.toContain('\ufffd');
  });
});

describe('one escaping for every name from a file', () => {
  test('a newline or escape sequence in a file name cannot forge a line on stderr or stdout', () => {
    const dir = tempTree({ 'good.md': guideText() });
    writeFileSync(join(dir, 'x\nnegotiate: error: forged.md'), '---\ncompany: x\n---\n');
    writeFileSync(join(dir, 'y\u001b[31m\u009b2J.md'), '---\ncompany: y\n---\n');
    const r = spawnCli(['--no-bundled', '--data', dir, 'list']);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.startsWith('warning: skipped '))).toBe(true);
    expect(r.stderr).toContain('x\\nnegotiate: error: forged.md');
    expect(r.stderr).toContain('y\\x1b[31m\\x9b2J.md');
    const v = spawnCli(['--no-bundled', 'validate', dir]);
    expect(v.stdout).not.toMatch(/^negotiate: error: forged/m);
    expect(v.stdout).toContain('x\\nnegotiate: error: forged.md');
    expect(v.stdout).not.toMatch(/[\u001b\u009b]/);
  });
});

describe('a cache nobody else can trip', () => {
  const data = tempTree({ 'g.md': guideText() });
  const lookup = (cache: string) =>
    spawnCli(['--no-bundled', '--data', data, '--json', 'lookup', 'acme', 'data'], {
      env: { NEGOTIATE_CACHE_DIR: cache },
    });

  test('the cache folder is created private (0700)', () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'negotiate-c-')), 'new', 'cache');
    expect(lookup(cache).code).toBe(0);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(readdirSync(cache)).toHaveLength(1);
  });

  test('a cache folder another user can write to is not used, with a note; the answer is the same', () => {
    const cache = mkdtempSync(join(tmpdir(), 'negotiate-c-'));
    chmodSync(cache, 0o777);
    const r = lookup(cache);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/not using the index cache .*another user can write to it/);
    expect(readdirSync(cache)).toEqual([]);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(lookup(mkdtempSync(join(tmpdir(), 'negotiate-c-'))).stdout));
  });

  test.each([
    ['a FIFO', (file: string) => mkfifo(file)],
    ['a link to /dev/zero', (file: string) => symlinkSync('/dev/zero', file)],
    ['a folder', (file: string) => mkdirSync(file)],
  ])('%s where the cache file goes: never waited on or followed; the answer is right', (_name, plant) => {
    const cache = mkdtempSync(join(tmpdir(), 'negotiate-c-'));
    plant(cacheFile(cache, data));
    const r = lookup(cache);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).company.slug).toBe('acme-corp');
  });

  test("a killed run's temporary file is removed by the next run; a live run's is kept", () => {
    const cache = mkdtempSync(join(tmpdir(), 'negotiate-c-'));
    // pid 60466175 ("zzzzz" in base 36) is above any pid_max: that process is gone.
    writeFileSync(join(cache, '.negotiate-zzzzz-abc.tmp'), 'x'.repeat(1000));
    const live = `.negotiate-${process.pid.toString(36)}-abc.tmp`;
    writeFileSync(join(cache, live), 'x');
    expect(lookup(cache).code).toBe(0);
    expect(readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([live]);
  });
});

describe('bounded input: offer, template and compared files', () => {
  const data = tempTree({ 'g.md': guideText() });
  const D = ['--no-bundled', '--data', data, '-q'];
  const fifo = join(mkdtempSync(join(tmpdir(), 'negotiate-f-')), 'fifo');
  mkfifo(fifo);
  const big = join(tempTree({ 'big.yaml': `base: 150000\n#${'x'.repeat(1024 * 1024)}\n` }), 'big.yaml');
  const folder = tempTree({});
  test.each([
    [['evaluate', '--offer', '/dev/zero'], /offer file \/dev\/zero is not a regular file/],
    [['evaluate', '--offer', fifo], /is not a regular file/],
    [['evaluate', '--offer', big], /too large .*at most 1 MiB/],
    [['evaluate', '--offer', folder], /it is a folder/],
    [['evaluate', '--offer', '/no/such/offer.yaml'], /it does not exist/],
    [['draft', 'acme', 'data', '--template', '/dev/zero'], /template \/dev\/zero is not a regular file/],
    [['draft', 'acme', 'data', '--template', fifo], /is not a regular file/],
    [['compare', '/dev/zero', big], /\/dev\/zero is not a regular file[\s\S]*too large/],
  ])('%j → exit 2 naming it, nothing read past the cap', (argv, message) => {
    const r = spawnCli([...D, ...argv]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('- reads the offer from standard input', () => {
    const r = spawnCli([...D, '--json', 'evaluate', 'acme', 'data', '--offer', '-'], {
      input: 'base: 160000\nregion: Zürich\n',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).offer.base).toBe(160000);
  });
});

describe('template caps', () => {
  const data = tempTree({
    'g.md': guideText({ body: '**Global Levers**\n\n1. **A:** "a"\n2. **B:** "b"\n3. **C:** "c"\n' }),
  });
  const draft = (template: string) =>
    spawnCli([
      '--no-bundled',
      '--data',
      data,
      '-q',
      'draft',
      'acme',
      'data',
      '--levers',
      '1,2,3',
      '--template',
      join(tempTree({ 't.txt': template }), 't.txt'),
    ]);
  test('sections nested deeper than 16 are a usage error naming the line', () => {
    const r = draft(`${'{{#levers}}\n'.repeat(17)}${'{{/levers}}\n'.repeat(17)}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/t\.txt:17: sections nest more than 16 deep/);
  });
  test('nested sections that multiply stop at the output cap, with a usage error', () => {
    const r = draft(`${'{{#levers}}\n'.repeat(16)}{{title}} {{script}}\n${'{{/levers}}\n'.repeat(16)}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the message would be larger than 1 MiB/);
  });
});

describe('names and search text over 200 characters', () => {
  const data = tempTree({ 'g.md': guideText() });
  const label = (argv: string[]) => argv.map((a) => (a.length > 20 ? `${a[0]}×${a.length}` : a)).join(' ');
  test.each(
    (
      [
        [['lookup', 'a'.repeat(201), 'data'], 2],
        [['lookup', 'a'.repeat(200), 'data'], 1],
        [['lookup', 'acme', 'd'.repeat(201)], 2],
        [['lookup', 'acme', 'data', '--region', 'z'.repeat(201)], 2],
        [['list', 'roles', '--company', 'a'.repeat(201)], 2],
        [['search', 'x'.repeat(100), 'y'.repeat(101)], 2],
        [['evaluate', 'a'.repeat(300), 'data', '--base', '1'], 2],
      ] as [string[], number][]
    ).map(([argv, code]) => [label(argv), code, argv] as const),
  )('%s → exit %i', (_label, code, argv) => {
    const r = spawnCli(['--no-bundled', '--data', data, ...argv]);
    expect(r.code, r.stderr).toBe(code);
    if (code === 2) expect(r.stderr).toMatch(/too long \(at most 200\)/);
  });
});

describe('a cliff longer than the vesting period', () => {
  const data = tempTree({ 'g.md': guideText(), 'offer.yaml': 'base: 150000\nstock: 100000\ncliff: 60\n' });
  test.each([
    [['evaluate', 'acme', 'data', '--base', '150k', '--stock', '100k', '--cliff', '60']],
    [['evaluate', 'acme', 'data', '--offer', join(data, 'offer.yaml')]],
    [['draft', 'acme', 'data', '--offer', join(data, 'offer.yaml')]],
    [['evaluate', 'acme', 'data', '--base', '150k', '--stock', '100k', '--vesting', 'front', '--cliff', '60']],
  ])('%j → exit 2 naming both', (argv) => {
    const r = spawnCli(['--no-bundled', '--data', data, '-q', ...argv]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('cliff of 60 months is longer than the 48-month vesting');
  });
});

describe('signals: SIGINT and SIGTERM end a cold index at once; no temporary file survives the next run', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 3000; i++) files[`g${i % 20}/guide-${i}.md`] = guideText({ company: `co-${i}` });
  const data = tempTree(files);

  test.each(['SIGTERM', 'SIGINT'] as const)(
    '%s while the index cache is being written',
    async (signal) => {
      const cache = mkdtempSync(join(tmpdir(), 'negotiate-sig-'));
      const child = spawn(process.execPath, [BIN, '--no-bundled', '--data', data, 'list', 'companies'], {
        env: testEnv({ NEGOTIATE_CACHE_DIR: cache }) as NodeJS.ProcessEnv,
        stdio: 'ignore',
      });
      const exited = new Promise<{ code: number | null; signal: string | null }>((done) =>
        child.on('exit', (code, sig) => done({ code, signal: sig })),
      );
      // Mid-indexing: the moment the temporary cache file appears (guides are read while it is written).
      const watcher = watch(cache, (_event, name) => {
        if (name && String(name).endsWith('.tmp')) child.kill(signal);
      });
      const end = await exited;
      watcher.close();
      expect(end.signal ?? end.code).toBe(signal);
      // The next run removes what the killed one left, and leaves no temporary file of its own.
      const next = spawnCli(['--no-bundled', '--data', data, '-q', 'lookup', 'co-7', 'data'], {
        env: { NEGOTIATE_CACHE_DIR: cache },
      });
      expect(next.code).toBe(0);
      expect(readdirSync(cache).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    },
    60_000,
  );
});

describe('output streams', () => {
  const data = tempTree({ 'g.md': guideText(), 'broken.md': '---\ncompany: x\n---\n' });
  const runTo = (out: 'full' | 'pipe', err: 'full' | 'pipe') => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, '--no-bundled', '--data', data, 'lookup', 'acme', 'data'], {
        env: testEnv() as NodeJS.ProcessEnv,
        stdio: ['ignore', out === 'full' ? full : 'pipe', err === 'full' ? full : 'pipe'],
        encoding: 'utf8',
        timeout: 30_000,
      });
      return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    } finally {
      closeSync(full);
    }
  };
  test.skipIf(!existsSync('/dev/full'))('>/dev/full: one line, exit 74', () => {
    const r = runTo('full', 'pipe');
    expect(r.code).toBe(74);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('negotiate: '))).toEqual([
      'negotiate: cannot write output: no space left on device',
    ]);
    expect(r.stderr).not.toMatch(NO_STACK);
  });
  test.skipIf(!existsSync('/dev/full'))(
    '2>/dev/full: the answer is written whole and the exit code is unchanged',
    () => {
      const r = runTo('pipe', 'full');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(spawnCli(['--no-bundled', '--data', data, '-q', 'lookup', 'acme', 'data']).stdout);
    },
  );
});

describe('save names', () => {
  const data = tempTree({ 'g.md': guideText() });
  const E = ['--no-bundled', '--data', data, '-q', 'evaluate', 'acme', 'data', '--base', '150k'];
  test("--save '' is a usage error", () => {
    const r = spawnCli([...E, '--save', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--save: the file name is empty/);
  });
  test('a 250-byte name saves, and nothing else is left beside it', () => {
    const dir = tempTree({});
    const name = `${'o'.repeat(245)}.yaml`;
    const r = spawnCli([...E, '--save', join(dir, name)]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
    expect(spawnCli([...E, '--save', join(dir, name)]).code).toBe(2);
  });
});

describe('today is the local date', () => {
  test('UTC+14 and UTC−12 never share a date (NEGOTIATE_TODAY unset), and NEGOTIATE_TODAY still wins', () => {
    const dir = tempTree({ 'g.md': guideText().replace('next_review_due: 2027-01-01', 'next_review_due: 2000-01-01') });
    const today = (env: Record<string, string | undefined>) => {
      const r = spawnCli(['--no-bundled', 'validate', dir, '--json'], { env });
      return /today is (\d{4}-\d{2}-\d{2})/.exec(r.stdout)?.[1];
    };
    const east = today({ NEGOTIATE_TODAY: undefined, TZ: 'Pacific/Kiritimati' });
    const west = today({ NEGOTIATE_TODAY: undefined, TZ: 'Etc/GMT+12' });
    expect(east).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(west! < east!).toBe(true);
    expect(today({ NEGOTIATE_TODAY: '2026-11-29', TZ: 'Pacific/Kiritimati' })).toBe('2026-11-29');
  });
});
