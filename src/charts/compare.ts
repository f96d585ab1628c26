// Chart 6: comparing scenarios. (a) The headroom of every wall at chosen years, one column per
// scenario and one row per year, the binding wall outlined; (b) the binding-wall timeline of each
// scenario (solid where that wall's headroom is below 1), with the first wall marked.
import type { RunResult } from '../result/types.ts';
import { WALLS } from '../walls/registry.ts';
import { SIZE, WALL_SCALE } from './theme.ts';
import { formatYear, stepNear } from './tidy.ts';
import { VL_SCHEMA, floorBand, headroomAxis, ruleAtOne, type Spec } from './common.ts';
import { floorClamp } from '../result/format.ts';

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

/** One facet cell of the compare chart: a wall's headroom, or the marker of a year outside the horizon. */
export interface CompareCell {
  scenario: string;
  year: number;
  wall: string | null;
  headroom: number | null;
  /** The headroom as drawn (clamped into the floor band). */
  shown: number | null;
  binding: boolean;
  limited_by: string | null;
  outside: boolean;
}

/** Every (scenario, year) cell, in scenario then year order: the walls' rows where the year is in
 * the scenario's horizon, one "outside horizon" row where it is not. Keyed cells keep the facet
 * grid aligned whatever the horizons (a missing cell would shift the others). */
export function compareCells(results: RunResult[], years: number[]): CompareCell[] {
  return results.flatMap((r) =>
    years.flatMap((year): CompareCell[] => {
      const s = stepNear(r, year);
      if (!s) {
        const none = { wall: null, headroom: null, shown: null, binding: false, limited_by: null };
        return [{ scenario: r.scenario.name, year, ...none, outside: true }];
      }
      return WALLS.map((wall) => ({
        scenario: r.scenario.name,
        year,
        wall,
        headroom: s.walls[wall].headroom,
        shown: floorClamp(s.walls[wall].headroom),
        binding: s.achievable.binding === wall,
        limited_by: s.walls[wall].limited_by,
        outside: false,
      }));
    }),
  );
}

export function compareHeadroomChart({ results, years }: { results: RunResult[]; years: number[] }): Spec {
  const cells = compareCells(results, years);
  const names = results.map((r) => r.scenario.name);
  const gap = 16;
  const width = Math.floor((SIZE.width - gap * (names.length - 1)) / Math.max(1, names.length));
  const x = {
    field: 'shown',
    type: 'quantitative',
    ...headroomAxis(
      cells.map((c) => c.shown ?? 0),
      'Headroom (log)',
    ),
  };
  const inside = [{ filter: '!datum.outside' }];
  return {
    $schema: VL_SCHEMA,
    title: {
      text: 'Headroom of every wall at chosen years',
      subtitle: [
        "One column per scenario, one row per year; each wall's own permit / target, log scale; below the",
        "dashed line at 1 the wall binds; outlined: the coupled solve's binding constraint",
      ],
    },
    data: { values: cells },
    facet: {
      column: { field: 'scenario', type: 'nominal', sort: names, title: null, header: { labelFontWeight: 'bold' } },
      row: {
        field: 'year',
        type: 'ordinal',
        sort: years,
        title: 'Year',
        header: { format: 'd', formatType: 'number' },
      },
    },
    spacing: { column: gap, row: 8 },
    spec: {
      width,
      height: SIZE.smallHeight,
      layer: [
        floorBand('x', false),
        { ...ruleAtOne('x', false), transform: [...inside, { aggregate: [{ op: 'count', as: 'n' }] }] },
        {
          transform: inside,
          mark: { type: 'point', filled: true, size: 70, opacity: 1 },
          encoding: {
            x,
            y: { field: 'wall', type: 'nominal', sort: [...WALLS], title: null },
            color: { field: 'wall', type: 'nominal', scale: WALL_SCALE, title: 'Wall' },
            stroke: { condition: { test: 'datum.binding', value: '#000000' }, value: null },
            strokeWidth: { condition: { test: 'datum.binding', value: 2 }, value: 0 },
          },
        },
        {
          transform: [{ filter: 'datum.outside' }],
          mark: { type: 'text', text: OUTSIDE_HORIZON_TEXT, fontSize: 11, color: '#555555' },
          encoding: { x: { value: width / 2 }, y: { value: SIZE.smallHeight / 2 } },
        },
      ],
    },
  } as Spec;
}

/** What a compare cell outside a scenario's horizon says. */
export const OUTSIDE_HORIZON_TEXT = 'outside horizon';

const BINDS = 'binds (achievable run below the target)';
const MET = 'binding constraint, target met';

export function compareTimelineChart({ results }: { results: RunResult[] }): Spec {
  const names = results.map((r) => r.scenario.name);
  const cells = results.flatMap((r) =>
    r.steps.map((s) => ({
      scenario: r.scenario.name,
      year: s.year,
      year_end: s.year + r.horizon.step_years,
      wall: s.achievable.binding,
      state: s.achievable.headroom < 1 ? BINDS : MET,
      limited_by: s.achievable.limited_by,
      achievable_headroom: s.achievable.headroom,
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
      subtitle: [
        "The coupled solve's binding constraint each step; faint while the achievable run still meets",
        'the target; the black tick marks the first wall',
      ],
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
            scale: { domain: [BINDS, MET], range: [1, 0.3] },
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
