// Every interactive question goes through here (inquirer), so tests can replace this one module and
// other commands never load inquirer: commands import it lazily, only when they are about to ask.
import {
  confirm as inquirerConfirm,
  input as inquirerInput,
  search as inquirerSearch,
  select as inquirerSelect,
} from '@inquirer/prompts';
import { InterruptedError } from '../errors.js';
import { cleanTerminalText } from '../text/escape.js';

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
}

/** A validator returns true, or the reason the answer is refused (shown, then the question is asked again). */
export type Validate = (answer: string) => true | string;

/** Ctrl-C (or a closed terminal) inside a prompt becomes InterruptedError: exit 130, no message. */
async function ask<T>(prompt: () => Promise<T>): Promise<T> {
  try {
    return await prompt();
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError')
      throw new InterruptedError();
    throw err;
  }
}

/** Choices as shown: names and descriptions come from guide files, so no escape sequence reaches the terminal. */
export function displayChoices<T>(choices: Choice<T>[]): Choice<T>[] {
  return choices.map((c) => ({
    ...c,
    name: cleanTerminalText(c.name),
    ...(c.description === undefined ? {} : { description: cleanTerminalText(c.description) }),
  }));
}

/** A list filtered as the user types (case-insensitive, on name and value). */
export function searchList<T>(message: string, all: Choice<T>[]): Promise<T> {
  const choices = displayChoices(all);
  return ask(() =>
    inquirerSearch<T>({
      message,
      pageSize: 12,
      source: (term) => {
        const q = (term ?? '').trim().toLowerCase();
        return choices.filter(
          (c) => !q || c.name.toLowerCase().includes(q) || String(c.value).toLowerCase().includes(q),
        );
      },
    }),
  );
}

export function selectOne<T>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T> {
  return ask(() =>
    inquirerSelect<T>({ message, choices: displayChoices(choices), default: defaultValue, pageSize: 12 }),
  );
}

export function askText(message: string, opts: { validate?: Validate; default?: string } = {}): Promise<string> {
  return ask(() => inquirerInput({ message, default: opts.default, validate: opts.validate }));
}

export function confirm(message: string, defaultValue = false): Promise<boolean> {
  return ask(() => inquirerConfirm({ message, default: defaultValue }));
}
