// The planner's view of a future time: the run the plan asks for then, the newest accelerator on
// sale, and what one accelerator will sustain on that run's workload (peak at the precision then x
// MFU x HBM roofline x the exposed-communication efficiency last seen), hence the FLOP/s and the
// accelerators the plan needs. When the step model derives the MFU, the planner projects with the
// work MFU and precision last seen (a step's plan; before the first step, the plan the first step
// will find), as it does with the exposed communication. Pure.
import { moePlacement } from '../workload/moe-placement.ts';
import type { ModelShape } from '../moe/shape.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import { computeOptimalParams, shapeForActiveParams } from '../workload/shape.ts';
import { demandAt, type Demand } from '../demand/demand.ts';
import {
  itWattsPerGpu,
  mfuAt,
  newestAccelerator,
  peakAt,
  precisionAt,
  rackKw,
  type AcceleratorSpec,
  type Params,
} from '../params/params.ts';
import { fitsDensity } from '../walls/cooling.ts';
import type { World } from '../datacenter/world.ts';
import { stepPlansAt } from '../datacenter/step-inputs.ts';
import type { FirstLook, PlannerMemo } from './memo.ts';
import type { Projections } from './projections.ts';

export interface Projection {
  t: number;
  demand: Demand;
  newest: AcceleratorSpec;
  /** FLOP/s one accelerator sustains on the run (after exposed communication). */
  sustained(acc: AcceleratorSpec): number;
  /** Sustained FLOP/s the plan's run needs across the fleet (before the run's share). */
  needed_flop_per_s: number;
}

export function project(
  p: Params,
  world: World,
  t: number,
  makeProfile: (s: ModelShape) => WorkloadProfile,
  memo?: PlannerMemo,
): Projection {
  const run = projectedRun(p, t, world.algorithmic_boost, makeProfile, memo?.projections);
  const seen = run.mfu === null ? (world.last_work_mfu ?? firstLook(p, world, makeProfile, memo)) : null;
  return new ProjectionView(t, run, world.last_network_efficiency, seen);
}

/** A projection as one object with a method, not a literal holding a fresh closure: every review
 * makes three, and each closure was a function, its context and the literal (the same products). */
class ProjectionView implements Projection {
  readonly demand: Demand;
  readonly newest: AcceleratorSpec;
  readonly needed_flop_per_s: number;
  constructor(
    readonly t: number,
    private readonly run: ProjectedRun,
    private readonly eta: number,
    private readonly seen: FirstLook | null,
  ) {
    const d = run.demand;
    this.demand = d;
    this.newest = run.newest;
    this.needed_flop_per_s = d.target_flop / (d.training_seconds * d.run_share);
  }

  sustained(acc: AcceleratorSpec): number {
    const seen = this.seen;
    if (seen) return peakAt(acc, seen.precision) * seen.mfu * this.eta;
    const r = this.run;
    return Math.min(peakAt(acc, r.precision), r.ai * acc.hbm_bytes_per_s) * r.mfu! * this.eta;
  }
}

/** What a projection reads of the scenario alone at (t, algorithmic boost): the world's state
 * enters only through the efficiency and MFU last seen. */
export interface ProjectedRun {
  boost: number;
  demand: Demand;
  newest: AcceleratorSpec;
  /** Arithmetic intensity of the run's workload on the newest generation's placement. */
  ai: number;
  precision: ReturnType<typeof precisionAt>;
  mfu: number | null;
}

/** A ProjectedRun built by a constructor, not a literal: the early runs' projections outlive a few
 * scavenges in the memo, V8 then pretenured the literal's allocation site and every later run built
 * its projections in old space, where they died with the run (src/params/packed-map.ts). */
class ProjectedRunRecord implements ProjectedRun {
  constructor(
    readonly boost: number,
    readonly demand: Demand,
    readonly newest: AcceleratorSpec,
    readonly ai: number,
    readonly precision: ReturnType<typeof precisionAt>,
    readonly mfu: number | null,
  ) {}
}

function projectedRun(
  p: Params,
  t: number,
  boost: number,
  makeProfile: (s: ModelShape) => WorkloadProfile,
  byTime: Projections | undefined,
): ProjectedRun {
  const hit = byTime?.get(t);
  if (hit !== undefined && hit.boost === boost) return hit;
  const d = demandAt(p, t, boost);
  const profile = makeProfile(
    shapeForActiveParams(p.model, computeOptimalParams(d.target_flop, p.data.tokens_per_param)),
  );
  const newest = newestAccelerator(p, t);
  const ai = profile.at(
    p.model.micro_batch_tokens_per_gpu,
    moePlacement(p.moe, profile.shape, newest.scale_up_domain_gpus),
  ).arithmetic_intensity;
  const run = new ProjectedRunRecord(boost, d, newest, ai, precisionAt(p, t), mfuAt(p, t));
  byTime?.set(t, run);
  return run;
}

/** The step model's work MFU of the newest generation at the horizon start, as the first step will
 * see it (reviews at the start run before the first assessment). A review's three projections ask
 * for it on one world: the memo keeps the first answer until the next review (src/planner/review.ts
 * clears it), so the plan search runs once per review, not three times. */
function firstLook(
  p: Params,
  world: World,
  makeProfile: (s: ModelShape) => WorkloadProfile,
  memo: PlannerMemo | undefined,
): FirstLook {
  if (memo?.first_look) return memo.first_look;
  const t0 = p.horizon.start_year;
  const plans = stepPlansAt(p, world, t0, makeProfile);
  const look: FirstLook = { mfu: plans.workMfu(newestAccelerator(p, t0)), precision: precisionAt(p, t0) };
  if (memo) memo.first_look = look;
  return look;
}

/** The PUE accelerators of this generation will run at on a site: its technology if the racks fit,
 * else the retrofit target's. */
export function plannedPue(
  p: Params,
  technology: keyof Params['cooling']['technologies'],
  acc: AcceleratorSpec,
): number {
  const fits = fitsDensity(rackKw(acc, p), p.cooling.technologies[technology]);
  return p.cooling.technologies[fits ? technology : p.cooling.retrofit_to].pue;
}

/** Facility MW one accelerator needs on a site of this technology. */
export function facilityMwPerGpu(
  p: Params,
  technology: keyof Params['cooling']['technologies'],
  acc: AcceleratorSpec,
): number {
  return (itWattsPerGpu(acc, p) * plannedPue(p, technology, acc)) / 1e6;
}
