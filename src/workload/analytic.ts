// The analytic workload profile: per-token FLOPs, HBM bytes and all-to-all bytes of the frontier
// shape from the formulas of ../shared/reference/moe.md (1.1 FLOPs, 1.2 bytes, 1.7 all-to-all),
// with a uniform router (imbalance 1, no overflow). The micro-MoE calibration replaces the router
// factors with measured ones through the same interface (src/workload/calibrated.ts).
import { activeParams, attentionParams, totalParams } from './shape.ts';
import type { ModelShape, Placement, RouterFactors, WorkloadPoint, WorkloadProfile } from './profile.ts';

/** Moe.md 1.2: reads and writes of d-sized activations per layer per token ("c = a few"); assumption 8. */
export const ACTIVATION_RW_PER_LAYER = 8;

export const UNIFORM_ROUTER: RouterFactors = { imbalance: 1, load_cv: 0, overflow_fraction: 0, drop_fraction: 0 };

/** Expected distinct experts hit by B tokens choosing K of N uniformly: N(1 - (1 - K/N)^B) (moe.md 1.2). */
export function distinctExperts(n: number, k: number, batch: number): number {
  if (n <= 0 || k <= 0) return 0;
  return n * (1 - Math.pow(1 - k / n, batch));
}

/** Forward FLOP per token at the shape's context: 2·N_active + 2·L·T·d_attn (Kaplan et al. 2020, Table 1). */
export function forwardFlopPerToken(s: ModelShape): number {
  return 2 * activeParams(s) + 2 * s.layers * s.context_tokens * s.heads * s.head_dim;
}

/** Weight bytes read once per micro-batch whatever the batch: attention, shared/dense FFN, router, head. */
export function alwaysReadWeightBytes(s: ModelShape): number {
  const dense = s.layers - s.moe_layers;
  const params = s.layers * attentionParams(s)
    + s.moe_layers * (s.d_model * s.routed_experts + s.shared_experts * 3 * s.d_model * s.expert_ffn_hidden)
    + dense * 3 * s.d_model * s.dense_ffn_hidden
    + s.d_model * s.vocab;
  return params * s.bytes_per_weight;
}

/** HBM bytes per token for one forward pass over a micro-batch of B tokens (moe.md 1.2, training form). */
export function hbmBytesPerToken(s: ModelShape, batch: number, distinct: number): number {
  const routed = s.moe_layers * distinct * 3 * s.d_model * s.expert_ffn_hidden * s.bytes_per_weight;
  const activations = s.layers * ACTIVATION_RW_PER_LAYER * s.d_model * s.bytes_per_activation;
  const kvWrite = 2 * s.layers * s.kv_heads * s.head_dim * s.bytes_per_activation;
  return (alwaysReadWeightBytes(s) + routed) / batch + activations + kvWrite;
}

/**
 * All-to-all bytes per token per forward pass, summed over MoE layers (moe.md 1.7): K copies of a
 * d-vector dispatched and combined; a copy stays home with probability 1/G, stays in the node with
 * probability (g-1)/G; node-limited routing caps the inter-node copies at M-1 per token per layer.
 */
export function allToAllBytesPerToken(s: ModelShape, pl: Placement): { intra: number; inter: number } {
  if (s.moe_layers === 0 || s.top_k === 0) return { intra: 0, inter: 0 };
  const g = Math.max(1, pl.ep_devices);
  const node = Math.min(pl.gpus_per_node, g);
  const copyBytes = 2 * s.d_model * s.bytes_per_activation; // dispatch + combine, BF16 both ways
  const intraCopies = (s.top_k * (node - 1)) / g;
  const interCopies = Math.min((s.top_k * (g - node)) / g, Math.max(0, pl.max_nodes_per_token - 1));
  return { intra: s.moe_layers * intraCopies * copyBytes, inter: s.moe_layers * interCopies * copyBytes };
}

export function analyticPoint(s: ModelShape, batch: number, pl: Placement, router: RouterFactors, distinctScale = 1): WorkloadPoint {
  const forward = forwardFlopPerToken(s);
  const distinct = Math.min(s.routed_experts, distinctExperts(s.routed_experts, s.top_k, batch) * distinctScale);
  const bytes = hbmBytesPerToken(s, batch, distinct);
  const a2a = allToAllBytesPerToken(s, pl);
  const keep = 1 - router.drop_fraction;
  return {
    batch_tokens: batch,
    forward_flop_per_token: forward,
    train_flop_per_token: 3 * forward,
    hbm_bytes_per_token: bytes,
    arithmetic_intensity: forward / bytes,
    distinct_experts: distinct,
    a2a_bytes_per_token_intra_node: a2a.intra * keep,
    a2a_bytes_per_token_inter_node: a2a.inter * keep,
  };
}

export function analyticProfile(shape: ModelShape): WorkloadProfile {
  return {
    source: 'analytic',
    shape,
    total_params: totalParams(shape),
    active_params: activeParams(shape),
    router: UNIFORM_ROUTER,
    at: (batch, placement) => analyticPoint(shape, batch, placement, UNIFORM_ROUTER),
  };
}
