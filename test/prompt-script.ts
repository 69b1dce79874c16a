// src/prompts/ replaced by answers the test gives, for the interactive tests (evaluate, new, draft, letters).
// In a test file:
//
//   vi.mock('../src/prompts/index.js', () => import('./prompt-script.js').then((m) => m.scriptedPrompts));
//   import { prompts } from './prompt-script.js';
//   beforeEach(() => prompts.reset());
//
// A question takes the next step of `prompts.script` (which must match it), else the answer of the first
// pattern in `prompts.byMessage` that matches it, else, when `prompts.unscripted` is 'default', its default;
// anything else fails the test as an unexpected question.

export interface Step {
  /** What the question must say. */
  ask: RegExp;
  /** The answers typed, in order: all but the last must be refused by the prompt's validator. */
  answers: unknown[];
}

export interface Asked {
  kind: 'search' | 'select' | 'text' | 'confirm';
  message: string;
  default?: unknown;
  /** The names of the choices offered (search and select). */
  choices?: string[];
}

type Validate = (a: string) => true | string;
type Choice = { value: unknown; name: string };

export const prompts = {
  script: [] as Step[],
  byMessage: new Map<RegExp, unknown>(),
  unscripted: 'refuse' as 'refuse' | 'default',
  /** Every question asked, in order. */
  asked: [] as Asked[],
  /** The same, as "kind: message" lines. */
  log: [] as string[],
  /** What the validators said about refused answers. */
  reasons: [] as string[],
  /** The names offered, by question. */
  choices: new Map<string, string[]>(),
  /** The defaults offered, by question (text questions). */
  defaults: new Map<string, string>(),
  reset() {
    prompts.script = [];
    prompts.byMessage = new Map();
    prompts.unscripted = 'refuse';
    prompts.asked = [];
    prompts.log = [];
    prompts.reasons = [];
    prompts.choices = new Map();
    prompts.defaults = new Map();
  },
};

/** The answers to one question: a scripted step, an answer by message, or the default. */
function answersTo(asked: Asked): unknown[] {
  prompts.asked.push(asked);
  prompts.log.push(`${asked.kind}: ${asked.message}`);
  const step = prompts.script.shift();
  if (step) {
    if (!step.ask.test(asked.message))
      throw new Error(`expected a question like ${step.ask}, got ${asked.kind} "${asked.message}"`);
    return step.answers;
  }
  for (const [re, a] of prompts.byMessage) if (re.test(asked.message)) return [a];
  if (prompts.unscripted === 'default' && asked.default !== undefined) return [asked.default];
  throw new Error(`unexpected question: ${asked.kind} "${asked.message}"`);
}

/** The first answer the validator accepts; an Error among the answers is thrown (Ctrl-C, say). */
function accepted(answers: unknown[], validate?: Validate, def?: unknown): unknown {
  for (const typed of answers) {
    if (typed instanceof Error) throw typed;
    // As inquirer does: Enter on an empty line takes the default.
    const a = typed === '' && def !== undefined ? def : typed;
    const verdict = validate ? validate(String(a)) : true;
    if (verdict === true) return a;
    prompts.reasons.push(verdict);
  }
  throw new Error(`no valid answer among ${JSON.stringify(answers)}`);
}

/** The choice an answer names: by name or value, else the one whose name starts with it. */
const chosen = (choices: Choice[], a: unknown) =>
  choices.find((c) => c.name === a || c.value === a) ??
  choices.find((c) => typeof a === 'string' && a !== '' && c.name.startsWith(a));

/** The stand-in for src/prompts/index.js. */
export const scriptedPrompts = {
  searchList: async (message: string, choices: Choice[]) => {
    const names = choices.map((c) => c.name);
    prompts.choices.set(message, names);
    const a = accepted(answersTo({ kind: 'search', message, choices: names }));
    return chosen(choices, a)?.value ?? a;
  },
  selectOne: async (message: string, choices: Choice[], defaultValue?: unknown) => {
    const names = choices.map((c) => c.name);
    prompts.choices.set(message, names);
    const a = accepted(answersTo({ kind: 'select', message, choices: names, default: defaultValue }));
    const hit = chosen(choices, a);
    if (!hit) throw new Error(`"${a}" is not a choice of "${message}": ${names.join(' | ')}`);
    return hit.value;
  },
  askText: async (message: string, opts: { validate?: Validate; default?: string } = {}) => {
    if (opts.default !== undefined) prompts.defaults.set(message, opts.default);
    return accepted(answersTo({ kind: 'text', message, default: opts.default }), opts.validate, opts.default);
  },
  confirm: async (message: string, defaultValue = false) =>
    accepted(answersTo({ kind: 'confirm', message, default: defaultValue })),
};
