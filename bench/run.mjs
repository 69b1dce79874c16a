// npm run bench: start-up and index cost of `negotiate lookup`, measured side by side with bare `node -e 0`
// (and with `grep -rl` finding the same guide) in the same run, as medians of interleaved rounds.
//
//   npm run bench                      corpora of 1, 1,000 and 10,000 synthetic guides
//   npm run bench -- --100k            also 100,000 (or BENCH_100K=1); ~600 MB of disk under bench/corpus/
//   npm run bench -- --runs 21         rounds per case (default 11)
//   npm run bench -- --sizes 1,1000    only these corpora (a quick check of the bench itself)
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
const SIZES = args.includes('--sizes')
  ? args[args.indexOf('--sizes') + 1].split(',').map(Number)
  : [1, 1000, 10000, ...(flag('--100k') || process.env.BENCH_100K === '1' ? [100000] : [])];

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

/**
 * Measures cases in interleaved rounds, so that load changes hit every case alike. Each case's ratios are to
 * the first case (`node -e 0`) and, when it names one with `vs`, to that reference case (a grep over the same
 * folder). A goal is { text, met(row) }, checked against the medians.
 */
function measure(label, cases) {
  const times = cases.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    cases.forEach((c, i) => {
      c.before?.();
      times[i].push(timeOnce(c.cmd, c.argv, c.env, c.ok));
    });
  }
  const medians = times.map(median);
  cases.forEach((c, i) => {
    const ref = c.vs ? cases.findIndex((r) => r.name === c.vs) : -1;
    if (c.vs && ref < 0) throw new Error(`bench: no case named ${c.vs}`);
    const row = {
      corpus: label,
      case: c.name,
      ms: medians[i],
      node: medians[i] / medians[0],
      ref: ref >= 0 ? { name: cases[ref].name.split(' (')[0], ratio: medians[i] / medians[ref] } : null,
      rss: c.rss ? peakRss(c.cmd, c.argv, c.env) : null,
    };
    rows.push({ ...row, goal: c.goal?.text ?? '', met: c.goal ? c.goal.met(row) : null });
  });
}

/** The issue's guards (issue 27, "Must not regress"), as goals a row can meet or miss. */
const GOAL = {
  node: (x) => ({ text: `≤ ${x}× node -e 0`, met: (r) => r.node <= x }),
  ref: (x) => ({ text: `≤ ${x}× its grep`, met: (r) => r.ref.ratio <= x }),
  ms: (ms) => ({ text: `≤ ${ms / 1000} s`, met: (r) => r.ms <= ms }),
  rss: (mb) => ({ text: `peak RSS ≤ ${mb} MB`, met: (r) => r.rss !== null && r.rss <= mb }),
  and: (...goals) => ({ text: goals.map((g) => g.text).join(', '), met: (r) => goals.every((g) => g.met(r)) }),
};

/** A word a few guides of a synthetic corpus hold: the number of one company (its ten roles match). */
const searchTerm = (n) => companySlug(Math.floor(n / 23)).slice('synthco-'.length);

for (const n of SIZES) {
  const cacheDir = join(CORPUS, `.cache-${n}`);
  const env = benchEnv({ NEGOTIATE_CACHE_DIR: cacheDir });
  const nodeCase = { name: 'node -e 0 (bare Node start)', cmd: process.execPath, argv: NODE, env };
  if (n === 1) {
    // The bundled guide, as a user types it.
    const lookup = [BIN, 'lookup', 'cloudflare-workers', 'ml-ai-engineer', '--json'];
    rmSync(cacheDir, { recursive: true, force: true });
    timeOnce(process.execPath, lookup, env);
    measure('bundled (1)', [
      nodeCase,
      {
        name: 'lookup cloudflare-workers ml-ai-engineer --json (index cache warm)',
        cmd: process.execPath,
        argv: lookup,
        env,
        rss: true,
        goal: GOAL.node(1.5),
      },
      {
        name: 'the same lookup, NEGOTIATE_NO_CACHE=1 (no cache read or written: parses the guide)',
        cmd: process.execPath,
        argv: lookup,
        env: benchEnv({ NEGOTIATE_NO_CACHE: '1' }),
      },
      { name: 'negotiate --version (loading the CLI only)', cmd: process.execPath, argv: [BIN, '--version'], env },
    ]);
    continue;
  }
  process.stderr.write(`bench: corpus of ${n} guides… `);
  const dir = generateCorpus(join(CORPUS, String(n)), n);
  process.stderr.write('ready\n');
  const company = companySlug(Math.floor(n / 20));
  const term = searchTerm(n);
  const data = [BIN, '--no-bundled', '--data', dir];
  const lookup = [...data, 'lookup', company, 'data-engineer', '--json'];
  // Cold: no cache, the first lookup builds the index (fewer rounds: it is the slow case).
  const coldTimes = [];
  const coldRuns = n >= 100000 ? 3 : Math.min(RUNS, 5);
  for (let i = 0; i < coldRuns; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    coldTimes.push(timeOnce(process.execPath, lookup, env));
  }
  rmSync(cacheDir, { recursive: true, force: true });
  const coldRss = peakRss(process.execPath, lookup, env);
  timeOnce(process.execPath, lookup, env);
  // search and grep -rli must find the same guides, or the ratio compares different work.
  const grepped = spawnSync('grep', ['-rli', term, dir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const found = JSON.parse(
    spawnSync(process.execPath, [...data, 'search', term, '--json'], { env, encoding: 'utf8' }).stdout,
  );
  if (found.total !== grepped.length)
    throw new Error(`bench: search ${term} finds ${found.total} guides, grep -rli ${grepped.length}`);
  const at = (big, guard) => (n >= big ? guard : undefined);
  const GREP = 'grep -rl (finds the guide of the lookup)';
  const GREPI = `grep -rli ${term} (finds the guides search finds)`;
  measure(`${n.toLocaleString('en')} guides`, [
    nodeCase,
    {
      name: `lookup ${company} data-engineer --json (later run: index cache warm, every guide stat-ed)`,
      cmd: process.execPath,
      argv: lookup,
      env,
      rss: true,
      vs: GREP,
      goal: at(100000, GOAL.rss(200)) ?? at(10000, GOAL.ref(2.5)),
    },
    {
      name: 'the same lookup, NEGOTIATE_CACHE_CHECK=folders (folders stat-ed, not guides)',
      cmd: process.execPath,
      argv: lookup,
      env: { ...env, NEGOTIATE_CACHE_CHECK: 'folders' },
      rss: true,
      vs: GREP,
    },
    {
      name: 'list (every guide, table; index cache warm)',
      cmd: process.execPath,
      argv: [...data, 'list'],
      env,
      vs: GREP,
      goal: at(10000, GOAL.ref(2.5)),
    },
    {
      name: `search ${term} (${found.total} guides match; index cache warm)`,
      cmd: process.execPath,
      argv: [...data, 'search', term],
      env,
      vs: GREPI,
      goal: at(10000, GOAL.ref(2.5)),
    },
    { name: GREP, cmd: 'grep', argv: ['-rlx', `company: ${company}`, dir], env },
    { name: GREPI, cmd: 'grep', argv: ['-rli', term, dir], env },
    // The work of confirming the index, alone and in C: every folder read and every entry stat-ed (-H: a
    // corpus folder that is a symbolic link is followed, as grep -r follows it). No
    // design that confirms each guide on each run is faster than this on the same machine.
    {
      name: 'find -newer (stats every file: the floor of a later lookup)',
      cmd: 'find',
      argv: ['-H', dir, '-newer', dir],
      env,
      vs: GREP,
    },
  ]);
  const nodeMs = rows.find((r) => r.corpus === `${n.toLocaleString('en')} guides` && r.node === 1).ms;
  const cold = {
    corpus: `${n.toLocaleString('en')} guides`,
    case: `first lookup (no cache: builds the index), median of ${coldRuns} runs`,
    ms: median(coldTimes),
    node: median(coldTimes) / nodeMs,
    ref: null,
    rss: coldRss,
  };
  const coldGoal = n === 10000 ? GOAL.ms(3000) : undefined;
  rows.push({ ...cold, goal: coldGoal?.text ?? '', met: coldGoal ? coldGoal.met(cold) : null });
}
mkdirSync(CORPUS, { recursive: true });

const fmt = (x, d = 1) => (x === null || x === undefined ? '' : x.toFixed(d));
const table = [
  ['corpus', 'case (what it measures)', 'median ms', '× node -e 0', '× its grep', 'peak RSS MB', 'goal', 'met'],
  ...rows.map((r) => [
    r.corpus,
    r.case,
    fmt(r.ms),
    fmt(r.node, 2),
    r.ref ? `${fmt(r.ref.ratio, 2)} (${r.ref.name})` : '',
    fmt(r.rss, 0),
    r.goal,
    r.met === null ? '' : r.met ? 'yes' : '**no**',
  ]),
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
