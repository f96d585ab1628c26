// Chart 4: the roofline. Attainable FLOP/s = min(peak, arithmetic intensity x HBM bandwidth)
// (Williams, Waterman & Patterson, "Roofline", CACM 2009) for each accelerator generation, on
// log-log axes, with the workload's operating points (by batch size) as labelled vertical rules.
import type { RooflineInput } from './inputs.ts';
import { GENERATION_COLORS, SIZE } from './theme.ts';
import { IS_DECADE, VL_SCHEMA, type Spec } from './common.ts';

/**
 * Intensity axis in FLOP/byte: from 10^0 (decode, ~1) to at least 10^4 (large-batch training is
 * ~10^3-10^4), widened to the decade above the largest workload point.
 */
const PER_DECADE = 8;
export function intensityDecades(input: RooflineInput): [number, number] {
  const top = Math.max(
    0,
    ...input.points.map((p) => p.arithmetic_intensity),
    ...input.accelerators.map((a) => a.peak_flop_per_s / a.hbm_bytes_per_s),
  );
  return [0, Math.max(4, Math.ceil(Math.log10(top * 1.5)))];
}

export function rooflineRows(input: RooflineInput) {
  const [lo, hi] = intensityDecades(input);
  const grid: number[] = [];
  for (let i = lo * PER_DECADE; i <= hi * PER_DECADE; i++) grid.push(10 ** (i / PER_DECADE));
  return input.accelerators.flatMap((a) => {
    const ridge = a.peak_flop_per_s / a.hbm_bytes_per_s;
    const xs = [...grid, ridge].filter((ai) => ai >= grid[0] && ai <= grid[grid.length - 1]).sort((p, q) => p - q);
    return xs.map((ai) => ({
      accelerator: a.name,
      intensity: ai,
      attainable_flop_per_s: Math.min(a.peak_flop_per_s, ai * a.hbm_bytes_per_s),
    }));
  });
}

export function rooflineChart({ input, title }: { input: RooflineInput; title?: string }): Spec {
  const names = input.accelerators.map((a) => a.name);
  const [lo, hi] = intensityDecades(input);
  const x = {
    field: 'intensity',
    type: 'quantitative',
    scale: { type: 'log', domain: [10 ** lo, 10 ** hi] },
    title: 'Arithmetic intensity (FLOP per HBM byte, log)',
    axis: { format: '~s' },
  };
  const points = input.points.map((p) => ({ ...p, intensity: p.arithmetic_intensity }));
  return {
    $schema: VL_SCHEMA,
    title: {
      text: title ?? 'Roofline: attainable FLOP/s by accelerator generation',
      subtitle: 'min(peak BF16, intensity x HBM bandwidth); vertical lines: the workload by batch size',
    },
    width: SIZE.width,
    height: SIZE.height,
    layer: [
      {
        data: { values: rooflineRows(input) },
        mark: 'line',
        encoding: {
          x,
          y: {
            field: 'attainable_flop_per_s',
            type: 'quantitative',
            scale: { type: 'log' },
            title: 'Attainable FLOP/s (log)',
            axis: { labelExpr: `${IS_DECADE} ? format(datum.value, '.0e') : ''` },
          },
          color: {
            field: 'accelerator',
            type: 'nominal',
            title: 'Accelerator',
            scale: { domain: names, range: GENERATION_COLORS.slice(0, Math.max(1, names.length)) },
          },
          order: { field: 'intensity' },
        },
      },
      { data: { values: points }, mark: { type: 'rule', color: '#333333', strokeDash: [3, 3] }, encoding: { x } },
      {
        data: { values: points },
        mark: { type: 'text', angle: 270, align: 'left', baseline: 'bottom', dx: 4, dy: -3, y: 0, fontSize: 10 },
        encoding: { x, text: { field: 'label' } },
      },
    ],
  } as Spec;
}
