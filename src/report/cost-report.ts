// The cost and fleet pieces of a run report (src/cost/, issue 8): the energy share of the frontier
// run's cost over time (every run whose steps carry a cost), and the fleet's charts, sections and
// files from fleet-report.ts (runs of scenarios with a `fleet:` section); their HTML sections and
// CSV files. Invariant: pure functions of the RunResult; a chart is left out (with a note) when
// its data is absent, never drawn empty.
import { energyShareChart } from '../charts/index.ts';
import { fleetCharts, fleetFiles, fleetSections } from './fleet-report.ts';
import type { RunResult } from '../result/types.ts';
import type { ChartDef } from './assemble.ts';
import { fitToPage } from '../charts/fit.ts';
import { toCsv } from './csv.ts';
import type { Section } from './html.ts';
import { formatPercent as percent, formatYear } from '../charts/tidy.ts';
import type { ReportFile } from '../io/atomic/folder.ts';

const hasCost = (r: RunResult) => r.steps.some((s) => s.cost !== undefined);

export function costCharts(r: RunResult): { defs: ChartDef[]; notes: string[] } {
  const defs: ChartDef[] = [];
  const notes: string[] = [];
  if (hasCost(r))
    defs.push({
      name: 'energy-share',
      caption:
        "Energy's share of the frontier run's cost over time, and the run's cost per effective FLOP (log scale).",
      spec: fitToPage(energyShareChart(r)),
    });
  else notes.push('Energy-share chart: this run carries no costs.');
  defs.push(...fleetCharts(r)); // src/report/fleet-report.ts
  return { defs, notes };
}

export function costSections(r: RunResult): Section[] {
  const out: Section[] = [];
  const costed = r.steps.filter((s) => s.cost !== undefined);
  if (costed.length) {
    const first = costed[0];
    const last = costed[costed.length - 1];
    out.push({
      id: 'cost',
      heading: 'Cost of the frontier run',
      paragraphs: [
        `Energy is ${percent(first.cost!.run.energy_share)} of the target run's cost in ${formatYear(first.year)} and ${percent(last.cost!.run.energy_share)} in ${formatYear(last.year)}; the rest is capital (accelerators, servers, network, facility, depreciated over the time used) and maintenance. Per step in data/cost.csv.`,
      ],
    });
  }
  out.push(...fleetSections(r)); // src/report/fleet-report.ts
  return out;
}

export function costFiles(r: RunResult): ReportFile[] {
  const files: ReportFile[] = [];
  const costed = r.steps.filter((s) => s.cost !== undefined);
  if (costed.length) {
    files.push({
      path: 'data/cost.csv',
      content: toCsv(
        [
          'year',
          'run_total_usd',
          'run_energy_usd',
          'run_energy_share',
          'usd_per_effective_flop',
          'fleet_per_year_total_usd',
          'fleet_per_year_energy_share',
        ],
        costed.map((s) => [
          s.year,
          s.cost!.run.total_usd,
          s.cost!.run.energy_usd,
          s.cost!.run.energy_share,
          s.cost!.run.usd_per_effective_flop,
          s.cost!.fleet_per_year.total_usd,
          s.cost!.fleet_per_year.energy_share,
        ]),
      ),
    });
  }
  files.push(...fleetFiles(r)); // src/report/fleet-report.ts
  return files;
}
