// Shell completion: what the words typed so far ask for next. The command and option lists come from the
// commander program itself (so a new command completes with no change here); names come from the loaded
// guides through a small data interface. Pure apart from walking the program.
import { Help, type Command } from 'commander';
import { formatsOf } from '../formats.js';
import { normaliseName } from '../text/names.js';

/** The hidden sub-command the shell scripts call: `negotiate __complete -- <words…>`. */
export const COMPLETE_COMMAND = '__complete';
/** Printed alone when the shell should complete file names (or directory names) itself. */
export const FILES_DIRECTIVE = ':files';
export const DIRS_DIRECTIVE = ':dirs';

export interface OptionSpec {
  /** Every spelling: "--region", "-q" … */
  names: string[];
  /** The long name first ("--region"), for candidates. */
  long: string | null;
  takesValue: boolean;
  /** commander's attribute name ("region", "failBelow", "bundled" for --no-bundled). */
  key: string;
  choices: string[] | null;
  description: string;
}

export interface ArgumentSpec {
  name: string;
  variadic: boolean;
  choices: string[] | null;
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  options: OptionSpec[];
  args: ArgumentSpec[];
}

export interface ProgramSpec {
  globalOptions: OptionSpec[];
  commands: CommandSpec[];
}

/** The program's visible commands (with the implicit `help`), their options and arguments. */
export function describeProgram(program: Command): ProgramSpec {
  const help = new Help();
  // --format is checked by its command, not by commander (no .choices()): its values are COMMAND_FORMATS'.
  const option = (o: Command['options'][number], command?: string): OptionSpec => ({
    names: [o.long, o.short].filter((n): n is string => !!n),
    long: o.long ?? o.short ?? null,
    takesValue: o.required || o.optional,
    key: o.attributeName(),
    choices: o.argChoices ?? (o.long === '--format' && command ? [...(formatsOf(command) ?? [])] : null),
    description: o.description,
  });
  return {
    globalOptions: help.visibleOptions(program).map((o) => option(o)),
    commands: help.visibleCommands(program).map((c) => ({
      name: c.name(),
      aliases: c.aliases(),
      description: c.description(),
      options: help.visibleOptions(c).map((o) => option(o, c.name())),
      args: c.registeredArguments.map((a) => ({ name: a.name(), variadic: a.variadic, choices: a.argChoices ?? null })),
    })),
  };
}

/** The names completion offers, from the loaded guides. Each may be asked for narrowed to a company / role. */
export interface CompletionData {
  companies(): { slug: string; name: string }[];
  roles(company?: string): { slug: string; name: string }[];
  regions(company?: string, role?: string): string[];
  /** The guide's own levels, and "Company Level" for every other company in its mapping. */
  levels(company?: string, role?: string): { own: string[]; others: string[] };
  currencies(): string[];
}

/** What a word typed so far stands for: the options and positional values seen, by key. */
export interface ParsedWords {
  command: CommandSpec | null;
  /** Option values by key (repeatable options collect every value; flags are true, --no-x false). */
  options: Record<string, (string | boolean)[]>;
  positionals: string[];
  /** The option still waiting for its value at the end of the words (`--region`, or bash's `--region =`). */
  pending: OptionSpec | null;
  /** A word where a command was expected that names none. */
  unknown: string | null;
}

export interface CompletionResult {
  candidates: string[];
  /** When set, the shell should complete file or directory names itself. */
  directive: typeof FILES_DIRECTIVE | typeof DIRS_DIRECTIVE | null;
  /** What commands and options are for, for shells that show it (fish). */
  descriptions?: Record<string, string>;
  parsed: ParsedWords;
}

type ValueKind =
  | 'company'
  | 'role'
  | 'region'
  | 'level'
  | 'from'
  | 'currency'
  | 'command'
  | 'files'
  | 'dirs'
  | 'vesting'
  | 'none';

/** What an option or argument takes, by its name: the same names mean the same thing in every command. */
function kindOf(name: string): ValueKind {
  const n = name.toLowerCase();
  if (
    n === 'company' ||
    n === 'role' ||
    n === 'region' ||
    n === 'level' ||
    n === 'from' ||
    n === 'currency' ||
    n === 'command' ||
    n === 'vesting'
  )
    return n;
  if (n === 'data' || n === 'dir') return 'dirs';
  if (/file|path|offer|template|save|output/.test(n)) return 'files';
  return 'none';
}

const VESTING_PRESETS = ['even', 'front', 'back'];

function findOption(spec: ProgramSpec, command: CommandSpec | null, name: string): OptionSpec | undefined {
  return [...(command?.options ?? []), ...spec.globalOptions].find((o) => o.names.includes(name));
}

/**
 * Parses the words before the one being completed. Bash splits `--region=Lo` into `--region`, `=`, `Lo`;
 * zsh and fish keep it whole: both are understood.
 */
export function parseWords(spec: ProgramSpec, words: string[]): ParsedWords {
  const parsed: ParsedWords = { command: null, options: {}, positionals: [], pending: null, unknown: null };
  const record = (o: OptionSpec, value: string | boolean) => {
    parsed.options[o.key] ??= [];
    parsed.options[o.key].push(value);
  };
  let operandsOnly = false;
  for (const w of words) {
    if (parsed.pending) {
      if (w === '=') continue;
      record(parsed.pending, w);
      parsed.pending = null;
      continue;
    }
    if (!operandsOnly && w === '--') {
      operandsOnly = true;
      continue;
    }
    if (!operandsOnly && w.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      const o = findOption(spec, parsed.command, eq > 0 ? w.slice(0, eq) : w);
      if (!o) continue;
      if (!o.takesValue) record(o, !o.long?.startsWith('--no-'));
      else if (eq > 0) record(o, w.slice(eq + 1));
      else parsed.pending = o;
      continue;
    }
    if (parsed.command) parsed.positionals.push(w);
    else if (!parsed.unknown) {
      parsed.command = spec.commands.find((c) => c.name === w || c.aliases.includes(w)) ?? null;
      if (!parsed.command) parsed.unknown = w;
    }
  }
  return parsed;
}

/** The word as the user means it: bash passes it as typed, with an opening quote or backslash escapes. */
function dequote(word: string): string {
  return word.replace(/^["']/, '').replace(/\\(.)/g, '$1');
}

/** Case- and accent-insensitive prefix match on a value or on its display name. */
function startsWithTyped(typed: string) {
  const t = typed.toLowerCase();
  const n = normaliseName(typed);
  return (value: string, name = value) =>
    value.toLowerCase().startsWith(t) || name.toLowerCase().startsWith(t) || (!!n && normaliseName(name).startsWith(n));
}

const last = (values: (string | boolean)[] | undefined) => {
  const v = values?.[values.length - 1];
  return typeof v === 'string' ? v : undefined;
};

function valuesFor(
  kind: ValueKind,
  choices: string[] | null,
  typed: string,
  spec: ProgramSpec,
  parsed: ParsedWords,
  data: CompletionData,
): Pick<CompletionResult, 'candidates' | 'directive'> {
  const match = startsWithTyped(typed);
  const none = { candidates: [], directive: null };
  if (choices) return { candidates: choices.filter((c) => match(c)), directive: null };
  // The company and role named so far (as positionals of a command taking them, or as --company / --role).
  const args = parsed.command?.args ?? [];
  const positional = (name: string) => {
    const i = args.findIndex((a) => a.name === name);
    return i >= 0 ? parsed.positionals[i] : undefined;
  };
  const company = last(parsed.options.company) ?? positional('company');
  const role = last(parsed.options.role) ?? positional('role');
  switch (kind) {
    case 'company':
      return {
        candidates: data
          .companies()
          .filter((c) => match(c.slug, c.name))
          .map((c) => c.slug),
        directive: null,
      };
    case 'role':
      return {
        candidates: data
          .roles(company)
          .filter((r) => match(r.slug, r.name))
          .map((r) => r.slug),
        directive: null,
      };
    case 'region':
      return { candidates: data.regions(company, role).filter((r) => match(r)), directive: null };
    case 'level':
    case 'from': {
      const { own, others } = data.levels(company, role);
      return { candidates: (kind === 'level' ? [...own, ...others] : others).filter((l) => match(l)), directive: null };
    }
    case 'currency':
      return { candidates: data.currencies().filter((c) => match(c)), directive: null };
    case 'command':
      return { candidates: spec.commands.map((c) => c.name).filter((c) => match(c)), directive: null };
    case 'vesting':
      return { candidates: VESTING_PRESETS.filter((v) => match(v)), directive: null };
    case 'files':
      return { candidates: [], directive: FILES_DIRECTIVE };
    case 'dirs':
      return { candidates: [], directive: DIRS_DIRECTIVE };
    default:
      return none;
  }
}

function optionNames(spec: ProgramSpec, command: CommandSpec | null, typed: string): string[] {
  const options = command ? [...command.options, ...spec.globalOptions] : spec.globalOptions;
  const names = [...new Set(options.map((o) => o.long).filter((n): n is string => !!n))];
  return names.filter((n) => n.startsWith(typed));
}

/**
 * The candidates for the last word of `words` (the words after `negotiate`, the last being the one
 * being typed, possibly empty).
 */
export function completeWords(spec: ProgramSpec, words: string[], data: CompletionData): CompletionResult {
  const parsed = parseWords(spec, words.slice(0, -1));
  let typed = dequote(words[words.length - 1] ?? '');
  const result = (r: Pick<CompletionResult, 'candidates' | 'directive'>): CompletionResult => ({ ...r, parsed });
  const nothing = { candidates: [], directive: null };

  // The value of an option: after `--region`, or after bash's `--region` `=` (the cursor on the `=`: nothing typed yet).
  if (parsed.pending) {
    if (typed === '=') typed = '';
    return result(valuesFor(kindOf(parsed.pending.key), parsed.pending.choices, typed, spec, parsed, data));
  }
  // zsh and fish keep `--region=Lo` as one word: complete the value, keep the option in front.
  const eq = typed.indexOf('=');
  if (typed.startsWith('--') && eq > 0) {
    const o = findOption(spec, parsed.command, typed.slice(0, eq));
    if (!o?.takesValue) return result(nothing);
    const r = valuesFor(kindOf(o.key), o.choices, typed.slice(eq + 1), spec, parsed, data);
    return result({ candidates: r.candidates.map((c) => `${typed.slice(0, eq + 1)}${c}`), directive: r.directive });
  }
  if (typed.startsWith('-')) {
    const options = [...(parsed.command?.options ?? []), ...spec.globalOptions];
    const descriptions = Object.fromEntries(options.filter((o) => o.long).map((o) => [o.long!, o.description]));
    return { ...result({ candidates: optionNames(spec, parsed.command, typed), directive: null }), descriptions };
  }
  if (parsed.unknown) return result(nothing);
  if (!parsed.command) {
    const descriptions = Object.fromEntries(spec.commands.map((c) => [c.name, c.description]));
    return {
      ...result({ candidates: spec.commands.map((c) => c.name).filter((c) => c.startsWith(typed)), directive: null }),
      descriptions,
    };
  }
  const args = parsed.command.args;
  const arg = args[parsed.positionals.length] ?? (args[args.length - 1]?.variadic ? args[args.length - 1] : undefined);
  if (!arg) return result(nothing);
  return result(valuesFor(kindOf(arg.name), arg.choices, typed, spec, parsed, data));
}
