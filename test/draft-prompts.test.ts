// draft on a terminal: each lever's script is shown and confirmed (or not) before it may speak for the user.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { runCli } from './helpers.js';
import { prompts } from './prompt-script.js';

vi.mock('../src/prompts/index.js', () => import('./prompt-script.js').then((m) => m.scriptedPrompts));

beforeEach(() => prompts.reset());

const TTY = { tty: true, env: { NO_COLOR: '1' } };
const DRAFT = [
  'draft',
  'cloudflare-workers',
  'ml-ai-engineer',
  '--region',
  'London',
  '--base',
  '150k',
  '--stock',
  '200k',
  '--bonus',
  '10',
];

describe('draft, interactive levers', () => {
  test('each script is shown and asked; only the confirmed ones are used', async () => {
    prompts.script = [false, true, false, true].map((a) => ({ ask: /./, answers: [a] }));
    const r = await runCli([...DRAFT, '--style', 'full'], TTY);
    expect(r.code).toBe(0);
    expect(prompts.asked.map((a) => a.message)).toEqual(
      Array(4).fill('Is this true of you, and should the message use it?'),
    );
    expect(r.stderr).toContain('Lever 1: Edge AI Inference Optimization\n  "I optimize AI model inference');
    expect(r.stdout).toContain('1. Workers AI Model Serving: I build the inference serving infrastructure');
    expect(r.stdout).toContain(
      '2. AWS Inferentia/Google TPU/Meta Competition: AWS Inferentia, Google TPU, and Meta are competing',
    );
    expect(r.stdout).not.toContain('Edge AI Inference Optimization');
    expect(r.stderr).toContain('check these are true of you (lever 2, Workers AI Model Serving)');
  });

  test('the JSON says how each lever came in; --levers, --json and --no-input never ask', async () => {
    prompts.script = [true, false, false, false].map((a) => ({ ask: /./, answers: [a] }));
    const shown = await runCli([...DRAFT, '--levers', '3'], TTY);
    expect(prompts.asked.map((a) => a.message)).toEqual([]);
    expect(shown.stdout).toContain("I'd bring directly relevant experience in AI Gateway Platform.");
    const json = await runCli([...DRAFT, '--json'], TTY);
    expect(JSON.parse(json.stdout).levers).toEqual([]);
    await runCli([...DRAFT, '--no-input'], TTY);
    expect(prompts.asked.map((a) => a.message)).toEqual([]);
  });

  test('stages without levers ask nothing', async () => {
    const r = await runCli([...DRAFT, '--stage', 'recap'], TTY);
    expect(r.code).toBe(0);
    expect(prompts.asked.map((a) => a.message)).toEqual([]);
  });
});
