// Chart: what the frontier run's cost is made of, per step: the capital parts (accelerators, other
// server parts, cluster network, facility; each depreciated over the time the run uses it),
// maintenance and energy, stacked to 100% of the run's cost. The energy share chart shows energy
// alone; this one shows what it is a share of. Inline data; a pure factory over a RunResult.
import type { RunResult } from '../result/types.ts';
import type { RunCost } from '../result/cost-types.ts';
import { WALL_COLORS } from '../walls/registry.ts';
import { SIZE } from './theme.ts';
import { VL_SCHEMA, type Spec } from './common.ts';

/** The parts, bottom to top, with their colours: capital in blues and greys, energy in the power wall's colour. */
export const COST_PARTS: { key: keyof RunCost; label: string; color: string }[] = [
  { key: 'accelerators_usd', label: 'capital: accelerators', color: '#1f4e79' },
  { key: 'servers_usd', label: 'capital: other server parts', color: '#4e79a7' },
  { key: 'network_usd', label: 'capital: cluster network', color: '#8fb3d9' },
  { key: 'facility_usd', label: 'capital: facility', color: '#9c9c9c' },
  { key: 'maintenance_usd', label: 'maintenance', color: '#c9c9c9' },
  { key: 'energy_usd', label: 'energy', color: WALL_COLORS.power },
];

export function costBreakdownRows(r: RunResult) {
  return r.steps.flatMap((s) =>
    s.cost
      ? COST_PARTS.map((p, order) => ({
          year: s.year,
          part: p.label,
          order,
          usd: s.cost!.run[p.key] as number,
          share: s.cost!.run.total_usd > 0 ? (s.cost!.run[p.key] as number) / s.cost!.run.total_usd : 0,
        }))
      : [],
  );
}

export function costBreakdownChart(r: RunResult): Spec {
  return {
    $schema: VL_SCHEMA,
    title: {
      text: `${r.scenario.name}: what the frontier run's cost is made of`,
      subtitle:
        "Each part as a share of the target run's cost at each step; capital is depreciated over the run's days",
    },
    width: SIZE.width,
    height: SIZE.smallHeight * 1.5,
    data: { values: costBreakdownRows(r) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Year', axis: { labelAngle: 0, format: 'd', formatType: 'number' } },
      y: {
        field: 'share',
        type: 'quantitative',
        stack: 'zero',
        title: 'Share of run cost',
        axis: { format: '.0%' },
        scale: { domain: [0, 1] },
      },
      color: {
        field: 'part',
        type: 'nominal',
        title: null,
        sort: COST_PARTS.map((p) => p.label),
        scale: { domain: COST_PARTS.map((p) => p.label), range: COST_PARTS.map((p) => p.color) },
        legend: { columns: 3 },
      },
      order: { field: 'order', type: 'quantitative' },
    },
  } as Spec;
}
