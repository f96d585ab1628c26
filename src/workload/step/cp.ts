// Context-parallel attention of one layer for one micro-batch. Each of the CP ranks holds 1/CP of
// every sequence (split into 2 x CP chunks so causal work balances) and needs every other rank's
// keys and values: (CP - 1) blocks of its own K/V size arrive per pass forward, and backward moves
// K/V again plus their gradients (2x). Two published forms:
// - ring (Liu et al. 2023, ring attention; Megatron-LM context parallelism): blocks pass around the
//   ring while the rank computes attention on the block it holds, so only what exceeds the
//   attention compute is exposed;
// - all_gather (Llama 3, Meta 2024, section 3.3.2: K/V all-gathered before attention, the latency
//   "exposed in the critical path"; P): nothing hides.
// Invariant: 0 for CP = 1; exposed time is in [0, communication time].
import { allGatherUs, p2pUs } from './collectives.ts';
import type { StepCluster } from './cluster.ts';
import type { PassComm } from './tp.ts';

export const CP_KINDS = ['ring', 'all_gather'] as const;
export type CpKind = (typeof CP_KINDS)[number];

/**
 * Exposed CP time per layer. `kvBytes`: this rank's K and V for one micro-batch; `attention`:
 * the rank's attention compute forward and backward, which ring attention overlaps.
 */
export function cpLayerComm(
  c: StepCluster,
  cp: number,
  tp: number,
  kind: CpKind,
  kvBytes: number,
  attention: PassComm,
): PassComm {
  if (cp === 1) return { fwd_us: 0, bwd_us: 0 };
  if (kind === 'all_gather') {
    const t = allGatherUs(c, cp, tp, cp * kvBytes);
    return { fwd_us: t, bwd_us: 2 * t };
  }
  const fwd = (cp - 1) * p2pUs(c, tp, kvBytes);
  const hidden = (cp - 1) / cp; // the last block's compute has no transfer left to hide
  return {
    fwd_us: Math.max(0, fwd - attention.fwd_us * hidden),
    bwd_us: Math.max(0, 2 * fwd - attention.bwd_us * hidden),
  };
}
