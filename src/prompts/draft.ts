// The draft's questions: which stage (after an evaluation) and which lever scripts are true of the user.
// Loaded only when a draft is about to ask, like every prompt (src/prompts/index.ts).
import { confirm, selectOne } from './index.js';
import { cleanTerminalText } from '../text/escape.js';

export interface LeverChoice {
  number: number;
  title: string;
  script: string;
}

/** The stages the hand-off after an evaluation offers (expectations comes before an offer). */
export const HANDOFF_STAGES = [
  { value: 'counter', name: 'counter: a short reply asking for one number' },
  { value: 'call', name: 'call: notes for a phone call (for your eyes only)' },
  { value: 'extension', name: 'extension: ask for more time to decide' },
  { value: 'recap', name: 'recap: confirm agreed terms in writing' },
  { value: 'second-round', name: 'second-round: answer a revised offer that is still short' },
] as const;

export type HandoffStage = (typeof HANDOFF_STAGES)[number]['value'];

export async function askDraftNow(): Promise<boolean> {
  return confirm('Draft a message now?', true);
}

export async function askStage(): Promise<HandoffStage> {
  return selectOne<HandoffStage>(
    'Which moment of the negotiation?',
    HANDOFF_STAGES.map((s) => ({ value: s.value, name: s.name })),
    'counter',
  );
}

/**
 * Shows each lever's script and asks whether it is true of the user: the guide's scripts are written in
 * the first person, so only a confirmed one may speak for them. Returns the confirmed numbers, in order.
 */
export async function confirmLevers(levers: LeverChoice[], write: (text: string) => void): Promise<number[]> {
  const confirmed: number[] = [];
  for (const l of levers) {
    write(`\nLever ${l.number}: ${cleanTerminalText(l.title)}\n  "${cleanTerminalText(l.script)}"`);
    if (await confirm('Is this true of you, and should the message use it?', false)) confirmed.push(l.number);
  }
  return confirmed;
}
