// The back-cast: the model's data-centre electricity against published estimates of past years
// (all data centres), region by region and for the world, and the model's 2024 regional split of
// world data-centre electricity against the IEA's. A row made at a region's non-AI anchor year
// matches by construction and says so (`anchored`). Pure; the text form is what
// `npx tsx src/fleet/backcast-main.ts` prints.
import type { FleetResult, FleetYear } from '../result/fleet-types.ts';
import { IEA_2024_SPLIT, PUBLISHED, type PublishedFigure } from './published.ts';

/** The stated tolerance of the back-cast (issue 19): within 15% of the published figure. */
export const BACKCAST_TOLERANCE = 0.15;

export interface BackcastRow {
  region: string;
  year: number;
  source: string;
  tag: string;
  published: number;
  model: number;
  /** model / published - 1 */
  error: number;
  within: boolean;
  /** The region's non-AI load is anchored on this figure (it matches by construction). */
  anchored: boolean;
  unit: 'TWh' | 'share of world';
}

/** Each region's non-AI anchor year, as the result records them. */
export function anchorsOf(r: FleetResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of r.regions ?? []) if (s.anchor_year !== undefined) out[s.region] = s.anchor_year;
  if (!r.regions && r.anchor_year !== undefined) out[r.region] = r.anchor_year;
  return out;
}

/** Each region's series, with the world's when the result is a world fleet. */
export function seriesByRegion(r: FleetResult): Map<string, FleetYear[]> {
  const out = new Map<string, FleetYear[]>();
  for (const s of r.regions ?? []) out.set(s.region, s.years);
  out.set(r.regions ? 'World' : r.region, r.years);
  return out;
}

const isPoint = (p: PublishedFigure) => p.twh !== null && p.twh[0] === p.twh[1];

/**
 * Model vs every published all-data-centre point estimate for a past year of a region the result
 * has. `anchors` maps a region to its non-AI anchor year (rows there are marked anchored).
 */
export function backcastRows(
  r: FleetResult,
  anchors: Record<string, number> = anchorsOf(r),
  published = PUBLISHED,
): BackcastRow[] {
  const series = seriesByRegion(r);
  const rows: BackcastRow[] = [];
  for (const p of published) {
    if (p.kind !== 'estimate' || p.measure !== 'all_dc' || !isPoint(p)) continue;
    const y = series.get(p.region)?.find((x) => x.year === p.year);
    if (!y) continue;
    const pub = p.twh![0];
    const error = y.total_dc_twh / pub - 1;
    rows.push({
      region: p.region,
      year: p.year,
      source: p.source,
      tag: p.tag,
      published: pub,
      model: y.total_dc_twh,
      error,
      within: Math.abs(error) <= BACKCAST_TOLERANCE,
      // at its anchor year a region's total is the published figure it was anchored on
      anchored: anchors[p.region] === p.year && Math.abs(error) < 1e-9,
      unit: 'TWh',
    });
  }
  return rows;
}

/** The model's 2024 share of world data-centre electricity by region against the IEA's split. */
export function splitRows(r: FleetResult, year = 2024): BackcastRow[] {
  if (!r.regions) return [];
  const world = r.years.find((y) => y.year === year);
  if (!world) return [];
  return r.regions.flatMap((s) => {
    const ref = IEA_2024_SPLIT[s.region];
    const y = s.years.find((x) => x.year === year);
    if (ref === undefined || !y) return [];
    const model = y.total_dc_twh / world.total_dc_twh;
    const error = model / ref - 1;
    return [
      {
        region: s.region,
        year,
        source: 'IEA 2025 split',
        tag: 'Q',
        published: ref,
        model,
        error,
        within: Math.abs(error) <= BACKCAST_TOLERANCE,
        anchored: false,
        unit: 'share of world' as const,
      },
    ];
  });
}

/** The rows as an aligned text table. */
export function formatBackcast(rows: BackcastRow[]): string {
  const fmt = (v: number, unit: BackcastRow['unit']) => (unit === 'TWh' ? v.toFixed(1) : `${(100 * v).toFixed(1)}%`);
  const table = [
    ['region', 'year', 'source (tag)', 'published', 'model', 'model/pub-1', 'within 15%'],
    ...rows.map((x) => [
      x.region,
      String(x.year),
      `${x.source} (${x.tag})`,
      fmt(x.published, x.unit),
      fmt(x.model, x.unit),
      `${x.error >= 0 ? '+' : ''}${(100 * x.error).toFixed(1)}%`,
      x.anchored ? 'anchor' : x.within ? 'yes' : 'NO',
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  return table.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}
