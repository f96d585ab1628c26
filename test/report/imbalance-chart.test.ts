// The router-imbalance chart's data: the calibration's measured curve, chance's floor drawn at the
// same batches (exactly N/K at one token), the law beside them up to the frontier's micro-batch;
// and router charts only for MoE families.
import { describe, expect, test } from 'vitest';
import {
  imbalanceTokensChart,
  SERIES_CHANCE,
  SERIES_LAW_SOURCED,
  SERIES_MEASURED,
} from '../../src/charts/imbalance-tokens.ts';
import { imbalanceCurveFromCalibration } from '../../src/report/calibration-inputs.ts';
import { modelRunSource } from '../../src/report/run-source.ts';
import { scenarioCalibration } from '../../src/workload/calibrated.ts';

const cal = scenarioCalibration().calibration;
const input = imbalanceCurveFromCalibration(cal, { measured_cv: 1.4, sourced_cv: 0.014 }, 16384)!;
const series = (name: string) =>
  input.points.filter((p) => p.series === name).sort((a, b) => a.tokens_per_rank - b.tokens_per_rank);

describe('router imbalance against tokens per rank', () => {
  test('measured points are the calibration requested max/mean, one per batch, at batch / devices tokens per rank', () => {
    const m = series(SERIES_MEASURED);
    expect(m.map((p) => p.tokens_per_rank)).toEqual(cal.batches.map((b) => b.batch_tokens / cal.placement.devices));
    expect(m.map((p) => p.imbalance)).toEqual(cal.batches.map((b) => b.router.configured.imbalance_requested));
  });
  test("chance's floor: one token on 2 of 16 experts is exactly 16 / 2 = 8; it falls with the batch", () => {
    const c = series(SERIES_CHANCE);
    expect(c[0].imbalance).toBe(8);
    for (let i = 1; i < c.length; i++) expect(c[i].imbalance).toBeLessThan(c[i - 1].imbalance);
  });
  test("the law reaches the frontier's micro-batch and never falls below 1", () => {
    const s = series(SERIES_LAW_SOURCED);
    expect(s.at(-1)!.tokens_per_rank).toBe(16384);
    for (const p of s) expect(p.imbalance).toBeGreaterThanOrEqual(1);
  });
  test('the spec plots every series and marks the frontier micro-batch', () => {
    const spec = JSON.stringify(imbalanceTokensChart({ input }));
    for (const s of [SERIES_MEASURED, SERIES_CHANCE, SERIES_LAW_SOURCED]) expect(spec).toContain(s);
    expect(spec).toContain('frontier micro-batch');
  });
});

test('router charts and calibration only for MoE families', async () => {
  const dense = await modelRunSource('scenarios/dense-frontier.yaml', process.cwd(), undefined);
  expect(dense.router).toBeUndefined();
  expect(dense.imbalance).toBeUndefined();
  expect(dense.result.workload.calibration_file).toBeNull();
});
