// Which of the guide's levers a draft argues with, and the guide section that gives each one context. Pure.
import { UsageError } from '../errors.js';
import type { Lever, LeverSection } from '../guides/body.js';

/** How a lever came into a draft: chosen with --levers, or confirmed in the interactive flow. */
export type LeverHow = 'flag' | 'confirmed';

export interface DraftLever {
  number: number;
  title: string;
  script: string;
  how: LeverHow;
  /** The guide's lever section about the same thing, when one matches (for the notes, not the message). */
  context: { heading: string; text: string } | null;
}

/** Parses `--levers 1,3` into lever numbers, in the order given, without repeats. */
export function parseLeverList(value: string, flag = '--levers'): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const numbers: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) === 0) {
      throw new UsageError(`${flag}: "${value}" is not a list of lever numbers`, [
        'write it like --levers 1,3 (see: negotiate levers COMPANY ROLE)',
      ]);
    }
    if (!numbers.includes(Number(p))) numbers.push(Number(p));
  }
  return numbers;
}

const STOP = new Set(['the', 'and', 'for', 'with', 'lever', 'levers', 'platform', 'role', 'team']);

function words(text: string, ignore: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    if (w.length >= 2 && !STOP.has(w) && !ignore.has(w)) out.add(w);
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
 * The levers a draft uses: only those the user chose (--levers, each must exist) or confirmed
 * interactively. The guide's scripts are written in the first person by the guide's author, so none
 * enters a message by default.
 */
export function selectLevers(
  levers: Lever[],
  sections: LeverSection[],
  companyName: string,
  asked: number[] | null,
  how: LeverHow = 'flag',
): { levers: DraftLever[]; notes: string[] } {
  const notes: string[] = [];
  let chosen: Lever[] = [];
  if (asked && asked.length > 0) {
    if (levers.length === 0) throw new UsageError('--levers: the guide has no numbered levers to choose from');
    chosen = asked.map((n) => {
      const lever = levers.find((l) => l.number === n);
      if (!lever) {
        throw new UsageError(`--levers: the guide has no lever ${n}`, [
          `its levers: ${levers.map((l) => `${l.number} ${l.title}`).join('; ')}`,
        ]);
      }
      return lever;
    });
  } else if (asked === null && levers.length > 0) {
    notes.push(
      `no levers used: the guide's scripts speak for you in the first person, so one enters the message only when you choose it (--levers, e.g. --levers 1,2; see: negotiate levers) ` +
        'or confirm it on a terminal',
    );
  }
  return {
    levers: chosen.map((l) => ({
      number: l.number,
      title: l.title,
      script: l.script,
      how,
      context: findLeverContext(l, sections, companyName),
    })),
    notes,
  };
}

/** The sentences of a script that speak for the user ("I", "my", "me"): the user must check them. */
export function firstPersonClaims(script: string): string[] {
  const sentences = script
    .split(/(?<=[.!?])\s+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return sentences.filter((x) => {
    const t = x.replace(/[\u2018\u2019]/g, "'");
    return /\b(I|I'm|I've|I'd|I'll)\b/.test(t) || /\b(my|me|mine|myself)\b/i.test(t);
  });
}
