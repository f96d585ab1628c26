// Run points cached for the process by plan class (cluster class, model, batch...), with interned keys for the hot path.
import type { StepCluster } from './cluster.ts';
import { runBatchSequences } from './find-run-plan.ts';
import type { Plan } from './plan.ts';
import type { RunPlanInputs, RunPoint } from './run-plan.ts';

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
export function classCache(i: RunPlanInputs, c: StepCluster): Map<string, RunPoint> {
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

const planKeys = new WeakMap<Plan, number>();
export const planKey = (p: Plan | null): number => {
  if (!p) return -1;
  let k = planKeys.get(p);
  if (k === undefined)
    planKeys.set(
      p,
      (k = intern([p.tp, p.cp, p.pp, p.ep, p.micro_batch, p.schedule, p.chunks, p.recompute, p.zero].join(','))),
    );
  return k;
};
