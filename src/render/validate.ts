// The human validate report: grouped by file, errors before warnings, `file:line: severity: message [code]`.
import type { FileReport, FindingJson, ValidationReport } from '../results/validation.js';
import type { Style } from './terminal.js';
import { cleanTerminalText as t, escapeName } from '../text/escape.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function renderFinding(path: string, f: FindingJson, severity: 'error' | 'warning', style: Style): string {
  const where = f.line === null ? escapeName(path) : `${escapeName(path)}:${f.line}`;
  const label = severity === 'error' ? style.bad('error') : style.warn('warning');
  return `${style.bold(where)}: ${label}: ${t(f.message)} ${style.dim(`[${f.code}]`)}`;
}

function renderFile(file: FileReport, style: Style): string {
  return [
    ...file.errors.map((f) => renderFinding(file.path, f, 'error', style)),
    ...file.warnings.map((f) => renderFinding(file.path, f, 'warning', style)),
    ...(file.notes ?? []).map((n) => `${style.bold(escapeName(file.path))}: ${style.dim('note')}: ${t(n)}`),
  ].join('\n');
}

/** "3 files checked, 1 with problems: 1 error, 8 warnings". */
export function renderSummary(report: ValidationReport): string {
  const withProblems = report.files.filter((f) => f.errors.length + f.warnings.length > 0).length;
  const checked = `${plural(report.files.length, 'file')} checked`;
  if (withProblems === 0) return `${checked}: no problems`;
  const strict = report.strict && report.warningCount > 0 ? ' (--strict: warnings fail)' : '';
  return `${checked}, ${withProblems} with problems: ${plural(report.errorCount, 'error')}, ${plural(report.warningCount, 'warning')}${strict}`;
}

export function renderValidation(report: ValidationReport, style: Style): string {
  const blocks = report.files
    .filter((f) => f.errors.length + f.warnings.length + (f.notes?.length ?? 0) > 0)
    .map((f) => renderFile(f, style));
  return [...blocks, renderSummary(report)].join('\n\n');
}
