// The cost and fleet pieces of a run report (src/cost/, issue 8): the energy share of the frontier
// run's cost over time (every run whose steps carry a cost), the regional fleet's electricity
// against published ranges (runs of scenarios with a `fleet:` section), their HTML sections and
// CSV files. Invariant: pure functions of the RunResult; a chart is left out (with a note) when
// its data is absent, never drawn empty.
import { energyShareChart, fleetElectricityChart } from '../charts/index.ts';
import { US_PUBLISHED } from '../fleet/published.ts';
import type { RunResult } from '../result/types.ts';
import type { ChartDef } from './assemble.ts';
import { fitToPage } from '../charts/fit.ts';
import { toCsv } from './csv.ts';
import type { Section } from './html.ts';
import { formatAmount, formatPercent as percent, formatYear } from '../charts/tidy.ts';
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
  if (r.fleet) {
    // The published table is for the US (LBNL, EPRI, BCG); other regions are drawn without bands.
    const published = r.fleet.region === 'US' ? US_PUBLISHED : [];
    defs.push({
      name: 'fleet-electricity',
      caption: `${r.fleet.region} data-center electricity from the fleet model, TWh and share of the region's electricity, against published estimates.`,
      spec: fitToPage(fleetElectricityChart(r.fleet, published)),
    });
  }
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
  if (r.fleet) {
    const f = r.fleet;
    out.push({
      id: 'fleet',
      heading: `${f.region} AI fleet electricity`,
      tables: [
        {
          caption: `${f.region} fleet (model); published ranges in the chart`,
          header: ['Year', 'Installed accelerators', 'AI TWh', 'All data centers TWh', 'AI share', 'Data-center share'],
          rows: f.years.map((y) =>
            [
              formatYear(y.year),
              formatAmount(y.installed),
              formatAmount(y.ai_twh),
              formatAmount(y.total_dc_twh),
              percent(y.ai_share),
              percent(y.total_dc_share),
            ].map((text) => ({ text })),
          ),
        },
      ],
    });
  }
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
  if (r.fleet) {
    files.push({
      path: 'data/fleet.csv',
      content: toCsv(
        [
          'year',
          'installed',
          'it_mw',
          'facility_mw',
          'pue',
          'ai_twh',
          'non_ai_twh',
          'total_dc_twh',
          'region_twh',
          'ai_share',
          'total_dc_share',
        ],
        r.fleet.years.map((y) => [
          y.year,
          y.installed,
          y.it_mw,
          y.facility_mw,
          y.pue,
          y.ai_twh,
          y.non_ai_twh,
          y.total_dc_twh,
          y.region_twh,
          y.ai_share,
          y.total_dc_share,
        ]),
      ),
    });
  }
  return files;
}
