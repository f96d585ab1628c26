// The latency wall: the least time one optimizer step can take, whatever the bandwidth, times the
// number of sequential steps the critical batch size forces, against the training duration.
// Per step the critical path holds, forward and backward:
// - per layer, tensor-parallel all-reduces inside the scale-up domain: 2 forward + 2 backward
//   (Megatron-LM, Shoeybi et al. 2019, section 3), each at least one scale-up latency;
// - per MoE layer, dispatch and combine forward and backward: 4 scale-out messages;
// - the gradient all-reduce's latency term, tree form 2 ceil(log2 p) alpha (NCCL tree, 2.4);
// - across sites, one round trip of light over the fiber span (4.9 us/km, infrastructure.md 8).
// Invariant: every term is a latency (no bandwidth term), so min_step_us is a true lower bound.

export interface LatencyWallInput {
  layers: number;
  moe_layers: number;
  scale_up_latency_us: number;
  hop_latency_us: number;
  /** Ranks in the gradient all-reduce (data-parallel replicas). */
  dp_ranks: number;
  /** Fiber distance between the two farthest sites (0 for one site). */
  site_span_km: number;
  fiber_us_per_km: number;
  /** Tokens the whole run trains on. */
  tokens_total: number;
  critical_batch_tokens: number;
  training_days: number;
}

export interface LatencyWall {
  per_step_layers_us: number;
  allreduce_latency_us: number;
  light_rtt_us: number;
  min_step_us: number;
  sequential_steps: number;
  min_training_days: number;
  /** training_days / min_training_days: below 1 the run cannot finish in time at any bandwidth. */
  headroom: number;
}

const US_PER_DAY = 86_400e6;

export function latencyWall(i: LatencyWallInput): LatencyWall {
  for (const [k, v] of Object.entries(i))
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${k} must be finite and >= 0 (got ${v})`);
  if (!(i.critical_batch_tokens > 0)) throw new RangeError('critical_batch_tokens must be > 0');
  const per_step_layers_us = 4 * i.layers * i.scale_up_latency_us + 4 * i.moe_layers * i.hop_latency_us;
  const allreduce_latency_us = i.dp_ranks > 1 ? 2 * Math.ceil(Math.log2(i.dp_ranks)) * i.hop_latency_us : 0;
  const light_rtt_us = 2 * i.site_span_km * i.fiber_us_per_km;
  const min_step_us = per_step_layers_us + allreduce_latency_us + light_rtt_us;
  const sequential_steps = Math.ceil(i.tokens_total / i.critical_batch_tokens);
  const min_training_days = (sequential_steps * min_step_us) / US_PER_DAY;
  return {
    per_step_layers_us,
    allreduce_latency_us,
    light_rtt_us,
    min_step_us,
    sequential_steps,
    min_training_days,
    headroom: min_training_days > 0 ? i.training_days / min_training_days : Infinity,
  };
}
