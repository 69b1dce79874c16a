// Hostile folders: symlink loops, unreadable files and folders (as an unprivileged user: we may run as
// root, who reads everything), a --data that is a file or missing, thousands of files with a few bad ones.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { guideText, ROOT, runCli, tempTree } from '../helpers.js';

describe('symlinks', () => {
  test('a loop back to the root, a two-link cycle, a dangling link: the good guide is found once', async () => {
    const dir = tempTree({
      'good.md': guideText(),
      'sub/other.md': guideText({ company: 'other-co' }).replace('Acme Corp', 'Other'),
    });
    symlinkSync(dir, join(dir, 'loop'));
    symlinkSync(join(dir, 'sub'), join(dir, 'sub', 'back-up'));
    symlinkSync(join(dir, 'b.md'), join(dir, 'a.md'));
    symlinkSync(join(dir, 'a.md'), join(dir, 'b.md'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.md'));
    const r = await runCli(['--no-bundled', '--data', dir, '--json', 'list']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).guides.map((g: { company: { slug: string } }) => g.company.slug)).toEqual([
      'acme-corp',
      'other-co',
    ]);
    expect(r.stderr).toMatch(/a\.md: cannot be read: too many symbolic links/);
    expect(r.stderr).toMatch(/dangling\.md: cannot be read: it does not exist/);
  });
});

describe('--data that is not a folder', () => {
  test.each([
    ['a file', () => join(tempTree({ 'x.md': guideText() }), 'x.md'), /is not a folder/],
    ['missing', () => join(tmpdir(), 'negotiate-no-such-folder', 'x'), /cannot be read: it does not exist/],
    [
      'a dangling link',
      () => {
        const d = tempTree({});
        symlinkSync(join(d, 'nowhere'), join(d, 'link'));
        return join(d, 'link');
      },
      /does not exist/,
    ],
  ])('%s: exit 3 with a clear message', async (_name, path, message) => {
    const p = path();
    for (const env of [{}, { NEGOTIATE_DATA: p }]) {
      const r = await runCli(env.NEGOTIATE_DATA ? ['list'] : ['--data', p, 'list'], { env });
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('thousands of files with a few bad ones', () => {
  test('1,500 guides, 5 bad ones: every good guide answers, each bad one is one warning', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`g/${i % 30}/guide-${i}.md`] = guideText({ company: `co-${i}` });
    files['g/bad-yaml.md'] = '---\ncompany: [\n---\n';
    files['g/bad-bomb.md'] =
      '---\na: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\n';
    files['g/bad-currency.md'] = guideText({ company: 'bad-cur' }).replace('currency: CHF', 'currency: XYZ');
    files['g/bad-js.md'] = '---js\n{ company: "x" }\n---\n';
    files['g/bad-binary.md'] = `---\n\u0000\u0000\n---\n`;
    files['g/notes.txt'] = 'just notes, no front matter';
    const dir = tempTree(files);
    const r = await runCli(['--no-bundled', '--data', dir, '--json', 'list', 'companies']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).companies).toHaveLength(1500);
    expect(r.stderr.trim().split('\n')).toHaveLength(5);
    const one = await runCli(['--no-bundled', '--data', dir, 'lookup', 'co-1499', 'data-engineer', '-q']);
    expect(one.code).toBe(0);
  });
});

/** Runs the built CLI as nobody (uid 65534), from a copy that user can read. */
function asNobody(
  argv: string[],
  extraEnv: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const install = mkdtempSync(join(tmpdir(), 'negotiate-nobody-'));
  for (const part of ['bin', 'dist', 'data', 'package.json'])
    cpSync(join(ROOT, part), join(install, part), { recursive: true });
  chmodSync(install, 0o755);
  const env = {
    PATH: process.env.PATH,
    HOME: install,
    NEGOTIATE_TODAY: '2026-11-29',
    NEGOTIATE_NO_CACHE: '1',
    ...extraEnv,
  };
  const node = [process.execPath, join(install, 'bin', 'negotiate.cjs'), ...argv];
  const root = process.getuid?.() === 0;
  // As root, drop to nobody; as anyone else, the permission bits already apply to us.
  const cmd = root ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  const r = spawnSync(cmd[0], cmd.slice(1), { env, encoding: 'utf8', input: '', timeout: 30_000 });
  if (r.error) throw new Error(`cannot run ${cmd[0]}: ${r.error.message} (setpriv is part of util-linux)`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('unreadable files and folders (as an unprivileged user)', () => {
  test('the unreadable file and folder are warned about; the good guide answers', () => {
    const dir = tempTree({
      'good.md': guideText(),
      'locked.md': guideText({ company: 'locked-co' }),
      'closed/inner.md': guideText({ company: 'inner-co' }),
    });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'good.md'), 0o644);
    chmodSync(join(dir, 'locked.md'), 0o000);
    chmodSync(join(dir, 'closed'), 0o000);
    const probe = asNobody(['--version']);
    expect(probe.code, `the test user cannot run the CLI: ${probe.stderr}`).toBe(0);
    const r = asNobody(['--no-bundled', '--data', dir, '--json', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).guides.map((g: { company: { slug: string } }) => g.company.slug)).toEqual([
      'acme-corp',
    ]);
    expect(r.stderr).toMatch(/locked\.md: cannot be read: permission denied/);
    expect(r.stderr).toMatch(/closed: folder cannot be read: permission denied/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // Asking for the unreadable guide by name is "unknown", never a crash.
    expect(asNobody(['--no-bundled', '--data', dir, 'lookup', 'locked-co', 'data']).code).toBe(1);
  });

  test('with the index cache: the unreadable folder and file are reported on every run, and the cache is not rewritten for them', async () => {
    const dir = tempTree({
      'good.md': guideText(),
      'locked.md': guideText({ company: 'locked-co' }),
      'closed/inner.md': guideText({ company: 'inner-co' }),
    });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'good.md'), 0o644);
    chmodSync(join(dir, 'locked.md'), 0o000);
    chmodSync(join(dir, 'closed'), 0o000);
    // The cache folder is the test user's own and private (one another user can write to is not used).
    const cache = mkdtempSync(join(tmpdir(), 'negotiate-nobody-cache-'));
    chmodSync(cache, 0o700);
    if (process.getuid?.() === 0) chownSync(cache, 65534, 65534);
    // No "too recent to trust" window (it is injected, not slept across), so that an unchanged run writes nothing.
    const env = { NEGOTIATE_NO_CACHE: '0', NEGOTIATE_CACHE_DIR: cache, NEGOTIATE_CACHE_RACY_MS: '0' };
    const inodes: number[] = [];
    for (let run = 0; run < 3; run++) {
      const r = asNobody(['--no-bundled', '--data', dir, 'lookup', 'acme', 'data', '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/locked\.md: cannot be read: permission denied/);
      expect(r.stderr).toMatch(/closed: folder cannot be read: permission denied/);
      const files = readdirSync(cache);
      expect(files).toHaveLength(1);
      inodes.push(statSync(join(cache, files[0])).ino);
    }
    expect(new Set(inodes).size).toBe(1);
  }, 30_000);

  test('an unreadable --data folder: exit 3 with a clear message', () => {
    const parent = tempTree({ 'closed/g.md': guideText() });
    chmodSync(parent, 0o755);
    chmodSync(join(parent, 'closed'), 0o000);
    const r = asNobody(['--no-bundled', '--data', join(parent, 'closed'), 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/closed.*(cannot be read|permission denied)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('validate reports an unreadable file as an error (exit 3)', () => {
    const dir = tempTree({ 'good.md': guideText(), 'locked.md': guideText({ company: 'locked-co' }) });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'good.md'), 0o644);
    chmodSync(join(dir, 'locked.md'), 0o000);
    const r = asNobody(['--no-bundled', 'validate', dir]);
    expect(r.code).toBe(3);
    expect(`${r.stdout}${r.stderr}`).toMatch(/locked\.md[\s\S]*permission denied/);
  });
});
