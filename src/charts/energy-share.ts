// Chart: "does the cost of AI converge to the cost of energy?" Top: energy's share of the frontier
// run's cost per step, with the capital share beside it. Bottom: the run's cost per effective FLOP
// (log scale). Inline data, fixed size; a pure factory over a RunResult.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../result/types.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export function energyShareChart(r: RunResult): TopLevelSpec {
  const steps = r.steps.filter((s) => s.cost !== undefined);
  const shares = steps.flatMap((s) => [
    { year: s.year, part: 'energy', share: s.cost!.run.energy_share },
    { year: s.year, part: 'capital + maintenance', share: 1 - s.cost!.run.energy_share },
  ]);
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
    title: `${r.scenario.name}: energy share of the frontier run's cost`,
    vconcat: [
      {
        width: 480,
        height: 200,
        data: { values: shares },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: {
            field: 'share',
            type: 'quantitative',
            title: 'Share of run cost',
            scale: { domain: [0, 1] },
            axis: { format: '%' },
          },
          color: { field: 'part', type: 'nominal', title: null },
        },
      },
      {
        width: 480,
        height: 160,
        data: { values: perFlop },
        mark: { type: 'line', point: true, color: '#555555' },
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
