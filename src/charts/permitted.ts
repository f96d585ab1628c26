// Chart 2: what each wall permits against the target training run, in FLOP on a log scale.
// The target is a thick neutral dashed line labelled at its end, so it never takes a wall's colour.
import type { RunResult } from '../result/types.ts';
import { NEUTRAL, SIZE, WALL_SCALE } from './theme.ts';
import { positive, wallRows } from './tidy.ts';
import { IS_DECADE, VL_SCHEMA, yearX, type Spec } from './common.ts';

export function permittedChart({ result }: { result: RunResult }): Spec {
  const rows = positive(wallRows(result), 'permitted_flop');
  const target = result.steps.map((s) => ({ year: s.year, target_flop: s.target_flop }));
  const last = target.length ? [{ ...target[target.length - 1], label: 'target run' }] : [];
  const x = yearX('year', [result.horizon.start_year, result.horizon.end_year]);
  const y = {
    type: 'quantitative' as const,
    scale: { type: 'log' as const },
    title: 'Training run FLOP (log)',
    axis: { labelExpr: `${IS_DECADE} ? format(datum.value, '.0e') : ''` },
  };
  return {
    $schema: VL_SCHEMA,
    title: {
      text: `What each wall permits: ${result.scenario.name}`,
      subtitle: 'Largest training run each wall alone allows, against the target frontier run (dashed)',
    },
    width: SIZE.width,
    height: SIZE.height,
    layer: [
      {
        data: { values: rows },
        mark: 'line',
        encoding: {
          x,
          y: { ...y, field: 'permitted_flop' },
          color: { field: 'wall', type: 'nominal', scale: WALL_SCALE, title: 'Wall' },
        },
      },
      {
        data: { values: target },
        mark: { type: 'line', color: NEUTRAL.target, strokeDash: [6, 4], strokeWidth: 3 },
        encoding: { x, y: { ...y, field: 'target_flop' } },
      },
      {
        data: { values: last },
        mark: { type: 'text', align: 'right', dy: -10, fontSize: 11, color: NEUTRAL.target },
        encoding: { x, y: { ...y, field: 'target_flop' }, text: { field: 'label' } },
      },
    ],
  } as Spec;
}
