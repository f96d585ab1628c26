// Chart 3: facility power and cooling capacity against available power (grid + on-site) over time,
// with the power a target run would need; below, each grid, generation and cooling buildout as a
// bar from the year it was ordered (open circle) to the year it landed (filled circle).
import type { Buildout, RunResult } from '../result/types.ts';
import { WALL_COLORS } from '../walls/registry.ts';
import { NEUTRAL, SIZE } from './theme.ts';
import { formatAmount, powerBuildouts } from './tidy.ts';
import { IS_DECADE, VL_SCHEMA, yearX, type Spec } from './common.ts';

const SERIES = [
  { key: 'available_power_mw', label: 'available power (grid + on-site)', color: NEUTRAL.supply, dash: [6, 3] },
  { key: 'facility_mw', label: 'facility power drawn', color: WALL_COLORS.power, dash: [1, 0] },
  { key: 'cooling_capacity_mw', label: 'cooling capacity (heat removed)', color: WALL_COLORS.cooling, dash: [1, 0] },
  { key: 'run_facility_mw_needed', label: 'facility power the target run needs', color: NEUTRAL.target, dash: [2, 2] },
] as const;

const KIND_LABEL: Record<string, string> = {
  grid_connection: 'grid',
  onsite_generation: 'on-site generation',
  cooling_expansion: 'cooling expansion',
  cooling_retrofit: 'cooling retrofit',
};

function buildoutLabel(b: Buildout): string {
  const what = b.unit === 'retrofit' ? `to ${b.item ?? 'new technology'}` : `+${formatAmount(b.amount)} ${b.unit}`;
  return `#${b.id} ${KIND_LABEL[b.kind] ?? b.kind} ${what}${b.site ? ` at ${b.site}` : ''}`;
}

/** Rows of the buildout panel; the rest are listed in data/buildouts.csv and counted in the title. */
export const MAX_BUILDOUT_ROWS = 24;
/** The run's need is drawn up to this multiple of the largest supply or draw, then cut off. */
const NEED_CLIP_FACTOR = 100;

export function powerChart({ result }: { result: RunResult }): Spec {
  const { start_year, end_year } = result.horizon;
  const series = result.steps.flatMap((s) =>
    SERIES.map((d) => ({ year: s.year, series: d.label, mw: s.quantities[d.key] })).filter((r) => r.mw > 0),
  );
  const supplyMax = Math.max(1, ...series.filter((r) => r.series !== SERIES[3].label).map((r) => r.mw));
  const yMax = Math.min(Math.max(...series.map((r) => r.mw), supplyMax), supplyMax * NEED_CLIP_FACTOR);
  // the axis ends at the decade above yMax (the scale is niced); points above it are left out, as a
  // line's clip does not hold when the line is split by colour (its path group has no bounds)
  const yTop = Math.pow(10, Math.ceil(Math.log10(yMax) - 1e-9));
  const drawn = series.filter((r) => r.mw <= yTop);
  const yMin = Math.min(...series.map((r) => r.mw), supplyMax);
  const all = powerBuildouts(result);
  const builds = all.slice(0, MAX_BUILDOUT_ROWS).map((b) => ({
    label: buildoutLabel(b),
    text_at: Math.min(b.ordered_at, end_year - 4),
    kind: KIND_LABEL[b.kind],
    ordered: b.ordered_at,
    lands: Math.min(b.lands_at ?? end_year, end_year),
    landed_at: b.landed ? b.lands_at : null,
    status: b.landed ? 'landed' : 'after the horizon',
  }));
  const x = yearX('year', [start_year, end_year]);
  const top = {
    width: SIZE.width,
    height: SIZE.height,
    data: { values: drawn },
    mark: { type: 'line', point: { size: 14 }, clip: true },
    encoding: {
      x,
      y: {
        field: 'mw',
        type: 'quantitative',
        scale: { type: 'log', domain: [yMin, yMax], nice: true },
        title: 'Power (MW, log)',
        axis: {
          labelExpr: `${IS_DECADE} ? (datum.value < 1e6 ? format(datum.value, ',') : format(datum.value, '.0e')) : ''`,
        },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: SERIES.map((d) => d.label), range: SERIES.map((d) => d.color) },
        legend: { columns: 2 },
      },
      strokeDash: {
        field: 'series',
        type: 'nominal',
        scale: { domain: SERIES.map((d) => d.label), range: SERIES.map((d) => [...d.dash]) },
        legend: null,
      },
    },
  };
  const kindScale = {
    domain: Object.values(KIND_LABEL),
    range: [WALL_COLORS.power, '#8c3a00', '#8e4f7a', WALL_COLORS.cooling],
  };
  // Rows by id; labels are drawn in the plot beside each bar, so the y axis takes no width.
  const y = {
    field: 'label',
    type: 'nominal',
    title: null,
    sort: null,
    axis: { labels: false, ticks: false, domain: false },
    scale: { paddingInner: 0.2 },
  };
  const bx = { ...x, field: 'ordered', title: 'Year ordered (open) to landed (filled)' };
  const bottom = {
    width: SIZE.width,
    height: Math.max(40, 30 * builds.length),
    data: { values: builds },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 3, clip: true },
        encoding: {
          x: bx,
          x2: { field: 'lands' },
          y,
          color: { field: 'kind', type: 'nominal', title: 'Buildout', scale: kindScale },
        },
      },
      {
        mark: { type: 'point', filled: false, size: 50, clip: true },
        encoding: { x: bx, y, color: { field: 'kind', type: 'nominal', scale: kindScale } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'bottom', dy: -5, fontSize: 10 },
        encoding: { x: { ...bx, field: 'text_at' }, y, text: { field: 'label' } },
      },
      {
        transform: [{ filter: 'datum.landed_at != null' }],
        mark: { type: 'point', filled: true, size: 60, clip: true },
        encoding: { x: { ...bx, field: 'landed_at' }, y, color: { field: 'kind', type: 'nominal', scale: kindScale } },
      },
    ],
  };
  return {
    $schema: VL_SCHEMA,
    title: {
      text: `Power and cooling against available power: ${result.scenario.name}`,
      subtitle: [
        `Facility power = IT power x PUE; the target run's need is cut off above ${NEED_CLIP_FACTOR}x the largest supply`,
        all.length > builds.length
          ? `Buildouts: the first ${builds.length} of ${all.length} (all in data/buildouts.csv)`
          : 'Buildouts land after their lead times',
      ],
    },
    vconcat: builds.length ? [top, bottom] : [top],
    resolve: { scale: { color: 'independent' } },
  } as Spec;
}
