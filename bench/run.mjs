// npm run bench: start-up and index cost of `negotiate lookup`, measured side by side with bare `node -e 0`
// (and with `grep -rl` finding the same guide) in the same run, as medians of interleaved rounds.
//
//   npm run bench                      corpora of 1, 1,000 and 10,000 synthetic guides
//   npm run bench -- --100k            also 100,000 (or BENCH_100K=1); ~600 MB of disk under bench/corpus/
//   npm run bench -- --runs 21         rounds per case (default 11)
//
// Needs a built dist/ (npm run build). Corpora and caches live under bench/corpus/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { companySlug, generateCorpus } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'negotiate.cjs');
const CORPUS = join(ROOT, 'bench', 'corpus');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const RUNS = option('--runs', 11);
const SIZES = [1, 1000, 10000, ...(flag('--100k') || process.env.BENCH_100K === '1' ? [100000] : [])];

if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}

/** The environment of every measured process: no extra CA certificates (they add ~70 ms to any node start). */
function benchEnv(extra = {}) {
  const env = { ...process.env, NEGOTIATE_TODAY: '2026-11-29' };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NEGOTIATE_DATA;
  delete env.NEGOTIATE_NO_CACHE;
  // The caller's settings last: the no-cache row's NEGOTIATE_NO_CACHE=1 must survive the clean-up above.
  return { ...env, ...extra };
}

/** Runs a command once; returns wall milliseconds. Fails loudly when the command fails. */
function timeOnce(cmd, argv, env, okCodes = [0]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Peak resident memory (MB) of one run, from GNU time. */
function peakRss(cmd, argv, env) {
  if (!existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...argv], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : null;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const rows = [];
const loadBefore = loadavg();
const NODE = ['-e', '0'];

/** Measures cases in interleaved rounds, so that load changes hit every case alike. */
function measure(label, cases) {
  const times = cases.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    cases.forEach((c, i) => {
      c.before?.();
      times[i].push(timeOnce(c.cmd, c.argv, c.env, c.ok));
    });
  }
  const nodeMs = median(times[0]);
  const grepIdx = cases.findIndex((c) => c.grep);
  const grepMs = grepIdx >= 0 ? median(times[grepIdx]) : null;
  cases.forEach((c, i) => {
    const ms = median(times[i]);
    rows.push({
      corpus: label,
      case: c.name,
      ms,
      node: ms / nodeMs,
      grep: grepMs ? ms / grepMs : null,
      rss: c.rss ? peakRss(c.cmd, c.argv, c.env) : null,
      goal: c.goal ?? '',
    });
  });
}

for (const n of SIZES) {
  const cacheDir = join(CORPUS, `.cache-${n}`);
  const env = benchEnv({ NEGOTIATE_CACHE_DIR: cacheDir });
  const nodeCase = { name: 'node -e 0', cmd: process.execPath, argv: NODE, env };
  if (n === 1) {
    // The bundled guide, as a user types it.
    const lookup = [BIN, 'lookup', 'cloudflare-workers', 'ml-ai-engineer', '--json'];
    rmSync(cacheDir, { recursive: true, force: true });
    timeOnce(process.execPath, lookup, env);
    measure('bundled (1)', [
      nodeCase,
      { name: 'lookup --json (cached)', cmd: process.execPath, argv: lookup, env, rss: true, goal: '≤ 1.5× node' },
      {
        name: 'lookup --json (NEGOTIATE_NO_CACHE=1)',
        cmd: process.execPath,
        argv: lookup,
        env: benchEnv({ NEGOTIATE_NO_CACHE: '1' }),
      },
      { name: 'negotiate --version', cmd: process.execPath, argv: [BIN, '--version'], env },
    ]);
    continue;
  }
  process.stderr.write(`bench: corpus of ${n} guides… `);
  const dir = generateCorpus(join(CORPUS, String(n)), n);
  process.stderr.write('ready\n');
  const company = companySlug(Math.floor(n / 20));
  const lookup = [BIN, '--no-bundled', '--data', dir, 'lookup', company, 'data-engineer', '--json'];
  // Cold: no cache, the first lookup builds the index (fewer rounds: it is the slow case).
  const coldTimes = [];
  const coldRuns = n >= 100000 ? 3 : Math.min(RUNS, 5);
  for (let i = 0; i < coldRuns; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    coldTimes.push(timeOnce(process.execPath, lookup, env));
  }
  rmSync(cacheDir, { recursive: true, force: true });
  const coldRss = peakRss(process.execPath, lookup, env);
  const goals = n >= 100000 ? '≤ 3× node, RSS ≤ 200 MB' : n >= 10000 ? '≤ 2× node, < grep' : '';
  measure(`${n.toLocaleString('en')} guides`, [
    nodeCase,
    { name: 'lookup --json (cached)', cmd: process.execPath, argv: lookup, env, rss: true, goal: goals },
    {
      name: 'lookup --json (cached, NEGOTIATE_CACHE_CHECK=folders)',
      cmd: process.execPath,
      argv: lookup,
      env: { ...env, NEGOTIATE_CACHE_CHECK: 'folders' },
      rss: true,
    },
    { name: `grep -rl (finds the file)`, cmd: 'grep', argv: ['-rlx', `company: ${company}`, dir], env, grep: true },
    // The work of confirming the index, alone and in C: every folder read and every entry stat-ed. No
    // design that confirms each guide on each run is faster than this on the same machine.
    { name: 'find -newer (stats every file: the floor)', cmd: 'find', argv: [dir, '-newer', dir], env },
  ]);
  const nodeMs = rows.find((r) => r.corpus === `${n.toLocaleString('en')} guides` && r.case === 'node -e 0').ms;
  rows.push({
    corpus: `${n.toLocaleString('en')} guides`,
    case: `first lookup (builds the index), ${coldRuns} runs`,
    ms: median(coldTimes),
    node: median(coldTimes) / nodeMs,
    grep: null,
    rss: coldRss,
    goal: n === 10000 ? '≤ 3 s' : '',
  });
}
mkdirSync(CORPUS, { recursive: true });

const fmt = (x, d = 1) => (x === null || x === undefined ? '' : x.toFixed(d));
const table = [
  ['corpus', 'case', 'median ms', '× node -e 0', '× grep -rl', 'peak RSS MB', 'goal'],
  ...rows.map((r) => [r.corpus, r.case, fmt(r.ms), fmt(r.node, 2), fmt(r.grep, 2), fmt(r.rss, 0), r.goal]),
];
console.log(
  table.map((r, i) => `| ${r.join(' | ')} |${i === 0 ? `\n|${r.map(() => '---').join('|')}|` : ''}`).join('\n'),
);
console.log(
  `\n${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.versions.node}, ${RUNS} interleaved rounds per case; ` +
    `load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
);
