import { describe, expect, test } from 'vitest';
import { stepComm, type StepCommInputs } from '../../src/workload/step-comm.ts';

const base: StepCommInputs = {
  run_gpus: 1024,
  model_parallel_gpus: 8,
  scale_up_domain_gpus: 8,
  global_batch_tokens: 4e6,
  train_flop_per_token: 6e11,
  flop_per_s_per_gpu: 4e14,
  total_params: 1e11,
  bytes_per_weight: 2,
  a2a_bytes_per_token_intra: 0,
  a2a_bytes_per_token_inter: 0,
  imbalance: 1,
  routed_experts: 0,
  top_k: 0,
  layers: 80,
  moe_layers: 0,
  scale_out_bytes_per_s: 50e9,
  scale_up_bytes_per_s: 900e9,
  collective_efficiency: 1,
  hop_latency_us: 4,
  scale_up_latency_us: 1,
  overlap_fraction: 0,
  sites: 1,
  max_site_distance_km: 0,
  fiber_us_per_km: 4.9,
  inter_site_bytes_per_s: 12.5e12,
};

describe('stepComm', () => {
  test('data-parallel ring all-reduce: 2((p-1)/p) n / B plus tree latency 2 log2(p) a', () => {
    // p = 1024/8 = 128; n = 1e11 x 2 / 8 = 2.5e10 bytes; 2 x 127/128 x 2.5e10 / 50e9 = 0.9921875 s; + 2 x 7 x 4 us
    expect(stepComm(base).allreduce_s).toBeCloseTo(0.9921875 + 56e-6, 9);
  });
  test('compute time per step: batch x FLOP per token / (GPUs x FLOP/s)', () => {
    // 4e6 x 6e11 / (1024 x 4e14) = 5.859375 s
    expect(stepComm(base).compute_s).toBeCloseTo(5.859375, 9);
  });
  test('without overlap everything is exposed; full overlap hides comm up to compute time', () => {
    const none = stepComm(base);
    expect(none.exposed_s).toBeCloseTo(none.comm_s, 12);
    expect(none.efficiency).toBeCloseTo(none.compute_s / (none.compute_s + none.comm_s), 12);
    const full = stepComm({ ...base, overlap_fraction: 1 });
    expect(full.exposed_s).toBe(0);
    expect(full.efficiency).toBe(1);
  });
  test('two sites 1,000 km apart sync the gradient over the inter-site link and wait 2 x 1000 x 4.9 us = 9.8 ms', () => {
    const two = stepComm({ ...base, sites: 2, max_site_distance_km: 1000 });
    // 2 x 1/2 x 1e11 x 2 B / 12.5e12 B/s = 0.016 s, + 9.8 ms
    expect(two.inter_site_s).toBeCloseTo(0.016 + 9.8e-3, 12);
  });
  test('more routing imbalance never shortens the all-to-all', () => {
    const moe = { ...base, moe_layers: 60, a2a_bytes_per_token_inter: 1e6, a2a_bytes_per_token_intra: 1e6 };
    expect(stepComm({ ...moe, imbalance: 2 }).all_to_all_s).toBeGreaterThan(stepComm(moe).all_to_all_s);
  });
});
