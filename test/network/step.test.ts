import { describe, expect, test } from 'vitest';
import { H100_CLUSTER } from '../../src/network/cluster-shape.ts';
import { simulateRailAllReduce } from '../../src/network/collective-time.ts';
import { latencyWall } from '../../src/network/latency-wall.ts';
import { simulateStepComm } from '../../src/network/step-time.ts';

const rtt_us = 2 * 1000 * 4.9; // 1,000 km of fiber at 4.9 us/km, there and back

describe('multi-site', () => {
  test('a two-site run 1,000 km apart adds at least the round-trip light delay per synchronous step', () => {
    const one = { ...H100_CLUSTER, gpus: 32 };
    const two = { ...one, sites: 2, site_distance_km: 1000 };
    const a = simulateRailAllReduce(one, 64e6).t_us,
      b = simulateRailAllReduce(two, 64e6).t_us;
    expect(b - a).toBeGreaterThanOrEqual(rtt_us);
    const wall = latencyWall({
      layers: 61,
      moe_layers: 58,
      scale_up_latency_us: 1,
      hop_latency_us: 4,
      dp_ranks: 1024,
      site_span_km: 1000,
      fiber_us_per_km: 4.9,
      tokens_total: 1e12,
      critical_batch_tokens: 6.3e7,
      training_days: 100,
    });
    expect(wall.light_rtt_us).toBe(rtt_us);
    expect(wall.min_step_us).toBeGreaterThanOrEqual(rtt_us);
  });
});

describe('latency wall', () => {
  test('hand-worked: DeepSeek-V3 shape on one site', () => {
    // 4 x 61 x 1 us + 4 x 58 x 4 us = 244 + 928 = 1,172 us; tree over 1,024 ranks: 2 x 10 x 4 = 80 us.
    const w = latencyWall({
      layers: 61,
      moe_layers: 58,
      scale_up_latency_us: 1,
      hop_latency_us: 4,
      dp_ranks: 1024,
      site_span_km: 0,
      fiber_us_per_km: 4.9,
      tokens_total: 14.8e12,
      critical_batch_tokens: 63e6,
      training_days: 60,
    });
    expect(w.min_step_us).toBe(1172 + 80);
    expect(w.sequential_steps).toBe(Math.ceil(14.8e12 / 63e6));
    expect(w.min_training_days).toBeCloseTo((234_921 * 1252) / 86_400e6, 9);
    expect(w.headroom).toBeCloseTo(60 / w.min_training_days, 6);
  });
  test('rejects negative and non-finite inputs', () => {
    expect(() =>
      latencyWall({
        layers: -1,
        moe_layers: 0,
        scale_up_latency_us: 1,
        hop_latency_us: 4,
        dp_ranks: 1,
        site_span_km: 0,
        fiber_us_per_km: 4.9,
        tokens_total: 1,
        critical_batch_tokens: 1,
        training_days: 1,
      }),
    ).toThrow(/layers/);
  });
});

describe('simulateStepComm', () => {
  const workload = {
    experts: 64,
    top_k: 4,
    d_model: 1024,
    bytes_per_element: 2,
    tokens_per_gpu: 128,
    moe_layers: 4,
    gradient_bytes_per_gpu: 16e6,
    imbalance: 3,
    seed: 1,
  };
  test('simulates small clusters, reports imbalance as a straggler factor >= 1, and caches', () => {
    const c = { ...H100_CLUSTER, gpus: 32 };
    const r = simulateStepComm(c, workload);
    expect(r.method).toBe('simulated');
    expect(r.straggler_factor).toBeGreaterThanOrEqual(1);
    expect(r.moe_a2a_us_p99).toBeGreaterThanOrEqual(r.moe_a2a_us_mean);
    expect(r.moe_a2a_us_per_step).toBeCloseTo(4 * 2 * r.moe_a2a_us_p99, 9);
    expect(r.exposed_us).toBeCloseTo(r.moe_a2a_us_per_step + r.dp_allreduce_us, 9);
    expect(simulateStepComm(c, workload)).toBe(r);
  });
  test('falls back to the closed form for the all-reduce of a huge cluster and says so', () => {
    const r = simulateStepComm({ ...H100_CLUSTER, gpus: 8 * 4096 }, workload);
    expect(r.dp_method).toBe('closed_form');
    expect(r.method).toBe('closed_form');
    expect(r.simulated_gpus).toBe(64);
  });
  test('overlap with compute hides communication up to the overlap share', () => {
    const c = { ...H100_CLUSTER, gpus: 16 };
    const bare = simulateStepComm(c, workload);
    const hidden = simulateStepComm(c, { ...workload, compute_us_per_step: 1e9, overlap_fraction: 0.5 });
    expect(hidden.exposed_us).toBe(0);
    expect(bare.exposed_us).toBeGreaterThan(0);
  });
});
