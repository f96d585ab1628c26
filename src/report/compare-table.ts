// The terminal side-by-side of scenarios: first wall and year, then the headroom of every wall at
// each chosen year, one fixed-width column per scenario, 2 significant digits, the binding wall
// marked with "*". Invariant: every line of the table has the same width.
import type { RunResult } from '../result/types.ts';
import { WALLS } from '../walls/registry.ts';
import { formatHeadroom, formatYear, stepNear } from '../charts/tidy.ts';

/** Default years to compare: every 5 years from the earliest start to the latest end (and the end itself). */
export function defaultYears(results: RunResult[]): number[] {
  const start = Math.min(...results.map((r) => r.horizon.start_year));
  const end = Math.max(...results.map((r) => r.horizon.end_year));
  const years: number[] = [];
  for (let y = start; y <= end; y += 5) years.push(y);
  if (years[years.length - 1] !== end) years.push(end);
  return years;
}

function firstWallText(r: RunResult): string {
  return r.first_wall ? `${r.first_wall.wall} ${formatYear(r.first_wall.year)}` : 'none';
}

export function compareTable(results: RunResult[], years: number[]): string {
  const label = ['first wall', ...WALLS.map((w) => `  ${w}`)];
  const col =
    Math.max(12, ...results.map((r) => r.scenario.name.length), ...results.map((r) => firstWallText(r).length)) + 2;
  const left = Math.max(...label.map((l) => l.length), 'headroom in 0000.00'.length) + 2;
  const line = (head: string, cells: string[]) => head.padEnd(left) + cells.map((c) => c.padStart(col)).join('');
  const out = [
    line(
      '',
      results.map((r) => r.scenario.name),
    ),
    line('first wall', results.map(firstWallText)),
  ];
  for (const year of years) {
    out.push(
      line(
        `headroom in ${formatYear(year)}`,
        results.map(() => ''),
      ),
    );
    for (const w of WALLS) {
      out.push(
        line(
          `  ${w}`,
          results.map((r) => {
            const s = stepNear(r, year);
            if (!s) return '-  ';
            return `${formatHeadroom(s.walls[w].headroom)}${s.achievable.binding === w ? ' *' : '  '}`;
          }),
        ),
      );
    }
  }
  out.push('* binding wall (least headroom) at that year; headroom < 1: the wall binds; -: outside the horizon');
  const width = Math.max(...out.slice(0, -1).map((l) => l.length));
  return out.map((l, i) => (i < out.length - 1 ? l.padEnd(width) : l)).join('\n') + '\n';
}
