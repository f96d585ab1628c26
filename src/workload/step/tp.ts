// Tensor-parallel communication of one transformer layer for one micro-batch (Megatron-LM:
// Shoeybi et al. 2019 section 3; with sequence parallelism, Korthikanti et al. 2022 section 4.2.2).
// Without SP each of the two blocks (attention, MLP/MoE) all-reduces its n x d output once forward
// and its input gradient once backward. With SP each block all-gathers its input and
// reduce-scatters its output forward, and the transposes backward: 2 AG + 2 RS per pass. The TP
// group is TP consecutive ranks inside one scale-up domain (plan.ts rejects larger TP).
// Invariant: 0 for TP = 1; `tp_overlap` of the time is hidden behind GEMMs, the rest is exposed.
import { allGatherUs, allReduceUs, reduceScatterUs } from './collectives.ts';
import type { StepCluster } from './cluster.ts';
import type { Plan } from './plan.ts';

export interface PassComm {
  fwd_us: number;
  bwd_us: number;
}

/** Exposed TP time per layer per micro-batch for `tokens` x `d_model` activations of `bytes` each. */
export function tpLayerComm(c: StepCluster, p: Plan, tokens: number, d_model: number, bytes: number): PassComm {
  if (p.tp === 1) return { fwd_us: 0, bwd_us: 0 };
  const buffer = tokens * d_model * bytes;
  const perPass = p.sequence_parallel
    ? 2 * (allGatherUs(c, p.tp, 1, buffer) + reduceScatterUs(c, p.tp, 1, buffer))
    : 2 * allReduceUs(c, p.tp, 1, buffer);
  const exposed = perPass * (1 - p.tp_overlap);
  return { fwd_us: exposed, bwd_us: exposed };
}

/** The head's all-gather of the final hidden states (SP) forward and its reduce-scatter backward. */
export function tpHeadComm(c: StepCluster, p: Plan, tokens: number, d_model: number, bytes: number): PassComm {
  if (p.tp === 1 || !p.sequence_parallel) return { fwd_us: 0, bwd_us: 0 };
  const t = allGatherUs(c, p.tp, 1, tokens * d_model * bytes) * (1 - p.tp_overlap);
  return { fwd_us: t, bwd_us: t };
}
