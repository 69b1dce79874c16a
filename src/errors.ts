// Typed errors: each carries the exit code SPEC §6 gives it. Only src/cli.ts turns them into exits.
// They are recognised by a brand and their exit code (isNegotiateError, isNotFound, …), never by
// instanceof: each bundle of the build (scripts/build.mjs) carries its own copy of this module, and an
// error thrown by one copy must be known to the code that catches it in another.

export const EXIT = {
  ok: 0,
  notFound: 1,
  usage: 2,
  data: 3,
  threshold: 4,
  /** stdout could not be written (full disk, I/O error). */
  output: 74,
  interrupted: 130,
  terminated: 143,
} as const;

/** The brand every negotiate error carries: a registered symbol, the same in every bundle's copy of this module. */
const BRAND = Symbol.for('negotiate.error');

export class NegotiateError extends Error {
  readonly [BRAND] = true;
  readonly exitCode: number;
  /** Extra lines printed after the message (suggestions, valid values). */
  readonly hints: string[];
  constructor(message: string, exitCode: number, hints: string[] = []) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hints = hints;
  }
}

/** Exit 1: an unknown company, role, region or level; a search without hits. */
export class NotFoundError extends NegotiateError {
  constructor(message: string, hints: string[] = []) {
    super(message, EXIT.notFound, hints);
  }
}

/** Exit 2: a bad flag or value, a missing input without a terminal, a bad template. */
export class UsageError extends NegotiateError {
  constructor(message: string, hints: string[] = []) {
    super(message, EXIT.usage, hints);
  }
}

/** Exit 3: a guide needed for the answer is invalid, a data folder is unreadable. */
export class DataError extends NegotiateError {
  readonly file?: string;
  readonly line?: number;
  constructor(message: string, opts: { file?: string; line?: number; hints?: string[] } = {}) {
    super(message, EXIT.data, opts.hints ?? []);
    this.file = opts.file;
    this.line = opts.line;
  }
}

/** Exit 74: a file could not be written for want of space or an I/O error (SPEC §6). */
export class OutputError extends NegotiateError {
  constructor(message: string) {
    super(message, EXIT.output);
  }
}

/** Exit 4: `evaluate --fail-below` threshold not met. */
export class ThresholdError extends NegotiateError {
  constructor(message: string) {
    super(message, EXIT.threshold);
  }
}

/** Exit 130: the user pressed Ctrl-C at a prompt. */
export class InterruptedError extends NegotiateError {
  constructor() {
    super('interrupted', EXIT.interrupted);
  }
}

/** A negotiate error (any kind, from any bundle's copy of this module): branded, with a numeric exit code. */
export function isNegotiateError(err: unknown): err is NegotiateError {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { [BRAND]?: unknown })[BRAND] === true &&
    typeof (err as { exitCode?: unknown }).exitCode === 'number'
  );
}

const ofKind =
  <T extends NegotiateError>(exitCode: number) =>
  (err: unknown): err is T =>
    isNegotiateError(err) && err.exitCode === exitCode;

/** Exit 1: an unknown name, a search without hits. */
export const isNotFound = ofKind<NotFoundError>(EXIT.notFound);
/** Exit 2: a bad flag or value. */
export const isUsageError = ofKind<UsageError>(EXIT.usage);
/** Exit 3: bad data (its file and line, when known). */
export const isDataError = ofKind<DataError>(EXIT.data);
/** Exit 130: Ctrl-C at a prompt. */
export const isInterrupted = ofKind<InterruptedError>(EXIT.interrupted);
