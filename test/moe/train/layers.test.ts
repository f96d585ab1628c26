// Finite-difference checks of every layer type's backward pass, in float64 (grad-helpers.ts says
// why the tolerance is what it is): linear, RMSNorm, SwiGLU FFN, causal GQA attention, embedding
// with sinusoidal positions, LM head with cross-entropy, the auxiliary balancing loss.
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../../../src/moe/kern/backend.ts';
import {
  allocAttnScratch,
  attentionBackward,
  attentionForward,
  probSize,
  ROW_BLOCK,
} from '../../../src/moe/kern/attention-train.ts';
import { sinusoidTable } from '../../../src/moe/kernels.ts';
import { auxLoss } from '../../../src/moe/train/aux-loss.ts';
import { embedBackward, embedForward } from '../../../src/moe/train/embed.ts';
import { ffnBackward, ffnForward } from '../../../src/moe/train/ffn.ts';
import { headBackward, headForward } from '../../../src/moe/train/lm-head.ts';
import { linearBackward, linearForward } from '../../../src/moe/train/linear.ts';
import { rmsnormBackward, rmsnormForward } from '../../../src/moe/train/rmsnorm.ts';
import { expectGradient, rand64, weighted } from './grad-helpers.ts';

const be = tsBackend('f64');

describe('gradients of each layer type (float64 finite differences)', () => {
  it('linear y = x·Wᵀ: dW and dx', () => {
    const n = 5,
      k = 7,
      m = 6;
    const x = rand64('x', n * k),
      W = rand64('W', m * k),
      c = rand64('c', n * m);
    const loss = (): number => {
      const y = new Float64Array(n * m);
      linearForward(be, x, 0, n, k, W, m, y, 0);
      return weighted(y, c);
    };
    const dW = new Float64Array(m * k),
      dx = new Float64Array(n * k);
    linearBackward(be, x, 0, n, k, W, m, c, 0, dW, dx, 0, false);
    expectGradient('dW', loss, W, dW);
    expectGradient('dx', loss, x, dx);
  });

  it('RMSNorm: dx and the gain', () => {
    const n = 4,
      d = 9;
    const x = rand64('x', n * d, 2),
      g = rand64('g', d),
      c = rand64('c', n * d);
    const loss = (): number => {
      const y = new Float64Array(n * d);
      rmsnormForward(x, 0, n, d, g, y, 0, new Float64Array(n), 0);
      return weighted(y, c);
    };
    const inv = new Float64Array(n);
    rmsnormForward(x, 0, n, d, g, new Float64Array(n * d), 0, inv, 0);
    const dg = new Float64Array(d),
      dx = new Float64Array(n * d);
    rmsnormBackward(x, 0, n, d, g, inv, 0, c, 0, dg, dx, 0, false);
    expectGradient('dx', loss, x, dx);
    expectGradient('dg', loss, g, dg);
  });

  it('SwiGLU FFN: W13, W2 and dx', () => {
    const n = 5,
      d = 6,
      f = 4;
    const x = rand64('x', n * d),
      c = rand64('c', n * d);
    const w = { w13: rand64('w13', 2 * f * d, 0.5), w2: rand64('w2', d * f, 0.5), f };
    const cache = { x, xo: 0, u: new Float64Array(n * 2 * f), uo: 0, h: new Float64Array(n * f), ho: 0 };
    const loss = (): number => {
      const y = new Float64Array(n * d);
      ffnForward(be, cache, n, d, w, y, 0);
      return weighted(y, c);
    };
    loss();
    const gw = { w13: new Float64Array(2 * f * d), w2: new Float64Array(d * f), f },
      dx = new Float64Array(n * d);
    ffnBackward(
      be,
      cache,
      n,
      d,
      w,
      gw,
      c,
      0,
      { dh: new Float64Array(n * f), du: new Float64Array(n * 2 * f) },
      dx,
      0,
      false,
    );
    expectGradient('dW13', loss, w.w13, gw.w13);
    expectGradient('dW2', loss, w.w2, gw.w2);
    expectGradient('dx', loss, x, dx);
  });

  it('causal GQA attention over several row blocks: Q, K and V (the KV path) get the right gradients', () => {
    const s = { seqs: 2, T: ROW_BLOCK + 5, heads: 4, kv_heads: 2, head_dim: 3 };
    const W = (4 + 4) * 3,
      n = s.seqs * s.T;
    const qkv = rand64('qkv', n * W),
      c = rand64('c', n * 12);
    const P = new Float64Array(probSize(s));
    const loss = (): number => {
      const out = new Float64Array(n * 12);
      attentionForward(be, s, qkv, P, out, allocAttnScratch(be, s));
      return weighted(out, c);
    };
    loss();
    const dqkv = new Float64Array(n * W);
    attentionBackward(be, s, qkv, P, c, dqkv, allocAttnScratch(be, s));
    const row = (r: number, col: number): number => r * W + col;
    // a query, a key and a value element in each sequence, early and late positions, both KV groups
    const idx = [row(0, 1), row(3, 13), row(s.T + 20, 22), row(2 * s.T - 1, 5), row(17, 16), row(s.T + 2, 19)];
    expectGradient('dqkv', loss, qkv, dqkv, idx);
    // causality: the last position's K and V get gradient only from itself, the first position's from all
    expect(dqkv.slice(row(0, 12), row(0, 24)).some((v) => v !== 0)).toBe(true);
  });

  it('embedding with sinusoidal positions: the gradient reaches the rows of the tokens used, summed over repeats', () => {
    const n = 6,
      d = 4,
      V = 5;
    const E = rand64('E', V * d),
      c = rand64('c', n * d),
      pe = sinusoidTable(8, d);
    const tok = Int32Array.from([1, 3, 1, 0, 4, 1]),
      pos = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const loss = (): number => {
      const x = new Float64Array(n * d);
      embedForward(E, pe, tok, pos, n, d, x);
      return weighted(x, c);
    };
    const dE = new Float64Array(V * d);
    embedBackward(dE, tok, n, d, c);
    expectGradient('dE', loss, E, dE, [0, 4, 5, 12, 19]);
    expect(Array.from(dE.slice(2 * d, 3 * d))).toEqual([0, 0, 0, 0]); // token 2 is unused
  });

  it('LM head + cross-entropy: head weights and input', () => {
    const n = 4,
      d = 5,
      V = 7;
    const h = rand64('h', n * d),
      head = rand64('head', V * d),
      tgt = Int32Array.from([0, 6, 3, 3]);
    const probs = new Float64Array(n * V);
    const loss = (): number => headForward(be, h, n, d, head, V, tgt, probs);
    const L = loss();
    expect(L).toBeGreaterThan(0);
    const dHead = new Float64Array(V * d),
      dh = new Float64Array(n * d);
    headBackward(be, h, n, d, head, V, tgt, probs, dHead, dh);
    expectGradient('dHead', loss, head, dHead);
    expectGradient('dh', loss, h, dh);
  });

  it('auxiliary loss: α exactly for a uniform router, and its affinity gradient', () => {
    const N = 4,
      rows = 3;
    expect(
      auxLoss(new Float64Array(rows * N).fill(0.3), rows, N, Int32Array.from([3, 3, 3, 3]), 12, 0.01, null),
    ).toBeCloseTo(0.01, 15);
    const s = Float64Array.from(rand64('s', rows * N), (v) => 1 / (1 + Math.exp(-v)));
    const picks = Int32Array.from([4, 1, 0, 1]);
    const ds = new Float64Array(rows * N);
    auxLoss(s, rows, N, picks, 6, 0.1, ds);
    expectGradient('ds', () => auxLoss(s, rows, N, picks, 6, 0.1, null), s, ds, [0, 3, 5, 8, 11]);
  });
});
