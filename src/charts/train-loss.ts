// Training chart: next-token cross-entropy over optimizer steps, one colour per balancing method;
// solid = the training batch's loss, dashed = the held-out validation loss.
import { VL_SCHEMA, type Spec } from './common.ts';
import { SIZE } from './theme.ts';
import { METHOD_SCALE } from './train-common.ts';

export interface LossCurve {
  method: string;
  train: { step: number; ce: number }[];
  validation: { step: number; ce: number }[];
}

export function trainLossChart({ curves, subtitle }: { curves: LossCurve[]; subtitle: string }): Spec {
  const values = curves.flatMap((c) => [
    ...c.train.map((p) => ({ method: c.method, split: 'training batch', step: p.step, ce: p.ce })),
    ...c.validation.map((p) => ({ method: c.method, split: 'validation', step: p.step, ce: p.ce })),
  ]);
  return {
    $schema: VL_SCHEMA,
    title: { text: 'Micro-MoE training loss by balancing method', subtitle },
    width: SIZE.width,
    height: SIZE.height,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'Optimizer step' },
      y: { field: 'ce', type: 'quantitative', title: 'Cross-entropy (nats per token)', scale: { zero: false } },
      color: { field: 'method', type: 'nominal', title: 'Balancing', scale: METHOD_SCALE },
      strokeDash: {
        field: 'split',
        type: 'nominal',
        title: null,
        scale: {
          domain: ['training batch', 'validation'],
          range: [
            [1, 0],
            [5, 3],
          ],
        },
      },
      detail: { field: 'split' },
    },
  } as Spec;
}
