// Typed errors: each carries the exit code SPEC §6 gives it. Only src/cli.ts turns them into exits.

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

export class NegotiateError extends Error {
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
