// Chart: scale-up vs scale-out side by side. One small bar chart per quantity (independent y
// scales) comparing two runs at one year: communication time and exposed share per step, rack
// power, PUE, network and power headroom, run cost and cost per effective FLOP. Inline data,
// fixed size; a pure factory over two RunResults.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult, StepResult } from '../result/types.ts';
import { formatYear } from '../result/format.ts';

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

/** The first year both runs have a step at (within float noise), or null: two designs are compared
 * only in a year both model, never one's 2025 against the other's 2030. */
export function sharedYear(a: RunResult, b: RunResult): number | null {
  const s = a.steps.find((x) => b.steps.some((y) => Math.abs(x.year - y.year) < 1e-6));
  return s ? s.year : null;
}

function stepAt(r: RunResult, year: number): StepResult {
  const s = r.steps.find((x) => Math.abs(x.year - year) < 1e-6);
  if (!s) throw new Error(`${r.scenario.name} has no step in ${year}`);
  return s;
}

/** Two designs at a year both model (default: the first shared year); metrics that are 0 for both
 * are left out and named in the subtitle, not drawn as empty panels. */
export function scaleCompareChart(a: RunResult, b: RunResult, year = sharedYear(a, b)): TopLevelSpec {
  if (year === null) throw new Error(`${a.scenario.name} and ${b.scenario.name} share no year`);
  const y = formatYear(year);
  const all = [a, b].flatMap((r) => {
    const s = stepAt(r, year);
    const cooling = [...new Set(s.sites.map((x) => x.cooling_technology))].join('+');
    return METRICS.map((m) => ({ design: `${r.scenario.name} ${y} (${cooling})`, metric: m.name, value: m.of(s) }));
  });
  const zero = METRICS.filter((m) => all.every((r) => r.metric !== m.name || r.value === 0)).map((m) => m.name);
  const rows = all.filter((r) => !zero.includes(r.metric));
  return {
    $schema: SCHEMA,
    title: {
      text: `Two cluster designs side by side in ${y}`,
      subtitle: [
        `${a.scenario.name} and ${b.scenario.name}, both at their ${y} step; each panel its own scale`,
        ...(zero.length ? [`0 in both, not drawn: ${zero.join(', ')}`] : []),
      ],
    },
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
      encoding: {
        x: { field: 'design', type: 'nominal', title: null, axis: { labels: false, ticks: false } },
        y: { field: 'value', type: 'quantitative', title: null, axis: { format: ',.3~r' } },
      },
      layer: [
        {
          mark: 'bar',
          encoding: {
            color: { field: 'design', type: 'nominal', title: 'Design', legend: { columns: 1, labelLimit: 0 } },
          },
        },
        {
          mark: { type: 'text', baseline: 'bottom', dy: -2, fontSize: 9 },
          encoding: { text: { field: 'value', type: 'quantitative', format: ',.2~r' } },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}
