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
// A point is found in find-run-plan.ts, at a bucket in bucket-point.ts, cached in run-plan-cache.ts
// (cluster objects per variant in cluster-variants.ts); this file interpolates between buckets.
import type { Precision, StepCluster } from './cluster.ts';
import type { StepModel } from './model.ts';
import { bucketPoint } from './bucket-point.ts';
import { hbmScaled } from './cluster-variants.ts';
import { pointOf, runBatchSequences } from './find-run-plan.ts';
import type { Plan } from './plan.ts';
import { classCache, planKey } from './run-plan-cache.ts';
import { MAX_DEFAULT_CP, MIN_CP_TOKENS } from './search.ts';
import { stepTime, type StepBreakdown } from './step-time.ts';

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
