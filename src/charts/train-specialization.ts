// Training chart: expert specialization. For each MoE layer (rows) and balancing method (columns),
// a heatmap of routed experts × token classes coloured by lift: the share of an expert's tokens in a
// class over that class's share of all routed tokens (1 = no preference; log colour scale).
import { VL_SCHEMA, type Spec } from './common.ts';

export interface SpecializationCell {
  method: string;
  layer: string;
  expert: number;
  class: string;
  lift: number;
}

export function trainSpecializationChart({
  cells,
  classes,
}: {
  cells: SpecializationCell[];
  classes: readonly string[];
}): Spec {
  return {
    $schema: VL_SCHEMA,
    title: {
      text: 'Which token classes each expert takes (trained routers)',
      subtitle: "Lift = share of the expert's tokens in the class / the class's share of all routed tokens",
    },
    data: { values: cells.map((c) => ({ ...c, lift: Math.min(8, Math.max(0.125, c.lift)) })) },
    facet: {
      row: { field: 'layer', type: 'nominal', title: null },
      column: { field: 'method', type: 'nominal', title: null, sort: ['none', 'aux', 'loss-free'] },
    },
    spec: {
      width: 150,
      height: 190,
      mark: 'rect',
      encoding: {
        x: { field: 'class', type: 'nominal', title: null, sort: [...classes], axis: { labelAngle: -45 } },
        y: { field: 'expert', type: 'ordinal', title: 'Expert' },
        color: {
          field: 'lift',
          type: 'quantitative',
          title: 'Lift',
          scale: { type: 'log', domain: [0.125, 8], scheme: 'redblue', reverse: true },
          legend: { values: [0.125, 0.25, 0.5, 1, 2, 4, 8], format: '~g' },
        },
      },
    },
  } as Spec;
}
