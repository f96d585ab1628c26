// Terminal tables for `firstwall run`: each wall's own permit and headroom per step, and the coupled
// solve (the achievable run, its binding constraint and what else is active).
import type { RunResult } from '../result/types.ts';
import { formatYear, markedHeadroom as marked } from '../result/format.ts';
import { WALLS } from '../walls/registry.ts';

export function table(header: string[], rows: string[][], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < leftColumns || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const flop = (x: number) => x.toExponential(1).replace('e+', 'e');

export function permittedTable(r: RunResult, walls: readonly string[] = WALLS): string {
  return table(
    ['year', 'target FLOP', ...walls, ''],
    r.steps.map((s) => [
      formatYear(s.year),
      flop(s.target_flop),
      ...walls.map((w) => flop(s.walls[w].permitted_flop)),
      '',
    ]),
  );
}

export function headroomTable(r: RunResult, walls: readonly string[] = WALLS): string {
  return table(
    ['year', ...walls, ''],
    r.steps.map((s) => [formatYear(s.year), ...walls.map((w) => marked(s.walls[w].headroom)), '']),
  );
}

export function achievableTable(r: RunResult): string {
  return table(
    ['year', 'target', 'achievable', 'headroom', 'binding: limited by', 'also active (elasticity)'],
    r.steps.map((s) => {
      const a = s.achievable;
      return [
        formatYear(s.year),
        flop(s.target_flop),
        flop(a.flop),
        marked(a.headroom),
        `${a.binding}: ${a.limited_by}`,
        a.active
          .filter((c) => c.wall !== a.binding)
          .map((c) => `${c.wall} ${c.elasticity.toFixed(2)}`)
          .join(', ') || '-',
      ];
    }),
    5,
  );
}
