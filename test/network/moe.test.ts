import { describe, expect, test } from 'vitest';
import { H100_CLUSTER } from '../../src/network/cluster-shape.ts';
import { expectedNodes, moeA2aBytesPerToken } from '../../src/network/closed-form.ts';
import { imbalanceOf, zipfLoads } from '../../src/network/expert-load.ts';
import { simulateMoeLayer, type MoeLayerInput } from '../../src/network/moe-layer.ts';
import { drawRouting } from '../../src/network/routing.ts';
import { createRng } from '../../src/engine/rng.ts';
import { chromeTrace } from '../../src/network/trace.ts';
import { buildTopology } from '../../src/network/topology.ts';
import { epGroupSize } from '../../src/network/ep-group.ts';

// 4 nodes of 8 GPUs, 64 experts top-4, 128 tokens per GPU: small enough for many runs.
const small = (over: Partial<MoeLayerInput> = {}): MoeLayerInput => ({
  cluster: { ...H100_CLUSTER, gpus: 32 },
  experts: 64,
  top_k: 4,
  d_model: 1024,
  tokens_per_gpu: 128,
  dispatch_bytes_per_element: 1,
  combine_bytes_per_element: 2,
  expert_load: zipfLoads(64, 1),
  method: 'hierarchical',
  expert_compute_us: 0,
  seed: 7,
  ...over,
});

describe('expert load profiles', () => {
  test('zipfLoads hits the requested max/mean', () => {
    for (const r of [1, 1.5, 4, 20]) expect(imbalanceOf(zipfLoads(256, r))).toBeCloseTo(r, 6);
  });
  test('rejects an imbalance outside [1, experts]', () => {
    expect(() => zipfLoads(8, 9)).toThrow(/imbalance/);
    expect(() => zipfLoads(8, 0.5)).toThrow(/imbalance/);
  });
});

describe('routing samples', () => {
  const input = {
    gpus: 32,
    gpus_per_node: 8,
    experts: 256,
    top_k: 8,
    tokens_per_gpu: 200,
    expert_load: zipfLoads(256, 1),
  };
  test('K copies per token, and distinct nodes per token match E[nodes] of moe.md 1.7', () => {
    const s = drawRouting(input, createRng(1, 't'));
    expect(s.copies.reduce((a, b) => a + b, 0)).toBe(32 * 200 * 8);
    const nodesPerToken = s.nodeCopies.reduce((a, b) => a + b, 0) / (32 * 200);
    // V3-like: 256 experts over 4 nodes, top-8: E[nodes] = 4 (1 - C(192,8)/C(256,8)) = 3.6
    expect(nodesPerToken).toBeCloseTo(expectedNodes(256, 8, 4), 1);
  });
  test('node_limit caps the nodes per token', () => {
    const s = drawRouting({ ...input, node_limit: 2 }, createRng(1, 't'));
    expect(Math.max(...s.nodeCopies)).toBeLessThanOrEqual(200);
    expect(s.nodeCopies.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * 32 * 200);
  });
  test('same stream, same sample; another stream, another sample', () => {
    const a = drawRouting(input, createRng(1, 't')),
      b = drawRouting(input, createRng(1, 't')),
      c = drawRouting(input, createRng(1, 'u'));
    expect(a.copies).toEqual(b.copies);
    expect(a.copies).not.toEqual(c.copies);
  });
  test('bad inputs are refused with a message', () => {
    expect(() => drawRouting({ ...input, expert_load: [1, 2] }, createRng(1, 't'))).toThrow(
      /expert_load has 2 entries/,
    );
    expect(() => drawRouting({ ...input, top_k: 300 }, createRng(1, 't'))).toThrow(/top_k/);
  });
  test('DeepSeek-V3 byte accounting: 8 copies of 7,168 B FP8 over 64 GPUs', () => {
    const b = moeA2aBytesPerToken(8, 64, 7168, 1, 2);
    expect(b.dispatch).toBeCloseTo(8 * (63 / 64) * 7168, 6);
    expect(b.combine).toBeCloseTo(2 * b.dispatch, 6);
    expect(expectedNodes(256, 8, 8)).toBeCloseTo(5.29, 2); // moe.md 1.7: E[nodes] = 5.29
  });
});

describe('MoE layer', () => {
  test('node-limited hierarchical all-to-all sends no more inter-node bytes than the flat one', () => {
    for (const node_limit of [undefined, 2]) {
      const flat = simulateMoeLayer(small({ method: 'flat', node_limit }));
      const hier = simulateMoeLayer(small({ method: 'hierarchical', node_limit }));
      expect(hier.scale_out_bytes).toBeLessThanOrEqual(flat.scale_out_bytes);
      expect(hier.scale_out_bytes).toBeGreaterThan(0);
    }
  });

  test('more imbalance never lowers p99 (same seed, rising max/mean)', () => {
    let prev = 0;
    for (const r of [1, 2, 4, 8, 16]) {
      const res = simulateMoeLayer(small({ expert_load: zipfLoads(64, r), quantum_us: 0 }));
      expect(res.p99_us).toBeGreaterThanOrEqual(prev);
      prev = res.p99_us;
    }
  });

  test('uniform routing on one node is NVLink-bound: no scale-out bytes', () => {
    const res = simulateMoeLayer(small({ cluster: { ...H100_CLUSTER, gpus: 8 } }));
    expect(res.scale_out_bytes).toBe(0);
    expect(res.p99_us).toBeGreaterThan(0);
  });

  test('the quantum batches completions but moves times by less than 1%', () => {
    const exact = simulateMoeLayer(small({ quantum_us: 0 }));
    const batched = simulateMoeLayer(small());
    expect(batched.solves).toBeLessThanOrEqual(exact.solves);
    expect(Math.abs(batched.max_us - exact.max_us) / exact.max_us).toBeLessThan(0.01);
  });

  test('determinism: same inputs give the same trace byte for byte', () => {
    const a = simulateMoeLayer(small({ record: true })),
      b = simulateMoeLayer(small({ record: true }));
    const topo = buildTopology(small().cluster);
    const ta = chromeTrace(a.records, topo);
    expect(ta).toBe(chromeTrace(b.records, topo));
    const parsed = JSON.parse(ta) as { traceEvents: { ph: string }[] };
    expect(parsed.traceEvents.filter((e) => e.ph === 'X').length).toBe(a.flows);
  });

  test('EP groups: whole nodes, at most one copy of the experts each', () => {
    expect(epGroupSize(1024, 256, 8)).toBe(256);
    expect(epGroupSize(128, 256, 8)).toBe(128);
    expect(epGroupSize(288, 256, 72)).toBe(144);
    expect(() => epGroupSize(72 * 5, 64, 72)).toThrow(/no EP group/);
  });
});
