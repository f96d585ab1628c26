// The micro-MoE transformer forward pass, pre-norm decoder:
//   tokens → embedding rows + sinusoidal positions → per layer:
//     x += Wo·attn(RMSNorm(x))   (causal, GQA, KV cache)
//     x += FFN(RMSNorm(x))        (dense SwiGLU, or MoE: shared + routed top-K)
//   → RMSNorm → LM head → softmax over the vocabulary.
// One call to `forward` is one step: prefill (many tokens per sequence) or decode (one per
// sequence). Invariant: every kernel adds its FLOPs and bytes to `counters` under the phase and layer.
import { createRng } from '../engine/rng.ts';
import { KvCache, appendKv, attendOne } from './attention.ts';
import type { MicroConfig } from './config.ts';
import { Counters, OUTSIDE, type Phase } from './counters.ts';
import { sinusoidTable, softmaxInPlace } from './kernels.ts';
import { moeBlock } from './moe-layer.ts';
import { linear, norm, residual, swigluFfn, type Bytes } from './ops.ts';
import { makePlacement, type Placement } from './placement.ts';
import { Router, type Routing } from './router.ts';
import { initWeights, type ModelWeights } from './weights.ts';

/** One token of a step: which sequence it belongs to and its token id. */
export interface StepRow {
  seq: number;
  token: number;
}

export interface StepObserver {
  /** Called with each MoE layer's router input (already normed) before routing. */
  routerInput?(layer: number, x: Float32Array, rows: number): void;
  routing?(layer: number, r: Routing): void;
}

export class MicroMoE {
  readonly counters = new Counters();
  readonly weights: ModelWeights;
  readonly routers: (Router | undefined)[];
  readonly placement: Placement;
  private readonly pe: Float32Array;
  private readonly bytes: Bytes;

  /** `weights` may be shared between models of the same config (they are never written). */
  constructor(
    readonly config: MicroConfig,
    readonly observer: StepObserver = {},
    weights?: ModelWeights,
  ) {
    const s = config.shape;
    this.weights = weights ?? initWeights(s, config.seed);
    this.placement = makePlacement(s.routed_experts, config.placement);
    this.pe = sinusoidTable(s.context_tokens, s.d_model);
    this.bytes = { bw: s.bytes_per_weight, ba: s.bytes_per_activation };
    this.routers = this.weights.layers.map((lw, l) =>
      lw.router
        ? new Router(
            s.d_model,
            lw.router,
            config.router,
            s.top_k,
            this.placement,
            createRng(config.seed, `moe.router.jitter/layer${l}`),
          )
        : undefined,
    );
    this.weights.layers.forEach((lw, l) => {
      if (lw.router_bias) this.routers[l]?.bias.set(lw.router_bias); // trained loss-free bias (selection only)
    });
  }

  newCaches(sequences: number): KvCache[] {
    const s = this.config.shape;
    const dims = { heads: s.heads, kv_heads: s.kv_heads, head_dim: s.head_dim, context: s.context_tokens };
    return Array.from({ length: sequences }, () => new KvCache(s.layers, dims));
  }

  /** Run one step; returns next-token probabilities (rows × vocab). Rows of one sequence must be in order. */
  forward(caches: KvCache[], rows: StepRow[], phase: Phase): Float32Array {
    const s = this.config.shape,
      d = s.d_model,
      n = rows.length,
      c = this.counters,
      b = this.bytes;
    c.phase = phase;
    c.layer = OUTSIDE;
    const pos = positions(caches, rows);
    let x = this.embed(rows, pos);
    for (let l = 0; l < s.layers; l++) {
      c.layer = l;
      const lw = this.weights.layers[l];
      const h = norm(c, b, x, n, d, lw.g1);
      const qkvW = (s.heads + 2 * s.kv_heads) * s.head_dim,
        hd = s.heads * s.head_dim;
      const qkv = linear(c, 'attn_proj', b, h, n, d, lw.wqkv, qkvW);
      rows.forEach((r, i) => appendKv(c, b, caches[r.seq], l, pos[i], qkv, i * qkvW));
      const att = new Float32Array(n * hd);
      rows.forEach((r, i) => attendOne(c, b, caches[r.seq], l, pos[i], qkv, i * qkvW, att, i * hd));
      residual(c, b, x, linear(c, 'attn_proj', b, att, n, hd, lw.wo, d));
      const h2 = norm(c, b, x, n, d, lw.g2);
      residual(c, b, x, this.ffn(l, h2, n));
    }
    rows.forEach((r) => {
      caches[r.seq].length++;
    });
    c.layer = OUTSIDE;
    return this.head(x, n);
  }

  private embed(rows: StepRow[], pos: number[]): Float32Array {
    const s = this.config.shape,
      d = s.d_model,
      n = rows.length,
      c = this.counters,
      b = this.bytes;
    const x = new Float32Array(n * d);
    rows.forEach((r, i) => {
      if (!(r.token >= 0 && r.token < s.vocab))
        throw new RangeError(`token ${r.token} outside the vocabulary of ${s.vocab}`);
      x.set(this.weights.embed.subarray(r.token * d, (r.token + 1) * d), i * d);
    });
    c.add('embedding', { weights: n * d * b.bw, activations: n * d * b.ba });
    rows.forEach((_, i) => {
      for (let j = 0; j < d; j++) x[i * d + j] += this.pe[pos[i] * d + j];
    });
    c.add('position', { flop: n * d, activations: 3 * n * d * b.ba });
    return x;
  }

  private ffn(l: number, h: Float32Array, n: number): Float32Array {
    const lw = this.weights.layers[l],
      d = this.config.shape.d_model,
      router = this.routers[l];
    if (lw.dense) return swigluFfn(this.counters, 'dense_ffn', this.bytes, h, n, d, lw.dense);
    if (!router) throw new Error(`layer ${l} has neither a dense FFN nor a router`);
    this.observer.routerInput?.(l, h, n);
    const { out, routing } = moeBlock(this.counters, this.bytes, h, n, d, lw, router, this.placement);
    this.observer.routing?.(l, routing);
    return out;
  }

  private head(x: Float32Array, n: number): Float32Array {
    const s = this.config.shape,
      d = s.d_model,
      V = s.vocab,
      c = this.counters,
      b = this.bytes;
    const h = norm(c, b, x, n, d, this.weights.gf);
    const probs = linear(c, 'lm_head', b, h, n, d, this.weights.head, V);
    for (let i = 0; i < n; i++) softmaxInPlace(probs, i * V, V);
    c.add('lm_head', { flop: 3 * n * V, activations: 2 * n * V * b.ba });
    return probs;
  }
}

/** Position of each row: the sequence's cache length plus earlier rows of the same sequence. */
function positions(caches: KvCache[], rows: StepRow[]): number[] {
  const seen = new Map<number, number>();
  return rows.map((r) => {
    const k = seen.get(r.seq) ?? 0;
    seen.set(r.seq, k + 1);
    return caches[r.seq].length + k;
  });
}
