// validate: checks guide files (PATHs, or every loaded source) and reports errors and warnings per file.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import type { CheckOptions } from '../guides/checks.js';
import { parser } from '../guides/lazy-parser.js';
import { readTextFile, walkGuideFiles } from '../guides/read.js';
import type { Finding } from '../guides/types.js';
import { buildIndex, type Duplicate } from '../index/build.js';
import type { LoadedGuide } from '../index/load.js';
import { renderValidation } from '../render/validate.js';
import { escapeName } from '../text/escape.js';

export interface ValidateOptions {
  strict?: boolean;
}

export interface FindingJson {
  message: string;
  /** File line, null when the finding is about the whole file. */
  line: number | null;
  code: string;
}

export interface FileReport {
  path: string;
  company: string | null;
  role: string | null;
  errors: FindingJson[];
  warnings: FindingJson[];
  /** Said, never a problem (`--strict` passes): e.g. a bare $ read as the bands' dollar. */
  notes: string[];
}

export interface ValidationReport {
  files: FileReport[];
  errorCount: number;
  warningCount: number;
  strict: boolean;
}

export interface LoadProblem {
  path: string;
  message: string;
  /** Left out on purpose (a link leading outside the folder, a loop, too deep): a warning, not an error. */
  skipped?: boolean;
}

/** A guide as validate reads it: where its mojibake is, too. */
export interface CheckedGuide extends LoadedGuide {
  mojibakeLines?: number[];
}

/** Reads one guide; when the loader repaired mojibake, reads the text again to say on which lines. */
function readForValidation(path: string, source: number): CheckedGuide {
  const guide: CheckedGuide = { ...parser().readGuide(path), source };
  if (guide.repairs > 0) {
    try {
      guide.mojibakeLines = parser().findMojibakeLines(readTextFile(path));
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
export function loadTargets(targets: string[]): { guides: CheckedGuide[]; problems: LoadProblem[] } {
  const guides: CheckedGuide[] = [];
  const problems: LoadProblem[] = [];
  const seen = new Set<string>();
  const add = (path: string, source: number) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    guides.push(readForValidation(path, source));
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

/** The duplicate warnings, by file: each file names the other, and says which one queries use. */
function duplicateFindings(duplicates: Duplicate[]): Map<string, Finding[]> {
  const byPath = new Map<string, Finding[]>();
  const add = (path: string, f: Finding) => byPath.set(path, [...(byPath.get(path) ?? []), f]);
  for (const { key, winner, loser } of duplicates) {
    const why =
      winner.source !== loser.source
        ? 'it comes from a later source'
        : (winner.meta?.lastUpdated ?? '') > (loser.meta?.lastUpdated ?? '')
          ? `its last_updated is newer (${winner.meta?.lastUpdated})`
          : 'it was read first (same source, same last_updated)';
    const line = (g: LoadedGuide) => g.fieldLines?.company;
    add(loser.path, {
      severity: 'warning',
      code: 'duplicate',
      message: `duplicate company + role ${key}: also in ${escapeName(winner.path)}, which queries use because ${why}; this file is ignored: remove it or change its company/role`,
      line: line(loser),
    });
    add(winner.path, {
      severity: 'warning',
      code: 'duplicate',
      message: `duplicate company + role ${key}: also in ${escapeName(loser.path)}, which this file overrides; remove one of them`,
      line: line(winner),
    });
  }
  return byPath;
}

/** A file without front matter is not broken, only ignored: validate says so, as a warning. */
function frontMatterWarning(f: Finding): Finding {
  if (f.code !== 'no-front-matter') return f;
  return {
    ...f,
    severity: 'warning',
    message:
      'no front matter: queries ignore this file; if it is a guide, start it with a line "---", then its YAML fields, then a line "---"',
  };
}

const byLine = (a: Finding, b: Finding) => (a.line ?? Infinity) - (b.line ?? Infinity);
const toJson = (f: Finding): FindingJson => ({ message: f.message, line: f.line ?? null, code: f.code });

/** The report for loaded guides and load problems. Pure: every check is in guides/checks.ts. */
export function buildValidationReport(
  guides: CheckedGuide[],
  problems: LoadProblem[],
  opts: CheckOptions,
): ValidationReport {
  const duplicates = duplicateFindings(buildIndex({ guides }).duplicates);
  // An entry skipped on purpose (a link leading outside the folder, a loop, too deep) is a warning; an unreadable one an error.
  const files: FileReport[] = problems.map((p) => {
    const finding = [{ message: p.message, line: null, code: p.skipped ? 'skipped' : 'unreadable' }];
    return {
      path: p.path,
      company: null,
      role: null,
      errors: p.skipped ? [] : finding,
      warnings: p.skipped ? finding : [],
      notes: [],
    };
  });
  for (const g of guides) {
    const body = g.meta ? parser().parseBody(g.body, g.bodyLine, g.meta, g.fieldLines?.strategy) : null;
    const findings = [
      ...g.findings.map(frontMatterWarning),
      ...parser().checkGuideQuality(g, body, opts, g.mojibakeLines),
      ...(duplicates.get(g.path) ?? []),
    ];
    files.push({
      path: g.path,
      company: g.meta?.company ?? null,
      role: g.meta?.role ?? null,
      errors: findings
        .filter((f) => f.severity === 'error')
        .sort(byLine)
        .map(toJson),
      warnings: findings
        .filter((f) => f.severity === 'warning')
        .sort(byLine)
        .map(toJson),
      notes: body?.strategy?.notes ?? [],
    });
  }
  return {
    files,
    errorCount: files.reduce((n, f) => n + f.errors.length, 0),
    warningCount: files.reduce((n, f) => n + f.warnings.length, 0),
    strict: opts.strict,
  };
}

/** Exit 3 when there are errors, or warnings under --strict. */
export function validationExitCode(report: ValidationReport): number {
  return report.errorCount > 0 || (report.strict && report.warningCount > 0) ? EXIT.data : EXIT.ok;
}

export async function runValidate(ctx: Context, paths: string[], opts: ValidateOptions): Promise<number> {
  await ctx.loadParser();
  const targets = paths.length ? paths : ctx.sources().map((s) => s.dir);
  const { guides, problems } = loadTargets(targets);
  const report = buildValidationReport(guides, problems, { today: ctx.today, strict: !!opts.strict });
  ctx.out(ctx.json ? JSON.stringify(report, null, 2) : renderValidation(report, ctx.style));
  return validationExitCode(report);
}
