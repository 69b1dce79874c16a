// End to end: the real interactive flow of the built binary in a pseudo-terminal (tmux), real keys,
// asserting what the screen shows. tmux is required, never skipped: .ci/run installs it when missing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { BIN, tempTree } from './helpers.js';
import { tmuxDriver } from './tmux.js';

const term = tmuxDriver('negotiate-test');
const { waitFor, keys } = term;
const tmux = term.run;

function start(session: string, cwd: string, args: string): void {
  // A home of its own (cwd is a fresh folder): no guides from the real user's folder.
  const env = `HOME=${cwd} XDG_DATA_HOME=${cwd}/data NEGOTIATE_TODAY=2026-11-29 NO_COLOR=1`;
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '160',
    '-y',
    '50',
    '-c',
    cwd,
    `${env} ${process.execPath} ${BIN} ${args}; echo "EXIT=$?"; sleep 60`,
  );
}

afterAll(() => {
  term.kill();
});

test('evaluate in a terminal: questions, a refused amount re-asked, the evaluation, save; Ctrl-C exits 130', async () => {
  expect(spawnSync('tmux', ['-V']).error, 'tmux is required (.ci/run installs it)').toBeUndefined();
  const dir = tempTree({});
  start('flow', dir, 'evaluate');
  await waitFor('flow', /\? Company \(type to filter\)/);
  keys('flow', 'clou');
  await waitFor('flow', /Company \(type to filter\) clou/);
  keys('flow', 'Enter');
  await waitFor('flow', /\? Region/);
  keys('flow', 'Down', 'Down', 'Enter');
  await waitFor('flow', /\? Level/);
  keys('flow', 'Down', 'Down', 'Enter');
  await waitFor('flow', /\? Base salary per year \(GBP/);
  keys('flow', 'lots', 'Enter');
  await waitFor('flow', /--base: "lots" is not an amount/);
  keys('flow', 'C-u', '150k', 'Enter');
  await waitFor('flow', /\? Stock grant/);
  keys('flow', '200k', 'Enter');
  await waitFor('flow', /\? Target bonus/);
  keys('flow', '10', 'Enter');
  await waitFor('flow', /\? Vesting/);
  keys('flow', 'Enter');
  await waitFor('flow', /\? Sign-on bonus/);
  keys('flow', 'Enter');
  await waitFor('flow', /\? More detail \(raises, stock growth, benefits\)\? \(y\/N\)/);
  keys('flow', 'Enter');
  await waitFor('flow', /\? Draft a message now/);
  keys('flow', 'n', 'Enter');
  await waitFor('flow', /\? Save this offer to a file\?/);
  keys('flow', 'y', 'Enter');
  await waitFor('flow', /\? File name/);
  keys('flow', 'Enter');
  const done = await waitFor('flow', /EXIT=\d+/);

  expect(done).toMatch(/✔ Company \(type to filter\) Cloudflare Workers/);
  expect(done).toMatch(/✔ Region London \(GBP\)/);
  expect(done).toMatch(/✔ Level L4/);
  expect(done).toMatch(/✔ Base salary per year \(GBP, e\.g\. 132k\) 150k/);
  expect(done).toContain('Cloudflare Workers · ML/AI Engineer · London · level L4');
  expect(done).toContain('Offer: base £150,000 · stock £200,000 over 4 yrs (even) · bonus 10%');
  expect(done).toMatch(/\n\s+1\s+£150K\s+£15K\s+£50K\s+—\s+£215K/);
  expect(done).toMatch(/Verdict: fair: mid-band/);
  expect(done).toContain('saved the offer to offer-cloudflare-workers-london.yaml');
  expect(done).toContain('EXIT=0');
  expect(readFileSync(join(dir, 'offer-cloudflare-workers-london.yaml'), 'utf8')).toContain('base: 150000\n');

  start('interrupt', dir, 'evaluate');
  await waitFor('interrupt', /\? Company/);
  keys('interrupt', 'C-c');
  const interrupted = await waitFor('interrupt', /EXIT=\d+/);
  expect(interrupted).toContain('EXIT=130');
  expect(interrupted).not.toMatch(/error|Error|at .*\.js/);
});
