// extract's human output: what the letter states, each figure with its line and the sentence quoted;
// what is missing; what is ambiguous, with its candidates. Letter text is cleaned before it is shown.
import { formatMoney } from '../comp/money.js';
import type { LetterResult } from '../results/letter.js';
import type { Style } from './terminal.js';
import { cleanTerminalText } from '../text/escape.js';

const MONEY_FIELDS = new Set(['base', 'stock', 'sign_on', 'relocation', 'bonus_amount']);
const TYPE_NAMES: Record<string, string> = {
  text: 'text',
  markdown: 'Markdown',
  eml: 'e-mail',
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word',
};

/** A sentence as quoted: one line, cleaned, at most `max` characters. */
export function quote(text: string, max = 110): string {
  const one = cleanTerminalText(text).replace(/\s+/g, ' ').trim();
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
}

function showValue(field: string, value: unknown, currency: string | null): string {
  if (MONEY_FIELDS.has(field) && typeof value === 'number')
    return currency ? formatMoney(value, currency) : value.toLocaleString('en');
  if (field === 'bonus_pct') return `${value}%`;
  if (field === 'cliff') return `${value} months`;
  if (field === 'vesting') return `${String(value).split(',').join('/')} %/year`;
  if (field === 'shares' && typeof value === 'number') return value.toLocaleString('en');
  return cleanTerminalText(String(value));
}

export function renderExtraction(r: LetterResult, style: Style): string {
  const out: string[] = [
    style.bold(
      `${cleanTerminalText(r.source.name)} (${TYPE_NAMES[r.source.type]}): ${r.settled ? 'the offer it states' : 'no base salary settled'}`,
    ),
    '',
  ];
  const width = Math.max(8, ...r.figures.map((f) => f.field.length));
  for (const f of r.figures) {
    out.push(
      `  ${style.accent(f.field.padEnd(width))}  ${style.bold(showValue(f.field, f.value, f.currency))}   ${style.dim(`line ${f.line}`)}`,
    );
    out.push(`  ${' '.repeat(width)}  ${quote(f.text)}`);
    if (f.note) out.push(`  ${' '.repeat(width)}  ${style.dim(cleanTerminalText(f.note))}`);
  }
  if (r.figures.length === 0) out.push('  nothing found');
  if (r.missing.length) out.push('', `${style.bold('Not in the letter:')} ${r.missing.join(', ')}`);
  for (const a of r.ambiguous) {
    out.push(
      '',
      `${style.warn(`Ambiguous ${a.field}:`)} ${cleanTerminalText(a.why)}${a.flags.length ? ` (settle it with ${a.flags.join(' or ')})` : ''}`,
    );
    for (const c of a.candidates)
      out.push(
        `  ${style.bold(showValue(a.field, c.value, null).padEnd(12))} ${style.dim(`line ${c.line}`)}  ${quote(c.text, 90)}`,
      );
  }
  return out.join('\n');
}
