// The plan a scenario's run gets (issue 12, item 4): the step model's fastest plan that fits, for a
// year's model on the run's cluster. One reference plan per step is searched (the seeded descent of
// local-search.ts: a few hundred plans timed, not the exhaustive search's tens of thousands) on the
// generation and at the size of the step's reference run; every other size and generation adapts
// that plan (adaptPlan: a few dozen plans timed). Results are cached for the process by cluster
// class, model shape, GPU bucket, batch, precision, router imbalance and reference plan.
//
// GPU counts are bucketed to a scale-up domain x a power of two; a count between buckets
// interpolates the buckets' figures in log2(GPUs), so the result is continuous in the run's size
// (the coupled solve perturbs it by 1%). Beyond the largest count the batch can keep busy (every
// pipeline needs a micro-batch per stage) the extra GPUs idle: the step takes as long as on the
// largest count that has a plan. When no plan fits HBM the fastest plan with HBM ignored is used
// and marked (the memory wall speaks for capacity).
// Invariant: a pure function of its inputs (the cache only saves work); 0 < mfu <= work_mfu.
import type { Precision, StepCluster } from './cluster.ts';
import type { StepModel } from './model.ts';
import { adaptPlan, localSearch } from './local-search.ts';
import { minFootprintGb } from './memory.ts';
import { ADAM_MIXED, type Plan } from './plan.ts';
import { MAX_DEFAULT_CP, MIN_CP_TOKENS } from './search.ts';
import { newEvaluations, type Evaluations } from './search-evaluations.ts';
import type { LocalSearchOptions } from './searcher.ts';
import { stepTime, type StepBreakdown, type StepResult } from './step-time.ts';

export interface RunPlanInputs {
  /** The model (callers bucket its size: the cache keys on it). */
  model: StepModel;
  precision: Precision;
  /** Tokens per optimizer step (the critical batch). */
  batch_tokens: number;
  /** Tokens the busiest GPU's experts receive / the mean. */
  imbalance: number;
}

export interface RunPoint {
  /** The plan of the nearer GPU bucket (null only when no plan exists at any count). */
  plan: Plan | null;
  /** GPUs the plan runs on (a bucket; fewer than asked when the batch cannot keep all busy). */
  plan_gpus: number;
  /** False when no plan fits HBM and the fastest plan with HBM ignored stands in. */
  fits: boolean;
  step_s: number;
  /** Model FLOP/s / (GPUs asked x peak at the precision): everything included. */
  mfu: number;
  /** The same for the GPUs that work (mfu / (1 - idle_fraction)): what each busy GPU achieves. */
  busy_mfu: number;
  /** Model FLOP / (peak x the time GPUs compute: compute, recompute, optimizer). */
  work_mfu: number;
  /** Shares of step time: exposed TP, CP, EP, PP and DP communication; pipeline bubble. */
  exposed_comm_fraction: number;
  bubble_fraction: number;
  /** Share of the GPUs asked for that the batch cannot keep busy. */
  idle_fraction: number;
  breakdown: StepBreakdown | null;
}

const oddPart = (n: number): number => {
  let x = Math.max(1, Math.round(n));
  while (x % 2 === 0) x /= 2;
  return x;
};

/** Steps of the batch rounding: the batch is a multiple of 1/BATCH_STEPS of its power of two. */
const BATCH_STEPS = 8;

/**
 * Sequences per step: the critical batch in sequences, rounded to the nearest multiple of the odd
 * part of the domain x a power of two about 1/8 of it (within ~6% of the critical batch), so that
 * data parallelism can take every factor of a bucket's GPU count (a domain x a power of two).
 */
export function runBatchSequences(batchTokens: number, contextTokens: number, domain: number): number {
  const odd = oddPart(domain);
  const sequences = Math.max(1, batchTokens / contextTokens);
  const grain = odd * 2 ** Math.max(0, Math.floor(Math.log2(sequences / odd / BATCH_STEPS)));
  return Math.max(odd, grain * Math.round(sequences / grain));
}

/** The search's options (one literal with every field: a spread adding fields to another
 * object would give each options object a map of its own on Node 20). */
function searchOptions(
  i: RunPlanInputs,
  c: StepCluster,
  evaluations: Evaluations,
  ignoreHbm: boolean,
): LocalSearchOptions {
  return {
    global_batch: runBatchSequences(i.batch_tokens, i.model.context_tokens, c.domain_gpus),
    precision: c.peak_tflops[i.precision] !== undefined ? i.precision : 'bf16',
    step: { expert_imbalance: i.imbalance },
    ignore_hbm: ignoreHbm,
    evaluations,
  };
}

/**
 * The fastest plan at exactly `c.gpus`: searched (no `ref`), or adapted from `ref`; if none fits
 * HBM, the fastest with HBM ignored (marked). Null: no valid plan (the batch cannot fill them).
 */
export function findRunPlan(
  i: RunPlanInputs,
  c: StepCluster,
  ref: Plan | null,
): { result: StepResult; fits: boolean } | null {
  const evaluations = newEvaluations();
  const o = searchOptions(i, c, evaluations, false);
  const find = (x: LocalSearchOptions) => (ref ? adaptPlan(i.model, c, x, ref) : localSearch(i.model, c, x));
  // where even the floor of memory.ts overflows HBM no plan fits: only the unbounded search runs
  const hopeless = minFootprintGb(i.model, c.gpus, ADAM_MIXED) > c.hbm_gb * c.hbm_usable_fraction;
  const found = hopeless ? null : find(o);
  if (found && !found.winner && !found.none_fit) return null;
  if (found?.fits) return { result: found.best!, fits: true };
  // none fits: the fastest with HBM ignored (the plans both searches time are timed once)
  const relaxed = find(searchOptions(i, c, evaluations, true));
  return relaxed.best ? { result: relaxed.best, fits: false } : null;
}

function pointOf(r: StepResult, fits: boolean, asked: number): RunPoint {
  const b = r.breakdown;
  const step = r.step_us;
  const work = b.compute_us + b.recompute_us + b.optimizer_us;
  const used = r.plan.tp * r.plan.pp * r.plan.dp * r.plan.cp;
  return {
    plan: r.plan,
    plan_gpus: used,
    fits,
    step_s: step / 1e6,
    mfu: (r.mfu * used) / asked,
    busy_mfu: r.mfu,
    work_mfu: (r.mfu * step) / work,
    exposed_comm_fraction: (b.tp_us + b.cp_us + b.ep_us + b.pp_us + b.dp_us) / step,
    bubble_fraction: b.bubble_us / step,
    idle_fraction: 1 - used / asked,
    breakdown: b,
  };
}

const NO_PLAN: RunPoint = {
  plan: null,
  plan_gpus: 0,
  fits: false,
  step_s: Infinity,
  mfu: 0,
  busy_mfu: 0,
  work_mfu: 0,
  exposed_comm_fraction: 0,
  bubble_fraction: 0,
  idle_fraction: 1,
  breakdown: null,
};

/** Cached points per plan class (see classCache), keyed by GPUs, network scale and reference plan.
 * Bounded: past MAX_CLASSES classes (a sweep's samples each bring their own models) the table
 * starts afresh; points are found again on demand. */
const cache = new Map<number, Map<string, RunPoint>>();
const MAX_CLASSES = 2048;
const keys = new WeakMap<object, string>();
const keyOf = (o: object): string => {
  let k = keys.get(o);
  if (k === undefined) keys.set(o, (k = JSON.stringify(o)));
  return k;
};

/** Interned keys: a long key (a cluster's and a model's figures) becomes a small number once, so
 * the hot path (the coupled solve asks for the same points thousands of times a run) hashes short
 * strings. Numbers are never reused (a counter, not the table's size): a plan keeps its number
 * after the table is emptied (planKeys), and no later key may get it. */
const interned = new Map<string, number>();
let nextInterned = 0;
const intern = (k: string): number => {
  let id = interned.get(k);
  if (id === undefined) interned.set(k, (id = nextInterned++));
  return id;
};

/** What a cached plan depends on besides the GPUs: cluster class, model, precision, batch, imbalance
 * (built once per inputs and cluster object: the hot path asks for the same pair many times). */
const classIds = new WeakMap<RunPlanInputs, WeakMap<StepCluster, Map<string, RunPoint>>>();
function classCache(i: RunPlanInputs, c: StepCluster): Map<string, RunPoint> {
  let byCluster = classIds.get(i);
  if (!byCluster) classIds.set(i, (byCluster = new WeakMap()));
  let m = byCluster.get(c);
  if (m === undefined) {
    const batch = runBatchSequences(i.batch_tokens, i.model.context_tokens, c.domain_gpus);
    const id = intern(`${keyOf({ ...c, gpus: 0 })}|${keyOf(i.model)}|${i.precision}|${batch}|${i.imbalance}`);
    m = cache.get(id);
    if (!m) {
      if (cache.size >= MAX_CLASSES) {
        cache.clear();
        interned.clear();
      }
      cache.set(id, (m = new Map()));
    }
    byCluster.set(c, m);
  }
  return m;
}

/** A scaled network: bandwidths x s, latencies / s (the coupled solve's network elasticity). */
export function scaledNetwork(c: StepCluster, s: number): StepCluster {
  if (s === 1) return c;
  return {
    ...c,
    scale_up_gb_per_s: c.scale_up_gb_per_s * s,
    scale_out_gbit_per_s: c.scale_out_gbit_per_s * s,
    scale_up_latency_us: c.scale_up_latency_us / s,
    scale_out_latency_us: c.scale_out_latency_us / s,
  };
}

const planKeys = new WeakMap<Plan, number>();
const planKey = (p: Plan | null): number => {
  if (!p) return -1;
  let k = planKeys.get(p);
  if (k === undefined)
    planKeys.set(
      p,
      (k = intern([p.tp, p.cp, p.pp, p.ep, p.micro_batch, p.schedule, p.chunks, p.recompute, p.zero].join(','))),
    );
  return k;
};

/** The cluster at `gpus` GPUs, one object per cluster and count: the layer costs know a cluster
 * object's class once (layer-cost.ts), so searches at one count with other reference plans, and
 * later runs, do not describe the cluster again. */
const sizedClusters = new WeakMap<StepCluster, Map<number, StepCluster>>();
const sized = (c: StepCluster, gpus: number): StepCluster => variant(sizedClusters, c, gpus, () => ({ ...c, gpus }));

/** One object per cluster and `key` in `table`, made by `make` (see sized). */
function variant(
  table: WeakMap<StepCluster, Map<number, StepCluster>>,
  c: StepCluster,
  key: number,
  make: () => StepCluster,
): StepCluster {
  let byKey = table.get(c);
  if (!byKey) table.set(c, (byKey = new Map()));
  let v = byKey.get(key);
  if (!v) byKey.set(key, (v = make()));
  return v;
}

/** The sized cluster with its network scaled by `s` (scaledNetwork), and with its HBM bandwidth x
 * `f` (hbmElasticity), one object each (so their layer costs are found once for the process). */
const scaledClusters = new WeakMap<StepCluster, Map<number, StepCluster>>();
const hbmClusters = new WeakMap<StepCluster, Map<number, StepCluster>>();
const networkScaled = (c: StepCluster, gpus: number, s: number): StepCluster =>
  variant(scaledClusters, sized(c, gpus), s, () => scaledNetwork(sized(c, gpus), s));
const hbmScaled = (c: StepCluster, gpus: number, f: number): StepCluster =>
  variant(hbmClusters, sized(c, gpus), f, () => ({ ...sized(c, gpus), hbm_tb_per_s: c.hbm_tb_per_s * f }));

/** The plan found at exactly `gpus` (searched, or adapted from `ref`), network as built. */
function rawPoint(i: RunPlanInputs, c: StepCluster, gpus: number, ref: Plan | null): RunPoint {
  const points = classCache(i, c);
  const key = `${gpus}|raw|${planKey(ref)}`;
  let hit = points.get(key);
  if (!hit) {
    const found = findRunPlan(i, sized(c, gpus), ref);
    hit = found ? pointOf(found.result, found.fits, gpus) : NO_PLAN;
    points.set(key, hit);
  }
  return hit;
}

/** A smaller run's point on `gpus` GPUs: the same step, the rest idle. Every field written out, in
 * pointOf's order: a spread copy would get a map of its own, and the hot readers of points
 * (RunCurve) would see several. */
function idleOn(below: RunPoint, gpus: number, belowGpus: number): RunPoint {
  if (!below.plan) return below;
  return {
    plan: below.plan,
    plan_gpus: below.plan_gpus,
    fits: below.fits,
    step_s: below.step_s,
    mfu: (below.mfu * belowGpus) / gpus,
    busy_mfu: below.busy_mfu,
    work_mfu: below.work_mfu,
    exposed_comm_fraction: below.exposed_comm_fraction,
    bubble_fraction: below.bubble_fraction,
    idle_fraction: 1 - below.plan_gpus / gpus,
    breakdown: below.breakdown,
  };
}

/**
 * The run at a bucket of exactly `gpus` (a domain x a power of two), network as built or scaled.
 * More GPUs never train less: where half the bucket trains more (the batch cannot keep this many
 * busy, or the plan it allows is slower), the run uses that many and the rest idle.
 */
function bucketPoint(i: RunPlanInputs, c: StepCluster, gpus: number, networkScale: number, ref: Plan | null): RunPoint {
  const points = classCache(i, c);
  const key = `${gpus}|${networkScale}|${planKey(ref)}`;
  let hit = points.get(key);
  if (hit) return hit;
  if (networkScale !== 1) {
    const base = bucketPoint(i, c, gpus, 1, ref);
    hit = base.plan
      ? pointOf(
          stepTime(i.model, networkScaled(c, base.plan_gpus, networkScale), base.plan, {
            expert_imbalance: i.imbalance,
          }),
          base.fits,
          gpus,
        )
      : base;
  } else {
    const own = rawPoint(i, c, gpus, ref);
    const half = gpus / 2;
    // No plan here (the batch cannot fill the pipelines), or half the GPUs train more: use half.
    // Halving goes on only while it helps: the run's throughput rises with its GPUs, then may fall.
    // Where this count's plan is searched (no ref), half the count is tried with that plan adapted
    // (a few dozen plans timed, not a search's hundreds); only if it trains more is half searched.
    const trial = (): RunPoint => rawPoint(i, c, half, ref ?? own.plan);
    const halve = gpus > c.domain_gpus && (!own.plan || trial().mfu * half > own.mfu * gpus);
    hit = halve ? idleOn(bucketPoint(i, c, half, 1, ref), gpus, half) : own;
  }
  points.set(key, hit);
  return hit;
}

/** The bucket nearest `gpus` (in log2), at least one domain. */
export function nearestBucket(gpus: number, domain: number): number {
  return domain * 2 ** Math.max(0, Math.round(Math.log2(Math.max(1, gpus / domain))));
}

/** The searched plan at the bucket nearest `gpus` (the step's reference run). */
export function referencePoint(i: RunPlanInputs, c: StepCluster, gpus: number): RunPoint {
  return bucketPoint(i, c, nearestBucket(gpus, c.domain_gpus), 1, null);
}

/** The bracketing buckets of `gpus` (a domain x a power of two, at least one domain) and the weight of the upper one. */
export function gpuBuckets(gpus: number, domain: number): { lo: number; hi: number; w: number } {
  const x = Math.max(1, gpus / domain);
  const k = Math.floor(Math.log2(x));
  return { lo: domain * 2 ** k, hi: domain * 2 ** (k + 1), w: Math.log2(x) - k };
}

const lerp = (a: number, b: number, w: number): number => a + (b - a) * w;

/** The figures between two buckets' points, `w` of the way up in log2(GPUs) (w = 0: `a` itself). */
function between(a: RunPoint, b: RunPoint, lo: number, w: number): RunPoint {
  if (w === 0) return a;
  const near = w < 0.5 ? a : b;
  return {
    plan: near.plan,
    plan_gpus: near.plan_gpus,
    fits: near.fits,
    step_s: near.step_s,
    // the throughput (MFU x GPUs) interpolates, so that it never falls as GPUs are added
    mfu: lerp(a.mfu * lo, b.mfu * 2 * lo, w) / (lo * 2 ** w),
    busy_mfu: lerp(a.busy_mfu, b.busy_mfu, w),
    work_mfu: lerp(a.work_mfu, b.work_mfu, w),
    exposed_comm_fraction: lerp(a.exposed_comm_fraction, b.exposed_comm_fraction, w),
    bubble_fraction: lerp(a.bubble_fraction, b.bubble_fraction, w),
    idle_fraction: lerp(a.idle_fraction, b.idle_fraction, w),
    breakdown: near.breakdown,
  };
}

/**
 * The run's plan and its figures at `gpus` accelerators of cluster `c` (its `gpus` field is
 * ignored), adapted from the reference plan `ref` (null: searched): the buckets either side,
 * interpolated in log2(GPUs); the plan is the nearer bucket's.
 */
export function runPlanAt(
  i: RunPlanInputs,
  c: StepCluster,
  gpus: number,
  ref: Plan | null,
  networkScale = 1,
): RunPoint {
  const { lo, hi, w } = gpuBuckets(gpus, c.domain_gpus);
  const a = bucketPoint(i, c, lo, networkScale, ref);
  return w === 0 ? a : between(a, bucketPoint(i, c, hi, networkScale, ref), lo, w);
}

/** What RunCurve.stepAndBusy writes: the two figures a run's efficiency needs. */
export interface StepAndBusy {
  step_s: number;
  busy_mfu: number;
}

/**
 * runPlanAt for one inputs, cluster, reference plan and network scale, with the buckets' points
 * held in an array by log2(buckets): what a step's walls and coupled solve ask for (a hundred or so
 * run sizes per step, thousands of times a run) costs two array reads and an interpolation. Same
 * figures as runPlanAt.
 */
export class RunCurve {
  private readonly points: RunPoint[] = [];
  /** The buckets' step_s and busy_mfu, at 2k and 2k + 1 for bucket k (NaN until found): what
   * stepAndBusy reads, thousands of times a run, from one array of doubles instead of two points
   * spread over the old generation (those reads were most of its time). */
  private readonly figures: number[] = [];
  private readonly domain: number;
  constructor(
    private readonly i: RunPlanInputs,
    private readonly c: StepCluster,
    private readonly ref: Plan | null,
    private readonly networkScale = 1,
  ) {
    this.domain = c.domain_gpus;
  }

  private point(k: number): RunPoint {
    return (this.points[k] ??= bucketPoint(this.i, this.c, this.c.domain_gpus * 2 ** k, this.networkScale, this.ref));
  }

  at(gpus: number): RunPoint {
    const domain = this.c.domain_gpus;
    const x = Math.log2(Math.max(1, gpus / domain));
    const k = Math.floor(x);
    const w = x - k;
    return w === 0 ? this.point(k) : between(this.point(k), this.point(k + 1), domain * 2 ** k, w);
  }

  /** Bucket k's step_s (its busy_mfu follows at 2k + 1 of figures), found once. */
  private stepOf(k: number): number {
    const f = this.figures;
    while (f.length < 2 * k + 2) f.push(NaN);
    let s = f[2 * k];
    if (Number.isNaN(s)) {
      const p = this.point(k);
      f[2 * k] = s = p.step_s;
      f[2 * k + 1] = p.busy_mfu;
    }
    return s;
  }

  /** at(gpus)'s step_s and busy_mfu, written into `out` without building the point (the coupled
   * solve asks for these two thousands of times a run and lets them go). */
  stepAndBusy(gpus: number, out: StepAndBusy): void {
    const x = Math.log2(Math.max(1, gpus / this.domain));
    const k = Math.floor(x);
    const w = x - k;
    if (!(k < MAX_FIGURES)) return this.stepAndBusyOfPoints(k, w, out); // NaN, or past any real run
    const f = this.figures;
    const sa = this.stepOf(k);
    if (w === 0) {
      out.step_s = sa;
      out.busy_mfu = f[2 * k + 1];
      return;
    }
    const sb = this.stepOf(k + 1);
    out.step_s = w < 0.5 ? sa : sb; // between's: the nearer bucket's plan and step
    out.busy_mfu = lerp(f[2 * k + 1], f[2 * k + 3], w);
  }

  /** stepAndBusy read from the points themselves (what the table holds, for any k). */
  private stepAndBusyOfPoints(k: number, w: number, out: StepAndBusy): void {
    const a = this.point(k);
    if (w === 0) {
      out.step_s = a.step_s;
      out.busy_mfu = a.busy_mfu;
      return;
    }
    const b = this.point(k + 1);
    out.step_s = (w < 0.5 ? a : b).step_s;
    out.busy_mfu = lerp(a.busy_mfu, b.busy_mfu, w);
  }
}

/** Buckets RunCurve's table may hold (a domain x 2^0 .. 2^62 GPUs); the rest read the points. */
const MAX_FIGURES = 63;

/** HBM bandwidth step of the elasticity below (a 1% change, as the coupled solve's). */
const HBM_STEP = 0.01;
const elasticities = new WeakMap<Map<string, RunPoint>, Map<string, number>>();

/**
 * d ln(work MFU) / d ln(HBM bandwidth) of the run's plan at the lower bucket of `gpus`: the share
 * of the GPUs' working time that streams HBM (central difference, the plan held fixed).
 */
export function hbmElasticity(i: RunPlanInputs, c: StepCluster, gpus: number, ref: Plan | null): number {
  const { lo } = gpuBuckets(gpus, c.domain_gpus);
  const base = bucketPoint(i, c, lo, 1, ref);
  if (!base.plan) return 0;
  const points = classCache(i, c);
  let byKey = elasticities.get(points);
  if (!byKey) elasticities.set(points, (byKey = new Map()));
  const key = `${lo}|${planKey(ref)}`;
  let e = byKey.get(key);
  if (e === undefined) {
    const plan = base.plan;
    const work = (f: number): number => {
      const r = stepTime(i.model, hbmScaled(c, base.plan_gpus, f), plan, {
        expert_imbalance: i.imbalance,
      });
      return pointOf(r, base.fits, lo).work_mfu;
    };
    e = Math.log(work(1 + HBM_STEP) / work(1 - HBM_STEP)) / Math.log((1 + HBM_STEP) / (1 - HBM_STEP));
    byKey.set(key, e);
  }
  return e;
}

/**
 * The most the batch lets a run of this cluster's accelerators do, however many are added: the
 * largest throughput (MFU x GPUs) over GPU counts, found from the largest count any plan could
 * use (the batch in sequences x the widest TP x CP) by halving while halving trains more.
 */
export function saturation(
  i: RunPlanInputs,
  c: StepCluster,
  ref: Plan | null,
  networkScale = 1,
): { mfu_gpus: number; gpus: number } {
  const batch = runBatchSequences(i.batch_tokens, i.model.context_tokens, c.domain_gpus);
  const cp = 2 ** Math.floor(Math.log2(Math.min(MAX_DEFAULT_CP, Math.max(1, i.model.context_tokens / MIN_CP_TOKENS))));
  const widest = Math.min(c.domain_gpus, i.model.heads) * cp;
  const top = nearestBucket(batch * widest * 2, c.domain_gpus);
  const r = bucketPoint(i, c, top, networkScale, ref);
  return { mfu_gpus: r.mfu * top, gpus: r.plan_gpus };
}
