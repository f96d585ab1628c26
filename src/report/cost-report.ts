// The cost and fleet pieces of a run report (src/cost/, issue 8): the energy share of the frontier
// run's cost over time (every run whose steps carry a cost), and the fleet's charts, sections and
// files from fleet-report.ts (runs of scenarios with a `fleet:` section); their HTML sections and
// CSV files. Invariant: pure functions of the RunResult; a chart is left out (with a note) when
// its data is absent, never drawn empty.
import { costBreakdownChart, energyShareChart } from '../charts/index.ts';
import { costSentence } from './sentences/cost.ts';
import { fleetCharts, fleetFiles, fleetSections } from './fleet-report.ts';
import type { RunResult } from '../result/types.ts';
import type { ChartDef } from './assemble.ts';
import { fitToPage } from '../charts/fit.ts';
import { toCsv } from './csv.ts';
import type { Section } from './html.ts';
import type { ReportFile } from '../io/atomic/folder.ts';

const hasCost = (r: RunResult) => r.steps.some((s) => s.cost !== undefined);

export function costCharts(r: RunResult): { defs: ChartDef[]; notes: string[] } {
  const defs: ChartDef[] = [];
  const notes: string[] = [];
  if (hasCost(r)) {
    const sentence = costSentence(r) ?? '';
    defs.push(
      {
        name: 'energy-share',
        caption: `Energy's share of the frontier run's cost over time (energy alone), and the run's cost per effective FLOP (log scale). ${sentence}`,
        spec: fitToPage(energyShareChart(r)),
      },
      {
        name: 'cost-breakdown',
        caption:
          "What the frontier run's cost is made of at each step: capital (accelerators, other server parts, cluster network, facility; depreciated over the days the run uses them), maintenance and energy, as shares of the run's cost.",
        spec: costBreakdownChart(r),
      },
    );
  } else notes.push('Energy-share chart: this run carries no costs.');
  defs.push(...fleetCharts(r)); // src/report/fleet-report.ts
  return { defs, notes };
}

export function costSections(r: RunResult): Section[] {
  const out: Section[] = [];
  const sentence = costSentence(r);
  if (sentence) {
    out.push({
      id: 'cost',
      heading: 'Cost of the frontier run',
      paragraphs: [sentence, 'Per step in data/cost.csv (every part of the breakdown in USD).'],
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
          'run_accelerators_usd',
          'run_servers_usd',
          'run_network_usd',
          'run_facility_usd',
          'run_maintenance_usd',
          'run_energy_usd',
          'run_energy_share',
          'usd_per_effective_flop',
          'fleet_per_year_total_usd',
          'fleet_per_year_energy_share',
        ],
        costed.map((s) => [
          s.year,
          s.cost!.run.total_usd,
          s.cost!.run.accelerators_usd,
          s.cost!.run.servers_usd,
          s.cost!.run.network_usd,
          s.cost!.run.facility_usd,
          s.cost!.run.maintenance_usd,
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
