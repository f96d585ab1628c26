// Training chart: the trained routers' balance over the whole corpus, per balancing method and MoE
// layer, in four panels: MaxVio_global, CV of expert load, and the shares of routed copies the
// capacity limit dropped or sent to a backup expert (the sampling floor is in the subtitle).
import { VL_SCHEMA, type Spec } from './common.ts';
import { METHOD_ORDER } from './train-common.ts';

export interface BalanceRow {
  method: string;
  layer: string;
  metric: 'MaxVio_global' | 'CV of load' | 'drop share' | 'reroute share';
  value: number;
}

export const BALANCE_METRICS: BalanceRow['metric'][] = ['MaxVio_global', 'CV of load', 'drop share', 'reroute share'];

/** Two blues (Okabe-Ito blue and sky blue) tell the MoE layers apart; methods are the x positions. */
const LAYER_COLORS = ['#0072B2', '#56B4E9', '#009E73', '#CC79A7'];

export function trainBalanceChart({ rows, floor }: { rows: BalanceRow[]; floor: number }): Spec {
  const layers = [...new Set(rows.map((r) => r.layer))];
  return {
    $schema: VL_SCHEMA,
    title: {
      text: 'Expert load balance of the trained routers, whole corpus',
      subtitle: `MaxVio and CV of the router picks before capacity; a balanced random router shows MaxVio ${floor.toFixed(3)} on this many tokens`,
    },
    data: { values: rows },
    facet: { column: { field: 'metric', type: 'nominal', title: null, sort: BALANCE_METRICS } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 120,
      height: 220,
      mark: 'bar',
      encoding: {
        x: { field: 'method', type: 'nominal', title: null, sort: [...METHOD_ORDER], axis: { labelAngle: -30 } },
        xOffset: { field: 'layer', type: 'nominal', sort: layers },
        y: { field: 'value', type: 'quantitative', title: null },
        color: {
          field: 'layer',
          type: 'nominal',
          title: 'MoE layer',
          sort: layers,
          scale: { domain: layers, range: LAYER_COLORS.slice(0, layers.length) },
        },
      },
    },
  } as Spec;
}
