// The expert-parallel flow simulation against its bounds and closed forms: dispatch within 15% of
// the busiest-link lower bound for the same routing sample, layer time monotone in hop latency
// and bandwidth, balanced routing equal to the closed forms, scale-up bandwidth inside a domain.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { H100_CLUSTER, type ClusterShape } from '../../src/network/cluster-shape.ts';
import { epLayerClosedForm } from '../../src/network/ep-closed-form.ts';
import { zipfLoads } from '../../src/network/expert-load.ts';
import { moeLayerClosedForm, simulateMoeLayer, type MoeLayerInput } from '../../src/network/moe-layer.ts';
import { simulateDecode } from '../../src/network/decode.ts';

const layer = (over: Partial<MoeLayerInput> = {}): MoeLayerInput => ({
  cluster: { ...H100_CLUSTER, gpus: 32 },
  experts: 64,
  top_k: 4,
  d_model: 4096,
  tokens_per_gpu: 64,
  dispatch_bytes_per_element: 1 + 4 / 128,
  combine_bytes_per_element: 2,
  expert_load: zipfLoads(64, 1),
  method: 'hierarchical',
  expert_compute_us: 0,
  seed: 3,
  quantum_us: 0,
  ...over,
});

describe('dispatch against the busiest-link lower bound of the same routing sample', () => {
  for (const method of ['flat', 'hierarchical'] as const)
    for (const imbalance of [1, 4])
      for (const relay of ['cut-through', 'store-and-forward'] as const) {
        if (method === 'flat' && relay === 'store-and-forward') continue;
        test(`${method} (${relay}), imbalance ${imbalance}: bound <= dispatch <= 1.15 x bound`, () => {
          const r = simulateMoeLayer(layer({ method, relay, expert_load: zipfLoads(64, imbalance) }));
          // 1e-3 us: the flow network ends a flow within 1 ns of done (COMPLETION_TOL_US)
          expect(r.dispatch_max_us).toBeGreaterThanOrEqual(r.dispatch_lower_bound_us - 1e-3);
          if (relay === 'cut-through') expect(r.dispatch_max_us).toBeLessThanOrEqual(1.15 * r.dispatch_lower_bound_us);
        });
      }

  test('store-and-forward relays pay the NVLink forward stage after the last scale-out input', () => {
    const cut = simulateMoeLayer(layer({ relay: 'cut-through', routing: 'balanced' }));
    const store = simulateMoeLayer(layer({ relay: 'store-and-forward', routing: 'balanced' }));
    expect(store.dispatch_max_us).toBeGreaterThan(cut.dispatch_max_us);
  });
});

const shapes = fc.record({
  gpus: fc.constantFrom(16, 32),
  per: fc.constantFrom(4, 8),
  top_k: fc.integer({ min: 1, max: 4 }),
  tokens: fc.integer({ min: 4, max: 48 }),
  imbalance: fc.double({ min: 1, max: 6, noNaN: true }),
  method: fc.constantFrom('flat' as const, 'hierarchical' as const),
  relay: fc.constantFrom('cut-through' as const, 'store-and-forward' as const),
  compute: fc.constantFrom(0, 5),
  seed: fc.integer({ min: 0, max: 1000 }),
});

type Shape = typeof shapes extends fc.Arbitrary<infer T> ? T : never;

function input(s: Shape, over: Partial<ClusterShape>): MoeLayerInput {
  return layer({
    cluster: { ...H100_CLUSTER, gpus: s.gpus, gpus_per_node: s.per, ...over },
    top_k: s.top_k,
    tokens_per_gpu: s.tokens,
    expert_load: zipfLoads(64, s.imbalance),
    method: s.method,
    relay: s.relay,
    expert_compute_us: s.compute,
    seed: s.seed,
  });
}

describe('layer time is monotone (property tests)', () => {
  test.prop([shapes, fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })], {
    numRuns: 30,
  })('non-decreasing in hop latency', (s, a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const tLo = simulateMoeLayer(input(s, { hop_latency_us: lo })).max_us;
    const tHi = simulateMoeLayer(input(s, { hop_latency_us: hi })).max_us;
    expect(tHi).toBeGreaterThanOrEqual(tLo - 1e-3);
  });

  test.prop([shapes, fc.double({ min: 1, max: 4, noNaN: true }), fc.double({ min: 1, max: 4, noNaN: true })], {
    numRuns: 30,
  })('non-increasing in NIC and scale-up bandwidth', (s, out, up) => {
    const base = simulateMoeLayer(input(s, {})).max_us;
    const faster = simulateMoeLayer(input(s, { scale_out_gbit_per_s: 400 * out, scale_up_gb_per_s: 900 * up })).max_us;
    expect(faster).toBeLessThanOrEqual(base + 1e-3);
  });
});

describe('balanced routing equals the closed forms', () => {
  for (const method of ['flat', 'hierarchical'] as const)
    for (const relay of ['cut-through', 'store-and-forward'] as const)
      for (const node_limit of [undefined, 2]) {
        test(`${method} ${relay}, node limit ${node_limit ?? 'none'}`, () => {
          const i = layer({ method, relay, node_limit, routing: 'balanced', expert_compute_us: 7 });
          const r = simulateMoeLayer(i);
          const cf = moeLayerClosedForm(i);
          expect(r.max_us).toBeCloseTo(cf.total_us + 7, 6);
          expect(r.dispatch_max_us).toBeCloseTo(cf.dispatch.total_us, 6);
          expect(cf.latency_us + cf.bandwidth_us).toBeCloseTo(cf.total_us, 9);
        });
      }
});

test('balanced hierarchical inside one node (one copy per distinct GPU) equals its closed form', () => {
  const i = layer({ cluster: { ...H100_CLUSTER, gpus: 8 }, routing: 'balanced' });
  expect(simulateMoeLayer(i).max_us).toBeCloseTo(moeLayerClosedForm(i).total_us, 6);
});

describe('EP closed forms use the link each byte crosses', () => {
  const v3 = { experts: 256, top_k: 8, d_model: 7168, tokens_per_gpu: 128, dispatch_bytes_per_element: 1 + 4 / 128 };
  const nvl72: ClusterShape = { ...H100_CLUSTER, gpus: 72, gpus_per_node: 72, scale_up_gb_per_s: 1800 };
  test('inside one NVL72 domain: scale-up bandwidth (900 GB/s per direction), not the NIC', () => {
    // 128 tokens x 8 copies x 71/72 remote x 7,392 B = 7,464,277 B over 900,000 B/us = 8.294 us, + 1 us alpha.
    const cf = epLayerClosedForm({
      ...v3,
      cluster: nvl72,
      ep_gpus: 72,
      combine_bytes_per_element: 2,
      method: 'flat',
    });
    expect(cf.dispatch.bandwidth_us).toBeCloseTo((128 * 8 * (71 / 72) * 7392) / 900_000, 6);
    expect(cf.dispatch.latency_us).toBe(1);
    expect(cf.combine.bandwidth_us).toBeCloseTo((128 * 8 * (71 / 72) * 14336) / 900_000, 6);
  });
  test('beyond the domain the NIC carries the remote share (7/8 of copies on 8 nodes of 8)', () => {
    const cf = epLayerClosedForm({
      ...v3,
      cluster: { ...H100_CLUSTER, gpus: 64 },
      ep_gpus: 64,
      combine_bytes_per_element: 2,
      method: 'flat',
    });
    // 128 x 8 x 56/64 x 7,392 B over 50,000 B/us (400 Gb/s), alpha 4 us.
    expect(cf.dispatch.total_us).toBeCloseTo(4 + (128 * 8 * (56 / 64) * 7392) / 50_000, 6);
  });
});

describe('regressions of the combine-before-receiver defect', () => {
  test('zero hop latency no longer makes a flat layer slower (was 116.10 us at 0 vs 114.14 us at 4)', () => {
    const at = (hop_latency_us: number): number =>
      simulateMoeLayer(
        layer({
          cluster: { ...H100_CLUSTER, gpus: 32, hop_latency_us, scale_up_gb_per_s: 400 },
          tokens_per_gpu: 128,
          method: 'flat',
        }),
      ).max_us;
    // Every inter-node message moves by the same 4 us: the layer moves by exactly 2 x 4 us.
    expect(at(4) - at(0)).toBeCloseTo(8, 6);
  });
});

describe('shared experts and node limits in the byte plan', () => {
  test('a shared expert sent over the network is one more copy per token (V3 3.4.2); local costs nothing', () => {
    const base = layer({ method: 'flat', routing: 'balanced', shared_experts: 1 });
    const local = simulateMoeLayer(base);
    const routed = simulateMoeLayer({ ...base, shared_placement: 'routed' });
    expect(routed.scale_out_bytes / local.scale_out_bytes).toBeCloseTo(5 / 4, 9);
  });
  test('node-limited routing lowers the hierarchical scale-out bytes to at most M copies per token', () => {
    const free = simulateMoeLayer(layer({ routing: 'balanced' }));
    const limited = simulateMoeLayer(layer({ routing: 'balanced', node_limit: 1 }));
    // M = 1: one node per token, remote with probability 3/4 on 4 nodes: 32 x 64 x 3/4 copies each way.
    const perCopy = 4096 * (1 + 4 / 128 + 2);
    expect(limited.scale_out_bytes).toBeCloseTo(32 * 64 * 0.75 * perCopy, 3);
    expect(limited.scale_out_bytes).toBeLessThan(free.scale_out_bytes);
  });
});

describe('decode mode', () => {
  const l = layer({ method: 'flat', routing: 'balanced', tokens_per_gpu: 32 });
  test('two micro-batches: communication-bound layers cost 2 x comm(T/2); one micro-batch: comm(T) + compute', () => {
    const two = simulateDecode({ layer: l, micro_batches: 2, compute_us_per_layer: 0, moe_layers: 58 });
    expect(two.micro_batch_tokens).toBe(16);
    expect(two.tpot_us_per_layer).toBeCloseTo(2 * two.comm_us, 9);
    expect(two.tpot_us_per_model).toBeCloseTo(58 * two.tpot_us_per_layer, 9);
    expect(two.comm_us).toBeCloseTo(two.comm_closed_form_us, 6);
    const one = simulateDecode({ layer: l, micro_batches: 1, compute_us_per_layer: 100, moe_layers: 1 });
    expect(one.tpot_us_per_layer).toBeCloseTo(one.comm_us + 100, 9);
    expect(() => simulateDecode({ layer: l, micro_batches: 0, compute_us_per_layer: 0, moe_layers: 1 })).toThrow(
      /micro_batches/,
    );
  });
});
