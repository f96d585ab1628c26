// The two tornado charts of a sensitivity analysis: first-wall year and headroom at a year.
import type { TopLevelSpec } from 'vega-lite';
import type { OatResult } from '../montecarlo/sensitivity.ts';
import { tornadoChart } from './tornado.ts';

export function tornadoCharts(o: OatResult): Record<string, TopLevelSpec> {
  const who = o.wall === 'binding' ? 'achievable run (every constraint at once)' : `${o.wall} wall`;
  return {
    'tornado-first-wall-year': tornadoChart({
      title: 'First-wall year: p10 to p90 swing of each input',
      outcome: 'first-wall year (after the horizon: none)',
      nominal: o.nominal.first_wall_year,
      rows: o.rows.map((r) => ({
        input: r.pointer,
        at_p10: r.at_p10.first_wall_year,
        at_p90: r.at_p90.first_wall_year,
      })),
    }),
    'tornado-headroom': tornadoChart({
      title: `Headroom in ${o.year}, ${who}`,
      outcome: 'headroom (permitted / target)',
      logScale: true,
      nominal: o.nominal.headroom,
      rows: o.rows.map((r) => ({ input: r.pointer, at_p10: r.at_p10.headroom, at_p90: r.at_p90.headroom })),
    }),
  };
}
