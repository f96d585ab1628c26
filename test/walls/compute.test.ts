import { describe, expect, test } from 'vitest';
import { computeWall } from '../../src/walls/compute.ts';
import { DAY, H100, wallInputs } from './fixtures.ts';

describe('compute wall', () => {
  test('permit = accelerators delivered x sustained FLOP/s x exposed-comm efficiency x T x run share', () => {
    // 16,384 x 989e12 x 0.4 = 6.4815e18 FLOP/s; x 8.64e6 s = 5.6000e25
    const w = computeWall.permit(wallInputs());
    expect(w.permitted_flop).toBeCloseTo(16_384 * 989e12 * 0.4 * 100 * DAY, -20);
    expect(w.limited_by).toBe('accelerator supply');
    expect(w.detail.accelerators).toBe(16_384);
    const half = computeWall.permit(wallInputs({ run_share: 0.5, comm_efficiency: () => 0.5 }));
    expect(half.permitted_flop / w.permitted_flop).toBeCloseTo(0.25, 12);
  });
  test('Llama 3.1 405B replay: 16,384 H100 at 41% BF16 MFU need 66 days for 3.8e25 FLOP; 54 days give 3.1e25', () => {
    // Inputs from the paper (Meta, "The Llama 3 Herd of Models", 2024): 16,384 H100, 989 TFLOP/s BF16,
    // 41% MFU, 3.8e25 FLOP. By hand: 16,384 x 989e12 x 0.41 = 6.6437e18 FLOP/s; 3.8e25 / that =
    // 5.7197e6 s = 66.2 days. The paper's 54 days are its reliability-statistics window, not the run.
    const llama = (days: number) =>
      computeWall.permit(
        wallInputs({
          target_flop: 3.8e25,
          training_seconds: days * DAY,
          sustained: (a) => a.peak_flop_per_s * 0.41,
          supply_gpus: [{ acc: H100, count: 16_384 }],
        }),
      );
    expect(llama(66.2).headroom).toBeCloseTo(1, 2);
    expect(llama(54).permitted_flop).toBeCloseTo(3.0996e25, -21);
  });
  test('the hardware mix counts each generation at its own rate', () => {
    const b200 = { ...H100, name: 'B200', peak_flop_per_s: 2250e12 };
    const w = computeWall.permit(
      wallInputs({
        supply_gpus: [
          { acc: H100, count: 1000 },
          { acc: b200, count: 1000 },
        ],
      }),
    );
    expect(w.permitted_flop).toBeCloseTo((1000 * 989e12 + 1000 * 2250e12) * 0.4 * 100 * DAY, -18);
  });
});
