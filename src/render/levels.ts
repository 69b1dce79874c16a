// The human form of `levels`: the mapping as a table, and the answer to --from.
import type { LevelsResult } from '../results/levels.js';
import { rangeLabel } from '../comp/level-mapping.js';
import { renderTable } from './table.js';
import type { Style } from './terminal.js';
import { cleanTerminalText as t } from '../text/escape.js';

export function renderLevels(result: LevelsResult, style: Style): string {
  const rows = [
    ['Company', 'Family', 'Levels', ''],
    ...result.mapping.map((e, i) => [
      t(e.company),
      e.family === null ? '—' : t(e.family),
      e.levels.length ? t(rangeLabel(e.levels)) : style.dim('no levels given'),
      i === 0 ? style.dim('this guide') : '',
    ]),
  ];
  const lines = [
    style.bold(`${t(result.company.name)} · ${t(result.role.name)} · level mapping`),
    '',
    renderTable(rows, { header: style.dim }),
  ];
  if (result.source === 'body')
    lines.push(
      '',
      style.dim('read from the guide\'s "Level Mapping:" line (the front matter has no level_mapping.raw)'),
    );
  if (result.from && result.to) {
    const fromEntry = result.mapping.find(
      (e) => e.company === result.from!.company && e.levels.includes(result.from!.level),
    );
    const n = fromEntry?.levels.length ?? 0;
    const m = result.mapping[0].levels.length;
    const how = result.approximate
      ? `approximate: ${t(result.from.company)} has ${n} levels here and ${t(result.to.company)} ${m}, so it is mapped by relative position`
      : `one to one: both ranges have ${m} level${m === 1 ? '' : 's'}`;
    lines.push(
      '',
      `${style.bold(`${t(result.from.company)} ${t(result.from.level)} ≈ ${t(result.to.company)} ${t(result.to.level)}`)}  ${style.dim(`(${how})`)}`,
    );
  }
  return lines.join('\n');
}
