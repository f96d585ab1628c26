// Chart: "does the cost of AI converge to the cost of energy?" Top: energy's share of the frontier
// run's cost per step, alone, on an axis from 0 to just above its largest value (a share of a few
// percent must not read as the capital line beside it). Bottom: the run's cost per effective FLOP
// (log scale). What the rest of the cost is made of is its own chart (cost-breakdown.ts).
// Inline data, fixed size; a pure factory over a RunResult.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../result/types.ts';
import { WALL_COLORS } from '../walls/registry.ts';
import { NEUTRAL } from './theme.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export function energyShareChart(r: RunResult): TopLevelSpec {
  const steps = r.steps.filter((s) => s.cost !== undefined);
  const shares = steps.map((s) => ({
    year: s.year,
    energy_share: s.cost!.run.energy_share,
    energy_usd: s.cost!.run.energy_usd,
    total_usd: s.cost!.run.total_usd,
  }));
  const perFlop = steps
    .map((s) => ({ year: s.year, usd_per_effective_flop: s.cost!.run.usd_per_effective_flop }))
    .filter((d) => d.usd_per_effective_flop > 0);
  const x = {
    field: 'year',
    type: 'quantitative' as const,
    title: 'Year',
    axis: { format: 'd', tickMinStep: 1 },
    scale: { zero: false, nice: false },
  };
  return {
    $schema: SCHEMA,
    title: {
      text: `${r.scenario.name}: energy's share of the frontier run's cost`,
      subtitle: [
        'Energy / total cost of the target run at each step (capital, maintenance and energy);',
        'what the rest is made of is the next chart',
      ],
    },
    vconcat: [
      {
        width: 480,
        height: 200,
        data: { values: shares },
        mark: { type: 'line', point: { color: WALL_COLORS.power }, color: WALL_COLORS.power },
        encoding: {
          x,
          y: {
            field: 'energy_share',
            type: 'quantitative',
            title: 'Energy share of run cost',
            scale: { zero: true, nice: true },
            axis: { format: '.0%' },
          },
        },
      },
      {
        width: 480,
        height: 160,
        data: { values: perFlop },
        mark: { type: 'line', point: { color: NEUTRAL.target }, color: NEUTRAL.target },
        encoding: {
          x,
          y: {
            field: 'usd_per_effective_flop',
            type: 'quantitative',
            title: 'USD per effective FLOP',
            scale: { type: 'log' },
            axis: { format: '.0e' },
          },
        },
      },
    ],
  };
}
