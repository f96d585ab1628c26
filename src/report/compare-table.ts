// The terminal side-by-side of scenarios: first wall and year, then at each chosen year every wall's
// own headroom, the achievable run's, and the binding constraint with what limited it; one column
// per scenario, 2 significant digits, "*" marking a value below 1 (the one meaning of the marker in
// every table), "outside horizon" where a year is not in a scenario's run.
// Invariant: every line of the table body has the same width (the "limited by" notes excepted).
import type { RunResult } from '../result/types.ts';
import { WALLS } from '../walls/registry.ts';
import { BELOW_ONE, FLOOR_TEXT, markedHeadroom } from '../result/format.ts';
import { formatYear, stepNear } from '../charts/tidy.ts';

/** Default years to compare: every 5 years from the earliest start to the latest end (and the end itself). */
export function defaultYears(results: RunResult[]): number[] {
  const start = Math.min(...results.map((r) => r.horizon.start_year));
  const end = Math.max(...results.map((r) => r.horizon.end_year));
  const years: number[] = [];
  for (let y = start; y <= end; y += 5) years.push(y);
  if (years[years.length - 1] !== end) years.push(end);
  return years;
}

export const OUTSIDE_HORIZON = 'outside horizon';

function firstWallText(r: RunResult): string {
  return r.first_wall ? `${r.first_wall.wall} ${formatYear(r.first_wall.year)}` : 'none';
}

/** A row of cells, or a note line under the rows (free text, not part of the columns). */
type Row = [string, string[]] | string;

/** The rows of one chosen year: label, then one cell per scenario; what limited each binding
 * constraint follows as a note (its words are too long for a column). */
function yearRows(results: RunResult[], year: number): Row[] {
  const steps = results.map((r) => stepNear(r, year));
  const cell = (f: (s: NonNullable<(typeof steps)[number]>) => string) =>
    steps.map((s) => (s ? f(s) : OUTSIDE_HORIZON));
  const limited = results.flatMap((r, i) =>
    steps[i] ? [`${r.scenario.name}: ${steps[i]!.achievable.limited_by}`] : [],
  );
  const inference: Row[] = steps.some((s) => s?.inference)
    ? [['  inference', cell((s) => (s.inference ? markedHeadroom(s.inference.headroom) : '- '))]]
    : [];
  return [
    [`headroom in ${formatYear(year)}`, results.map(() => '')],
    ...WALLS.map((w): Row => [`  ${w}`, cell((s) => markedHeadroom(s.walls[w].headroom))]),
    ['  achievable', cell((s) => markedHeadroom(s.achievable.headroom))],
    ['  binding', cell((s) => `${s.achievable.binding} `)],
    ...inference,
    ...(limited.length ? [`    limited by: ${limited.join('; ')}`] : []),
  ];
}

export function compareTable(results: RunResult[], years: number[]): string {
  const rows: Row[] = [
    ['', results.map((r) => `${r.scenario.name} `)],
    ['first wall', results.map((r) => `${firstWallText(r)} `)],
    ...years.flatMap((y) => yearRows(results, y)),
  ];
  const cols = rows.filter((r): r is [string, string[]] => typeof r !== 'string');
  const col = Math.max(12, ...cols.flatMap(([, cells]) => cells.map((c) => c.length))) + 2;
  const left = Math.max(...cols.map(([l]) => l.length)) + 2;
  const out = rows.map((r) =>
    typeof r === 'string' ? r : r[0].padEnd(left) + r[1].map((c) => c.padStart(col)).join(''),
  );
  return (
    [
      ...out,
      `${BELOW_ONE} below 1: that wall's own permit (or the achievable run) falls short of the target.`,
      "binding: the coupled solve's binding constraint (what limited it on the line below).",
      'inference: real-time servable / needed within the latency budget (the speed of light; beside the walls).',
      `${FLOOR_TEXT}: below the plausibility floor (the exact ratio means nothing that far out).`,
    ].join('\n') + '\n'
  );
}
