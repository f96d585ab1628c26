// The terminal page of `firstwall run`: each wall's own permit and headroom per step and what limits
// it, the coupled solve (the achievable run, its binding constraint and what else is active), the
// buildouts and events step by step, the verdict, and the explanation (why the first wall binds,
// real-time inference against the speed of light).
import type { RunResult } from '../result/types.ts';
import { formatYear, markedHeadroom as marked } from '../result/format.ts';
import { WALLS } from '../walls/registry.ts';
import { table } from '../report/text-table.ts';
import { stepActivity, wallLimits } from '../report/step-activity.ts';
import { FLOOR_TEXT } from '../result/format.ts';
import { verdict } from '../model/verdict.ts';

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

/** Each step's buildouts and events, three labelled lines per step. */
export function activityLines(r: RunResult): string {
  return stepActivity(r)
    .flatMap((a) => [
      `${formatYear(a.year).padEnd(6)}ordered  ${a.ordered}`,
      `      landed   ${a.landed}`,
      ...(a.events === '-' ? [] : [`      events   ${a.events}`]),
    ])
    .join('\n');
}

export function runText(r: RunResult): string {
  const why = r.explanation;
  return [
    `${r.scenario.name}: ${r.scenario.description}`,
    '',
    "Each wall's own permit (physical FLOP; every other resource ample)",
    permittedTable(r),
    '',
    `Headroom of each wall (permit / target; * below 1; ${FLOOR_TEXT} below the plausibility floor)`,
    headroomTable(r),
    '',
    "What limits each wall's own permit",
    ...wallLimits(r, WALLS).map((x) => `  ${x.wall}: ${x.text}`),
    '',
    'Achievable run (every constraint at once) and why not more',
    achievableTable(r),
    '',
    'Buildouts and events per step (ordered from this step to the next; landed and applied by this step;',
    "each order in result.json and the report's data/buildouts.csv)",
    activityLines(r),
    '',
    verdict(r),
    ...(why ? ['', ...why.first_wall.map((l, i) => (i ? `  ${l}` : l))] : []),
    ...(why?.inference.length
      ? ['', 'Real-time inference and the speed of light', ...why.inference.map((l) => `  ${l}`)]
      : []),
    '',
  ].join('\n');
}
