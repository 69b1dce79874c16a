// The validation report of guide files: every check of src/guides/checks.ts, duplicates across the files,
// and what could not be read. validate prints it; new checks the guide it is about to write with it.
import { EXIT } from './errors.js';
import type { CheckOptions } from './guides/checks.js';
import type { GuideParser } from './guides/lazy-parser.js';
import { summarise, type GuideSummary } from './guides/summary.js';
import type { Finding, ParsedGuide } from './guides/types.js';
import { buildIndex, type Duplicate } from './index/build.js';
import type { FileReport, FindingJson, ValidationReport } from './results/validation.js';
import { escapeName } from './text/escape.js';

export interface LoadProblem {
  path: string;
  message: string;
  /** Left out on purpose (a link leading outside the folder, a loop, too deep): a warning, not an error. */
  skipped?: boolean;
}

/** A guide as validate reads it: parsed whole, its source and summary (for duplicates), where its mojibake is. */
export interface CheckedGuide extends ParsedGuide {
  source: number;
  summary: GuideSummary;
  mojibakeLines?: number[];
}

/** A parsed guide as validate checks it. */
export const checkedGuide = (parsed: ParsedGuide, source: number): CheckedGuide => ({
  ...parsed,
  source,
  summary: summarise(parsed),
});

/** The duplicate warnings, by file: each file names the other, and says which one queries use. */
function duplicateFindings(duplicates: Duplicate<CheckedGuide>[]): Map<string, Finding[]> {
  const byPath = new Map<string, Finding[]>();
  const add = (path: string, f: Finding) => byPath.set(path, [...(byPath.get(path) ?? []), f]);
  for (const { key, winner, loser } of duplicates) {
    const why =
      winner.source !== loser.source
        ? 'it comes from a later source'
        : (winner.meta?.lastUpdated ?? '') > (loser.meta?.lastUpdated ?? '')
          ? `its last_updated is newer (${winner.meta?.lastUpdated})`
          : 'it was read first (same source, same last_updated)';
    const line = (g: CheckedGuide) => g.fieldLines?.company;
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
  p: GuideParser,
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
    const body = g.meta ? p.parseBody(g.body, g.bodyLine, g.meta, g.fieldLines?.strategy) : null;
    const findings = [
      ...g.findings.map(frontMatterWarning),
      ...p.checkGuideQuality(g, body, opts, g.mojibakeLines),
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
