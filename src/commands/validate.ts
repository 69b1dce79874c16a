// validate: checks guide files (PATHs, or every loaded source) and reports errors and warnings per file.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import {
  buildValidationReport,
  checkedGuide,
  validationExitCode,
  type CheckedGuide,
  type LoadProblem,
} from '../guide-validation.js';
import type { GuideParser } from '../guides/lazy-parser.js';
import { readTextFile, walkGuideFiles } from '../guides/read.js';
import { renderValidation } from '../render/validate.js';

export interface ValidateOptions {
  strict?: boolean;
}

/** Reads one guide; when the loader repaired mojibake, reads the text again to say on which lines. */
function readForValidation(p: GuideParser, path: string, source: number): CheckedGuide {
  const guide = checkedGuide(p.readGuide(path, { fieldLines: true }), source);
  if (guide.repairs > 0) {
    try {
      guide.mojibakeLines = p.findMojibakeLines(readTextFile(path));
    } catch {
      // Read a moment ago; if it has gone since, the count alone is still true.
    }
  }
  return guide;
}

/**
 * Reads every guide under the targets, in order (a later target wins a duplicate, like a later
 * source): folders are walked, files read as given. Nothing throws: what cannot be read is a problem.
 */
export function loadTargets(p: GuideParser, targets: string[]): { guides: CheckedGuide[]; problems: LoadProblem[] } {
  const guides: CheckedGuide[] = [];
  const problems: LoadProblem[] = [];
  const seen = new Set<string>();
  const add = (path: string, source: number) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    guides.push(readForValidation(p, path, source));
  };
  for (const [source, target] of targets.entries()) {
    let isDir: boolean;
    try {
      isDir = statSync(target).isDirectory();
    } catch {
      problems.push({ path: target, message: 'cannot be read: it does not exist or is not accessible' });
      continue;
    }
    if (!isDir) {
      add(target, source);
      continue;
    }
    try {
      const walk = walkGuideFiles(target);
      problems.push(...walk.problems);
      for (const path of walk.files) add(path, source);
    } catch (err) {
      problems.push({ path: target, message: (err as Error).message.replace(`data folder ${target} `, '') });
    }
  }
  return { guides, problems };
}

export async function runValidate(ctx: Context, paths: string[], opts: ValidateOptions): Promise<number> {
  const p = await ctx.parser();
  const targets = paths.length ? paths : ctx.sources().map((s) => s.dir);
  const { guides, problems } = loadTargets(p, targets);
  const report = buildValidationReport(p, guides, problems, { today: ctx.today, strict: !!opts.strict });
  ctx.out(ctx.json ? JSON.stringify(report, null, 2) : renderValidation(report, ctx.style));
  return validationExitCode(report);
}
