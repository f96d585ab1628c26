// Kernel and training benchmarks of the micro-MoE for both kernel paths (TypeScript, WebAssembly
// SIMD): matmul forward (x·Wᵀ) and backward (dx = dy·W, dW = dyᵀ·x) over the shipped model's
// layer shapes, causal attention forward and backward, and training tokens/s; the full shipped
// training run (loss-free, default options) is timed on the wasm path and its weights compared
// with the shipped file byte for byte. Rates use CPU time of this
// process (the machine is shared: wall time is also given) and are compared with the issue's
// single-core peak. Wall-clock appears only here.
import { fileURLToPath } from 'node:url';
import { SHIPPED_WEIGHTS_URL } from '../src/calibrate/weights-source.ts';
import { createRng } from '../src/engine/rng.ts';
import { DEFAULT_CONFIG } from '../src/moe/config.ts';
import { corpusTokenizer } from '../src/moe/corpus.ts';
import { selectBackend, type Backend, type KernelPath } from '../src/moe/kern/backend.ts';
import {
  allocAttnScratch,
  attentionBackward,
  attentionFlops,
  attentionForward,
  probSize,
} from '../src/moe/kern/attention-train.ts';
import { Adam } from '../src/moe/train/adam.ts';
import { splitTokens } from '../src/moe/train/corpus-batches.ts';
import { classOfIds } from '../src/moe/train/token-classes.ts';
import { DEFAULT_TRAIN_OPTIONS, trainedWeights, trainRun } from '../src/moe/train/trainer.ts';
import { encodeWeights, readWeights, sha256 } from '../src/moe/train/weights-file.ts';
import { TrainModel } from '../src/moe/train/train-model.ts';
import { initWeights, tensorList } from '../src/moe/weights.ts';

/** The single-core peak: AVX-512 FMA, ~100 GFLOP/s float32 per core (issue 14). */
export const PEAK_GFLOPS = 100;

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

/** Calls of f per timed repetition: enough for ~50 ms of CPU, so the clock's granularity (getrusage) is noise. */
function batchFor(f: () => void): number {
  const c0 = cpuMs();
  f();
  return Math.max(1, Math.ceil(50 / Math.max(0.05, cpuMs() - c0)));
}

/**
 * Best of `reps` timings of f (CPU ms and wall ms per call). Warm-up runs f until the JIT has
 * optimised the kernels (at least `warm` calls and 200 ms: one call of a few ms leaves them in the
 * baseline tier), then each repetition times a batch of calls.
 */
function best(f: () => void, reps = 5, warm = 10): { cpu: number; wall: number } {
  const w0 = cpuMs();
  for (let i = 0; i < warm || cpuMs() - w0 < 200; i++) f();
  const n = batchFor(f);
  let out = { cpu: Infinity, wall: Infinity };
  for (let i = 0; i < reps; i++) {
    const c0 = cpuMs(),
      t0 = performance.now();
    for (let j = 0; j < n; j++) f();
    const cpu = (cpuMs() - c0) / n;
    if (cpu < out.cpu) out = { cpu, wall: (performance.now() - t0) / n };
  }
  return out;
}

const fill = (be: Backend, n: number, seed: string) => {
  const r = createRng(seed, 'bench'),
    x = be.alloc(n);
  for (let i = 0; i < n; i++) x[i] = r.normal(0, 1);
  return x;
};

/** (rows, in, out) of every linear of the shipped model for a batch of 1,024 tokens (experts: their mean share). */
function linearShapes(): [number, number, number][] {
  const s = DEFAULT_CONFIG.shape,
    n = 1024,
    d = s.d_model,
    f = s.expert_ffn_hidden,
    W = (s.heads + 2 * s.kv_heads) * s.head_dim,
    perExpert = (n * s.top_k) / s.routed_experts;
  return [
    [n, d, W],
    [n, s.heads * s.head_dim, d],
    [n, d, 2 * s.dense_ffn_hidden],
    [n, s.dense_ffn_hidden, d],
    [n, d, 2 * f],
    [n, f, d],
    [perExpert, d, 2 * f],
    [perExpert, f, d],
    [n, d, s.vocab],
  ];
}

function matmulRates(path: KernelPath): { fwd: number; bwd: number } {
  const be = selectBackend(path),
    shapes = linearShapes().map(([n, k, m]) => ({
      n,
      k,
      m,
      x: fill(be, n * k, 'x'),
      w: fill(be, m * k, 'w'),
      y: be.alloc(n * m),
      dy: fill(be, n * m, 'dy'),
      dx: be.alloc(n * k),
      dw: be.alloc(m * k),
    }));
  let flop = 0;
  for (const s of shapes) flop += 2 * s.n * s.k * s.m;
  const fwd = best(() => {
    for (const s of shapes) be.gemm(s.n, s.m, s.k, s.x, 0, s.k, 1, s.w, 0, 1, s.k, s.y, 0, s.m, false);
  });
  const bwd = best(() => {
    for (const s of shapes) {
      be.gemm(s.m, s.k, s.n, s.dy, 0, 1, s.m, s.x, 0, s.k, 1, s.dw, 0, s.k, true);
      be.gemm(s.n, s.k, s.m, s.dy, 0, s.m, 1, s.w, 0, s.k, 1, s.dx, 0, s.k, false);
    }
  });
  return { fwd: flop / fwd.cpu / 1e6, bwd: (2 * flop) / bwd.cpu / 1e6 };
}

function attentionRates(path: KernelPath): { fwd: number; bwd: number } {
  const s = DEFAULT_CONFIG.shape,
    be = selectBackend(path);
  const a = { seqs: 8, T: s.context_tokens, heads: s.heads, kv_heads: s.kv_heads, head_dim: s.head_dim };
  const W = (s.heads + 2 * s.kv_heads) * s.head_dim,
    n = a.seqs * a.T,
    hd = s.heads * s.head_dim;
  const qkv = fill(be, n * W, 'qkv'),
    P = be.alloc(probSize(a)),
    out = be.alloc(n * hd),
    dOut = fill(be, n * hd, 'do'),
    dqkv = be.alloc(n * W),
    scratch = allocAttnScratch(be, a);
  const fwd = best(() => attentionForward(be, a, qkv, P, out, scratch));
  const bwd = best(() => attentionBackward(be, a, qkv, P, dOut, dqkv, scratch));
  // backward per query at KV length T': dP, dQ, dK, dV 2·T'·h·d_h each, softmax backward 4·h·T'
  const sumT = (a.T * (a.T + 1)) / 2;
  const bwdFlop = a.seqs * (8 * sumT * hd + 4 * s.heads * sumT);
  return { fwd: attentionFlops(a) / fwd.cpu / 1e6, bwd: bwdFlop / bwd.cpu / 1e6 };
}

/** Training tokens/s on the shipped shape: 8 × 128-token sequences per step, forward + backward + AdamW. */
function trainingRate(path: KernelPath, steps = 6): { tokens_per_s: number; tokens_per_s_wall: number } {
  const c = DEFAULT_CONFIG,
    o = DEFAULT_TRAIN_OPTIONS;
  const m = new TrainModel(c, selectBackend(path), o.seqs, o.seq_len, initWeights(c.shape, c.seed));
  const adam = new Adam(tensorList(m.params), tensorList(m.grads));
  const windows = Int32Array.from({ length: o.seqs * (o.seq_len + 1) }, (_, i) => (i * 131 + 7) % c.shape.vocab);
  const step = (): void => {
    m.zeroGrads();
    m.forward(windows, o.seqs);
    m.backward();
    adam.step(1e-3);
  };
  const t = best(
    () => {
      for (let i = 0; i < steps; i++) step();
    },
    2,
    1,
  );
  const tokens = steps * o.seqs * o.seq_len;
  return { tokens_per_s: tokens / (t.cpu / 1e3), tokens_per_s_wall: tokens / (t.wall / 1e3) };
}

/**
 * The shipped training run itself (loss-free, default options) on one kernel path, and whether its
 * bfloat16 weights are byte for byte the shipped file (its manifest's SHA-256).
 */
function shippedTraining(path: KernelPath): { cpu_s: number; wall_s: number; reproduced: boolean } {
  const c = DEFAULT_CONFIG,
    { tokenizer, tokens } = corpusTokenizer(c.bpe_merges);
  const data = { split: splitTokens(tokens), classOf: classOfIds(tokenizer.bpe.pieces) };
  const c0 = cpuMs(),
    w0 = performance.now();
  const run = trainRun(c, 'loss-free', { aux_alpha: 0 }, DEFAULT_TRAIN_OPTIONS, selectBackend(path), data);
  const cpu_s = (cpuMs() - c0) / 1e3,
    wall_s = (performance.now() - w0) / 1e3;
  const shipped = readWeights(fileURLToPath(SHIPPED_WEIGHTS_URL)).manifest.sha256;
  return { cpu_s, wall_s, reproduced: sha256(encodeWeights(trainedWeights(run)).bytes) === shipped };
}

export function trainingBench(args: string[]): Record<string, number | string> {
  const r = (x: number): number => Number(x.toPrecision(4));
  const out: Record<string, number | string> = {
    peak_gflop_per_s: PEAK_GFLOPS,
    peak_is: 'one core of this machine, AVX-512 FMA float32 (issue 14)',
  };
  for (const path of ['ts', 'wasm'] as const) {
    const mm = matmulRates(path),
      at = attentionRates(path),
      tr = trainingRate(path);
    out[`${path}_matmul_fwd_gflop_per_s`] = r(mm.fwd);
    out[`${path}_matmul_bwd_gflop_per_s`] = r(mm.bwd);
    out[`${path}_attention_fwd_gflop_per_s`] = r(at.fwd);
    out[`${path}_attention_bwd_gflop_per_s`] = r(at.bwd);
    out[`${path}_matmul_fwd_share_of_peak`] = r(mm.fwd / PEAK_GFLOPS);
    out[`${path}_attention_fwd_share_of_peak`] = r(at.fwd / PEAK_GFLOPS);
    out[`${path}_attention_bwd_share_of_peak`] = r(at.bwd / PEAK_GFLOPS);
    out[`${path}_train_tokens_per_s`] = r(tr.tokens_per_s);
    out[`${path}_train_tokens_per_s_wall`] = r(tr.tokens_per_s_wall);
    out[`${path}_shipped_training_s_estimate`] = r(
      (DEFAULT_TRAIN_OPTIONS.steps * DEFAULT_TRAIN_OPTIONS.seqs * DEFAULT_TRAIN_OPTIONS.seq_len) / tr.tokens_per_s,
    );
  }
  if (!args.includes('--no-full-run')) {
    const full = shippedTraining('wasm');
    out.shipped_training_wasm_cpu_s = r(full.cpu_s);
    out.shipped_training_wasm_wall_s = r(full.wall_s);
    out.shipped_weights_reproduced = String(full.reproduced);
  }
  return out;
}
