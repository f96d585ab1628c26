// Router imbalance against tokens per rank: the micro-MoE's measured per-expert max/mean (requested
// load, before capacity), chance's floor beside it (a uniform router drawn at the same batch), and
// the imbalance law (src/workload/imbalance-law.ts) with the measured and with the sourced learned
// skew, extended past the measured batches toward the frontier's micro-batches. Log-log axes; the
// excess over 1 is what costs, so the y axis is max/mean - 1.
import { NEUTRAL, SIZE, GENERATION_COLORS } from './theme.ts';
import { VL_SCHEMA, type Spec } from './common.ts';

export interface ImbalanceCurveInput {
  /** The micro-MoE's router: experts, top-k and the devices its batch is spread over. */
  experts: number;
  top_k: number;
  devices: number;
  points: {
    tokens_per_rank: number;
    series: 'measured (micro-MoE, requested load)' | "chance's floor (uniform router, drawn)" | string;
    imbalance: number;
  }[];
  /** Tokens per rank of the frontier run's micro-batch (a vertical rule), if known. */
  frontier_tokens_per_rank?: number;
  subtitle: string;
}

export const SERIES_MEASURED = 'measured (micro-MoE, requested load)';
export const SERIES_CHANCE = "chance's floor (uniform router, drawn)";
export const SERIES_LAW_MEASURED = 'law: chance + measured learned skew';
export const SERIES_LAW_SOURCED = 'law: chance + sourced learned skew';
const SERIES = [SERIES_MEASURED, SERIES_CHANCE, SERIES_LAW_MEASURED, SERIES_LAW_SOURCED];

export function imbalanceTokensChart({ input }: { input: ImbalanceCurveInput }): Spec {
  const rows = input.points.map((p) => ({ ...p, excess: Math.max(1e-4, p.imbalance - 1) }));
  const x = {
    field: 'tokens_per_rank',
    type: 'quantitative',
    scale: { type: 'log' },
    title: 'Tokens per rank per routing step (log)',
    axis: { format: '~s' },
  };
  const rule = input.frontier_tokens_per_rank
    ? [
        {
          data: { values: [{ tokens_per_rank: input.frontier_tokens_per_rank, label: 'frontier micro-batch' }] },
          mark: { type: 'rule', color: NEUTRAL.target, strokeDash: [3, 3] },
          encoding: { x },
        },
        {
          data: { values: [{ tokens_per_rank: input.frontier_tokens_per_rank, label: 'frontier micro-batch' }] },
          mark: { type: 'text', angle: 270, align: 'left', baseline: 'bottom', dx: 4, dy: -3, y: 0, fontSize: 10 },
          encoding: { x, text: { field: 'label' } },
        },
      ]
    : [];
  return {
    $schema: VL_SCHEMA,
    title: {
      text: 'Router imbalance against tokens per rank',
      subtitle: [
        `Per-expert max/mean - 1, ${input.experts} experts, top-${input.top_k}, ${input.devices} ranks`,
        input.subtitle,
      ],
    },
    width: SIZE.width,
    height: SIZE.height,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: {
            field: 'excess',
            type: 'quantitative',
            scale: { type: 'log' },
            title: 'Imbalance: max/mean - 1 (log)',
          },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: SERIES, range: [NEUTRAL.highlight, NEUTRAL.supply, ...GENERATION_COLORS.slice(0, 2)] },
            legend: { columns: 2 },
          },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: {
              domain: SERIES,
              range: [
                [1, 0],
                [1, 0],
                [6, 3],
                [2, 2],
              ],
            },
          },
          order: { field: 'tokens_per_rank' },
        },
      },
      ...rule,
    ],
  } as Spec;
}
