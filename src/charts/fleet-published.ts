// Published figures as chart marks for the fleet charts: a range is a band (a rect a little wider
// than its year), a point figure a marker; each is labelled with its source, what it measures
// (all data centres or AI only) and its confidence tag, and carries the citation in its tooltip.
// Invariant: the band and marker values are the cited figures, unscaled.
import type { Measure, PublishedFigure } from '../fleet/published.ts';

export const BAND_HALF_WIDTH_YEARS = 0.3;

export const measureLabel = (m: Measure) => (m === 'ai' ? 'AI only' : 'all data centres');

export interface PublishedMark {
  source: string;
  /** Legend label: "IEA 2025 base (all data centres, Q)". */
  label: string;
  measure: string;
  tag: string;
  cite: string;
  region: string;
  year: number;
  x0: number;
  x1: number;
  low: number;
  high: number;
}

type Value = 'twh' | 'share' | 'ai_share_of_dc';

/** The figures of `list` that give `value`, inside [from, to], as marks (labels name the region if asked). */
export function publishedMarks(
  list: PublishedFigure[],
  value: Value,
  from: number,
  to: number,
  withRegion = false,
): PublishedMark[] {
  return list
    .filter((p) => p.year >= from && p.year <= to && p[value] !== null && p[value] !== undefined)
    .map((p) => {
      const [low, high] = p[value]!;
      return {
        source: p.source,
        label: `${withRegion ? `${p.region}: ` : ''}${p.source} (${measureLabel(p.measure)}, ${p.tag})`,
        measure: measureLabel(p.measure),
        tag: p.tag,
        cite: p.cite,
        region: p.region,
        year: p.year,
        x0: p.year - BAND_HALF_WIDTH_YEARS,
        x1: p.year + BAND_HALF_WIDTH_YEARS,
        low,
        high,
      };
    });
}

const TOOLTIP = [
  { field: 'label', type: 'nominal' as const, title: 'Published' },
  { field: 'low', type: 'quantitative' as const, title: 'low', format: '~g' },
  { field: 'high', type: 'quantitative' as const, title: 'high', format: '~g' },
  { field: 'cite', type: 'nominal' as const, title: 'source' },
];

/**
 * Two layers: bands for ranges and markers for point figures, coloured by label through
 * `channel` (use a channel no other layer of the view uses, so the legends stay apart).
 */
export function publishedLayers(marks: PublishedMark[], channel: 'color' | 'fill', title: string, format?: string) {
  const ranges = marks.filter((m) => m.high > m.low);
  const points = marks.filter((m) => m.high === m.low);
  // a Vega scheme apart from the theme's Tableau 10 (which colours the model's regions)
  const key = {
    field: 'label',
    type: 'nominal' as const,
    title,
    scale: { scheme: 'category20b' },
    legend: { columns: 1, labelLimit: 0 }, // 0: never cut a source's label short (the clipping test)
  };
  const y = { type: 'quantitative' as const, ...(format ? { axis: { format } } : {}) };
  const layers: object[] = [];
  if (ranges.length) {
    layers.push({
      data: { values: ranges },
      mark: { type: 'rect', opacity: 0.35 },
      encoding: {
        x: { field: 'x0', type: 'quantitative' },
        x2: { field: 'x1' },
        y: { field: 'low', ...y },
        y2: { field: 'high' },
        [channel]: key,
        tooltip: TOOLTIP,
      },
    });
  }
  if (points.length) {
    layers.push({
      data: { values: points },
      mark: { type: 'point', shape: 'diamond', size: 90, filled: true, opacity: 0.9 },
      encoding: {
        x: { field: 'year', type: 'quantitative' },
        y: { field: 'low', ...y },
        [channel]: key,
        tooltip: TOOLTIP,
      },
    });
  }
  return layers;
}
