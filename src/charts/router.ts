// Chart 5: tokens routed to each expert in one routing batch, with the mean load as a rule and the
// imbalance (max / mean) in the subtitle; the most loaded expert is highlighted.
import type { RouterLoadInput } from './inputs.ts';
import { NEUTRAL, SIZE } from './theme.ts';
import { WALL_COLORS } from '../walls/registry.ts';
import { VL_SCHEMA, type Spec } from './common.ts';

export function routerChart({ input }: { input: RouterLoadInput }): Spec {
  const total = input.experts.reduce((a, e) => a + e.tokens, 0);
  const mean = input.experts.length ? total / input.experts.length : 0;
  const max = Math.max(0, ...input.experts.map((e) => e.tokens));
  const rows = input.experts.map((e) => ({ ...e, load: e.tokens === max ? 'most loaded' : 'other experts' }));
  const many = input.experts.length > 32;
  return {
    $schema: VL_SCHEMA,
    title: {
      text: 'Router load per expert',
      subtitle: [
        `Imbalance (max / mean) ${input.imbalance.toFixed(2)}; dashed line: the mean, ${mean.toFixed(0)}`,
        input.mechanism,
      ],
    },
    width: SIZE.width,
    height: SIZE.height,
    layer: [
      {
        data: { values: rows },
        mark: 'bar',
        encoding: {
          x: {
            field: 'expert',
            type: 'ordinal',
            title: 'Expert',
            axis: many ? { labels: false, ticks: false } : { labelAngle: 0 },
          },
          y: { field: 'tokens', type: 'quantitative', title: 'Token-expert assignments per routing batch' },
          color: {
            field: 'load',
            type: 'nominal',
            title: null,
            scale: { domain: ['most loaded', 'other experts'], range: [NEUTRAL.highlight, WALL_COLORS.network] },
          },
        },
      },
      {
        data: { values: [{ mean }] },
        mark: { type: 'rule', color: '#333333', strokeDash: [5, 3], strokeWidth: 1.5 },
        encoding: { y: { field: 'mean', type: 'quantitative' } },
      },
    ],
  } as Spec;
}
