// Plain-text tables and range bars. Return strings; never print.
import { displayWidth } from './terminal.js';

export type Align = 'left' | 'right';

export interface TableOptions {
  align?: Align[];
  /** Applied to the header row after padding (e.g. bold). */
  header?: (s: string) => string;
  gap?: number;
}

function pad(s: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** Renders rows (first row the header) as aligned columns; cells may already carry colour. */
export function renderTable(rows: string[][], opts: TableOptions = {}): string {
  const cols = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  const gap = ' '.repeat(opts.gap ?? 2);
  return rows
    .map((row, r) => {
      const line = widths
        .map((w, i) =>
          pad(
            row[i] ?? '',
            i === cols - 1 && (opts.align?.[i] ?? 'left') === 'left' ? 0 : w,
            opts.align?.[i] ?? 'left',
          ),
        )
        .join(gap)
        .trimEnd();
      return r === 0 && opts.header ? opts.header(line) : line;
    })
    .join('\n');
}

/**
 * A range bar: the low–high span drawn on a scale from `min` to `max`, `width` cells wide.
 * Example (width 20): "····████████········". An optional marker shows one value (e.g. an offer).
 */
export function renderRangeBar(
  low: number,
  high: number,
  min: number,
  max: number,
  width = 20,
  marker?: number,
): string {
  if (!(max > min)) return '█'.repeat(width);
  const cell = (v: number) => Math.min(width - 1, Math.max(0, Math.floor(((v - min) / (max - min)) * width)));
  const from = cell(low);
  const to = Math.max(from, cell(high));
  const cells: string[] = Array.from({ length: width }, (_, i) => (i >= from && i <= to ? '█' : '·'));
  if (marker !== undefined && Number.isFinite(marker)) cells[cell(marker)] = '▲';
  return cells.join('');
}
