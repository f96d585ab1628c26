// Layers cut into a plan's contiguous virtual stages, balanced with the ends' extra work, cached by layer-cost table.
import type { LayerCosts, LayerTime } from './layer-cost.ts';
import { denseLayerCount, type StepModel } from './model.ts';
import type { Plan } from './plan.ts';

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
export const stageStarts = (m: StepModel, c: LayerCosts, count: number): number[] =>
  cachedCut(c, count, false, () =>
    cutInPlace(layerWeights(m, c, passTotal), count, passTotal(c.first), passTotal(c.last)),
  );

/** DualPipe's cut into `pp` stages, pairs balanced. */
export const pairedStarts = (m: StepModel, c: LayerCosts, pp: number): number[] =>
  cachedCut(c, pp, true, () => pairedCut(layerWeights(m, c, pairedWork), pp, pairedWork(c.first), pairedWork(c.last)));

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
