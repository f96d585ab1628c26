// Compare chart: energy's share of each scenario's frontier-run cost over time (src/cost/, issue 8),
// one line per scenario, so "does the cost of AI converge to the cost of energy?" reads across
// designs. Steps without a cost (runs made before costs existed) are left out.
// Invariant: pure; the y axis starts at 0 (shares are read against nothing spent on energy) and
// ends just above the largest share, since shares of a few percent vanish on a 0-100% axis.
import type { RunResult } from '../result/types.ts';
import { GENERATION_COLORS, SIZE } from './theme.ts';
import { VL_SCHEMA, yearX, type Spec } from './common.ts';

export interface EnergyShareRow {
  scenario: string;
  year: number;
  energy_share: number;
}

export function energyShareRows(results: RunResult[]): EnergyShareRow[] {
  return results.flatMap((r) =>
    r.steps.flatMap((s) =>
      s.cost ? [{ scenario: r.scenario.name, year: s.year, energy_share: s.cost.run.energy_share }] : [],
    ),
  );
}

export function compareEnergyShareChart({ results }: { results: RunResult[] }): Spec {
  const names = results.map((r) => r.scenario.name);
  const start = Math.min(...results.map((r) => r.horizon.start_year));
  const end = Math.max(...results.map((r) => r.horizon.end_year));
  return {
    $schema: VL_SCHEMA,
    title: {
      text: "Energy share of the frontier run's cost",
      subtitle: 'Energy / (capital + maintenance + energy) of the target run at each step, per scenario',
    },
    width: SIZE.width,
    height: SIZE.smallHeight * 2,
    data: { values: energyShareRows(results) },
    mark: { type: 'line', point: { size: 16 } },
    encoding: {
      x: yearX('year', [start, end]),
      y: {
        field: 'energy_share',
        type: 'quantitative',
        title: 'Energy share of run cost',
        scale: { zero: true, nice: true },
        axis: { format: '%' },
      },
      color: {
        field: 'scenario',
        type: 'nominal',
        title: 'Scenario',
        sort: names,
        scale: { domain: names, range: GENERATION_COLORS.slice(0, Math.max(1, names.length)) },
      },
    },
  } as Spec;
}
