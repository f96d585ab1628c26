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
  referencePoint,
  runPlanAt,
  saturation,
  type RunPlanInputs,
  type RunPoint,
} from '../workload/step/run-plan.ts';
import { peakAt, type AcceleratorSpec, type Params, type Precision } from '../params/params.ts';
import type { StepPlanRecord } from '../result/types.ts';

/** d_model buckets per octave: neighbouring sizes (within 4.4%) share a plan search. The step
 * model's MFU moves by well under 1% across a bucket (E: its GEMMs scale with d, tile effects aside). */
export const D_MODEL_BUCKETS_PER_OCTAVE = 8;

export interface StepPlans {
  inputs: RunPlanInputs;
  /** Reference run size (GPUs) the work MFU is taken at. */
  ref_gpus: number;
  cluster(acc: AcceleratorSpec): StepCluster;
  /** The plan's figures for `gpus` accelerators of `acc`, bandwidths x scale and latencies / scale. */
  at(acc: AcceleratorSpec, gpus: number, networkScale?: number): RunPoint;
  workMfu(acc: AcceleratorSpec): number;
  /** Share of a run's time doing useful work at this size (the plan's MFU per busy GPU / the work
   * MFU), <= 1. GPUs the batch cannot keep busy are not counted here: that limit is the network
   * wall's (parallelismFlopPerS), so the resource walls grow with their resource. */
  efficiency(acc: AcceleratorSpec, gpus: number, networkScale?: number): number;
  /** Model FLOP/s the batch lets a run of `acc` reach however many are added (peak x MFU x GPUs). */
  parallelismFlopPerS(acc: AcceleratorSpec, networkScale?: number): number;
  hbmElasticity(acc: AcceleratorSpec): number;
}

const models = new WeakMap<ShapeFamily, Map<number, StepModel>>();

/** The family's member at d_model rounded to the bucket grid (one object per bucket and family). */
export function bucketModel(family: ShapeFamily, dModel: number): StepModel {
  const k = Math.round(D_MODEL_BUCKETS_PER_OCTAVE * Math.log2(dModel));
  let byBucket = models.get(family);
  if (!byBucket) models.set(family, (byBucket = new Map()));
  let m = byBucket.get(k);
  if (!m) byBucket.set(k, (m = shapeAt(family, 2 ** (k / D_MODEL_BUCKETS_PER_OCTAVE))));
  return m;
}

const clusters = new WeakMap<AcceleratorSpec, StepCluster>();

export function stepPlans(
  p: Params,
  dModel: number,
  precision: Precision,
  batchTokens: number,
  imbalance: number,
  refAcc: AcceleratorSpec,
  refGpus: number,
): StepPlans {
  const inputs: RunPlanInputs = {
    model: bucketModel(p.model, dModel),
    precision,
    batch_tokens: batchTokens,
    imbalance: Math.round(imbalance * 100) / 100, // two decimals: a cache class, not a measurement
  };
  const cluster = (acc: AcceleratorSpec): StepCluster => {
    let c = clusters.get(acc);
    if (!c) clusters.set(acc, (c = stepClusterFor(p, acc, acc.scale_up_domain_gpus)));
    return c;
  };
  let ref: Plan | null | undefined;
  const reference = (): Plan | null => (ref ??= referencePoint(inputs, cluster(refAcc), refGpus).plan);
  const work = new Map<AcceleratorSpec, number>();
  const at = (acc: AcceleratorSpec, gpus: number, networkScale = 1) =>
    runPlanAt(inputs, cluster(acc), gpus, reference(), networkScale);
  const workMfu = (acc: AcceleratorSpec): number => {
    let w = work.get(acc);
    if (w === undefined) work.set(acc, (w = at(acc, refGpus).work_mfu));
    return w;
  };
  return {
    inputs,
    ref_gpus: refGpus,
    cluster,
    at,
    workMfu,
    efficiency: (acc, gpus, networkScale = 1) => {
      const w = workMfu(acc);
      return w > 0 ? Math.min(1, at(acc, gpus, networkScale).busy_mfu / w) : 0;
    },
    parallelismFlopPerS: (acc, networkScale = 1) =>
      peakAt(acc, precision) * saturation(inputs, cluster(acc), reference(), networkScale).mfu_gpus,
    hbmElasticity: (acc) => hbmElasticity(inputs, cluster(acc), refGpus, reference()),
  };
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
