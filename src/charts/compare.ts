// Chart 6: comparing scenarios. (a) The headroom of every wall at chosen years, one column per
// scenario and one row per year, the binding wall outlined; (b) the binding-wall timeline of each
// scenario (solid where that wall's headroom is below 1), with the first wall marked.
import type { RunResult } from '../result/types.ts';
import { WALLS } from '../walls/registry.ts';
import { SIZE, WALL_SCALE } from './theme.ts';
import { formatYear, stepNear } from './tidy.ts';
import { LOG_LABEL, VL_SCHEMA, ruleAtOne, type Spec } from './common.ts';

export interface CompareRow {
  scenario: string;
  year: number;
  wall: string;
  headroom: number;
  binding: boolean;
}

/** Headroom of every wall at each chosen year (the nearest step), per scenario; years outside a horizon are skipped. */
export function compareRows(results: RunResult[], years: number[]): CompareRow[] {
  return results.flatMap((r) =>
    years.flatMap((year) => {
      const s = stepNear(r, year);
      if (!s) return [];
      return WALLS.map((wall) => ({
        scenario: r.scenario.name,
        year,
        wall,
        headroom: s.walls[wall].headroom,
        binding: s.achievable.binding === wall,
      }));
    }),
  );
}

export function compareHeadroomChart({ results, years }: { results: RunResult[]; years: number[] }): Spec {
  const rows = compareRows(results, years).filter((r) => r.headroom > 0);
  const names = results.map((r) => r.scenario.name);
  const gap = 16;
  const width = Math.floor((SIZE.width - gap * (names.length - 1)) / Math.max(1, names.length));
  return {
    $schema: VL_SCHEMA,
    title: {
      text: 'Headroom of every wall at chosen years',
      subtitle:
        'One column per scenario; log scale; the binding wall is outlined; below the dashed line at 1 the wall binds',
    },
    data: { values: rows },
    facet: {
      column: { field: 'scenario', type: 'nominal', sort: names, title: null, header: { labelFontWeight: 'bold' } },
      row: { field: 'year', type: 'ordinal', title: 'Year', header: { format: 'd', formatType: 'number' } },
    },
    spacing: { column: gap, row: 8 },
    spec: {
      width,
      height: SIZE.smallHeight,
      layer: [
        ruleAtOne('x', false),
        {
          mark: { type: 'point', filled: true, size: 70, opacity: 1 },
          encoding: {
            x: {
              field: 'headroom',
              type: 'quantitative',
              scale: { type: 'log' },
              title: 'Headroom (log)',
              axis: { labelExpr: LOG_LABEL },
            },
            y: { field: 'wall', type: 'nominal', sort: [...WALLS], title: null },
            color: { field: 'wall', type: 'nominal', scale: WALL_SCALE, title: 'Wall' },
            stroke: { condition: { test: 'datum.binding', value: '#000000' }, value: null },
            strokeWidth: { condition: { test: 'datum.binding', value: 2 }, value: 0 },
          },
        },
      ],
    },
  } as Spec;
}

export function compareTimelineChart({ results }: { results: RunResult[] }): Spec {
  const names = results.map((r) => r.scenario.name);
  const cells = results.flatMap((r) =>
    r.steps.map((s) => ({
      scenario: r.scenario.name,
      year: s.year,
      year_end: s.year + r.horizon.step_years,
      wall: s.achievable.binding,
      state: s.achievable.headroom < 1 ? 'binds (achievable below target)' : 'binding constraint, target met',
    })),
  );
  const firsts = results.flatMap((r) =>
    r.first_wall
      ? [
          {
            scenario: r.scenario.name,
            year: r.first_wall.year,
            label: `${r.first_wall.wall} ${formatYear(r.first_wall.year)}`,
          },
        ]
      : [],
  );
  const start = Math.min(...results.map((r) => r.horizon.start_year));
  const end = Math.max(...results.map((r) => r.horizon.end_year + r.horizon.step_years));
  const x = {
    field: 'year',
    type: 'quantitative',
    title: 'Year',
    scale: { domain: [start, end], nice: false, zero: false },
    axis: { format: 'd', tickMinStep: 1 },
  };
  const y = { field: 'scenario', type: 'nominal', sort: names, title: null, axis: { labelLimit: 200 } };
  return {
    $schema: VL_SCHEMA,
    title: {
      text: 'Binding wall over time',
      subtitle:
        'The wall of least headroom each step; faint while every headroom is still >= 1; the black tick marks the first wall',
    },
    width: SIZE.width,
    height: Math.max(60, 36 * names.length),
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x,
          x2: { field: 'year_end' },
          y,
          color: { field: 'wall', type: 'nominal', scale: WALL_SCALE, title: 'Binding wall' },
          opacity: {
            field: 'state',
            type: 'ordinal',
            title: null,
            scale: { domain: ['binds (headroom < 1)', 'least headroom, >= 1'], range: [1, 0.3] },
            legend: null,
          },
        },
      },
      {
        data: { values: firsts },
        mark: { type: 'tick', color: '#000000', thickness: 3, bandSize: 30 },
        encoding: { x, y },
      },
      {
        data: { values: firsts },
        mark: { type: 'text', align: 'left', dx: 5, dy: -11, fontSize: 10, fontWeight: 'bold' },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  } as Spec;
}
