// Chart: scale-up vs scale-out side by side. One small bar chart per quantity (independent y
// scales) comparing two runs at one year: communication time and exposed share per step, rack
// power, PUE, network and power headroom, run cost and cost per effective FLOP. Inline data,
// fixed size; a pure factory over two RunResults.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult, StepResult } from '../result/types.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const METRICS: { name: string; of: (s: StepResult) => number }[] = [
  { name: 'comm time per step (s)', of: (s) => s.quantities.comm_time_per_step_s },
  { name: 'exposed comm share', of: (s) => s.quantities.exposed_comm_fraction },
  { name: 'rack power (kW)', of: (s) => Math.max(0, ...s.sites.map((x) => x.rack_kw)) },
  { name: 'PUE', of: (s) => s.quantities.pue },
  { name: 'network headroom', of: (s) => s.walls.network.headroom },
  { name: 'power headroom', of: (s) => s.walls.power.headroom },
  { name: 'run cost (USD bn)', of: (s) => (s.cost?.run.total_usd ?? 0) / 1e9 },
  { name: 'energy share of cost', of: (s) => s.cost?.run.energy_share ?? 0 },
];

function stepAt(r: RunResult, year: number): StepResult {
  return r.steps.reduce((best, s) => (Math.abs(s.year - year) < Math.abs(best.year - year) ? s : best), r.steps[0]);
}

export function scaleCompareChart(a: RunResult, b: RunResult, year = a.steps[0].year): TopLevelSpec {
  const rows = [a, b].flatMap((r) => {
    const s = stepAt(r, year);
    const cooling = [...new Set(s.sites.map((x) => x.cooling_technology))].join('+');
    return METRICS.map((m) => ({ design: `${r.scenario.name} (${cooling})`, metric: m.name, value: m.of(s) }));
  });
  return {
    $schema: SCHEMA,
    title: `Two cluster designs side by side in ${Math.round(year)}`,
    data: { values: rows },
    facet: {
      field: 'metric',
      type: 'nominal',
      title: null,
      sort: METRICS.map((m) => m.name),
      header: { labelFontSize: 10 },
    },
    columns: 4,
    spec: {
      width: 110,
      height: 120,
      mark: 'bar',
      encoding: {
        x: { field: 'design', type: 'nominal', title: null, axis: { labels: false, ticks: false } },
        y: { field: 'value', type: 'quantitative', title: null },
        color: { field: 'design', type: 'nominal', title: 'Design' },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}
