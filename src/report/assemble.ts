// Pieces shared by the run report and the compare report: rendering chart definitions into figures
// plus their files (spec JSON, SVG, optional PNG), the per-step headroom table, and provenance rows.
// Invariant: file names come only from safeName(), so they pass folder.ts's checks.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../result/types.ts';
import { WALLS } from '../walls/registry.ts';
import type { Cell, Figure, Table } from './html.ts';
import { renderSvg, svgToPng } from './render.ts';
import { interactiveSpec } from './interactive.ts';
import { formatHeadroom, formatYear } from '../charts/tidy.ts';
import type { ReportFile } from '../io/atomic/folder.ts';
import { isMoe } from './sentences/charts.ts';

export interface ChartDef {
  name: string;
  caption: string;
  spec: TopLevelSpec;
}

export interface RenderedCharts {
  figures: Figure[];
  files: ReportFile[];
  /** "<chart>: <warning>" for every vega-lite/vega warning (a clean report has none). */
  warnings: string[];
}

/** A file-name-safe stem: lowercase letters, digits, ".", "_" and "-" only. */
export function safeName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '');
  return s || 'scenario';
}

/** Unique safe names for scenarios, in order ("a", "a-2" when a name repeats). */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const base = safeName(n);
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? base : `${base}-${k}`;
  });
}

export async function renderCharts(defs: ChartDef[], png: boolean): Promise<RenderedCharts> {
  const out: RenderedCharts = { figures: [], files: [], warnings: [] };
  for (const d of defs) {
    const { svg, warnings } = await renderSvg(d.spec);
    out.warnings.push(...warnings.map((w) => `${d.name}: ${w}`));
    out.figures.push({ name: d.name, caption: d.caption, svg, spec: d.spec, live: interactiveSpec(d.spec), png });
    out.files.push({ path: `charts/${d.name}.vl.json`, content: JSON.stringify(d.spec, null, 2) + '\n' });
    out.files.push({ path: `charts/${d.name}.svg`, content: svg });
    if (png) out.files.push({ path: `charts/${d.name}.png`, content: svgToPng(svg) });
  }
  return out;
}

/** Every wall's own headroom and the achievable run's at every step; cells below 1 shaded, the
 * coupled solve's binding constraint outlined and named with what limited it. */
export function headroomTable(result: RunResult, caption: string): Table {
  const rows: Cell[][] = result.steps.map((s) => [
    { text: formatYear(s.year) },
    ...WALLS.map((w) => {
      const h = s.walls[w].headroom;
      const cls = [h < 1 ? 'binds' : '', s.achievable.binding === w ? 'binding' : ''].filter(Boolean).join(' ');
      return { text: formatHeadroom(h), ...(cls ? { className: cls } : {}) };
    }),
    { text: formatHeadroom(s.achievable.headroom), ...(s.achievable.headroom < 1 ? { className: 'binds' } : {}) },
    { text: `${s.achievable.binding}: ${s.achievable.limited_by}`, className: 'text' },
  ]);
  return { caption, header: ['Year', ...WALLS, 'achievable', 'binding: limited by'], rows };
}

/** The workload route in words; a dense family's calibration is named as what it is: unused (its
 * router factors and expert all-to-all apply to MoE layers only). */
function workloadText(r: RunResult): string {
  const w = r.workload;
  if (w.source === 'calibration' && !isMoe(r))
    return `analytic per-token costs: the family is dense, so the micro-MoE calibration${w.calibration_file ? ` (${w.calibration_file})` : ''} changes nothing`;
  return w.source + (w.calibration_file ? ` (${w.calibration_file})` : '');
}

/** Provenance rows of one run; the run date appears only when given (never the wall clock). */
export function provenanceRows(result: RunResult, date: string | undefined): Cell[][] {
  const rows: [string, string][] = [
    ['Scenario', `${result.scenario.name} (${result.scenario.file})`],
    ['Scenario hash (sha256)', result.scenario.hash],
    ['Seed', String(result.scenario.seed)],
    ['firstwall version', result.firstwall_version],
    ['Workload', workloadText(result)],
  ];
  const router = result.workload.router;
  if (router) {
    const l = router.learned_skew;
    const beside = l.measured_cv !== null ? `; measured by the micro-MoE: CV ${l.measured_cv.toFixed(3)}` : '';
    rows.push(['Router (MoE)', `learned skew ${l.used}: CV ${l.cv.toFixed(3)} per expert (${l.source})${beside}`]);
  }
  if (date) rows.push(['Run date', date]);
  return rows.map(([k, v]) => [
    { text: k, className: 'text' },
    { text: v, className: 'text' },
  ]);
}
