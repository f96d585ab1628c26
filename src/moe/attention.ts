// Causal multi-head attention with grouped KV heads over a per-sequence KV cache. The cache holds
// K and V rows [position × kv_heads × head_dim] per layer; a query at position p attends to keys
// 0..p. Invariant: decoding with the cache gives bit-identical outputs to recomputing the prefix,
// because each query's sums run in the same order either way.
import { softmaxInPlace } from './kernels.ts';
import type { Counters } from './counters.ts';
import type { Bytes } from './ops.ts';

export interface AttnDims {
  heads: number;
  kv_heads: number;
  head_dim: number;
  context: number;
}

export class KvCache {
  readonly k: Float32Array[];
  readonly v: Float32Array[];
  length = 0;
  constructor(
    readonly layers: number,
    readonly dims: AttnDims,
  ) {
    const size = dims.context * dims.kv_heads * dims.head_dim;
    this.k = Array.from({ length: layers }, () => new Float32Array(size));
    this.v = Array.from({ length: layers }, () => new Float32Array(size));
  }
}

/** Store one token's K and V (from a fused qkv row) at `pos`; counted as a KV write. */
export function appendKv(
  c: Counters,
  b: Bytes,
  cache: KvCache,
  layer: number,
  pos: number,
  qkv: Float32Array,
  off: number,
): void {
  const { heads, kv_heads, head_dim, context } = cache.dims;
  if (pos >= context) throw new RangeError(`position ${pos} is beyond the context of ${context} tokens`);
  const row = kv_heads * head_dim,
    q = heads * head_dim;
  cache.k[layer].set(qkv.subarray(off + q, off + q + row), pos * row);
  cache.v[layer].set(qkv.subarray(off + q + row, off + q + 2 * row), pos * row);
  c.add('kv_append', { kv_write: 2 * row * b.ba });
}

/**
 * One query row (q = fused qkv row at `off`) at position `pos` → out[outOff .. + heads·head_dim).
 * Scores are scaled by 1/sqrt(head_dim) through q. FLOPs: h·d_h + 2·T·h·d_h + 3·h·T + 2·T·h·d_h.
 */
export function attendOne(
  c: Counters,
  b: Bytes,
  cache: KvCache,
  layer: number,
  pos: number,
  qkv: Float32Array,
  off: number,
  out: Float32Array,
  outOff: number,
): void {
  const { heads, kv_heads, head_dim } = cache.dims;
  const T = pos + 1,
    row = kv_heads * head_dim,
    group = heads / kv_heads,
    scale = 1 / Math.sqrt(head_dim);
  const K = cache.k[layer],
    V = cache.v[layer],
    scores = new Float64Array(T),
    q = new Float64Array(head_dim);
  for (let h = 0; h < heads; h++) {
    const kvOff = Math.floor(h / group) * head_dim;
    for (let i = 0; i < head_dim; i++) q[i] = qkv[off + h * head_dim + i] * scale;
    for (let t = 0; t < T; t++) {
      let dot = 0;
      const ko = t * row + kvOff;
      for (let i = 0; i < head_dim; i++) dot += q[i] * K[ko + i];
      scores[t] = dot;
    }
    softmaxInPlace(scores, 0, T);
    const o = outOff + h * head_dim;
    for (let i = 0; i < head_dim; i++) out[o + i] = 0;
    for (let t = 0; t < T; t++) {
      const p = scores[t],
        vo = t * row + kvOff;
      for (let i = 0; i < head_dim; i++) out[o + i] += p * V[vo + i];
    }
  }
  const hd = heads * head_dim;
  c.add('attn_scores', { flop: hd + 2 * T * hd, kv_read: T * head_dim * kv_heads * b.ba, activations: 2 * hd * b.ba });
  c.add('attn_softmax', { flop: 3 * heads * T });
  c.add('attn_mix', { flop: 2 * T * hd, kv_read: T * head_dim * kv_heads * b.ba });
}
