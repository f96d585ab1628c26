// The two kernel paths: the TypeScript matmul equals a naive triple loop for every stride form;
// WebAssembly SIMD agrees with it within float32 rounding (bounded by k·ε·Σ|a·b|), and so do the
// causal softmax pair, attention forward/backward and a whole training step; the committed
// kernels.wasm is what kernels.wat compiles to; auto picks wasm where it is supported. The
// TypeScript attention's float32 path equals its float64 path to float32 rounding, exponentials
// far below the row max included.
import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/rng.ts';
import { autoPath, selectBackend, tsBackend, type Backend } from '../../../src/moe/kern/backend.ts';
import {
  allocAttnScratch,
  attentionBackward,
  attentionForward,
  probSize,
  ROW_BLOCK,
} from '../../../src/moe/kern/attention-train.ts';
import type { Buf } from '../../../src/moe/kern/buf.ts';
import { wasmBackend, wasmSimdSupported } from '../../../src/moe/kern/wasm-backend.ts';
import { buildWasm, WASM_URL } from '../../../src/moe/kern/wasm/build.ts';
import { TrainModel } from '../../../src/moe/train/train-model.ts';
import { initWeights, tensorList } from '../../../src/moe/weights.ts';
import { tinyConfig } from './tiny.ts';

const fill = (be: Backend, seed: string, n: number, sd = 1): Buf => {
  const r = createRng(seed, 'kern'),
    x = be.alloc(n);
  for (let i = 0; i < n; i++) x[i] = r.normal(0, sd);
  return x;
};

/** Stride forms: NN (x·B), TN (xᵀ·B), NT (x·Bᵀ), TT. */
const strides = (m: number, n: number, k: number, ta: boolean, tb: boolean) => ({
  sai: ta ? 1 : k,
  sap: ta ? m : 1,
  sbp: tb ? 1 : n,
  sbj: tb ? k : 1,
});

describe('TypeScript matmul', () => {
  test.prop([
    fc.integer({ min: 1, max: 11 }),
    fc.integer({ min: 1, max: 13 }),
    fc.integer({ min: 0, max: 9 }),
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
  ])('equals the naive triple loop in every stride form, overwriting or accumulating', (m, n, k, ta, tb, acc) => {
    const be = tsBackend('f64'),
      s = strides(m, n, k, ta, tb);
    const A = fill(be, 'a', m * k + 3),
      B = fill(be, 'b', k * n + 2),
      C = fill(be, 'c', m * n + 5);
    const want = Float64Array.from(C);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let sum = acc ? want[2 + i * n + j] : 0;
        for (let p = 0; p < k; p++) sum += A[3 + i * s.sai + p * s.sap] * B[2 + p * s.sbp + j * s.sbj];
        want[2 + i * n + j] = sum;
      }
    be.gemm(m, n, k, A, 3, s.sai, s.sap, B, 2, s.sbp, s.sbj, C, 2, n, acc);
    expect(Array.from(C)).toEqual(Array.from(want));
  });
});

describe('TypeScript attention', () => {
  // Wide scores (sd 3 inputs, d_h 8): many keys sit more than 22 nats below their row's max, where
  // the float32 path's exp leaves its one-table range (softmax-strip.ts); T = 23 gives full strips
  // and a last strip of 3 rows.
  const s = { seqs: 2, T: 23, heads: 2, kv_heads: 1, head_dim: 8 },
    W = 4 * 8,
    n = s.seqs * s.T;
  const run = (be: Backend, qkv32: Float32Array, dOut32: Float32Array) => {
    const qkv = be.alloc(n * W),
      dOut = be.alloc(n * 16);
    qkv.set(qkv32);
    dOut.set(dOut32);
    const P = be.alloc(probSize(s)),
      out = be.alloc(n * 16),
      dqkv = be.alloc(n * W);
    attentionForward(be, s, qkv, P, out, allocAttnScratch(be, s));
    attentionBackward(be, s, qkv, P, dOut, dqkv, allocAttnScratch(be, s));
    return { P, out, dqkv };
  };
  const f32 = tsBackend('f32'),
    qkv32 = fill(f32, 'wide-qkv', n * W, 3) as Float32Array,
    dOut32 = fill(f32, 'wide-do', n * 16) as Float32Array;
  const a = run(f32, qkv32, dOut32),
    b = run(tsBackend('f64'), qkv32, dOut32);

  it('float32 exponentials equal the float64 path (Math.exp) to float32 rounding, far below the row max too', () => {
    const block = s.seqs * s.heads * s.T * s.T;
    let far = 0;
    for (let i = 0; i < block; i++) {
      const want = b.P[i];
      if (want < 1e-30) continue; // float32 subnormals and masked zeros
      if (want < 2 ** -32) far++;
      expect(Math.abs(a.P[i] - want) / want).toBeLessThan(3e-7);
    }
    expect(far).toBeGreaterThan(100);
  });

  it('float32 outputs and gradients equal the float64 path within float32 rounding', () => {
    const scale = (x: Buf): number => Array.from(x).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const so = scale(b.out),
      sg = scale(b.dqkv);
    a.out.forEach((v, i) => expect(Math.abs(v - b.out[i])).toBeLessThan(1e-6 * so));
    a.dqkv.forEach((v, i) => expect(Math.abs(v - b.dqkv[i])).toBeLessThan(1e-5 * sg));
  });
});

describe.runIf(wasmSimdSupported())('WebAssembly SIMD kernels', () => {
  it('kernels.wasm is exactly what kernels.wat compiles to (run npm run build:wasm after editing the .wat)', async () => {
    expect(Buffer.from(await buildWasm()).equals(readFileSync(WASM_URL))).toBe(true);
  });

  it('auto picks the wasm path here', () => {
    expect(autoPath()).toBe('wasm');
    expect(selectBackend().path).toBe('wasm');
    expect(selectBackend('ts').path).toBe('ts');
  });

  test.prop(
    [
      fc.integer({ min: 1, max: 21 }),
      fc.integer({ min: 1, max: 27 }),
      fc.integer({ min: 0, max: 40 }),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
    ],
    { numRuns: 60 },
  )('matmul agrees with TypeScript within k·ε·Σ|a·b| in every stride form', (m, n, k, ta, tb, acc) => {
    const w = wasmBackend(),
      t = tsBackend('f32'),
      s = strides(m, n, k, ta, tb);
    const A = fill(w, 'a', m * k),
      B = fill(w, 'b', k * n),
      C = fill(w, 'c', m * n);
    const Ct = Float32Array.from(C);
    t.gemm(m, n, k, A, 0, s.sai, s.sap, B, 0, s.sbp, s.sbj, Ct, 0, n, acc);
    w.gemm(m, n, k, A, 0, s.sai, s.sap, B, 0, s.sbp, s.sbj, C, 0, n, acc);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let bound = acc ? Math.abs(Ct[i * n + j]) : 0;
        for (let p = 0; p < k; p++) bound += Math.abs(A[i * s.sai + p * s.sap] * B[p * s.sbp + j * s.sbj]);
        expect(Math.abs(C[i * n + j] - Ct[i * n + j])).toBeLessThanOrEqual((k + 2) * 1.2e-7 * bound + 1e-30);
      }
  });

  it('buffers outside its memory take the TypeScript kernels (same bits)', () => {
    const w = wasmBackend(),
      t = tsBackend('f32');
    const A = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i)),
      B = Float32Array.from({ length: 12 }, (_, i) => Math.cos(i));
    const c1 = new Float32Array(9),
      c2 = new Float32Array(9);
    w.gemm(3, 3, 4, A, 0, 4, 1, B, 0, 3, 1, c1, 0, 3, false);
    t.gemm(3, 3, 4, A, 0, 4, 1, B, 0, 3, 1, c2, 0, 3, false);
    expect(Array.from(c1)).toEqual(Array.from(c2));
  });

  it('causal softmax and its backward agree with TypeScript (exp to ~1 ulp)', () => {
    const w = wasmBackend(),
      t = tsBackend('f32'),
      T = 23,
      rows = 7,
      first = 9;
    const S = fill(w, 's', rows * T, 4),
      St = Float32Array.from(S);
    w.softmaxCausal(S, 0, T, rows, first, 0.4);
    t.softmaxCausal(St, 0, T, rows, first, 0.4);
    const dP = fill(w, 'dp', rows * T),
      dPt = Float32Array.from(dP);
    w.softmaxCausalBackward(S, 0, dP, 0, T, rows, first, 0.4);
    t.softmaxCausalBackward(St, 0, dPt, 0, T, rows, first, 0.4);
    for (let i = 0; i < rows * T; i++) {
      expect(Math.abs(S[i] - St[i])).toBeLessThan(2e-7);
      expect(Math.abs(dP[i] - dPt[i])).toBeLessThan(1e-6);
    }
    expect(S[0 * T + first + 1]).toBe(0); // row 0 sees keys 0..first only
  });

  it('attention forward and backward agree with TypeScript', () => {
    const s = { seqs: 2, T: ROW_BLOCK + 9, heads: 4, kv_heads: 2, head_dim: 8 },
      W = 8 * 8,
      n = s.seqs * s.T;
    const run = (be: Backend) => {
      const qkv = fill(be, 'qkv', n * W),
        dOut = fill(be, 'do', n * 32);
      const P = be.alloc(probSize(s)),
        out = be.alloc(n * 32),
        dqkv = be.alloc(n * W);
      const sc = allocAttnScratch(be, s);
      attentionForward(be, s, qkv, P, out, sc);
      attentionBackward(be, s, qkv, P, dOut, dqkv, sc);
      return { out, dqkv };
    };
    const a = run(wasmBackend()),
      b = run(tsBackend('f32'));
    a.out.forEach((v, i) => expect(Math.abs(v - b.out[i])).toBeLessThan(1e-5));
    a.dqkv.forEach((v, i) => expect(Math.abs(v - b.dqkv[i])).toBeLessThan(1e-5));
  });

  it('the attention loop inside the module gives the bits of the per-block loop in JavaScript', () => {
    const s = { seqs: 2, T: 2 * ROW_BLOCK + 7, heads: 4, kv_heads: 2, head_dim: 8 },
      W = 8 * 8,
      n = s.seqs * s.T;
    const w = wasmBackend(),
      perBlock: Backend = { ...w, attentionForward: undefined, attentionBackward: undefined };
    const run = (be: Backend) => {
      const qkv = fill(w, 'qkv', n * W, 2),
        dOut = fill(w, 'do', n * 32);
      const P = w.alloc(probSize(s)),
        out = w.alloc(n * 32),
        dqkv = w.alloc(n * W);
      const sc = allocAttnScratch(w, s);
      attentionForward(be, s, qkv, P, out, sc);
      attentionBackward(be, s, qkv, P, dOut, dqkv, sc);
      return [out, P, dqkv].map((x) => Array.from(x));
    };
    expect(run(w)).toEqual(run(perBlock));
  });

  it('a training step agrees with TypeScript and repeats bit for bit', () => {
    const cfg = tinyConfig({ capacity_factor: 1.25, backup: true });
    const T = 7,
      seqs = 3;
    const windows = Int32Array.from({ length: seqs * (T + 1) }, (_, i) => (i * 13 + 1) % 256);
    const step = (be: Backend) => {
      const m = new TrainModel(cfg, be, seqs, T, initWeights(cfg.shape, cfg.seed), 0.01);
      const loss = m.forward(windows, seqs);
      m.zeroGrads();
      m.backward();
      return { loss, grads: tensorList(m.grads).map((g) => Array.from(g.t)) };
    };
    const a = step(wasmBackend()),
      b = step(tsBackend('f32')),
      again = step(wasmBackend());
    expect(again).toEqual(a);
    expect(a.loss.ce).toBeCloseTo(b.loss.ce, 5);
    a.grads.forEach((g, k) => g.forEach((v, i) => expect(Math.abs(v - b.grads[k][i])).toBeLessThan(1e-5)));
  });
});
