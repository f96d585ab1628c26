// The run point at one GPU bucket: found, network-scaled, or half the bucket's where that trains more (rest idle).
import type { StepCluster } from './cluster.ts';
import { networkScaled, sized } from './cluster-variants.ts';
import { findRunPlan, NO_PLAN, pointOf } from './find-run-plan.ts';
import type { Plan } from './plan.ts';
import type { RunPlanInputs, RunPoint } from './run-plan.ts';
import { classCache, planKey } from './run-plan-cache.ts';
import { stepTime } from './step-time.ts';

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
export function bucketPoint(
  i: RunPlanInputs,
  c: StepCluster,
  gpus: number,
  networkScale: number,
  ref: Plan | null,
): RunPoint {
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
