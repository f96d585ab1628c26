// A fast plan search for the years (issue 12, item 4): the exhaustive search (search.ts) times tens
// of thousands of plans on a large MoE cluster; a scenario run asks for dozens of searches. This one
// times a few hundred: a grid of seeds over the degrees (TP, CP, PP, EP inside the scale-up domain
// or the largest), each with the least-bubble schedule it allows, then steepest descent from the
// best three over single moves (TP, CP, PP, EP up or down, PP and TP traded,
// micro-batch, schedule, recompute, ZeRO stage). Plans that fit HBM rank by step time; plans that
// do not, after every plan that fits, by how far they overflow, so the descent walks into HBM.
// test/workload/step/local-search.test.ts checks it against the exhaustive search.
// Invariant: deterministic (seeds and moves depend only on the inputs); returns the best plan it
// timed, fitting if any fitting plan was timed.
// The search's state and scoring are in searcher.ts, its moves in search-moves.ts, its plan key and
// shared evaluations in search-evaluations.ts.
import type { StepCluster } from './cluster.ts';
import type { StepModel } from './model.ts';
import type { Plan, Schedule } from './plan.ts';
import { neighbours, pushValid, REPAIRS, snapEp } from './search-moves.ts';
import {
  SearchAnswer,
  searcher,
  type LocalSearchOptions,
  type LocalSearchResult,
  type Point,
  type Scored,
  type Searcher,
} from './searcher.ts';

/** Seeds kept from the grid for the descent: the fastest, and the fastest that fit HBM. */
const SEEDS = 3;
const FIT_SEEDS = 2;
/** Most descent moves from one seed (each times ~20 neighbours). */
const MAX_MOVES = 30;

/**
 * The `n` fastest of `cand` by step time (ties: the earlier), timing them in order of their floors
 * and stopping once a floor is above the n-th time found: the same `n` as timing every one.
 */
function fastest<T extends { plan: Plan }>(
  x: Searcher,
  cand: T[],
  n: number,
  fittingOnly = false,
): { e: T; s: Scored }[] {
  // candidates' indices in order of floor (ties: the earlier), floors in an array beside them
  const floors = cand.map((e) => x.floor(e.plan));
  const order = cand.map((_, i) => i).sort((a, b) => floors[a] - floors[b] || a - b);
  const top: { e: T; s: Scored; i: number }[] = [];
  for (const i of order) {
    const e = cand[i],
      f = floors[i];
    if (top.length === n && f > top[n - 1].s.r.step_us) break;
    if (fittingOnly && x.cannotFit(e.plan)) continue; // it would be timed only to be passed over
    const s = x.score(e.plan);
    if (!s || (fittingOnly && !s.fits)) continue;
    top.push({ e, s, i });
    top.sort((a, b) => a.s.r.step_us - b.s.r.step_us || a.i - b.i);
    if (top.length > n) top.pop();
  }
  return top;
}

function seeds(x: Searcher, c: StepCluster): Point[] {
  const cand: { p: Point; plan: Plan }[] = [];
  for (const tp of x.tps)
    for (const cp of x.cps)
      for (const pp of x.ppsFor(tp, cp)) {
        const dpcp = (c.gpus / (tp * cp * pp)) * cp;
        const all = x.eps(dpcp);
        const inDomain = snapEp(x, dpcp, Math.max(1, Math.floor(c.domain_gpus / tp))),
          largest = all[all.length - 1];
        // the schedule valid here first in order of least bubble, for EP in the domain and the largest
        pushValid(x, cand, tp, cp, pp, inDomain, 1, null, 'selective', 1);
        if (largest !== inDomain) pushValid(x, cand, tp, cp, pp, largest, 1, null, 'selective', 1);
      }
  // Ranked by step time with HBM ignored: the descent then trades recompute and ZeRO for fit. And
  // the fastest that fit, where not among those: from seeds that do not fit, the descent walks to
  // the nearest fit, which can be a poor basin (DeepSeek-V3's shape at 1.6e26 FLOP on 36,864 GPUs in
  // 72-GPU domains: PP 4 with full recompute, MFU 0.30; the exhaustive search: PP 18, none, 0.40).
  const top = fastest(x, cand, SEEDS);
  const fit = fastest(x, cand, FIT_SEEDS, true).filter((t) => !top.some((u) => u.e === t.e));
  return [...top, ...fit].map((t) => t.e.p);
}

function descend(x: Searcher, start: Point, gpus: number, layers: number): Scored | null {
  let at = start;
  let best = x.score(x.plan(at));
  for (let i = 0; best && i < MAX_MOVES; i++) {
    let next: { p: Point; s: Scored } | null = null;
    for (const q of neighbours(x, at, gpus, layers)) {
      const plan = x.plan(q);
      const bar = next?.s.score ?? best.score;
      if (!x.mayBeat(plan, bar)) continue; // its floor says it cannot be better: not timed
      const s = x.score(plan);
      if (s && s.score < bar) next = { p: q, s };
    }
    if (!next) break;
    at = next.p;
    best = next.s;
  }
  return best;
}

/** The fastest plan the seeded descent finds (fitting if it timed any that fits). */
export function localSearch(m: StepModel, c: StepCluster, o: LocalSearchOptions): LocalSearchResult {
  const x = searcher(m, c, o);
  let best: Scored | null = null;
  for (const s of seeds(x, c)) {
    const r = descend(x, s, c.gpus, m.layers);
    if (r && (!best || r.score < best.score)) best = r;
  }
  return x.result(best);
}

/**
 * Whether no plan adaptPlan could time fits HBM: it times only candidates (fastest) and candidates
 * with a repair (REPAIRS, the first of which is the candidate as is), so where each of those has a
 * parameter footprint floor over the usable HBM, none fits (footprintFloorGb is under every plan's
 * footprint: test/workload/step/search-shortcuts.test.ts), and the HBM-bounded adaptation would
 * return a plan that does not fit, which findRunPlan drops for the adaptation with HBM ignored (on the same
 * candidates: the runnable ones do not depend on HBM). About a fifth of the bounded adaptations
 * that end without a fit in a derived run are of this kind (E: bench loop, seeds 250-450: 0.2-0.3
 * of 1.2-1.6 a run); this saves their memory repairs' timing. The cheap floor only (no layer
 * costs): the activation floor proved no more of them. Where it leaves a plan open, the bounded
 * adaptation runs as before.
 */
function noneCanFit(x: Searcher, cand: readonly { p: Point }[]): boolean {
  for (const { p } of cand)
    for (const [rc, z] of REPAIRS) if (!x.paramsOverflow(x.plan({ ...p, rc: rc ?? p.rc, z: z ?? p.z }))) return false;
  return true;
}

/** The divisor of `list` nearest `v` in log, and its neighbours in the list. */
function around(list: readonly number[], v: number): number[] {
  if (!list.length) return [];
  let i = 0;
  for (let j = 1; j < list.length; j++) if (Math.abs(Math.log2(list[j] / v)) < Math.abs(Math.log2(list[i] / v))) i = j;
  return [list[i - 1], list[i], list[i + 1]].filter((y) => y !== undefined);
}

/**
 * A plan like `ref` on another cluster or GPU count: the same schedule, recompute, ZeRO stage and
 * micro-batch, with TP within the new domain, CP and TP doubled where the batch cannot otherwise
 * fill the pipelines, PP the divisor nearest the old one or its neighbours, EP snapped or the
 * largest; the best two of those degree sets then also with full recompute and ZeRO-2/3. A few
 * dozen plans timed: the run keeps its plan's shape as it grows or moves to another generation.
 */
export function adaptPlan(m: StepModel, c: StepCluster, o: LocalSearchOptions, ref: Plan): LocalSearchResult {
  const x = searcher(m, c, o);
  const maxTp = x.tps[x.tps.length - 1];
  const tp0 = Math.min(ref.tp, maxTp);
  const cand: { p: Point; plan: Plan }[] = [];
  const sched: [Schedule, number] = [ref.schedule, ref.chunks];
  // TP and CP as the reference's and doubled (where allowed); EP snapped and the largest; the
  // reference's micro-batch and 1; the reference's schedule where valid, else the least-bubble one
  for (let i = 0; i < 2; i++) {
    const tp = i === 0 ? tp0 : tp0 * 2;
    if (!(tp <= maxTp)) continue;
    for (let j = 0; j < 2; j++) {
      const cp = j === 0 ? ref.cp : ref.cp * 2;
      if (!x.cps.includes(cp)) continue;
      for (const pp of around(x.ppsFor(tp, cp), ref.pp)) {
        const dpcp = (c.gpus / (tp * cp * pp)) * cp;
        const all = x.eps(dpcp);
        const snapped = snapEp(x, dpcp, ref.ep),
          largest = all[all.length - 1];
        for (let k = 0; k < (largest === snapped ? 1 : 2); k++) {
          const ep = k === 0 ? snapped : largest;
          pushValid(x, cand, tp, cp, pp, ep, ref.micro_batch, sched, ref.recompute, ref.zero);
          if (ref.micro_batch !== 1) pushValid(x, cand, tp, cp, pp, ep, 1, sched, ref.recompute, ref.zero);
        }
      }
    }
  }
  if (o.ignore_hbm !== true && o.prove_none_fit !== false && cand.length > 0 && noneCanFit(x, cand))
    return new SearchAnswer(m, c, o.step, null, 0, true);
  let best: Scored | null = null;
  for (const { e } of fastest(x, cand, 2))
    for (const [rc, z] of REPAIRS) {
      const plan = x.plan({ ...e.p, rc: rc ?? e.p.rc, z: z ?? e.p.z });
      if (best && !x.mayBeat(plan, best.score)) continue;
      const s = x.score(plan);
      if (s && (!best || s.score < best.score)) best = s;
    }
  return x.result(best);
}
