// Tornado chart: for each uncertain input, the range of an outcome (first-wall year, or headroom
// at a year) as the input swings from its p10 to its p90 with every other input at nominal; bars
// are sorted widest first and the nominal outcome is the vertical rule.
import type { TopLevelSpec } from 'vega-lite';

export interface TornadoRow {
  input: string;
  /** Outcome with the input at its p10 and at its p90. */
  at_p10: number;
  at_p90: number;
}

export interface TornadoOptions {
  title: string;
  /** Axis title of the outcome, with its unit. */
  outcome: string;
  nominal: number;
  rows: TornadoRow[];
  logScale?: boolean;
}

const LOW = '#0072B2'; // Okabe-Ito blue: the p10 end
const HIGH = '#D55E00'; // Okabe-Ito vermillion: the p90 end

export function tornadoChart(o: TornadoOptions): TopLevelSpec {
  const rows = [...o.rows].sort(
    (a, b) => Math.abs(b.at_p90 - b.at_p10) - Math.abs(a.at_p90 - a.at_p10) || (a.input < b.input ? -1 : 1),
  );
  const order = rows.map((r) => r.input);
  const values = rows.flatMap((r) => [
    { input: r.input, end: 'input at p10', from: o.nominal, to: r.at_p10 },
    { input: r.input, end: 'input at p90', from: o.nominal, to: r.at_p90 },
  ]);
  const scale = o.logScale ? { type: 'log' as const } : { zero: false };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: o.title, subtitle: 'one input at a time from its p10 to its p90, the others at nominal' },
    width: 560,
    height: Math.max(80, 28 * rows.length),
    layer: [
      {
        data: { values },
        mark: { type: 'bar', opacity: 0.85 },
        encoding: {
          y: { field: 'input', type: 'nominal', sort: order, title: null },
          x: { field: 'from', type: 'quantitative', scale, title: o.outcome },
          x2: { field: 'to' },
          color: {
            field: 'end',
            type: 'nominal',
            title: null,
            scale: { domain: ['input at p10', 'input at p90'], range: [LOW, HIGH] },
          },
        },
      },
      {
        data: { values: [{ nominal: o.nominal }] },
        mark: { type: 'rule', color: '#222222' },
        encoding: { x: { field: 'nominal', type: 'quantitative' } },
      },
    ],
  };
}
