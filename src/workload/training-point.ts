// Per-token quantities of one training micro-batch for the frontier shape, from the formulas the
// micro-MoE counters are tested against (src/moe/formulas.ts), adjusted by router factors (uniform
// for the analytic profile, measured for a calibration). Training differs from decode in one place:
// attention reads K/V once per query tile, not once per query (FlashAttention tiling, Dao 2023:
// query blocks of 128 rows), so KV traffic per token is divided by the tile size.
import {
  a2aBytesPerTokenPerLayer,
  distinctExperts,
  flopsPerToken,
  PLAIN_ROUTER,
  stepBytes,
  sumBreakdown,
} from '../moe/formulas.ts';
import type { Placement, WorkloadPoint } from './profile.ts';
import type { ModelShape } from '../moe/shape.ts';

/** Query rows per attention tile (FlashAttention-2 default block, Dao 2023; R). */
export const ATTENTION_QUERY_TILE = 128;

export interface RoutingFactors {
  /** Routed copies chosen per token relative to K (adaptive K < 1). */
  k_ratio: number;
  drop_fraction: number;
  /** Measured distinct experts / uniform N(1-(1-K/N)^B). */
  distinct_ratio: number;
  /** Measured remote (off-device) fraction / its uniform value. */
  remote_ratio: number;
  /** Measured inter-node fraction / its uniform value. */
  inter_ratio: number;
}

export const UNIFORM_ROUTING: RoutingFactors = {
  k_ratio: 1,
  drop_fraction: 0,
  distinct_ratio: 1,
  remote_ratio: 1,
  inter_ratio: 1,
};

export function trainingPoint(
  shape: ModelShape,
  batch_tokens: number,
  placement: Placement,
  f: RoutingFactors,
): WorkloadPoint {
  const kvLen = (shape.context_tokens + 1) / 2; // mean keys per query over a causal sequence
  const kEff = shape.top_k * f.k_ratio;
  const served = kEff * (1 - f.drop_fraction);
  const flops = flopsPerToken(shape, kvLen, PLAIN_ROUTER, served);
  const forward = sumBreakdown(flops);
  const distinct = Math.min(
    shape.routed_experts,
    distinctExperts(shape.routed_experts, kEff, batch_tokens) * f.distinct_ratio,
  );
  const kvReadSum = (batch_tokens * kvLen) / ATTENTION_QUERY_TILE;
  const bytes =
    stepBytes(shape, batch_tokens, kvReadSum, { touched: shape.moe_layers * distinct, served }).total / batch_tokens;
  const uni =
    shape.moe_layers > 0
      ? a2aBytesPerTokenPerLayer(
          shape,
          served + (placement.shared_copies ?? 0), // shared experts sent as routed copies cross too
          placement.ep_devices,
          placement.gpus_per_node,
          shape.d_model * (placement.a2a_bytes_per_element ?? 2 * shape.bytes_per_activation),
        )
      : { intra: 0, inter: 0 };
  const inter = uni.inter * f.inter_ratio;
  const intra = Math.max(0, (uni.intra + uni.inter) * f.remote_ratio - inter);
  return {
    batch_tokens,
    forward_flop_per_token: forward,
    train_flop_per_token: 3 * forward, // backward = 2x forward (Kaplan et al. 2020)
    hbm_bytes_per_token: bytes,
    arithmetic_intensity: forward / bytes,
    routed_flop_fraction: forward > 0 ? flops.routed_experts / forward : 0,
    distinct_experts: distinct,
    a2a_bytes_per_token_intra_node: shape.moe_layers * intra,
    a2a_bytes_per_token_inter_node: shape.moe_layers * inter,
  };
}
