// Mean-rank figures that need no partition (parameters, an activation floor): floors for the plan search and memory.
import { expertParams } from '../../moe/formulas.ts';
import type { LayerCosts } from './layer-cost.ts';
import {
  attentionParams,
  denseLayerCount,
  denseMlpParams,
  embeddingParams,
  moeRoutedParams,
  moeSharedParams,
  mtpParams,
  type StepModel,
} from './model.ts';
import { microBatches, type Plan } from './plan.ts';

/**
 * The mean over pipeline ranks of the parameters one GPU holds (dense, expert): every stage's
 * parameters summed as stageCost sums them, over PP ranks (DualPipe: each stage on two ranks).
 * It does not depend on the cut, so it needs no partition: the fullest rank holds at least this.
 */
export function meanRankParams(m: StepModel, p: Plan): { dense: number; expert: number } {
  const nd = denseLayerCount(m),
    nm = m.layers - nd;
  const shared = m.shared_experts * expertParams(m);
  const routed = m.moe_layers > 0 ? (m.mtp_depth ?? 0) * moeRoutedParams(m) : 0;
  const dense =
    (nd * (attentionParams(m) + denseMlpParams(m))) / p.tp +
    nm * ((attentionParams(m) + shared) / p.tp + (moeSharedParams(m) - shared)) +
    embeddingParams(m) / p.tp +
    (embeddingParams(m) + mtpParams(m) - routed) / p.tp +
    m.d_model;
  const expert = (nm * moeRoutedParams(m)) / p.ep + routed / p.ep;
  const copies = p.schedule === 'dualpipe' ? 2 : 1;
  return { dense: (copies * dense) / p.pp, expert: (copies * expert) / p.pp };
}

/**
 * A floor under the mean over pipeline ranks of the activation bytes a rank keeps (act_bytes):
 * the stages' kept bytes per micro-batch sum to every layer's plus both ends' whatever the cut,
 * and every rank holds at least the fewest micro-batches in flight of any rank (1F1B and
 * interleaving: the last rank's min(m, 1 + (PP - 1)/v), PP 1: one; DualPipe: each of its two
 * stages min(m/2, 1), each stage on two ranks). Needs no partition; work_bytes counted as 0.
 */
export function meanRankActFloorBytes(m: StepModel, p: Plan, c: LayerCosts): number {
  const nd = denseLayerCount(m),
    nm = m.layers - nd;
  const total = nd * c.dense.act_bytes + nm * c.moe.act_bytes + c.first.act_bytes + c.last.act_bytes;
  const mb = microBatches(p);
  if (p.schedule === 'dualpipe') return (2 * Math.min(mb / 2, 1) * total) / p.pp;
  const v = p.schedule === 'interleaved' ? p.chunks : 1;
  const inFlight = p.pp === 1 ? 1 : Math.min(mb, 1 + (v > 1 ? (p.pp - 1) / v : 0));
  return (inFlight * total) / p.pp;
}
