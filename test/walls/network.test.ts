import { describe, expect, test } from 'vitest';
import { chinchillaLoss, criticalBatchTokens } from '../../src/walls/critical-batch.ts';
import { floorPermit, networkPermit, networkWall, MAX_FLOP } from '../../src/walls/network.ts';
import { stepFloor, treeAllReduceUs } from '../../src/walls/step-floor.ts';
import { DAY, wallInputs } from './fixtures.ts';

describe('step floor', () => {
  test('latency: 3 passes x 126 layers x (5 kernels x 4.5 us + 2 TP all-reduces x 2 log2(8) x 1 us) + the DP tree', () => {
    const x = wallInputs().network;
    const f = stepFloor({ layers: 126, moe_layers: 0, total_params: 1e12, gradient_bytes: 2 }, x.net, 16e6, 8192);
    // 5 x 4.5 + 2 x 6 = 34.5 us per layer; x 126 x 3 = 13,041 us; replicas 16e6/8192 = 1953.125,
    // tree 2 x log2(1953.125) x 4 us = 87.45 us; total 13.128 ms
    expect(treeAllReduceUs(8, 1)).toBe(6);
    expect(f.latency_s).toBeCloseTo((13_041 + 2 * Math.log2(1953.125) * 4) * 1e-6, 12);
    // bandwidth: one stage's shard, 1e12 x 2 B / (8 x 126) = 1.984e9 B, x2 over 50 GB/s x 0.9 = 0.0882 s
    expect(f.bandwidth_s).toBeCloseTo((2 * 2e12) / (8 * 126) / 45e9, 12);
  });
  test('MoE layers add a dispatch and a combine hop per pass', () => {
    const x = wallInputs().network;
    const dense = stepFloor({ layers: 61, moe_layers: 0, total_params: 1, gradient_bytes: 2 }, x.net, 8192, 8192);
    const moe = stepFloor({ layers: 61, moe_layers: 58, total_params: 1, gradient_bytes: 2 }, x.net, 8192, 8192);
    expect((moe.latency_s - dense.latency_s) * 1e6).toBeCloseTo(3 * 58 * 2 * 4, 9);
  });
});

describe('critical batch', () => {
  test('Kaplan x Chinchilla at Llama 3.1 405B scale gives ~12M tokens (Meta ran 16M)', () => {
    // L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 at N = 405e9, D = 15.6e12; B = 2e8 / L^(1/0.21)
    const b = criticalBatchTokens('kaplan_chinchilla', 3.8e25, 405e9, 15.6e12, 0);
    expect(b).toBeCloseTo(2e8 / Math.pow(chinchillaLoss(405e9, 15.6e12), 1 / 0.21), 3);
    expect(b).toBeGreaterThan(8e6);
    expect(b).toBeLessThan(16e6);
  });
  test('DeepSeek LLM: B = 0.292 C^0.3271 gives 68M tokens at 3.8e25 FLOP', () => {
    expect(criticalBatchTokens('deepseek_llm', 3.8e25, 0, 0, 0)).toBeCloseTo(0.292 * Math.pow(3.8e25, 0.3271), 0);
    expect(criticalBatchTokens('deepseek_llm', 3.8e25, 0, 0, 0) / 1e6).toBeCloseTo(68, -1);
  });
  test('fixed is fixed', () => expect(criticalBatchTokens('fixed', 1e30, 1, 1, 16e6)).toBe(16e6));
});

describe('network wall', () => {
  test('the latency wall replay (Erdil & Schneider-Joseph 2024: infeasible above ~1e31-2e31 FLOP in 3 months)', () => {
    // Inputs from the paper: a 3-month (90-day) run, critical-batch-limited serial steps, per-layer
    // latency floors. Ours (not read in the paper): 126 layers (Llama 3.1 405B), a 16M-token batch,
    // 4.5 us kernels, 1 us NVLink hops, 4 us IB hops. By hand: floor 13.128 ms; 90 days = 7.776e6 s
    // -> 5.923e8 steps x 16e6 tokens = 9.477e15 tokens -> C = 6 D^2 / 20 = 2.69e31 FLOP.
    const x = { ...wallInputs().network, training_seconds: 90 * DAY };
    const latency = floorPermit(x, 'latency');
    expect(latency).toBeCloseTo(0.3 * Math.pow((7.776e6 / 13.128e-3) * 16e6, 2), -29);
    expect(latency).toBeGreaterThan(1e31);
    expect(latency).toBeLessThan(6e31);
  });
  test('gradient bandwidth binds near 1e28 FLOP on 400 Gb/s NICs (the paper: utilization falls above ~1e28)', () => {
    // steps = 20N / 16e6; bandwidth per step 8.818e-14 N s; steps x (floor + bw) = 100 days
    const w = networkPermit(wallInputs().network, 1e27);
    expect(w.limited_by).toBe('gradient bandwidth');
    expect(w.permitted_flop).toBeGreaterThan(3e27);
    expect(w.permitted_flop).toBeLessThan(3e28);
    expect(w.detail.latency_flop).toBeGreaterThan(w.permitted_flop);
  });
  test('the permit never exceeds MAX_FLOP and says when nothing limits it', () => {
    const x = {
      ...wallInputs().network,
      net: {
        ...wallInputs().network.net,
        kernel_latency_us: 0,
        scale_up_latency_us: 0,
        hop_latency_us: 0,
        scale_out_bytes_per_s: 1e30,
      },
    };
    const w = networkPermit(x, 1e27);
    expect(w.permitted_flop).toBe(MAX_FLOP);
    expect(w.limited_by).toBe('no limit below 1e45 FLOP');
  });
  test('faster links and lower latency never lower the permit', () => {
    const base = wallInputs().network;
    const fast = { ...base, net: { ...base.net, scale_out_bytes_per_s: 100e9, hop_latency_us: 2 } };
    expect(networkWall.permit(wallInputs({ network: fast })).permitted_flop).toBeGreaterThan(
      networkWall.permit(wallInputs()).permitted_flop,
    );
  });
});
