// The calibration adapter: router load per expert and roofline points from the shipped micro-MoE
// calibration (scenarios/calibrations/micro-moe-default.json).
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { DEFAULT_CALIBRATION_PATH, loadCalibration } from '../../src/workload/calibrated.ts';
import { rooflinePointsFromCalibration, routerLoadFromCalibration } from '../../src/report/calibration-inputs.ts';

const cal = loadCalibration(fileURLToPath(DEFAULT_CALIBRATION_PATH));

test('router load: one bar per routed expert, summing to tokens x mean K, max/mean at most the measured per-batch imbalance', () => {
  const r = routerLoadFromCalibration(cal);
  const largest = [...cal.batches].sort((a, b) => a.batch_tokens - b.batch_tokens).at(-1)!;
  const s = largest.router.configured;
  expect(r?.experts).toHaveLength(cal.config.shape.routed_experts);
  const total = r!.experts.reduce((a, e) => a + e.tokens, 0);
  expect(total).toBeCloseTo(s.tokens_per_batch * s.mean_k, 0);
  const max = Math.max(...r!.experts.map((e) => e.tokens));
  // the bars pool every batch's loads and pooling evens them out (max of sums <= sum of maxes), so their
  // max/mean is at most the mean per-batch imbalance (equal for a router with one fixed hot expert)
  expect(max / (total / r!.experts.length)).toBeLessThanOrEqual(s.imbalance + 1e-6);
  expect(max / (total / r!.experts.length)).toBeGreaterThan(1);
  expect(r?.imbalance).toBe(s.imbalance);
});

test('roofline points: measured prefill intensities, at least 2x apart, in batch order', () => {
  const pts = rooflinePointsFromCalibration(cal);
  expect(pts.length).toBeGreaterThan(0);
  expect(pts[0].arithmetic_intensity).toBe(
    cal.batches.find((b) => b.batch_tokens === pts[0].batch_tokens)?.prefill.arithmetic_intensity,
  );
  for (let i = 1; i < pts.length; i++)
    expect(pts[i].arithmetic_intensity / pts[i - 1].arithmetic_intensity).toBeGreaterThanOrEqual(2);
});
