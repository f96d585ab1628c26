// Terminal tables for `firstwall run`: what each wall permits and each wall's headroom per step.
import type { RunResult } from '../result/types.ts';
import { formatHeadroom, formatYear } from '../model/verdict.ts';
import { WALLS } from '../result/walls.ts';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const flop = (x: number) => x.toExponential(1).replace('e+', 'e');

export function permittedTable(r: RunResult): string {
  return table(
    ['year', 'target FLOP', ...WALLS],
    r.steps.map((s) => [formatYear(s.year), flop(s.target_flop), ...WALLS.map((w) => flop(s.walls[w].permitted_flop))]),
  );
}

export function headroomTable(r: RunResult): string {
  return table(
    ['year', ...WALLS, 'binding'],
    r.steps.map((s) => [
      formatYear(s.year),
      ...WALLS.map((w) => `${formatHeadroom(s.walls[w].headroom)}${s.walls[w].headroom < 1 ? '*' : ' '}`),
      s.binding,
    ]),
  );
}
