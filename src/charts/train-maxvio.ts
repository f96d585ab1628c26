// Training chart: MaxVio of each training batch (max expert load over the mean, minus 1; Wang et al.
// 2024 eq. 4) over optimizer steps, averaged over the MoE layers, per balancing method, on a log
// axis; the dashed rule is the sampling floor, what a perfectly balanced random router shows on a
// batch of this size.
import { VL_SCHEMA, type Spec } from './common.ts';
import { SIZE } from './theme.ts';
import { METHOD_SCALE } from './train-common.ts';

export interface MaxVioCurve {
  method: string;
  points: { step: number; maxvio: number }[];
}

export function trainMaxVioChart({ curves, floor }: { curves: MaxVioCurve[]; floor: number }): Spec {
  const values = curves.flatMap((c) =>
    c.points.map((p) => ({ method: c.method, ...p, maxvio: Math.max(p.maxvio, 1e-3) })),
  );
  return {
    $schema: VL_SCHEMA,
    title: {
      text: 'Per-batch expert load imbalance (MaxVio_batch) during training',
      subtitle: `Mean over MoE layers of (max load − mean)/mean of the router's picks; dashed: the sampling floor ${floor.toFixed(3)}`,
    },
    width: SIZE.width,
    height: SIZE.height,
    layer: [
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 1.2, opacity: 0.9 },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: 'Optimizer step' },
          y: { field: 'maxvio', type: 'quantitative', title: 'MaxVio_batch', scale: { type: 'log' } },
          color: { field: 'method', type: 'nominal', title: 'Balancing', scale: METHOD_SCALE },
        },
      },
      {
        data: { values: [{ floor }] },
        mark: { type: 'rule', color: '#333333', strokeDash: [5, 3], strokeWidth: 1 },
        encoding: { y: { field: 'floor', type: 'quantitative' } },
      },
    ],
  } as Spec;
}
