// Decode-time expert parallelism: each device holds a small batch of tokens (one new token per
// sequence), and a decode step runs every MoE layer's dispatch and combine on it. DeepSeek's decode
// splits the batch into two micro-batches and overlaps one's computation with the other's
// all-to-all (open-infra-index, Day 6 inference-system overview, 2025: "dual-batch overlap"; R), so a layer costs
//   overlapped (m >= 2):  m x max(comm(T/m), compute/m)   (steady-state two-stage pipeline)
//   serial     (m = 1):   comm(T) + compute
// and the time per output token is that times the MoE layers (dense layers' compute not included).
// Invariant: comm is the simulated dispatch + combine of one micro-batch (slowest GPU), so the
// decode figures inherit the flow simulation's bounds and monotonicity.
import { moeLayerClosedForm, simulateMoeLayer, type MoeLayerInput, type MoeLayerResult } from './moe-layer.ts';

/** Tokens per device per decode step: DeepEP's low-latency benchmark batch (moe.md section 3; P). */
export const DEFAULT_DECODE_TOKENS_PER_GPU = 128;
/** Micro-batches overlapped in decode (DeepSeek Day-6 inference-system overview, 2025; R). */
export const DEFAULT_DECODE_MICRO_BATCHES = 2;

export interface DecodeInput {
  /** The MoE layer; tokens_per_gpu is the whole decode batch per device. */
  layer: MoeLayerInput;
  micro_batches: number;
  /** Attention + expert compute of one layer for the whole batch (0: communication only). */
  compute_us_per_layer: number;
  moe_layers: number;
}

export interface DecodeResult {
  micro_batch_tokens: number;
  /** One micro-batch's dispatch + combine (slowest GPU), simulated and closed form. */
  comm_us: number;
  comm_closed_form_us: number;
  /** Time per output token spent in one MoE layer, and in all of them. */
  tpot_us_per_layer: number;
  tpot_us_per_model: number;
  layer: MoeLayerResult;
}

export function simulateDecode(i: DecodeInput): DecodeResult {
  const m = i.micro_batches;
  if (!(Number.isSafeInteger(m) && m >= 1)) throw new RangeError(`micro_batches must be an integer >= 1 (got ${m})`);
  if (!(i.compute_us_per_layer >= 0 && Number.isFinite(i.compute_us_per_layer)))
    throw new RangeError(`compute_us_per_layer must be finite and >= 0 (got ${i.compute_us_per_layer})`);
  if (!(Number.isSafeInteger(i.moe_layers) && i.moe_layers >= 0))
    throw new RangeError(`moe_layers must be an integer >= 0 (got ${i.moe_layers})`);
  const tokens = Math.ceil(i.layer.tokens_per_gpu / m);
  const mb: MoeLayerInput = { ...i.layer, tokens_per_gpu: tokens, expert_compute_us: 0 };
  const layer = simulateMoeLayer(mb);
  const comm = layer.max_us;
  const perLayer = m === 1 ? comm + i.compute_us_per_layer : m * Math.max(comm, i.compute_us_per_layer / m);
  return {
    micro_batch_tokens: tokens,
    comm_us: comm,
    comm_closed_form_us: moeLayerClosedForm(mb).total_us,
    tpot_us_per_layer: perLayer,
    tpot_us_per_model: perLayer * i.moe_layers,
    layer,
  };
}
