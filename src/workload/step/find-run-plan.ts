// One run point found at exactly a GPU count (searched or adapted, HBM-bounded then unbounded) and its figures.
import type { StepCluster } from './cluster.ts';
import { adaptPlan, localSearch } from './local-search.ts';
import { minFootprintGb } from './memory.ts';
import { ADAM_MIXED, type Plan } from './plan.ts';
import type { RunPlanInputs, RunPoint } from './run-plan.ts';
import { newEvaluations, type Evaluations } from './search-evaluations.ts';
import type { LocalSearchOptions } from './searcher.ts';
import type { StepResult } from './step-time.ts';

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

export function pointOf(r: StepResult, fits: boolean, asked: number): RunPoint {
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

export const NO_PLAN: RunPoint = {
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
