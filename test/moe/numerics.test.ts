import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { KvCache, appendKv, attendOne } from '../../src/moe/attention.ts';
import { Counters } from '../../src/moe/counters.ts';
import { matmul, softmaxInPlace } from '../../src/moe/kernels.ts';
import { MicroMoE } from '../../src/moe/model.ts';
import { createRng } from '../../src/engine/rng.ts';
import { fixedRouterConfig, tokenAt } from './helpers.ts';

const rand = (seed: string, n: number, scale = 1): Float32Array => {
  const r = createRng(seed, 'test');
  return Float32Array.from({ length: n }, () => r.normal(0, scale));
};
const bytes = { bw: 2, ba: 2 };

describe('matmul', () => {
  test.prop([
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 1, max: 70 }),
    fc.integer({ min: 1, max: 40 }),
    fc.string(),
  ])('a·Wᵀ equals the naive triple loop (W stored [m×k])', (n, k, m, seed) => {
    const a = rand(`${seed}a`, n * k),
      wt = rand(`${seed}w`, m * k),
      out = new Float32Array(n * m);
    matmul(a, n, k, wt, m, out);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p] * wt[j * k + p];
        expect(out[i * m + j]).toBeCloseTo(s, 4);
      }
  });
  it('a row gives the same bits whatever the batch around it', () => {
    const k = 64,
      m = 50,
      a = rand('rows', 7 * k),
      wt = rand('w', m * k);
    const all = new Float32Array(7 * m),
      one = new Float32Array(m);
    matmul(a, 7, k, wt, m, all);
    matmul(a.subarray(6 * k), 1, k, wt, m, one);
    expect(Array.from(all.subarray(6 * m))).toEqual(Array.from(one));
  });
});

describe('softmax', () => {
  it('matches exp(x)/Σexp(x) and stays finite for huge logits', () => {
    const x = Float64Array.from([1, 2, 3, -1]);
    const e = Array.from(x, Math.exp),
      s = e.reduce((a, b) => a + b, 0);
    softmaxInPlace(x, 0, 4);
    x.forEach((v, i) => expect(v).toBeCloseTo(e[i] / s, 12));
    const big = Float64Array.from([1000, 999, -1000]);
    softmaxInPlace(big, 0, 3);
    expect(big.every(Number.isFinite)).toBe(true);
    expect(big[0] + big[1] + big[2]).toBeCloseTo(1, 12);
  });
});

describe('attention', () => {
  it('matches a naive causal GQA reference on a small input', () => {
    const dims = { heads: 4, kv_heads: 2, head_dim: 3, context: 6 },
      qkvW = (4 + 4) * 3,
      T = 5;
    const cache = new KvCache(1, dims),
      c = new Counters(),
      qkv = rand('qkv', T * qkvW);
    for (let t = 0; t < T; t++) appendKv(c, bytes, cache, 0, t, qkv, t * qkvW);
    const out = new Float32Array(12);
    attendOne(c, bytes, cache, 0, T - 1, qkv, (T - 1) * qkvW, out, 0);
    for (let h = 0; h < 4; h++) {
      const g = Math.floor(h / 2),
        q = (i: number): number => qkv[(T - 1) * qkvW + h * 3 + i];
      const key = (t: number, i: number): number => qkv[t * qkvW + 12 + g * 3 + i];
      const val = (t: number, i: number): number => qkv[t * qkvW + 18 + g * 3 + i];
      const sc = Array.from(
        { length: T },
        (_, t) => [0, 1, 2].reduce((a, i) => a + q(i) * key(t, i), 0) / Math.sqrt(3),
      );
      const mx = Math.max(...sc),
        ex = sc.map((s) => Math.exp(s - mx)),
        z = ex.reduce((a, b) => a + b, 0);
      for (let i = 0; i < 3; i++)
        expect(out[h * 3 + i]).toBeCloseTo(
          ex.reduce((a, e, t) => a + (e / z) * val(t, i), 0),
          5,
        );
    }
  });
  it('is finite over a full long context with large activations', () => {
    const dims = { heads: 2, kv_heads: 1, head_dim: 8, context: 512 },
      qkvW = 4 * 8;
    const cache = new KvCache(1, dims),
      c = new Counters(),
      qkv = rand('long', 512 * qkvW, 30);
    for (let t = 0; t < 512; t++) appendKv(c, bytes, cache, 0, t, qkv, t * qkvW);
    const out = new Float32Array(16);
    attendOne(c, bytes, cache, 0, 511, qkv, 511 * qkvW, out, 0);
    expect(out.every(Number.isFinite)).toBe(true);
  });
});

describe('micro-MoE forward', () => {
  it('decode with the KV cache gives the same probabilities as a full recompute', () => {
    const c = fixedRouterConfig();
    const V = c.shape.vocab,
      toks = Array.from({ length: 20 }, (_, i) => tokenAt(i, V));
    const a = new MicroMoE(c),
      ca = a.newCaches(1);
    a.forward(
      ca,
      toks.slice(0, 19).map((token) => ({ seq: 0, token })),
      'prefill',
    );
    const decoded = a.forward(ca, [{ seq: 0, token: toks[19] }], 'decode');
    const b = new MicroMoE(c),
      cb = b.newCaches(1);
    const full = b.forward(
      cb,
      toks.map((token) => ({ seq: 0, token })),
      'prefill',
    );
    expect(Array.from(decoded)).toEqual(Array.from(full.subarray(19 * V)));
  });
  it('gives finite next-token distributions over the whole context', () => {
    const c = fixedRouterConfig();
    const m = new MicroMoE(c),
      caches = m.newCaches(1),
      V = c.shape.vocab,
      T = c.shape.context_tokens;
    const probs = m.forward(
      caches,
      Array.from({ length: T }, (_, i) => ({ seq: 0, token: tokenAt(i, V) })),
      'prefill',
    );
    expect(probs.every(Number.isFinite)).toBe(true);
    let sum = 0;
    for (let j = 0; j < V; j++) sum += probs[(T - 1) * V + j];
    expect(sum).toBeCloseTo(1, 4);
    expect(() => m.forward(caches, [{ seq: 0, token: 1 }], 'decode')).toThrow(/beyond the context/);
  });
});
