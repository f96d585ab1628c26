// Exact analytic cost model of one decoder forward pass: FLOPs per token by component, HBM bytes
// per step (weights read once per step, activations, KV cache), expected distinct experts D(B),
// expert-parallel all-to-all bytes and E[nodes]. Pure functions of a ModelShape plus the router
// mechanisms switched on. Invariant: the micro-MoE kernel counters (src/moe/counters.ts) equal
// these numbers exactly; ../shared/reference/moe.md sections 1.1, 1.2, 1.7 are the derivation.
//
// Conventions (one multiply-add = 2 FLOPs, Chinchilla App. F; softmax = 3 FLOPs per element):
// - RMSNorm: 4·d per token (square, sum, scale by 1/rms, gain); 1/rms itself is not counted.
// - Attention per layer at KV length T (keys incl. the token itself): Q scaling h·d_h, QKᵀ 2·T·h·d_h,
//   softmax 3·h·T, P·V 2·T·h·d_h; projections 2·d·(h+2·h_kv)·d_h + 2·h·d_h·d.
// - SwiGLU FFN of hidden f: 2·(3·d·f) + 4·f (silu(a)·b = a/(1+exp(-a))·b: exp, add, div, mul).
// - Router: 2·d·N logits + 3·N affinities (softmax or sigmoid) + 2·(served copies) gate
//   normalisation; jitter +d; bias +N; node limit +G_n·ceil(K/m); two-stage +8·K'.
// - Combine: S·d (shared outputs) + 2·K·d (gated routed outputs); two residual adds d each;
//   sinusoidal position add d; embedding lookup 0; LM head 2·d·V + 3·V (softmax).
import type { ModelShape } from './shape.ts';

/** Router mechanisms that change the router's own FLOPs and weight bytes. */
export interface RouterCost {
  jitter: boolean;
  bias: boolean;
  /** Two-stage shortlist size K' (0 = single stage). */
  shortlist: number;
  /** Nodes the experts are spread over and the per-token node limit m (m >= nodes: no limit). */
  nodes: number;
  max_nodes: number;
}

export const PLAIN_ROUTER: RouterCost = { jitter: false, bias: false, shortlist: 0, nodes: 1, max_nodes: 1 };

export const FLOP_COMPONENTS = [
  'position',
  'norm',
  'attn_proj',
  'attn_scores',
  'attn_softmax',
  'attn_mix',
  'residual',
  'router',
  'shared_experts',
  'routed_experts',
  'combine',
  'dense_ffn',
  'lm_head',
] as const;
export type FlopComponent = (typeof FLOP_COMPONENTS)[number];
export type FlopBreakdown = Record<FlopComponent, number>;

export const swigluFlops = (d: number, f: number): number => 6 * d * f + 4 * f;
export const denseLayers = (s: ModelShape): number => s.layers - s.moe_layers;
const qkvWidth = (s: ModelShape): number => (s.heads + 2 * s.kv_heads) * s.head_dim;

/** Router FLOPs per token for one MoE layer with `served` routed copies per token. */
export function routerFlopsPerToken(s: ModelShape, r: RouterCost, served: number): number {
  const n = s.routed_experts;
  let flop = 2 * s.d_model * n + 3 * n + 2 * served;
  if (r.jitter) flop += s.d_model;
  if (r.bias) flop += n;
  if (r.max_nodes < r.nodes) flop += r.nodes * Math.ceil(s.top_k / r.max_nodes);
  if (r.shortlist > 0) flop += 8 * r.shortlist;
  return flop;
}

/**
 * Forward FLOPs of one token that attends over `kv_len` keys (its own included), by component.
 * `served` is the mean routed copies actually computed per token per MoE layer (default K).
 */
export function flopsPerToken(
  s: ModelShape,
  kv_len: number,
  r: RouterCost = PLAIN_ROUTER,
  served = s.top_k,
): FlopBreakdown {
  const d = s.d_model,
    L = s.layers,
    Lm = s.moe_layers,
    hd = s.heads * s.head_dim;
  return {
    position: d,
    norm: (2 * L + 1) * 4 * d,
    attn_proj: L * (2 * d * qkvWidth(s) + 2 * hd * d),
    attn_scores: L * (2 * kv_len * hd + hd),
    attn_softmax: L * 3 * s.heads * kv_len,
    attn_mix: L * 2 * kv_len * hd,
    residual: L * 2 * d,
    router: Lm > 0 && s.routed_experts > 0 ? Lm * routerFlopsPerToken(s, r, served) : 0,
    shared_experts: Lm * s.shared_experts * swigluFlops(d, s.expert_ffn_hidden),
    routed_experts: Lm * served * swigluFlops(d, s.expert_ffn_hidden),
    combine: Lm * (s.shared_experts * d + 2 * served * d),
    dense_ffn: denseLayers(s) * swigluFlops(d, s.dense_ffn_hidden),
    lm_head: 2 * d * s.vocab + 3 * s.vocab,
  };
}

export const sumBreakdown = (b: Record<string, number>): number => Object.values(b).reduce((a, x) => a + x, 0);

/** Total forward FLOPs of a causal prefill of `prompt` tokens (token i attends over i+1 keys). */
export function prefillFlops(s: ModelShape, prompt: number, r: RouterCost = PLAIN_ROUTER): number {
  let total = 0;
  for (let t = 1; t <= prompt; t++) total += sumBreakdown(flopsPerToken(s, t, r));
  return total;
}

/** Expected distinct experts hit by B tokens of a uniform top-K router: N·(1 − (1 − K/N)^B). */
export function distinctExperts(n: number, k: number, batch_tokens: number): number {
  if (n <= 0) return 0;
  return n * (1 - Math.pow(1 - Math.min(k, n) / n, batch_tokens));
}

/** Parameters of one layer's attention (Q, K, V, O) and its two norm gains. */
export const attnParams = (s: ModelShape): number =>
  s.d_model * qkvWidth(s) + s.heads * s.head_dim * s.d_model + 2 * s.d_model;
/** Router weights of one MoE layer (+ N bias entries when bias balancing is on). */
export const routerParams = (s: ModelShape, bias = false): number =>
  s.d_model * s.routed_experts + (bias ? s.routed_experts : 0);
export const expertParams = (s: ModelShape): number => 3 * s.d_model * s.expert_ffn_hidden;

/** Weights every step reads whatever the routing: attention, norms, router, shared, dense FFN, head. */
export function alwaysOnWeightParams(s: ModelShape, bias = false): number {
  const d = s.d_model;
  const moe = s.routed_experts > 0 ? routerParams(s, bias) : 0;
  return (
    s.layers * attnParams(s) +
    d +
    s.moe_layers * (moe + s.shared_experts * expertParams(s)) +
    denseLayers(s) * 3 * d * s.dense_ffn_hidden +
    d * s.vocab
  );
}

/** All parameters: every expert, embeddings and head (untied). */
export function totalParams(s: ModelShape): number {
  return alwaysOnWeightParams(s) + s.moe_layers * s.routed_experts * expertParams(s) + s.vocab * s.d_model;
}

/** Parameters active per token, without the input embedding (Kaplan's N_active incl. head). */
export function activeParams(s: ModelShape): number {
  return alwaysOnWeightParams(s) + s.moe_layers * s.top_k * expertParams(s);
}

/** Activation elements one token reads + writes in one forward pass (each kernel: inputs + outputs). */
export function activationElemsPerToken(s: ModelShape, r: RouterCost = PLAIN_ROUTER, served = s.top_k): number {
  const d = s.d_model,
    hd = s.heads * s.head_dim,
    f = s.expert_ffn_hidden;
  const ffn = (hidden: number): number => 2 * d + 6 * hidden;
  const attnLayer = 2 * d + (d + qkvWidth(s)) + 2 * hd + (hd + d) + 3 * d + 2 * d + 3 * d;
  const router = s.routed_experts > 0 ? d + s.routed_experts + (r.jitter ? 2 * d : 0) : 0;
  const moeLayer = router + s.shared_experts * ffn(f) + served * (2 * d + ffn(f)) + (s.shared_experts + served + 1) * d;
  return (
    d +
    3 * d +
    s.layers * attnLayer +
    s.moe_layers * moeLayer +
    denseLayers(s) * ffn(s.dense_ffn_hidden) +
    2 * d +
    (d + 3 * s.vocab)
  );
}

export interface StepBytes {
  weights: number;
  activations: number;
  kv_read: number;
  kv_write: number;
  total: number;
}

/**
 * HBM bytes of one forward step over `batch_tokens` tokens (ref. moe.md 1.2). `touched` is the
 * number of distinct routed experts hit, summed over MoE layers (default: uniform D(B) per layer);
 * `kv_len_sum` is Σ over the step's tokens of the keys each reads. KV elements use
 * bytes_per_activation (BF16 cache); weights bytes_per_weight; embedding rows are read per token.
 */
export function stepBytes(
  s: ModelShape,
  batch_tokens: number,
  kv_len_sum: number,
  opts: { router?: RouterCost; touched?: number; served?: number } = {},
): StepBytes {
  const r = opts.router ?? PLAIN_ROUTER,
    served = opts.served ?? s.top_k;
  const touched = opts.touched ?? s.moe_layers * distinctExperts(s.routed_experts, s.top_k, batch_tokens);
  const bw = s.bytes_per_weight,
    ba = s.bytes_per_activation,
    kvRow = 2 * s.kv_heads * s.head_dim;
  const weights = bw * (alwaysOnWeightParams(s, r.bias) + touched * expertParams(s) + batch_tokens * s.d_model);
  const activations = ba * batch_tokens * activationElemsPerToken(s, r, served);
  const kv_read = ba * s.layers * kvRow * kv_len_sum;
  const kv_write = ba * s.layers * kvRow * batch_tokens;
  return { weights, activations, kv_read, kv_write, total: weights + activations + kv_read + kv_write };
}

/** Expected nodes one token's K experts span under uniform placement: G_n·(1 − C(N−N/G_n,K)/C(N,K)). */
export function expectedNodes(n: number, k: number, nodes: number): number {
  if (nodes <= 1) return 1;
  let ratio = 1; // C(N - N/G_n, K) / C(N, K) as a product, exact for integer inputs
  const off = n / nodes;
  for (let i = 0; i < k; i++) ratio *= Math.max(0, n - off - i) / (n - i);
  return nodes * (1 - ratio);
}

/** Uniform-placement all-to-all bytes (dispatch + combine) per token per MoE layer, split intra/inter node. */
export function a2aBytesPerTokenPerLayer(
  s: ModelShape,
  copies: number,
  ep_devices: number,
  gpus_per_node: number,
  bytes_per_copy = 2 * s.d_model * s.bytes_per_activation,
): { intra: number; inter: number } {
  const g = Math.max(1, ep_devices),
    perNode = Math.min(g, Math.max(1, gpus_per_node));
  const nodes = g / perNode;
  const remote = 1 - 1 / g,
    inter = 1 - 1 / nodes;
  return { intra: copies * (remote - inter) * bytes_per_copy, inter: copies * inter * bytes_per_copy };
}
