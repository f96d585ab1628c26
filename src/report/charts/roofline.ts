// Chart 4: the roofline. Attainable FLOP/s = min(peak, arithmetic intensity x HBM bandwidth)
// (Williams, Waterman & Patterson, "Roofline", CACM 2009) for each accelerator generation, on
// log-log axes, with the workload's operating points (by batch size) as labelled vertical rules.
import type { RooflineInput } from '../inputs.ts';
import { GENERATION_COLORS, SIZE } from '../theme.ts';
import { VL_SCHEMA, type Spec } from './common.ts';

/** Intensity axis in FLOP/byte: 10^0..10^4 covers decode (~1) to large-batch training (~10^3). */
const DECADES = { min: 0, max: 4, perDecade: 8 } as const;

export function rooflineRows(input: RooflineInput) {
  const grid: number[] = [];
  for (let i = DECADES.min * DECADES.perDecade; i <= DECADES.max * DECADES.perDecade; i++) grid.push(10 ** (i / DECADES.perDecade));
  return input.accelerators.flatMap((a) => {
    const ridge = a.peak_flop_per_s / a.hbm_bytes_per_s;
    const xs = [...grid, ridge].filter((ai) => ai >= grid[0] && ai <= grid[grid.length - 1]).sort((p, q) => p - q);
    return xs.map((ai) => ({ accelerator: a.name, intensity: ai, attainable_flop_per_s: Math.min(a.peak_flop_per_s, ai * a.hbm_bytes_per_s) }));
  });
}

export function rooflineChart({ input, title }: { input: RooflineInput; title?: string }): Spec {
  const names = input.accelerators.map((a) => a.name);
  const x = { field: 'intensity', type: 'quantitative', scale: { type: 'log', domain: [10 ** DECADES.min, 10 ** DECADES.max] }, title: 'Arithmetic intensity (FLOP per HBM byte, log)', axis: { format: '~s' } };
  const points = input.points.map((p) => ({ ...p, intensity: p.arithmetic_intensity }));
  return {
    $schema: VL_SCHEMA,
    title: { text: title ?? 'Roofline: attainable FLOP/s by accelerator generation', subtitle: 'min(peak BF16, intensity x HBM bandwidth); vertical lines: the workload by batch size' },
    width: SIZE.width,
    height: SIZE.height,
    layer: [
      { data: { values: rooflineRows(input) }, mark: 'line', encoding: {
        x, y: { field: 'attainable_flop_per_s', type: 'quantitative', scale: { type: 'log' }, title: 'Attainable FLOP/s (log)', axis: { format: '.0e' } },
        color: { field: 'accelerator', type: 'nominal', title: 'Accelerator', scale: { domain: names, range: GENERATION_COLORS.slice(0, Math.max(1, names.length)) } },
        order: { field: 'intensity' } } },
      { data: { values: points }, mark: { type: 'rule', color: '#333333', strokeDash: [3, 3] }, encoding: { x } },
      { data: { values: points }, mark: { type: 'text', angle: 270, align: 'left', baseline: 'bottom', dx: 4, dy: -3, y: 0, fontSize: 10 }, encoding: { x, text: { field: 'label' } } },
    ],
  } as Spec;
}
