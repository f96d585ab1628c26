// Chart 1: headroom of every wall's own permit over time (log scale), the achievable run with every
// constraint at once (black), a rule at 1, and the first wall annotated on the achievable line (or,
// when it never falls short, its closest approach). Pure: options in, a Vega-Lite spec out.
import type { RunResult } from '../result/types.ts';
import { SIZE, WALL_SCALE } from './theme.ts';
import { formatHeadroom, formatYear, positive, wallRows } from './tidy.ts';
import { VL_SCHEMA, floorBand, headroomAxis, ruleAtOne, yearX, type Spec } from './common.ts';
import { floorClamp } from '../result/format.ts';

/** The coupled solve's line, drawn beside the walls in black. */
const ACHIEVABLE = 'achievable';
const SCALE = { domain: [...WALL_SCALE.domain, ACHIEVABLE], range: [...WALL_SCALE.range, '#000000'] };

export interface HeadroomChartOptions {
  result: RunResult;
  /** Title override (compare reports name the scenario). */
  title?: string;
}

export function headroomChart({ result, title }: HeadroomChartOptions): Spec {
  const achievable = result.steps.map((s) => ({
    year: s.year,
    wall: ACHIEVABLE,
    headroom: s.achievable.headroom,
    limited_by: `${s.achievable.binding}: ${s.achievable.limited_by}`,
  }));
  const rows = positive([...wallRows(result), ...achievable], 'headroom').map((r) => ({
    ...r,
    shown: floorClamp(r.headroom),
  }));
  const fw = result.first_wall;
  const mark = fw ?? result.nearest;
  const label = fw
    ? `first wall: ${fw.wall}, ${formatYear(fw.year)} (headroom ${formatHeadroom(fw.headroom)})`
    : `no wall binds; nearest: ${mark.wall}, ${formatYear(mark.year)} (${formatHeadroom(mark.headroom)})`;
  const x = yearX('year', [result.horizon.start_year, result.horizon.end_year]);
  const y = {
    field: 'shown',
    type: 'quantitative' as const,
    ...headroomAxis(
      rows.map((r) => r.shown),
      'Headroom (permitted / target FLOP, log)',
    ),
  };
  const annotation = mark.headroom > 0 ? [{ ...mark, shown: floorClamp(mark.headroom), label }] : [];
  return {
    $schema: VL_SCHEMA,
    title: {
      text: title ?? `Headroom of every wall: ${result.scenario.name}`,
      subtitle: [
        "Each wall's own permit / target (every other resource ample); black: the achievable run with",
        'every constraint at once. Where the black line first drops below 1 is the first wall.',
        'Grey band: below 1e-3, drawn at the floor (the exact ratio means nothing that far out).',
      ],
    },
    width: SIZE.width,
    height: SIZE.height,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: { size: 16 } },
        encoding: {
          x,
          y,
          color: { field: 'wall', type: 'nominal', scale: SCALE, title: 'Wall' },
          strokeWidth: { condition: { test: `datum.wall === '${ACHIEVABLE}'`, value: 3.5 }, value: 1.5 },
        },
      },
      floorBand('y'),
      ruleAtOne('y'),
      {
        data: { values: annotation },
        mark: { type: 'point', shape: 'circle', size: 140, filled: false, color: '#000000', strokeWidth: 2 },
        encoding: { x, y },
      },
      // a dotted line from the top to the point, the label at the top, clear of the dense lines near 1
      {
        data: { values: annotation },
        mark: { type: 'rule', color: '#000000', strokeDash: [1, 2] },
        encoding: { x, y, y2: { value: 0 } },
      },
      // the label over a white halo (the same text stroked first), so a wall's line under it stays
      // behind the words instead of through them
      ...[true, false].map((halo) => ({
        data: { values: annotation },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'top',
          dx: 4,
          y: 2,
          fontSize: 11,
          fontWeight: 'bold',
          ...(halo ? { stroke: '#ffffff', strokeWidth: 4, strokeJoin: 'round', strokeOpacity: 0.9 } : {}),
        },
        encoding: { x, text: { field: 'label' } },
      })),
    ],
  } as Spec;
}
