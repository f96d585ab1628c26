// The local search's plan key and its map of plans checked or timed, shared by the HBM-bounded and unbounded searches.
import type { Plan, Schedule } from './plan.ts';
import type { PlanTiming } from './step-time.ts';

/** Plans checked or timed, by plan key: the timing (timePlan); a number where the plan can run and
 * has not been timed: its step-time floor (stepTimeFloor), or RUNS before one is asked for; null
 * where it cannot run. A step's time and its floor do not depend on HBM capacity, only whether it
 * fits does, so one map serves both rankings. Only the step time and the fit are kept; the
 * winner's full result is evaluated once at the end. */
export type Evaluations = Map<PlanKey, PlanTiming | number | null>;
/** A plan that can run, not timed, its floor not yet asked for (planRuns asked once per plan). */
export const RUNS = -1;

/** A plan's key in a search: the fields the search varies (the rest are the search's own). */
export type PlanKey = number | string;
const inRange = (x: number, n: number): boolean => Number.isInteger(x) && x >= 0 && x < n;
const SCHEDULE_CODES: readonly Schedule[] = ['1f1b', 'interleaved', 'dualpipe'];
const RECOMPUTE_CODES: readonly Plan['recompute'][] = ['none', 'selective', 'full'];

/**
 * The search's key of a plan (TP, CP, PP, EP, micro-batch, schedule, chunks, recompute, ZeRO): one
 * integer in mixed radix (8 + 8 + 9 + 12 + 5 + 4 + 2 + 2 + 2 = 52 bits, exact in a double) where
 * every field is in range, else the fields as a string, which no number equals as a Map key; so
 * distinct plans have distinct keys, and no key string per plan where they are small (the usual).
 */
export function planSearchKey(p: Plan): PlanKey {
  const s = SCHEDULE_CODES.indexOf(p.schedule),
    r = RECOMPUTE_CODES.indexOf(p.recompute);
  if (
    s >= 0 &&
    r >= 0 &&
    inRange(p.tp, 256) &&
    inRange(p.cp, 256) &&
    inRange(p.pp, 512) &&
    inRange(p.ep, 4096) &&
    inRange(p.micro_batch, 32) &&
    inRange(p.chunks, 16) &&
    inRange(p.zero, 4)
  )
    return (
      (((((((p.tp * 256 + p.cp) * 512 + p.pp) * 4096 + p.ep) * 32 + p.micro_batch) * 16 + p.chunks) * 4 + s) * 4 + r) *
        4 +
      p.zero
    );
  return `${p.tp},${p.cp},${p.pp},${p.ep},${p.micro_batch},${p.schedule},${p.chunks},${p.recompute},${p.zero}`;
}
export const newEvaluations = (): Evaluations => new Map();
