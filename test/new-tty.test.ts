// End to end: negotiate new in a pseudo-terminal (tmux), real keys, asserting the screen and the file written.
// tmux is required, never skipped: .ci/run installs it when missing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { BIN, tempTree } from './helpers.js';
import { tmuxDriver } from './tmux.js';

const term = tmuxDriver('negotiate-new-test');
const { screen, waitFor, keys, type } = term;
const tmux = term.run;

afterAll(() => {
  term.kill();
});

test('new in a terminal: names with their slugs, a region with its usual currency, a refused range re-asked, sources; the guide answers lookup', async () => {
  expect(spawnSync('tmux', ['-V']).error, 'tmux is required (.ci/run installs it)').toBeUndefined();
  const home = tempTree({});
  // Its own home: nothing read from or written into the real one.
  const env = `HOME=${home} XDG_DATA_HOME=${home}/data NEGOTIATE_TODAY=2026-11-29 NEGOTIATE_NO_CACHE=1 NO_COLOR=1`;
  tmux(
    'new-session',
    '-d',
    '-s',
    'new',
    '-x',
    '160',
    '-y',
    '50',
    '-c',
    home,
    `${env} ${process.execPath} ${BIN} new; echo "EXIT=$?"; ${env} ${process.execPath} ${BIN} lookup globex platform; sleep 60`,
  );
  /**
   * Answers a question: waits for it, types, and presses Enter once the screen shows the text typed on the
   * question's line (keys sent while a prompt is still being set up are lost: then the text is typed again).
   */
  const answer = async (question: RegExp, text: string) => {
    await waitFor('new', question);
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const shown = new RegExp(`${question.source}.*${escaped}\\s*$`, 'm');
    for (let tries = 0; text && !shown.test(screen('new')); tries++) {
      if (tries > 0) keys('new', 'C-u');
      type('new', text);
      try {
        await waitFor('new', shown, 2_000);
      } catch (err) {
        if (tries >= 5) throw err;
      }
    }
    keys('new', 'Enter');
  };
  await answer(/\? Company/, 'Globex Corp');
  await answer(/\? Role/, 'Platform Engineer');
  await answer(/\? Region/, 'Toronto');
  await waitFor('new', /\? Currency \(ISO 4217\) \(CAD\)/);
  keys('new', 'Enter');
  await answer(/\? Base salary range per year \(CAD/, '150k-120k');
  await waitFor('new', /the low end is above the high end/);
  keys('new', 'C-u');
  await answer(/\? Base salary range per year \(CAD/, '120k-150k');
  await answer(/\? Stock grant range/, '40k-80k');
  await waitFor('new', /\? Years the grant vests over \(4\)/);
  keys('new', 'Enter');
  await answer(/\? Target bonus % of base/, '10');
  await answer(/\? Add another region/, 'n');
  await answer(/\? Where do these numbers come from/, 'recruiter call');
  await answer(/\? Level mapping/, '');
  await answer(/\? Add a negotiation lever/, 'n');
  await answer(/\? Add a strategy/, 'n');
  const done = await waitFor('new', /Annual TC =/);

  expect(done).toContain('company: Globex Corp (slug globex-corp)');
  expect(done).toContain('role: Platform Engineer (slug platform-engineer)');
  expect(done).toMatch(/✔ Base salary range per year \(CAD, e\.g\. 95k-130k\) 120k-150k/);
  const path = join(home, 'data', 'negotiate', 'guides', 'globex-corp--platform-engineer.md');
  expect(done).toContain(`created ${path}`);
  expect(done).toContain('EXIT=0');
  expect(done).toMatch(/Toronto\s+CA\$120K–CA\$150K\s+CA\$40K–CA\$80K\s+10%/);
  expect(readFileSync(path, 'utf8')).toContain('  - region: Toronto\n    currency: CAD\n');
}, 120_000);
