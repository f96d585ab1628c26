import { describe, expect, it } from 'vitest';
import { routerCost } from '../../src/moe/config.ts';
import {
  a2aBytesPerTokenPerLayer,
  activeParams,
  distinctExperts,
  expectedNodes,
  expertParams,
  flopsPerToken,
  FLOP_COMPONENTS,
  prefillFlops,
  stepBytes,
  sumBreakdown,
  totalParams,
} from '../../src/moe/formulas.ts';
import type { ModelShape } from '../../src/moe/shape.ts';
import { fixedRouterConfig, run } from './helpers.ts';

const CASES: [string, Record<string, unknown>][] = [
  ['default MoE (1 dense + 2 MoE, GQA 4/2, N=16, K=2, S=1)', {}],
  ['dense model', { shape: { moe_layers: 0, routed_experts: 0, top_k: 0, shared_experts: 0 } }],
  [
    'MoE with 2 shared experts, K=1 of 8',
    { shape: { routed_experts: 8, top_k: 1, shared_experts: 2 }, router: { k_min: 1, k_max: 2 } },
  ],
  [
    'K=4 of 32, 8 MHA heads, all layers MoE, longer context',
    {
      shape: { routed_experts: 32, top_k: 4, heads: 8, kv_heads: 8, layers: 2, moe_layers: 2, context_tokens: 96 },
      router: { k_max: 4, score: 'softmax' },
    },
  ],
  [
    'jitter + bias + two-stage + node limit (dropless)',
    {
      router: { jitter_eps: 0.01, bias_update_rate: 0.01, shortlist: 6 },
      placement: { devices: 8, nodes: 4, max_nodes_per_token: 2 },
    },
  ],
];

describe('counted FLOPs equal the analytic formulas exactly', () => {
  for (const [name, patch] of CASES) {
    it(name, () => {
      const c = fixedRouterConfig(patch);
      const prompt = 12,
        seqs = 3,
        steps = 4;
      const m = run(c, seqs, prompt, steps);
      const r = routerCost(c);
      expect(m.counters.sum({ phase: 'prefill' }).flop).toBe(seqs * prefillFlops(c.shape, prompt, r));
      // decode step t: every sequence attends over prompt + t + 1 keys
      let decode = 0;
      for (let t = 0; t < steps; t++) decode += seqs * sumBreakdown(flopsPerToken(c.shape, prompt + t + 1, r));
      expect(m.counters.sum({ phase: 'decode' }).flop).toBe(decode);
      const byComp = m.counters.flopsByComponent('decode');
      const formula = flopsPerToken(c.shape, prompt + 1, r);
      for (const k of FLOP_COMPONENTS) {
        if (k.startsWith('attn_s') || k === 'attn_mix') continue; // depend on T, checked in the totals
        expect(byComp[k] ?? 0, k).toBe(seqs * steps * formula[k]);
      }
      for (const k of ['embedding', 'kv_append', 'dispatch']) expect(byComp[k] ?? 0).toBe(0);
    });
  }
});

describe('counted HBM bytes equal the analytic model per step', () => {
  for (const [name, patch] of CASES) {
    it(name, () => {
      const c = fixedRouterConfig(patch),
        prompt = 10,
        seqs = 4;
      const m = run(c, seqs, prompt, 1);
      const perExpert = expertParams(c.shape) * c.shape.bytes_per_weight;
      for (const [phase, tokens, kvSum] of [
        ['prefill', seqs * prompt, (seqs * prompt * (prompt + 1)) / 2],
        ['decode', seqs, seqs * (prompt + 1)],
      ] as const) {
        const counted = m.counters.sum({ phase });
        const touched = m.counters.sum({ phase, component: 'routed_experts' }).weights / perExpert;
        expect(Number.isInteger(touched)).toBe(true);
        const f = stepBytes(c.shape, tokens, kvSum, { router: routerCost(c), touched });
        expect(counted.weights).toBe(f.weights);
        expect(counted.activations).toBe(f.activations);
        expect(counted.kv_read).toBe(f.kv_read);
        expect(counted.kv_write).toBe(f.kv_write);
      }
    });
  }
});

const mixtral: ModelShape = {
  layers: 32,
  moe_layers: 32,
  d_model: 4096,
  heads: 32,
  kv_heads: 8,
  head_dim: 128,
  expert_ffn_hidden: 14336,
  dense_ffn_hidden: 0,
  routed_experts: 8,
  top_k: 2,
  shared_experts: 0,
  vocab: 32000,
  context_tokens: 4096,
  bytes_per_weight: 2,
  bytes_per_activation: 2,
};

describe('published checks (moe.md section 3)', () => {
  it('Mixtral 8x7B: 46.70B total, 12.75B active non-embedding parameters', () => {
    expect(totalParams(mixtral) / 1e9).toBeCloseTo(46.7, 2);
    expect(activeParams(mixtral) / 1e9).toBeCloseTo(12.75, 2);
  });
  it('D(B) for V3 (N=256, K=8) is 8, 57.4, 163.3, 251.6 at B = 1, 8, 32, 128', () => {
    expect([1, 8, 32, 128].map((b) => Number(distinctExperts(256, 8, b).toFixed(1)))).toEqual([8, 57.4, 163.3, 251.6]);
  });
  it('E[nodes] for V3 (N=256, K=8, 8 nodes) is 5.29', () => {
    expect(expectedNodes(256, 8, 8)).toBeCloseTo(5.29, 2);
  });
  it('Mixtral KV cache is 131,072 B per token (BF16, all layers)', () => {
    const s = stepBytes(mixtral, 1, 1);
    expect(s.kv_write).toBe(131072);
  });
  it('uniform all-to-all: K(1 - 1/G) copies leave the device, K(1 - 1/G_n) leave the node', () => {
    const v3 = { ...mixtral, d_model: 7168, top_k: 8 };
    const a = a2aBytesPerTokenPerLayer(v3, 8, 64, 8);
    const copy = 2 * 7168 * 2;
    expect(a.inter).toBeCloseTo(8 * (1 - 1 / 8) * copy, 6);
    expect(a.intra + a.inter).toBeCloseTo(8 * (1 - 1 / 64) * copy, 6);
  });
});
