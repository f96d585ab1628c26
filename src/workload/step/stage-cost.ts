// One pipeline stage's or rank's cost per micro-batch (RankCost), summed from the layer costs without allocating.
import { expertParams } from '../../moe/formulas.ts';
import type { LayerTime, LayerCosts } from './layer-cost.ts';
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
import type { Plan } from './plan.ts';

export interface RankCost extends LayerTime {
  layers: number;
  /** Parameters held by one GPU of this rank: replicated over DP x CP, and expert ones over DP x CP / EP. */
  dense_params: number;
  expert_params: number;
}

/** A model's parameter counts stageCost reads (model.ts's functions, found once per model). */
interface StageParams {
  attention: number;
  denseMlp: number;
  shared: number;
  moeShared: number;
  moeRouted: number;
  embedding: number;
  mtp: number;
  /** Routed expert parameters of the MTP modules (on the last stage). */
  mtpRouted: number;
}
const stageParams = new WeakMap<StepModel, StageParams>();
let lastParams: { m: StepModel; x: StageParams } | null = null;
function paramsOf(m: StepModel): StageParams {
  if (lastParams !== null && lastParams.m === m) return lastParams.x;
  let x = stageParams.get(m);
  if (!x)
    stageParams.set(
      m,
      (x = {
        attention: attentionParams(m),
        denseMlp: denseMlpParams(m),
        shared: m.shared_experts * expertParams(m),
        moeShared: moeSharedParams(m),
        moeRouted: moeRoutedParams(m),
        embedding: embeddingParams(m),
        mtp: mtpParams(m),
        mtpRouted: m.moe_layers > 0 ? (m.mtp_depth ?? 0) * moeRoutedParams(m) : 0,
      }),
    );
  lastParams = { m, x };
  return x;
}

/** Layers [from, to) as one stage; into `into` (zeroed first) when given, else a new object. */
export function stageCost(m: StepModel, p: Plan, c: LayerCosts, from: number, to: number, into?: RankCost): RankCost {
  const s = into ? zeroRank(into) : emptyRankCost();
  const denseEnd = denseLayerCount(m);
  const nd = Math.max(0, Math.min(to, denseEnd) - from),
    nm = to - from - nd;
  const x = paramsOf(m);
  const shared = x.shared;
  addTimes(s, c.dense, nd);
  addTimes(s, c.moe, nm);
  s.layers = nd + nm;
  s.dense_params =
    (nd * (x.attention + x.denseMlp)) / p.tp + nm * ((x.attention + shared) / p.tp + (x.moeShared - shared));
  s.expert_params = (nm * x.moeRouted) / p.ep;
  if (from === 0) {
    addTimes(s, c.first, 1);
    s.dense_params += x.embedding / p.tp;
  }
  if (to === m.layers) {
    addTimes(s, c.last, 1);
    const routed = x.mtpRouted;
    s.dense_params += (x.embedding + x.mtp - routed) / p.tp + m.d_model;
    s.expert_params += routed / p.ep;
  }
  return s;
}

export function emptyRankCost(): RankCost {
  return {
    fwd_us: 0,
    bwd_us: 0,
    wgrad_us: 0,
    recompute_us: 0,
    tp: { fwd_us: 0, bwd_us: 0 },
    cp: { fwd_us: 0, bwd_us: 0 },
    ep: { fwd_us: 0, bwd_us: 0 },
    flops: 0,
    act_bytes: 0,
    work_bytes: 0,
    layers: 0,
    dense_params: 0,
    expert_params: 0,
  };
}

export function zeroRank(r: RankCost): RankCost {
  r.fwd_us = r.bwd_us = r.wgrad_us = r.recompute_us = 0;
  r.tp.fwd_us = r.tp.bwd_us = r.cp.fwd_us = r.cp.bwd_us = r.ep.fwd_us = r.ep.bwd_us = 0;
  r.flops = r.act_bytes = r.work_bytes = r.layers = r.dense_params = r.expert_params = 0;
  return r;
}

/** into += k x add for times, FLOPs and kept activations (k layers of one kind, or k = 1/2 for DualPipe). */
export function addTimes(into: RankCost, add: LayerTime, k: number): void {
  if (k === 0) return;
  into.fwd_us += k * add.fwd_us;
  into.bwd_us += k * add.bwd_us;
  into.wgrad_us += k * add.wgrad_us;
  into.recompute_us += k * add.recompute_us;
  into.tp.fwd_us += k * add.tp.fwd_us;
  into.tp.bwd_us += k * add.tp.bwd_us;
  into.cp.fwd_us += k * add.cp.fwd_us;
  into.cp.bwd_us += k * add.cp.bwd_us;
  into.ep.fwd_us += k * add.ep.fwd_us;
  into.ep.bwd_us += k * add.ep.bwd_us;
  into.flops += k * add.flops;
  into.act_bytes += k * add.act_bytes;
  into.work_bytes = Math.max(into.work_bytes, add.work_bytes);
}

/** into += add, a whole stage (interleaved chunks of one rank). */
export function addStage(into: RankCost, add: RankCost): void {
  addTimes(into, add, 1);
  into.layers += add.layers;
  into.dense_params += add.dense_params;
  into.expert_params += add.expert_params;
}
