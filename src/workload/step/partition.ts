// Layers onto pipeline ranks: the model's layers (dense first, then MoE) are cut into PP x chunks
// contiguous virtual stages so that the slowest one is as fast as it can be (the first carries the
// embedding, the last the head, loss and MTP: Llama 3 drops a layer from its first and last stages
// for the same reason), and chunk j runs on rank j mod PP (Megatron-LM's interleaving). DualPipe
// puts stage i and stage PP-1-i on rank i (DeepSeek-V3 report section 3.2.1), half the
// micro-batches flowing each way. A rank's cost is per micro-batch, over all its chunks.
// Invariant: every layer is on exactly one virtual stage; each virtual stage has >= 1 layer.
import { expertParams } from '../../moe/formulas.ts';
import type { LayerCosts, LayerTime } from './layer-cost.ts';
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

export interface RankCost extends LayerTime {
  layers: number;
  /** Parameters held by one GPU of this rank: replicated over DP x CP, and expert ones over DP x CP / EP. */
  dense_params: number;
  expert_params: number;
}

const passTotal = (t: LayerTime): number =>
  t.fwd_us + t.bwd_us + t.tp.fwd_us + t.tp.bwd_us + t.cp.fwd_us + t.cp.bwd_us + t.ep.fwd_us + t.ep.bwd_us;
/** DualPipe hides the all-to-all behind the paired chunk's compute: balance the rest. */
const pairedWork = (t: LayerTime): number => passTotal(t) - t.ep.fwd_us - t.ep.bwd_us;

/** Contiguous cut of `weights` (with `head` on the first and `tail` on the last piece) into k pieces. */
export const balancedCut = (weights: number[], k: number, head: number, tail: number): number[] =>
  cutInPlace(weights.slice(), k, head, tail);

/** balancedCut on `w` itself (it adds the ends to its first and last weights). */
function cutInPlace(w: number[], k: number, head: number, tail: number): number[] {
  const n = w.length;
  w[0] += head;
  w[n - 1] += tail;
  let lo = -Infinity,
    hi = 0;
  for (const x of w) {
    lo = Math.max(lo, x);
    hi += x;
  }
  for (let it = 0; it < 50 && hi - lo > 1e-9 * hi; it++) {
    const mid = (lo + hi) / 2;
    if (greedyFits(w, mid, k)) hi = mid;
    else lo = mid;
  }
  const starts = [0];
  let load = 0;
  for (let i = 0; i < n; i++) {
    if (load + w[i] > hi && i > 0) {
      starts.push(i);
      load = 0;
    }
    load += w[i];
  }
  // Fewer pieces than asked: split the longest pieces (splitting never raises the maximum).
  while (starts.length < k) {
    const ends = starts.map((s, j) => (j + 1 < starts.length ? starts[j + 1] : n) - s);
    const j = ends.indexOf(Math.max(...ends));
    starts.splice(j + 1, 0, starts[j] + Math.floor(ends[j] / 2));
  }
  return starts;
}

/** Whether the greedy cut under `limit` makes at most `k` pieces (it stops counting past k: the
 * bisection above asks ~50 times per cut). */
function greedyFits(w: number[], limit: number, k: number): boolean {
  let pieces = 1,
    load = 0;
  for (let i = 0; i < w.length; i++) {
    if (load + w[i] > limit && i > 0) {
      if (++pieces > k) return false;
      load = 0;
    }
    load += w[i];
  }
  return true;
}

/** Each layer's weight for the cut: dense layers first, then MoE (no closure per layer). */
function layerWeights(m: StepModel, c: LayerCosts, weight: (t: LayerTime) => number): number[] {
  const nd = denseLayerCount(m);
  const dense = weight(c.dense),
    moe = weight(c.moe);
  const w = new Array<number>(m.layers);
  for (let l = 0; l < m.layers; l++) w[l] = l < nd ? dense : moe;
  return w;
}

/** Cuts kept, the most recent (a cut depends only on the layer-cost table and the piece count, so
 * plans differing in micro-batches, data parallelism or ZeRO stage share it). */
const CUTS_KEPT = 256;
/** Piece counts below this key cuts by number (more: not kept). */
const MAX_KEYED_PIECES = 4096;
const cuts = new Map<number, number[]>();

/** A cut by table and piece count (`paired`: DualPipe's pairedCut), computed once while kept.
 * The returned array is shared: read, never modify. */
function cachedCut(c: LayerCosts, count: number, paired: boolean, cut: () => number[]): number[] {
  if (!(Number.isInteger(count) && count >= 0 && count < MAX_KEYED_PIECES)) return cut();
  const key = (tableId(c) * MAX_KEYED_PIECES + count) * 2 + (paired ? 1 : 0);
  let starts = cuts.get(key);
  if (!starts) {
    if (cuts.size >= CUTS_KEPT) cuts.delete(cuts.keys().next().value!);
    cuts.set(key, (starts = cut()));
  }
  return starts;
}

/** Start layer of each of `count` contiguous pieces, balanced with the ends' extra work. */
const stageStarts = (m: StepModel, c: LayerCosts, count: number): number[] =>
  cachedCut(c, count, false, () =>
    cutInPlace(layerWeights(m, c, passTotal), count, passTotal(c.first), passTotal(c.last)),
  );

/** DualPipe's cut into `pp` stages, pairs balanced. */
const pairedStarts = (m: StepModel, c: LayerCosts, pp: number): number[] =>
  cachedCut(c, pp, true, () => pairedCut(layerWeights(m, c, pairedWork), pp, pairedWork(c.first), pairedWork(c.last)));

/** Virtual stages of the plan: `count` contiguous pieces, balanced with the ends' extra work. */
function stages(m: StepModel, p: Plan, c: LayerCosts, count: number): RankCost[] {
  const starts = stageStarts(m, c, count);
  return starts.map((s, j) => stageCost(m, p, c, s, j + 1 < starts.length ? starts[j + 1] : m.layers));
}

const tableIds = new WeakMap<LayerCosts, number>();
let nextTableId = 0;
function tableId(c: LayerCosts): number {
  let id = tableIds.get(c);
  if (id === undefined) tableIds.set(c, (id = nextTableId++));
  return id;
}

/** The plan's cut into virtual stages (stage starts; DualPipe's pairs balanced), cached by table
 * and piece count: shared, read only. */
export function planStarts(m: StepModel, p: Plan, c: LayerCosts): number[] {
  if (p.schedule === 'dualpipe') return pairedStarts(m, c, p.pp);
  return stageStarts(m, c, p.pp * (p.schedule === 'interleaved' ? p.chunks : 1));
}

/** The layer after piece `j` of a cut. */
const end = (m: StepModel, starts: number[], j: number): number => (j + 1 < starts.length ? starts[j + 1] : m.layers);

/** Stages of the plan asked for last, by shape (a stage's cost depends only on its dense and MoE
 * layer counts and whether it holds an end): a cut of PP x chunks stages has a few shapes, so each
 * is summed once per plan. Pooled objects, refilled for the next plan. */
const MAX_SHAPES = 16;
let shapesM: StepModel | null = null,
  shapesP: Plan | null = null,
  shapesC: LayerCosts | null = null;
const shapeKeys: number[] = [];
const shapeCosts: RankCost[] = [];
let shapes = 0;
/** Where stageOf sums a stage it does not keep (two: DualPipe reads two stages at once). */
const STAGE = emptyRankCost(),
  PAIRED = emptyRankCost();

/** Layers [from, to) as one stage of the plan (stageCost), kept by shape while the plan is the same;
 * a shape past MAX_SHAPES is summed into `spare`. */
function stageOf(m: StepModel, p: Plan, c: LayerCosts, from: number, to: number, spare: RankCost): RankCost {
  if (shapesM !== m || shapesP !== p || shapesC !== c) {
    shapesM = m;
    shapesP = p;
    shapesC = c;
    shapes = 0;
  }
  if (!(to - from >= 0 && to - from < 16384)) return stageCost(m, p, c, from, to, spare);
  const nd = Math.max(0, Math.min(to, denseLayerCount(m)) - from);
  const key = ((nd * 16384 + (to - from - nd)) * 2 + (from === 0 ? 1 : 0)) * 2 + (to === m.layers ? 1 : 0);
  for (let k = 0; k < shapes; k++) if (shapeKeys[k] === key) return shapeCosts[k];
  if (shapes === MAX_SHAPES) return stageCost(m, p, c, from, to, spare);
  if (shapes === shapeCosts.length) shapeCosts.push(emptyRankCost());
  shapeKeys[shapes] = key;
  return stageCost(m, p, c, from, to, shapeCosts[shapes++]);
}

/**
 * Pipeline rank `i`'s cost per micro-batch over all its chunks, into `out` (zeroed first), from
 * the plan's cut `starts` (planStarts) and `mb` micro-batches: chunk j of the cut runs on rank
 * j mod PP (its stages added in order of j); DualPipe's rank i runs stages i and PP-1-i, half the
 * micro-batches each (dualPipeRank). act_bytes = activations held at the rank's fullest. One rank
 * at a time, so timing a plan builds no partition: the step model reads each rank once.
 */
export function rankInto(
  m: StepModel,
  p: Plan,
  c: LayerCosts,
  starts: number[],
  i: number,
  mb: number,
  out: RankCost,
): RankCost {
  if (p.schedule === 'dualpipe') return dualPipeRank(m, p, c, starts, i, mb, out);
  zeroRank(out);
  for (let j = i; j < starts.length; j += p.pp) addStage(out, stageOf(m, p, c, starts[j], end(m, starts, j), STAGE));
  // Micro-batches in flight on rank i: 1F1B p - i; interleaving adds (p - 1)/v (Korthikanti et al. 2022, 4.2.3).
  const v = p.schedule === 'interleaved' ? p.chunks : 1;
  out.act_bytes *= p.pp === 1 ? 1 : Math.min(mb, p.pp - i + (v > 1 ? (p.pp - 1) / v : 0));
  return out;
}

/**
 * Per-rank costs (length PP) of the plan's partition (rankInto for every rank, fresh objects: the
 * trace and tests read the whole partition).
 */
export function rankCosts(m: StepModel, p: Plan, c: LayerCosts): RankCost[] {
  const starts = planStarts(m, p, c),
    mb = microBatches(p);
  return Array.from({ length: p.pp }, (_, i) => rankInto(m, p, c, starts, i, mb, emptyRankCost()));
}

export interface VirtualStage {
  rank: number;
  cost: RankCost;
}

/**
 * The stages a micro-batch passes through, in order, with the rank that runs each: one path
 * (PP x chunks stages, stage j on rank j mod PP), or for DualPipe two (stage j on rank j one way,
 * on rank PP-1-j the other). For the trace; costs are per micro-batch through one stage.
 */
export function pipelinePaths(m: StepModel, p: Plan, c: LayerCosts): VirtualStage[][] {
  if (p.schedule !== 'dualpipe') {
    const v = p.schedule === 'interleaved' ? p.chunks : 1;
    return [stages(m, p, c, p.pp * v).map((cost, j) => ({ rank: j % p.pp, cost }))];
  }
  const starts = pairedStarts(m, c, p.pp);
  const st = starts.map((s, j) => stageCost(m, p, c, s, j + 1 < starts.length ? starts[j + 1] : m.layers));
  return [st.map((cost, j) => ({ rank: j, cost })), st.map((cost, j) => ({ rank: p.pp - 1 - j, cost }))];
}

/**
 * DualPipe: rank i runs stage i for micro-batches entering at rank 0 and stage PP-1-i for those
 * entering at rank PP-1, half each; it holds min(m/2, PP - i) and min(m/2, i + 1) of them in flight
 * (PP + 1 in all, DeepSeek-V3 Table 2). The cut balances rank pairs, not single stages: rank 0
 * holds both ends (embedding and head).
 */
function dualPipeRank(
  m: StepModel,
  p: Plan,
  c: LayerCosts,
  starts: number[],
  i: number,
  mb: number,
  both: RankCost,
): RankCost {
  const k = p.pp - 1 - i;
  const a = stageOf(m, p, c, starts[i], end(m, starts, i), STAGE),
    b = stageOf(m, p, c, starts[k], end(m, starts, k), PAIRED);
  zeroRank(both);
  addTimes(both, a, 0.5);
  addTimes(both, b, 0.5);
  both.layers = a.layers + b.layers;
  both.dense_params = a.dense_params + b.dense_params;
  both.expert_params = a.expert_params + b.expert_params;
  both.act_bytes = a.act_bytes * Math.min(mb / 2, p.pp - i) + b.act_bytes * Math.min(mb / 2, i + 1);
  return both;
}

/**
 * Contiguous cut into k stages (k even) so that the pairs (j, k-1-j) balance: pair j fills stage j
 * from the front and stage k-1-j from the back up to a load limit (bisected), every stage >= 1 layer.
 */
export function pairedCut(weights: number[], k: number, head: number, tail: number): number[] {
  let lo = 0,
    hi = head + tail;
  for (const x of weights) hi += x;
  const counts = new Array<number>(k);
  for (let it = 0; it < 50 && hi - lo > 1e-9 * hi; it++) {
    const mid = (lo + hi) / 2;
    if (pairedFill(weights, k, head, tail, mid, counts)) hi = mid;
    else lo = mid;
  }
  if (!pairedFill(weights, k, head, tail, hi, counts)) return balancedCut(weights, k, head, tail);
  const starts = new Array<number>(k);
  for (let j = 0, s = 0; j < k; s += counts[j], j++) starts[j] = s;
  return starts;
}

/** One try of pairedCut at a load limit: stage sizes into `counts`; false when the limit is too low
 * (a top-level loop without closures: the bisection calls it ~50 times per plan timed). */
function pairedFill(
  weights: number[],
  k: number,
  head: number,
  tail: number,
  limit: number,
  counts: number[],
): boolean {
  counts.fill(0);
  let front = 0,
    back = weights.length; // layers [front, back) still unassigned
  for (let j = 0; j < k / 2; j++) {
    const a = j,
      b = k - 1 - j;
    const stagesLeft = k - 2 * (j + 1); // stages after this pair
    let load = j === 0 ? head + tail : 0;
    // each stage of the pair takes at least one layer
    if (back - front <= stagesLeft) return false;
    load += weights[front++];
    counts[a]++;
    if (back - front <= stagesLeft) return false;
    load += weights[--back];
    counts[b]++;
    while (back - front > stagesLeft) {
      const takeFront = counts[a] <= counts[b];
      const w = takeFront ? weights[front] : weights[back - 1];
      if (load + w > limit) break;
      load += w;
      if (takeFront) front++;
      else back--;
      counts[takeFront ? a : b]++;
    }
    if (load > limit) return false;
  }
  return front === back;
}

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
function stageCost(m: StepModel, p: Plan, c: LayerCosts, from: number, to: number, into?: RankCost): RankCost {
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

function zeroRank(r: RankCost): RankCost {
  r.fwd_us = r.bwd_us = r.wgrad_us = r.recompute_us = 0;
  r.tp.fwd_us = r.tp.bwd_us = r.cp.fwd_us = r.cp.bwd_us = r.ep.fwd_us = r.ep.bwd_us = 0;
  r.flops = r.act_bytes = r.work_bytes = r.layers = r.dense_params = r.expert_params = 0;
  return r;
}

/** into += k x add for times, FLOPs and kept activations (k layers of one kind, or k = 1/2 for DualPipe). */
function addTimes(into: RankCost, add: LayerTime, k: number): void {
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
function addStage(into: RankCost, add: RankCost): void {
  addTimes(into, add, 1);
  into.layers += add.layers;
  into.dense_params += add.dense_params;
  into.expert_params += add.expert_params;
}
