// The pseudo-terminal driver the tty tests share: a tmux server of its own (one socket per test file),
// keys in, the screen out. tmux is required, never skipped: .ci/run installs it when missing.
import { spawnSync } from 'node:child_process';

export interface Tmux {
  /** Runs a tmux command on this driver's server; throws with tmux's own message when it fails. */
  run(...args: string[]): string;
  /** The whole pane, history included, wrapped lines joined. */
  screen(session: string): string;
  /** Polls the screen until it shows `what` (a liveness bound, not a timing assertion). */
  waitFor(session: string, what: RegExp, bound?: number): Promise<string>;
  /** Keys by name ('Enter', 'Down', 'C-u') or words typed as keys. */
  keys(session: string, ...k: string[]): string;
  /** Text typed literally. */
  type(session: string, text: string): string;
  /** Stops the server and every session in it. */
  kill(): void;
}

export function tmuxDriver(name: string): Tmux {
  const socket = `${name}-${process.pid}`;
  const run = (...args: string[]): string => {
    const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    if (r.error) {
      throw new Error(
        `tmux is required for this test (.ci/run installs it: apt-get install -y tmux): ${r.error.message}`,
      );
    }
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const screen = (session: string) => run('capture-pane', '-p', '-J', '-S', '-', '-t', session);
  return {
    run,
    screen,
    async waitFor(session, what, bound = 20_000) {
      for (let waited = 0; ; waited += 100) {
        const text = screen(session);
        if (what.test(text)) return text;
        if (waited > bound) throw new Error(`the screen never showed ${what}; it shows:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    keys: (session, ...k) => run('send-keys', '-t', session, ...k),
    type: (session, text) => run('send-keys', '-t', session, '-l', text),
    kill: () => void spawnSync('tmux', ['-L', socket, 'kill-server']),
  };
}
