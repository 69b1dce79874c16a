// Which of the guide's levers a draft argues with, and the guide section that gives each one context. Pure.
import { UsageError } from '../errors.js';
import type { Lever, LeverSection } from '../guides/body.js';

/** With more levers than this, the default draft uses the first ones: a message with more arguments reads weaker. */
export const DEFAULT_LEVER_COUNT = 3;

export interface DraftLever {
  number: number;
  title: string;
  script: string;
  /** The guide's lever section about the same thing, when one matches (for the notes, not the message). */
  context: { heading: string; text: string } | null;
}

/** Parses `--levers 1,3` into lever numbers, in the order given, without repeats. */
export function parseLeverList(value: string, flag = '--levers'): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const numbers: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) === 0) {
      throw new UsageError(`${flag}: "${value}" is not a list of lever numbers`, ['write it like --levers 1,3 (see: negotiate levers COMPANY ROLE)']);
    }
    if (!numbers.includes(Number(p))) numbers.push(Number(p));
  }
  return numbers;
}

const STOP = new Set(['the', 'and', 'for', 'with', 'lever', 'levers', 'platform', 'role', 'team']);

function words(text: string, ignore: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) if (w.length >= 2 && !STOP.has(w) && !ignore.has(w)) out.add(w);
  return out;
}

/**
 * The lever section that is about this lever: the one whose heading shares the most words with the
 * lever's title (at least two, leaving out the company's own name), or null.
 */
export function findLeverContext(lever: Lever, sections: LeverSection[], companyName: string): DraftLever['context'] {
  const ignore = words(companyName, new Set());
  const title = words(lever.title, ignore);
  let best: LeverSection | null = null;
  let bestShared = 1;
  for (const s of sections) {
    const shared = [...words(s.heading, ignore)].filter((w) => title.has(w)).length;
    if (shared > bestShared && s.text) {
      best = s;
      bestShared = shared;
    }
  }
  return best ? { heading: best.heading, text: best.text } : null;
}

/**
 * The levers a draft uses: the numbers asked (each must exist), or by default the guide's levers in
 * order, all of them up to DEFAULT_LEVER_COUNT and the first DEFAULT_LEVER_COUNT beyond.
 */
export function selectLevers(levers: Lever[], sections: LeverSection[], companyName: string, asked: number[] | null): { levers: DraftLever[]; notes: string[] } {
  const notes: string[] = [];
  let chosen: Lever[];
  if (asked) {
    if (levers.length === 0) throw new UsageError('--levers: the guide has no numbered levers to choose from');
    chosen = asked.map((n) => {
      const lever = levers.find((l) => l.number === n);
      if (!lever) {
        throw new UsageError(`--levers: the guide has no lever ${n}`, [`its levers: ${levers.map((l) => `${l.number} ${l.title}`).join('; ')}`]);
      }
      return lever;
    });
  } else {
    chosen = levers.slice(0, DEFAULT_LEVER_COUNT);
    if (levers.length === 0) notes.push('the guide has no numbered levers: the message argues from the market data alone');
    const left = levers.slice(DEFAULT_LEVER_COUNT);
    if (left.length > 0) {
      const all = levers.map((l) => l.number).join(',');
      notes.push(
        `levers used: the guide's first ${DEFAULT_LEVER_COUNT}; left out: ${left.map((l) => `${l.number} (${l.title})`).join(', ')}. ` +
          `Choose with --levers, e.g. --levers ${all}`,
      );
    }
  }
  return {
    levers: chosen.map((l) => ({ number: l.number, title: l.title, script: l.script, context: findLeverContext(l, sections, companyName) })),
    notes,
  };
}
