// The network wall's all-to-all from the flow simulation: MoE families use it (and say so), dense
// families keep the closed form; the simulation prices the topology under balanced routing and the
// imbalance law's busiest node and GPU stretch it, so more imbalance can only slow it down.
import { describe, expect, test } from 'vitest';
import { a2aSlowdown, simulatedStepComm } from '../../src/datacenter/simulated-comm.ts';
import { loadAndRun } from '../../src/model/load-and-run.ts';
import { stepComm, type StepCommInputs } from '../../src/workload/step-comm.ts';
import type { RoutingImbalance } from '../../src/workload/imbalance-law.ts';

/** A law reading whose busiest node carries `imb` x the mean (GPUs balanced, nothing over capacity). */
const routingAt = (imb: number): RoutingImbalance => ({
  tokens_per_rank: 16384,
  routing_tokens: 16384 * 64,
  ep_devices: 64,
  nodes: 8,
  chance_cv_expert: 0,
  learned_cv_expert: 0,
  cv_device: 0,
  cv_node: 0,
  imbalance_device: 1,
  imbalance_nic: imb,
  overflow_fraction: 0,
  reroute_fraction: 0,
  drop_fraction: 0,
});

const moe: StepCommInputs = {
  run_gpus: 4096,
  model_parallel_gpus: 64,
  scale_up_domain_gpus: 8,
  global_batch_tokens: 6.3e7,
  train_flop_per_token: 2.5e11,
  flop_per_s_per_gpu: 4e14,
  total_params: 6.7e11,
  bytes_per_weight: 2,
  a2a_bytes_per_token_intra: 2e6,
  a2a_bytes_per_token_inter: 1.5e7,
  routing: null,
  routed_flop_fraction: 0.55,
  ep_devices: 64,
  dispatch_bytes_per_element: 2,
  combine_bytes_per_element: 2,
  node_limit: 0,
  routed_experts: 256,
  top_k: 8,
  layers: 61,
  moe_layers: 58,
  scale_out_bytes_per_s: 50e9,
  scale_up_bytes_per_s: 900e9,
  collective_efficiency: 0.9,
  hop_latency_us: 4,
  scale_up_latency_us: 1,
  overlap_fraction: 0.9,
  sites: 1,
  max_site_distance_km: 0,
  fiber_us_per_km: 4.9,
  inter_site_bytes_per_s: 12.5e12,
};

describe('simulated all-to-all in the network wall', () => {
  test('a dense family has no all-to-all and keeps the closed form', () => {
    const dense = { ...moe, moe_layers: 0, routed_experts: 0, top_k: 0 };
    expect(simulatedStepComm(dense)).toEqual({ ...stepComm(dense), method: 'closed_form' });
  });
  test('an MoE family takes its all-to-all from the simulation and says so', () => {
    const c = simulatedStepComm(moe);
    expect(c.method).toBe('simulated');
    expect(c.all_to_all_s).toBeGreaterThan(0);
    expect(c.allreduce_s).toBe(stepComm(moe).allreduce_s);
  });
  test('the slowdown over line rate is positive; more imbalance at the busiest node never shortens the all-to-all', () => {
    expect(a2aSlowdown(moe)).toBeGreaterThan(0);
    const t = [1, 1.5, 2, 4].map((imb) => simulatedStepComm({ ...moe, routing: routingAt(imb) }).all_to_all_s);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
    // the NIC share of the bytes is stretched by the busiest node: 1.5e7 of 1.7e7 bytes per token
    const extra = (t[1] - t[0]) / (t[0] - 4 * 58 * 4e-6);
    expect(extra).toBeCloseTo(0.5 * (1.5e7 / 1.7e7), 6);
  });
  test('the slowdown is the bandwidth cost alone: the same for any latencies, in any order, and the step adds latency in closed form', () => {
    // the cache is process-wide (a sweep or `compare` runs many scenarios in one process) and keyed
    // without latencies, so the simulated layer must not depend on them: it runs latency-free
    const fast = a2aSlowdown({ ...moe, hop_latency_us: 0.5, scale_up_latency_us: 0.1 });
    expect(a2aSlowdown({ ...moe, hop_latency_us: 40, scale_up_latency_us: 10 })).toBe(fast);
    expect(a2aSlowdown(moe)).toBe(fast);
    // latency reaches the step as 4 all-to-alls per MoE layer (dispatch and combine, forward and
    // backward), one hop each: 36 us more per hop over 58 MoE layers = 4 x 58 x 36e-6 s
    const t = (hop: number) => simulatedStepComm({ ...moe, hop_latency_us: hop }).all_to_all_s;
    expect(t(40) - t(4)).toBeCloseTo(4 * 58 * 36e-6, 12);
  });
  test('node-limited routing (DeepEP sends a token once per node) lowers the slowdown; FP8 dispatch changes bytes, not the cost per byte much', () => {
    expect(a2aSlowdown({ ...moe, node_limit: 4 })).toBeLessThan(a2aSlowdown(moe));
    const fp8 = a2aSlowdown({ ...moe, dispatch_bytes_per_element: 1 + 4 / 128 });
    expect(fp8 / a2aSlowdown(moe)).toBeGreaterThan(0.8);
    expect(fp8 / a2aSlowdown(moe)).toBeLessThan(1.25);
  });
  test('the class cache makes repeated calls identical', () => {
    expect(a2aSlowdown({ ...moe, run_gpus: 8192 })).toBe(a2aSlowdown(moe));
  });
  test('the last call kept: any order of repeated and interleaved inputs gives each its own slowdown', () => {
    const variants: StepCommInputs[] = [
      moe,
      { ...moe, scale_up_bytes_per_s: moe.scale_up_bytes_per_s * 4 }, // another ratio class
      { ...moe, node_limit: 4 }, // another group
      { ...moe, scale_out_bytes_per_s: moe.scale_out_bytes_per_s * 2 },
      { ...moe, top_k: moe.top_k + 1 },
    ];
    const first = variants.map((v) => a2aSlowdown(v));
    expect(new Set(first).size).toBeGreaterThan(2); // not vacuous: the variants differ
    for (const order of [
      [0, 0, 1, 1, 0, 2, 2, 2, 3, 0, 4, 4, 1],
      [4, 3, 2, 1, 0, 0, 1, 2, 3, 4],
    ])
      for (const i of order) expect(a2aSlowdown({ ...variants[i] })).toBe(first[i]);
  });
  test('a group keeps its recent ratios: more ratios than it keeps, asked in any order, each gives its class’s slowdown', () => {
    // twelve mixes of one group (more than the eight it keeps), over three half-octave classes, some a
    // last bit apart (a network-scaled span's ratio): each is its class's slowdown, however often and
    // after however many others it is asked again
    const up = moe.scale_out_bytes_per_s; // scale-up over scale-out from 1/2 to 4
    const ratios = [0.5, 0.51, 1, 1.01, 1.02, 1.03, 1.04, 2, 2.02, 2.04, 4, 4.04];
    const mixes = ratios.flatMap((r) => [up * r, up * r * (1 + Number.EPSILON)]);
    const at = (u: number) => a2aSlowdown({ ...moe, scale_up_bytes_per_s: u });
    const classOf = (u: number) => Math.round(2 * Math.log2(u / moe.scale_out_bytes_per_s));
    const first = mixes.map(at);
    const byClass = new Map<number, number>();
    mixes.forEach((u, i) => {
      const c = classOf(u);
      if (!byClass.has(c)) byClass.set(c, first[i]);
      expect(first[i]).toBe(byClass.get(c));
    });
    expect(new Set(first).size).toBeGreaterThan(1); // not vacuous: the classes' slowdowns differ
    for (const order of [
      [...mixes.keys()].reverse(),
      [0, 23, 1, 22, 2, 21, 3, 20, 0, 0, 5, 19, 4, 18],
      [...mixes.keys(), ...mixes.keys()],
    ])
      for (const i of order) expect(at(mixes[i])).toBe(first[i]);
  });
  test('baseline-2025 (MoE) records simulated network times; the dense what-if records the closed form', () => {
    expect(loadAndRun('scenarios/baseline-2025.yaml').steps[0].quantities.network_method).toBe('simulated');
    expect(loadAndRun('scenarios/dense-frontier.yaml').steps[0].quantities.network_method).toBe('closed_form');
  });
});

test('fewer experts than GPUs in a scale-up domain (8 experts on NVL72) falls back to the closed form, no crash', () => {
  const small = { ...moe, routed_experts: 8, top_k: 2, scale_up_domain_gpus: 72 };
  expect(simulatedStepComm(small)).toEqual({ ...stepComm(small), method: 'closed_form' });
});
