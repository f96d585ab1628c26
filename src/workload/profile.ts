// The workload-profile interface: what the memory and network walls need to know about the
// frontier model's per-token work. Two implementations: analytic formulas (src/workload/analytic.ts)
// and a micro-MoE calibration scaled to the frontier shape (src/workload/calibrated.ts).
// Invariant: every number is finite and >= 0; `at(b)` is a pure function of its arguments.
import type { ModelShape } from '../moe/shape.ts';

/** Router statistics that formulas cannot give; measured by the micro-MoE or assumed uniform. */
export interface RouterFactors {
  /** max/mean tokens per expert in a routing batch (1 = perfectly balanced). */
  imbalance: number;
  /** Coefficient of variation of per-expert load. */
  load_cv: number;
  /** Fraction of (token, expert) copies over capacity, before any reroute. */
  overflow_fraction: number;
  /** Fraction of (token, expert) copies finally dropped (served by shared experts only). */
  drop_fraction: number;
}

/** How experts are laid out for expert parallelism. */
export interface Placement {
  /** Devices the experts of one MoE layer are spread over (EP degree). */
  ep_devices: number;
  /** GPUs per scale-up domain (node / NVL rack). */
  gpus_per_node: number;
  /** Max nodes one token's experts may span (node-limited routing); >= ep nodes means unlimited. */
  max_nodes_per_token: number;
  /** All-to-all bytes per element, dispatch + combine (absent: 2 x bytes_per_activation). */
  a2a_bytes_per_element?: number;
  /** Shared-expert copies per token per MoE layer sent over the all-to-all like routed copies
   * (shared_placement routed); absent or 0: shared experts run on the token's GPU. */
  shared_copies?: number;
}

/** Per-token quantities at one routing/micro-batch size. */
export interface WorkloadPoint {
  batch_tokens: number;
  /** Forward FLOP per token (all layers, incl. attention at the shape's context). */
  forward_flop_per_token: number;
  /** Training FLOP per token (forward + backward = 3x forward). */
  train_flop_per_token: number;
  /** HBM bytes moved per token for one forward pass at this batch (weights amortized over batch). */
  hbm_bytes_per_token: number;
  /** forward_flop_per_token / hbm_bytes_per_token. */
  arithmetic_intensity: number;
  /** Share of forward FLOP per token in the routed experts (what a straggling GPU stretches). */
  routed_flop_fraction: number;
  /** Expected distinct routed experts touched per MoE layer by this batch. */
  distinct_experts: number;
  /** All-to-all bytes (dispatch + combine) per token, summed over MoE layers, that stay in the node. */
  a2a_bytes_per_token_intra_node: number;
  /** All-to-all bytes per token, summed over MoE layers, that cross to other nodes. */
  a2a_bytes_per_token_inter_node: number;
}

export interface WorkloadProfile {
  source: 'analytic' | 'calibration';
  /** Calibration file the measured factors came from (source = 'calibration'). */
  calibration_file?: string;
  shape: ModelShape;
  /** All parameters (incl. every expert and embeddings). */
  total_params: number;
  /** Parameters active per token (non-embedding, shared + K routed experts + head). */
  active_params: number;
  router: RouterFactors;
  at(batch_tokens: number, placement: Placement): WorkloadPoint;
}
