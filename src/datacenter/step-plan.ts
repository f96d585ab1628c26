// The step model in the years (issue 12, item 4). At each step the run's parallelism plan comes from
// the step model (src/workload/step/run-plan.ts): the year's model (its d_model bucketed to 1/8
// octave, so neighbouring years and the planner share searches), the critical batch, the training
// precision and the router imbalance, on each accelerator generation's cluster, at the run's GPUs.
// One plan is searched per step, on the generation most alive accelerators are of, at the
// reference run (the run's share of every alive accelerator); other generations and sizes adapt it.
// It gives the walls and the coupled solve two numbers per generation and run size:
//   work MFU   model FLOP / (peak x the time GPUs compute): the sustained FLOP/s per accelerator;
//   efficiency the plan's MFU / that work MFU: exposed communication, pipeline bubble and GPUs the
//              batch cannot keep busy, the share of the run's time that does useful work.
// The work MFU is taken at the reference run, so sustained x efficiency = peak x the plan's MFU at
// any run size. compute.mfu, where the scenario
// states it, overrides all of this (the walls then use it and src/workload/step-comm.ts, as before,
// and no plan is searched: the result's plan is null and quantities.mfu_source says 'stated').
// Invariant: pure given its inputs; efficiency in (0, 1].
import type { ShapeFamily } from '../workload/shape.ts';
import { shapeAt } from '../workload/shape.ts';
import { stepClusterFor } from '../workload/step/from-params.ts';
import type { StepCluster } from '../workload/step/cluster.ts';
import type { StepModel } from '../workload/step/model.ts';
import type { Plan } from '../workload/step/plan.ts';
import {
  hbmElasticity,
  nearestBucket,
  referencePoint,
  RunCurve,
  saturation,
  type RunPlanInputs,
  type RunPoint,
  type StepAndBusy,
} from '../workload/step/run-plan.ts';
import { peakAt, type AcceleratorSpec, type Params, type Precision } from '../params/params.ts';
import type { StepPlanRecord } from '../result/types.ts';
import { canonicalizer, sameValue } from './canonical.ts';

/** d_model buckets per octave: neighbouring sizes (within 4.4%) share a plan search. The step
 * model's MFU moves by well under 1% across a bucket (E: its GEMMs scale with d, tile effects aside). */
export const D_MODEL_BUCKETS_PER_OCTAVE = 8;

/** What StepPlans.timing writes. */
export interface RunTiming extends StepAndBusy {
  /** The run's efficiency (StepPlans.efficiencyOf). */
  efficiency: number;
}

export interface StepPlans {
  inputs: RunPlanInputs;
  /** Reference run size (GPUs) the work MFU is taken at: the nearest bucket of the reference run. */
  ref_gpus: number;
  cluster(acc: AcceleratorSpec): StepCluster;
  /** The plan's figures for `gpus` accelerators of `acc`, bandwidths x scale and latencies / scale. */
  at(acc: AcceleratorSpec, gpus: number, networkScale?: number): RunPoint;
  workMfu(acc: AcceleratorSpec): number;
  /** Share of a run's time doing useful work at a point `at` gave (the plan's MFU per busy GPU / the work
   * MFU), <= 1. GPUs the batch cannot keep busy are not counted here: that limit is the network
   * wall's (parallelismFlopPerS), so the resource walls grow with their resource. */
  efficiencyOf(acc: AcceleratorSpec, r: RunPoint): number;
  /** at(acc, gpus, networkScale)'s step_s and efficiencyOf, written into `out` without building
   * the point (the walls and the coupled solve ask thousands of times a run for these alone). */
  timing(acc: AcceleratorSpec, gpus: number, networkScale: number, out: RunTiming): void;
  /** Model FLOP/s the batch lets a run of `acc` reach however many are added (peak x MFU x GPUs). */
  parallelismFlopPerS(acc: AcceleratorSpec, networkScale?: number): number;
  hbmElasticity(acc: AcceleratorSpec): number;
}

/** Canonical models and clusters, one object per distinct value (the run-plan cache keys on object
 * identity; every run normalises its scenario into fresh objects, so identity alone would miss from
 * run to run). Each table is emptied past MAX_CANONICAL objects (a sweep's samples bring models
 * without end). */
const MAX_CANONICAL = 4096;

/** Bucket models by their JSON text: a flat record of numbers, canonicalized once per family and
 * bucket (rare: the text costs nothing there), and the text is the whole value. */
const canonModel = canonicalizer<string, StepModel>(MAX_CANONICAL, (m) => JSON.stringify(m));

/** Members by family text and bucket, so a run finds the members earlier runs made; emptied past
 * MAX_FAMILIES families. A family object's table is found by its text once (every run brings a
 * fresh family) and then by the object (familyTables): looking the text up at every step compared
 * the run's long text with the stored one character by character (different strings, same text). */
const MAX_FAMILIES = 256;
const families = new Map<string, Map<number, StepModel>>();
const familyTables = new WeakMap<ShapeFamily, Map<number, StepModel>>();

/** The family's member at d_model rounded to the bucket grid (one object per bucket and family). */
export function bucketModel(family: ShapeFamily, dModel: number): StepModel {
  const k = Math.round(D_MODEL_BUCKETS_PER_OCTAVE * Math.log2(dModel));
  let byBucket = familyTables.get(family);
  if (byBucket === undefined) {
    const key = JSON.stringify(family);
    byBucket = families.get(key);
    if (!byBucket) {
      if (families.size >= MAX_FAMILIES) families.clear();
      families.set(key, (byBucket = new Map()));
    }
    familyTables.set(family, byBucket);
  }
  let m = byBucket.get(k);
  if (!m) byBucket.set(k, (m = canonModel(shapeAt(family, 2 ** (k / D_MODEL_BUCKETS_PER_OCTAVE)))));
  return m;
}

/** Canonical clusters by name: every run brings fresh generations, so each run finds its clusters
 * here (several a run); compared field by field (sameValue), not by their text (JSON.stringify
 * writes out ~20 doubles, ~4 us a cluster). */
const canonCluster = canonicalizer<string, StepCluster>(MAX_CANONICAL, (c) => c.name, sameValue);

const clusters = new WeakMap<AcceleratorSpec, StepCluster>();

/** The step model's cluster of a generation (one domain; callers set the GPUs), canonical. */
function clusterOf(p: Params, acc: AcceleratorSpec): StepCluster {
  let c = clusters.get(acc);
  if (!c) clusters.set(acc, (c = canonCluster(stepClusterFor(p, acc, acc.scale_up_domain_gpus))));
  return c;
}

/** What a step's plans hold, shared by every step and run with the same inputs and reference. */
interface Shared {
  inputs: RunPlanInputs;
  ref: Plan | null | undefined;
  /** By generation's cluster: one lookup per generation a step asks about, not one per figure. */
  clusters: Map<StepCluster, ClusterPlans>;
}

/** What a Shared holds for one generation's cluster (NaN: not asked yet). */
interface ClusterPlans {
  curves: Map<number, RunCurve>; // by network scale
  work: number;
  saturation: Map<number, number>; // MFU x GPUs at the batch's limit, by network scale
  hbm: number;
}

/** Shared plans by model, reference cluster, precision, reference bucket, batch and imbalance, in
 * nested tables keyed by the objects and numbers themselves (a text key per step, with its
 * numbers written out, cost more than finding the plans it keys). Emptied when it holds more than
 * this many (a sweep's samples each bring their own models, and the figures are cheap to find again). */
const MAX_SHARED = 4096;
type ByNumber<T> = Map<number, T>;
type SharedTable = WeakMap<StepModel, Map<StepCluster, Map<Precision, ByNumber<ByNumber<ByNumber<Shared>>>>>>;
let shared: SharedTable = new WeakMap();
let sharedCount = 0;

/** The table under `key` in `m`, made empty on first ask. */
function within<K, L, V>(m: Map<K, Map<L, V>>, key: K): Map<L, V> {
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = new Map()));
  return v;
}

function sharedPlans(
  model: StepModel,
  refCluster: StepCluster,
  precision: Precision,
  refBucket: number,
  batchTokens: number,
  imbalance: number,
): Shared {
  let byCluster = shared.get(model);
  if (!byCluster) shared.set(model, (byCluster = new Map()));
  const byBatch = within(within(within(byCluster, refCluster), precision), refBucket);
  const byImbalance = within(byBatch, batchTokens);
  let x = byImbalance.get(imbalance);
  if (!x) {
    if (++sharedCount > MAX_SHARED) {
      shared = new WeakMap();
      sharedCount = 0;
      return sharedPlans(model, refCluster, precision, refBucket, batchTokens, imbalance);
    }
    const inputs: RunPlanInputs = { model, precision, batch_tokens: batchTokens, imbalance };
    x = { inputs, ref: undefined, clusters: new Map() };
    byImbalance.set(imbalance, x);
  }
  return x;
}

export function stepPlans(
  p: Params,
  dModel: number,
  precision: Precision,
  batchTokens: number,
  imbalance: number,
  refAcc: AcceleratorSpec,
  refGpus: number,
): StepPlans {
  const model = bucketModel(p.model, dModel);
  const roundedImbalance = Math.round(imbalance * 100) / 100; // two decimals: a cache class, not a measurement
  const refCluster = clusterOf(p, refAcc);
  // the reference run at its bucket (a domain x a power of two): runs a few percent apart share it
  const refBucket = nearestBucket(refGpus, refCluster.domain_gpus);
  const x = sharedPlans(model, refCluster, precision, refBucket, batchTokens, roundedImbalance);
  const inputs = x.inputs;
  const reference = (): Plan | null => (x.ref ??= referencePoint(inputs, refCluster, refBucket).plan);
  // What this step has asked for, by generation and by generation and network scale (as built, and
  // the solve's +-1%): found by a short scan, the last one first (a step asks for a few of each
  // thousands of times); the shared tables fill them on first ask.
  const gens: Generation[] = [];
  let lastGen: Generation | undefined;
  const generation = (acc: AcceleratorSpec): Generation => {
    if (lastGen !== undefined && lastGen.acc === acc) return lastGen;
    for (const g of gens) if (g.acc === acc) return (lastGen = g);
    const c = clusterOf(p, acc);
    let plans = x.clusters.get(c);
    if (!plans) x.clusters.set(c, (plans = { curves: new Map(), work: NaN, saturation: new Map(), hbm: NaN }));
    const g: Generation = { acc, cluster: c, plans, work: NaN };
    gens.push(g);
    return (lastGen = g);
  };
  const cluster = (acc: AcceleratorSpec): StepCluster => generation(acc).cluster;
  const pairs: Scaled[] = [];
  let lastPair: Scaled | undefined;
  const scaled = (acc: AcceleratorSpec, networkScale: number): Scaled => {
    if (lastPair !== undefined && lastPair.acc === acc && lastPair.scale === networkScale) return lastPair;
    for (const e of pairs) if (e.acc === acc && e.scale === networkScale) return (lastPair = e);
    const e: Scaled = { acc, scale: networkScale, gen: generation(acc), curve: undefined, mfu_gpus: NaN };
    pairs.push(e);
    return (lastPair = e);
  };
  const curveOf = (acc: AcceleratorSpec, networkScale: number): RunCurve => {
    const e = scaled(acc, networkScale);
    if (e.curve !== undefined) return e.curve;
    const g = e.gen;
    let curve = g.plans.curves.get(networkScale);
    if (!curve) g.plans.curves.set(networkScale, (curve = new RunCurve(inputs, g.cluster, reference(), networkScale)));
    return (e.curve = curve);
  };
  // The last point asked for: a step asks for its run's point a few times (its MFU, label, comm and
  // record), and a point between buckets is built anew on each ask. Points are read, never written
  // (a bucket's own point is shared by every step and run already).
  let last: { acc: AcceleratorSpec; gpus: number; scale: number; point: RunPoint } | undefined;
  const at = (acc: AcceleratorSpec, gpus: number, networkScale = 1): RunPoint => {
    if (last !== undefined && last.acc === acc && last.gpus === gpus && last.scale === networkScale) return last.point;
    const point = curveOf(acc, networkScale).at(gpus);
    last = { acc, gpus, scale: networkScale, point };
    return point;
  };
  /** The generation's work MFU, found once per step (at the reference bucket, shared). */
  const workOf = (g: Generation): number => {
    if (!Number.isNaN(g.work)) return g.work;
    let w = g.plans.work;
    if (Number.isNaN(w)) g.plans.work = w = at(g.acc, refBucket).work_mfu;
    return (g.work = w);
  };
  const workMfu = (acc: AcceleratorSpec): number => workOf(generation(acc));
  const efficiency = (w: number, r: StepAndBusy): number => (w > 0 ? Math.min(1, r.busy_mfu / w) : 0);
  const efficiencyOf = (acc: AcceleratorSpec, r: StepAndBusy): number => efficiency(workMfu(acc), r);
  return {
    inputs,
    ref_gpus: refBucket,
    cluster,
    at,
    workMfu,
    efficiencyOf,
    timing: (acc, gpus, networkScale, out) => {
      // one scan for the pair, which holds its generation (efficiencyOf would find that again)
      const e = scaled(acc, networkScale);
      (e.curve ?? curveOf(acc, networkScale)).stepAndBusy(gpus, out);
      out.efficiency = efficiency(workOf(e.gen), out);
    },
    parallelismFlopPerS: (acc, networkScale = 1) => {
      const e = scaled(acc, networkScale);
      if (Number.isNaN(e.mfu_gpus)) {
        const g = e.gen;
        let v = g.plans.saturation.get(networkScale);
        if (v === undefined)
          g.plans.saturation.set(networkScale, (v = saturation(inputs, g.cluster, reference(), networkScale).mfu_gpus));
        e.mfu_gpus = v;
      }
      return peakAt(acc, precision) * e.mfu_gpus;
    },
    hbmElasticity: (acc) => {
      const g = generation(acc);
      let e = g.plans.hbm;
      if (Number.isNaN(e)) g.plans.hbm = e = hbmElasticity(inputs, g.cluster, refBucket, reference());
      return e;
    },
  };
}

/** A generation a step asked about: its cluster, the shared plans on it and its work MFU (NaN until asked). */
interface Generation {
  acc: AcceleratorSpec;
  cluster: StepCluster;
  plans: ClusterPlans;
  work: number;
}

/** A generation at a network scale a step asked about: its curve and parallelism limit (NaN until asked). */
interface Scaled {
  acc: AcceleratorSpec;
  scale: number;
  gen: Generation;
  curve: RunCurve | undefined;
  mfu_gpus: number;
}

/** The result's record of the run's plan; `mfuUsed` is what the step used (stated or derived). */
export function planRecord(
  plans: StepPlans,
  acc: AcceleratorSpec,
  gpus: number,
  mfuUsed: number,
): StepPlanRecord | null {
  const r = plans.at(acc, gpus);
  if (!r.plan) return null;
  const x = r.plan;
  return {
    source: 'step model',
    accelerator: acc.name,
    gpus: r.plan_gpus,
    tp: x.tp,
    pp: x.pp,
    dp: x.dp,
    cp: x.cp,
    ep: x.ep,
    micro_batch: x.micro_batch,
    global_batch: x.global_batch,
    schedule: x.schedule,
    chunks: x.chunks,
    recompute: x.recompute,
    zero: x.zero,
    precision: x.precision,
    fits_hbm: r.fits,
    step_s: r.step_s,
    mfu: mfuUsed,
    step_model_mfu: r.mfu,
    work_mfu: plans.workMfu(acc),
    exposed_comm_fraction: r.exposed_comm_fraction,
    bubble_fraction: r.bubble_fraction,
    idle_fraction: r.idle_fraction,
  };
}

/** What a derived run's exposed time is mostly made of (the network constraint's label). */
export function exposedPart(r: RunPoint): string {
  const b = r.breakdown;
  if (!b) return 'no plan';
  const parts: [string, number][] = [
    ['exposed tensor-parallel communication', b.tp_us],
    ['exposed context-parallel exchange', b.cp_us],
    ['exposed expert all-to-all', b.ep_us],
    ['exposed pipeline transfers', b.pp_us],
    ['exposed gradient reduction', b.dp_us],
  ];
  parts.sort((a, c) => c[1] - a[1]);
  return parts[0][0];
}
