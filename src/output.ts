// Where an answer goes: stdout, or with --output a file (evaluate and compare). The one place that writes it.
import type { Context } from './context.js';
import { UsageError } from './errors.js';
import { refuseExisting, writeFileAtomic } from './files.js';
import { escapeName } from './text/escape.js';

export interface OutputOptions {
  output?: string;
  force?: boolean;
}

/** Checks --output before any work: an existing file is refused without --force (and refused again when written). */
export function checkOutput(opts: OutputOptions): void {
  if (opts.output !== undefined && opts.output.trim() === '')
    throw new UsageError('--output: give a file name', ['example: --output offers.html']);
  if (opts.output && !opts.force) refuseExisting(opts.output, '--output');
}

/** The answer to stdout, or with --output to its file (atomically; never over a file without --force). */
export function emit(ctx: Context, text: string, opts: OutputOptions): void {
  if (!opts.output) {
    ctx.out(text);
    return;
  }
  writeFileAtomic(opts.output, text.endsWith('\n') ? text : `${text}\n`, { force: !!opts.force });
  ctx.note(`wrote ${escapeName(opts.output)}`);
}
