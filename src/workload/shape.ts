// Parameter counts of a decoder-only (MoE) transformer and the frontier shape for a given size.
// The model family keeps its proportions (layers, heads, experts, FFN ratios) and scales d_model so
// that active parameters match the compute-optimal size of the run (Chinchilla: C = 6ND, D = rN).
// Counts follow ../shared/reference/moe.md section 1.1 (SwiGLU experts: 3·d·f parameters).
import type { ModelShape } from './profile.ts';

export interface ShapeFamily {
  layers: number;
  moe_layers: number;
  heads: number;
  kv_heads: number;
  routed_experts: number;
  top_k: number;
  shared_experts: number;
  expert_ffn_ratio: number;
  dense_ffn_ratio: number;
  vocab: number;
  context_tokens: number;
  bytes_per_weight: number;
  bytes_per_activation: number;
}

/** Attention parameters per layer (Q, K, V, O projections with GQA). */
export function attentionParams(s: ModelShape): number {
  return s.d_model * (s.heads * s.head_dim + 2 * s.kv_heads * s.head_dim) + s.heads * s.head_dim * s.d_model;
}

/** Non-embedding parameters a token activates, plus the output head (moe.md 1.1 rule of thumb). */
export function activeParams(s: ModelShape): number {
  const dense = s.layers - s.moe_layers;
  const moeFfn = s.moe_layers * ((s.shared_experts + s.top_k) * 3 * s.d_model * s.expert_ffn_hidden + s.d_model * s.routed_experts);
  return s.layers * attentionParams(s) + moeFfn + dense * 3 * s.d_model * s.dense_ffn_hidden + s.d_model * s.vocab;
}

/** Every parameter: all experts, router, embeddings and head. */
export function totalParams(s: ModelShape): number {
  const dense = s.layers - s.moe_layers;
  const moeFfn = s.moe_layers * ((s.shared_experts + s.routed_experts) * 3 * s.d_model * s.expert_ffn_hidden + s.d_model * s.routed_experts);
  return s.layers * attentionParams(s) + moeFfn + dense * 3 * s.d_model * s.dense_ffn_hidden + 2 * s.d_model * s.vocab;
}

export function shapeAt(f: ShapeFamily, d_model: number): ModelShape {
  const moe = f.routed_experts > 0 && f.top_k > 0 ? f.moe_layers : 0;
  return {
    layers: f.layers,
    moe_layers: moe,
    d_model,
    heads: f.heads,
    kv_heads: f.kv_heads,
    head_dim: d_model / f.heads,
    expert_ffn_hidden: f.expert_ffn_ratio * d_model,
    dense_ffn_hidden: f.dense_ffn_ratio * d_model,
    routed_experts: moe ? f.routed_experts : 0,
    top_k: moe ? f.top_k : 0,
    shared_experts: moe ? f.shared_experts : 0,
    vocab: f.vocab,
    context_tokens: f.context_tokens,
    bytes_per_weight: f.bytes_per_weight,
    bytes_per_activation: f.bytes_per_activation,
  };
}

/**
 * The shape of the family whose active parameter count is `active`. Active parameters are
 * a·d² + b·d (a: the d² terms of every matrix, b: router and head), so d solves a quadratic.
 */
export function shapeForActiveParams(f: ShapeFamily, active: number): ModelShape {
  if (!(active > 0)) throw new RangeError(`active parameters must be > 0 (got ${active})`);
  const one = activeParams(shapeAt(f, 1));
  const two = activeParams(shapeAt(f, 2));
  const a = (two - 2 * one) / 2; // activeParams(d) = a d² + b d
  const b = one - a;
  const d = (-b + Math.sqrt(b * b + 4 * a * active)) / (2 * a);
  return shapeAt(f, d);
}

/** Compute-optimal active parameters for a run of C FLOP at r tokens per parameter: N = sqrt(C / 6r). */
export function computeOptimalParams(flop: number, tokensPerParam: number): number {
  return Math.sqrt(flop / (6 * tokensPerParam));
}
