// Fits chart specs made outside src/report (Monte Carlo, cost and fleet factories) to the report's
// page: every fixed-width view gets the text width SIZE.width and a height of at most SIZE.height,
// so all charts of a report line up on screen and on A4/Letter. Faceted specs are left as they are
// (their cells divide the width themselves). Fonts, title and axis styles come from THEME at compile.
// Invariant: pure; the input spec is not changed, and only width/height fields are touched.
import type { TopLevelSpec } from 'vega-lite';
import { SIZE } from './theme.ts';

type View = Record<string, unknown>;

function fitView(v: View): View {
  const out: View = { ...v };
  if (typeof v.width === 'number') out.width = SIZE.width;
  if (typeof v.height === 'number') out.height = Math.min(v.height, SIZE.height);
  // stacked views share the page width; side-by-side (hconcat) views would overflow it, so none is widened
  if (Array.isArray(v.vconcat)) out.vconcat = v.vconcat.map((p: View) => fitView(p));
  return out;
}

/** The spec with its views resized to the report page (see the file comment). */
export function fitToPage(spec: TopLevelSpec): TopLevelSpec {
  if ('facet' in spec || 'hconcat' in spec) return spec;
  return fitView(spec as unknown as View) as unknown as TopLevelSpec;
}
