import { describe, expect, test } from 'vitest';
import type { RoutingImbalance } from '../../src/workload/imbalance-law.ts';
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
  routing: null,
  routed_flop_fraction: 0,
  ep_devices: 64,
  dispatch_bytes_per_element: 2,
  combine_bytes_per_element: 2,
  node_limit: 0,
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
});

describe('the router in the step: busiest node and GPU, reroutes, stragglers, drops', () => {
  const law = (o: Partial<RoutingImbalance>): RoutingImbalance => ({
    tokens_per_rank: 4096,
    routing_tokens: 4096 * 64,
    ep_devices: 64,
    nodes: 8,
    chance_cv_expert: 0,
    learned_cv_expert: 0,
    cv_device: 0,
    cv_node: 0,
    imbalance_device: 1,
    imbalance_nic: 1,
    overflow_fraction: 0,
    reroute_fraction: 0,
    drop_fraction: 0,
    ...o,
  });
  // 4e6 tokens x 2 (fwd + bwd) / 1024 GPUs = 7,812.5 token passes per GPU per step
  const moe: StepCommInputs = {
    ...base,
    moe_layers: 60,
    routed_experts: 256,
    top_k: 8,
    a2a_bytes_per_token_inter: 1e6,
    a2a_bytes_per_token_intra: 2e6,
    routed_flop_fraction: 0.5,
  };
  const latency = 4 * 60 * 4e-6;
  test('NIC bytes wait for the busiest node, NVLink bytes for the busiest GPU', () => {
    // 7,812.5 x (1e6 x 1.5 / 50e9 + 2e6 x 2 / 450e9) + latency
    const c = stepComm({ ...moe, routing: law({ imbalance_nic: 1.5, imbalance_device: 2 }) });
    expect(c.all_to_all_s).toBeCloseTo(7812.5 * (1.5e6 / 50e9 + 4e6 / 450e9) + latency, 12);
  });
  test('rerouted copies cross the network once more', () => {
    const c = stepComm({ ...moe, routing: law({ reroute_fraction: 0.25, overflow_fraction: 0.25 }) });
    expect(c.all_to_all_s).toBeCloseTo(7812.5 * 1.25 * (1e6 / 50e9 + 2e6 / 450e9) + latency, 12);
  });
  test('the busiest GPU stretches the routed half of compute: straggler = compute x 0.5 x (1.4 - 1)', () => {
    const c = stepComm({ ...moe, overlap_fraction: 1, routing: law({ imbalance_device: 1.4 }) });
    expect(c.straggler_s).toBeCloseTo(c.compute_s * 0.2, 12);
    expect(c.efficiency).toBeCloseTo(1 / 1.2, 12);
  });
  test('dropped copies are compute without effect: 10% dropped of the routed half costs 5%', () => {
    const c = stepComm({ ...moe, overlap_fraction: 1, routing: law({ drop_fraction: 0.1, overflow_fraction: 0.1 }) });
    expect(c.dropped_s).toBeCloseTo(c.compute_s * 0.05, 12);
    expect(c.efficiency).toBeCloseTo(0.95, 12);
  });
  test('a dense family pays no router cost whatever routing says', () => {
    const c = stepComm({ ...base, routed_flop_fraction: 0.5, routing: law({ imbalance_device: 3 }) });
    expect(c.straggler_s).toBe(0);
    expect(c.all_to_all_s).toBe(0);
  });
});
