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
import type { StepCluster } from './cluster.ts';
import type { StepModel } from './model.ts';
import { layerCosts } from './layer-cost.ts';
import { footprintFloorGb } from './memory.ts';
import { meanRankActFloorBytes } from './mean-rank.ts';
import { makePlan, planRuns, type Plan, type Schedule } from './plan.ts';
import { DUALPIPE_COMM_SM_SHARE, MAX_DEFAULT_CP, MIN_CP_TOKENS } from './search.ts';
import {
  evaluatePlan,
  stepTimeFloor,
  timePlan,
  type PlanTiming,
  type StepOptions,
  type StepResult,
} from './step-time.ts';
import { gcd, keptDivisors, powersOfTwo } from './integers.ts';

export interface LocalSearchOptions {
  global_batch: number;
  precision: Plan['precision'];
  step?: StepOptions;
  /** Rank every plan by step time as if HBM were unbounded (the stand-in when no plan fits). */
  ignore_hbm?: boolean;
  /** Plans already timed on this model, cluster and options (newEvaluations), shared between
   * searches: the HBM-bounded and unbounded searches time mostly the same plans. */
  evaluations?: Evaluations;
  /** False: an HBM-bounded adaptation times its plans even where none can fit (noneCanFit), so a
   * test can set the shortcut's answers against the search's without it (default true). */
  prove_none_fit?: boolean;
}

/** Plans checked or timed, by plan key: the timing (timePlan); a number where the plan can run and
 * has not been timed: its step-time floor (stepTimeFloor), or RUNS before one is asked for; null
 * where it cannot run. A step's time and its floor do not depend on HBM capacity, only whether it
 * fits does, so one map serves both rankings. Only the step time and the fit are kept; the
 * winner's full result is evaluated once at the end. */
export type Evaluations = Map<PlanKey, PlanTiming | number | null>;
/** A plan that can run, not timed, its floor not yet asked for (planRuns asked once per plan). */
const RUNS = -1;

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

export interface LocalSearchResult {
  /** The winner's full result (evaluatePlan), found when first read: a caller that drops the
   * answer (an HBM-bounded one that does not fit) does not time the winner again. */
  readonly best: StepResult | null;
  /** The winning plan (best's plan), null where no plan can run. */
  winner: Plan | null;
  fits: boolean;
  /** Plans timed. */
  evaluated: number;
  /** True where an HBM-bounded adaptation showed, before timing any plan, that none it could return
   * fits HBM (`best` is then null): the caller's search with HBM ignored gives the answer. */
  none_fit: boolean;
}

/** Seeds kept from the grid for the descent: the fastest, and the fastest that fit HBM. */
const SEEDS = 3;
const FIT_SEEDS = 2;
/** Most descent moves from one seed (each times ~20 neighbours). */
const MAX_MOVES = 30;
const SCHEDULE_VARIANTS: [Schedule, number][] = [
  ['1f1b', 1],
  ['interleaved', 2],
  ['interleaved', 4],
  ['dualpipe', 1],
];

/** Seed schedules, least bubble first: the first valid one is timed. */
const SEED_SCHEDULES: [Schedule, number][] = [
  ['interleaved', 4],
  ['interleaved', 2],
  ['dualpipe', 1],
  ['1f1b', 1],
];

interface Scored {
  r: PlanTiming;
  fits: boolean;
  /** Lower is better: step time if it fits, else 1e30 x the HBM overflow. */
  score: number;
}

function searcher(m: StepModel, c: StepCluster, o: LocalSearchOptions) {
  const seen = new Map<PlanKey, Scored | null>();
  let evaluated = 0;
  const cps = powersOfTwo(Math.min(MAX_DEFAULT_CP, Math.max(1, m.context_tokens / MIN_CP_TOKENS)));
  const tps = powersOfTwo(Math.min(c.gpus, c.domain_gpus, m.heads));
  const ppsFor = (tp: number, cp: number): readonly number[] =>
    c.gpus % (tp * cp) === 0 ? keptDivisors(c.gpus / (tp * cp), m.layers) : [];
  // EP divides both DP x CP and the routed experts: the divisors of their gcd (a loop to the
  // experts, not to DP x CP, which reaches hundreds of thousands at the batch's saturation size)
  const epCache = new Map<number, readonly number[]>();
  const eps = (dpcp: number): readonly number[] => {
    let out = epCache.get(dpcp);
    if (!out) epCache.set(dpcp, (out = m.moe_layers === 0 ? [1] : keptDivisors(gcd(dpcp, m.routed_experts), dpcp)));
    return out;
  };

  const plan = (x: {
    tp: number;
    cp: number;
    pp: number;
    ep: number;
    mb: number;
    s: [Schedule, number];
    rc: Plan['recompute'];
    z: Plan['zero'];
  }): Plan =>
    makePlan({
      tp: x.tp,
      pp: x.pp,
      dp: c.gpus / (x.tp * x.cp * x.pp),
      cp: x.cp,
      ep: x.ep,
      micro_batch: x.mb,
      global_batch: o.global_batch,
      schedule: x.s[0],
      chunks: x.s[1],
      recompute: x.rc,
      zero: x.z,
      precision: o.precision,
      comm_sms: x.s[0] === 'dualpipe' ? Math.round(c.sms * DUALPIPE_COMM_SM_SHARE) : 0,
    });

  const evaluations = o.evaluations ?? newEvaluations();
  // the last plan's key kept: the descent asks ok, floor and score of one plan in a row
  let lastPlan: Plan | null = null,
    lastKey: PlanKey = 0;
  const keyOf = (p: Plan): PlanKey => {
    if (p !== lastPlan) {
      lastKey = planSearchKey(p);
      lastPlan = p;
    }
    return lastKey;
  };
  /** Whether the plan can run (checked once; a plan that cannot is remembered as null). */
  const ok = (p: Plan, key: PlanKey = keyOf(p)): boolean => {
    const r = evaluations.get(key);
    if (r !== undefined) return r !== null;
    const runs = Number.isInteger(p.dp) && planRuns(m, c, p);
    evaluations.set(key, runs ? RUNS : null);
    return runs;
  };
  const timed = (key: PlanKey, p: Plan): PlanTiming | null => {
    const r = evaluations.get(key);
    if (r !== undefined && typeof r !== 'number') return r;
    const t = ok(p, key) ? timePlan(m, c, p, o.step) : null;
    if (t) evaluated++;
    evaluations.set(key, t);
    return t;
  };
  const score = (p: Plan): Scored | null => {
    const key = keyOf(p);
    let s = seen.get(key);
    if (s !== undefined) return s;
    const r = timed(key, p);
    s = null;
    if (r) {
      const fits = o.ignore_hbm === true || r.fits;
      s = { r, fits, score: fits ? r.step_us : NO_FIT * (r.total_gb / r.capacity_gb) };
    }
    seen.set(key, s);
    return s;
  };
  /** The step time if timed, else stepTimeFloor's floor under it, found once (Infinity: cannot run). */
  const floor = (p: Plan): number => {
    const key = keyOf(p);
    const r = evaluations.get(key);
    if (r === null) return Infinity;
    if (typeof r === 'object') return r.step_us;
    if (r !== undefined && r !== RUNS) return r;
    if (!ok(p, key)) return Infinity;
    const f = stepTimeFloor(m, c, p, o.step);
    evaluations.set(key, f);
    return f;
  };
  const capacity = c.hbm_gb * c.hbm_usable_fraction;
  /** The overflow score a plan cannot go under, from footprintFloorGb (0: it may fit HBM); with
   * `activations`, the activation floor added where the plan can run (a layer-cost lookup). */
  const overflowFloor = (p: Plan, activations: boolean): number => {
    if (o.ignore_hbm === true) return 0;
    const act = activations && ok(p) ? meanRankActFloorBytes(m, p, layerCosts(m, c, p, o.step)) : 0;
    const gb = footprintFloorGb(m, p, act);
    return gb > capacity ? NO_FIT * (gb / capacity) : 0;
  };
  /** Whether the plan certainly does not fit HBM (where that counts): its footprint floor overflows. */
  const cannotFit = (p: Plan): boolean => overflowFloor(p, false) > 0 || overflowFloor(p, true) > 0;
  /** False when the plan cannot score below `bar`: where it may fit, its step-time floor is no lower
   * than a fitting bar; where it cannot, its overflow floor is no lower (a fitting plan's time is
   * below every overflow score). The parameters' floor first, the activations' only if still open. */
  const mayBeat = (p: Plan, bar: number): boolean => {
    const over = overflowFloor(p, false);
    if (over > 0) {
      if (over >= bar) return false;
    } else if (bar < NO_FIT && !(floor(p) < bar)) return false;
    const full = overflowFloor(p, true);
    return full === 0 || full < bar;
  };
  /** The search's answer: the winner's full result (evaluatePlan: the same step time as timed). */
  const result = (best: Scored | null): LocalSearchResult => new SearchAnswer(m, c, o.step, best, evaluated, false);
  /** Whether the plan's parameter footprint floor alone (no layer costs) overflows HBM, HBM bounded. */
  const paramsOverflow = (p: Plan): boolean => overflowFloor(p, false) > 0;
  return {
    score,
    plan,
    ok,
    floor,
    mayBeat,
    cannotFit,
    paramsOverflow,
    tps,
    cps,
    ppsFor,
    eps,
    result,
    evaluated: () => evaluated,
  };
}

/** A search's answer (LocalSearchResult), the winner's full result evaluated on first read. */
class SearchAnswer implements LocalSearchResult {
  readonly winner: Plan | null;
  readonly fits: boolean;
  private full: StepResult | null | undefined = undefined;
  constructor(
    private readonly m: StepModel,
    private readonly c: StepCluster,
    private readonly step: StepOptions | undefined,
    won: Scored | null,
    readonly evaluated: number,
    readonly none_fit: boolean,
  ) {
    this.winner = won ? won.r.plan : null;
    this.fits = won?.fits ?? false;
  }
  get best(): StepResult | null {
    if (this.full === undefined) this.full = this.winner ? evaluatePlan(this.m, this.c, this.winner, this.step) : null;
    return this.full;
  }
}

/** Score scale of plans that do not fit HBM: above every step time in microseconds. */
const NO_FIT = 1e30;

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

type Searcher = ReturnType<typeof searcher>;
type Point = Parameters<Searcher['plan']>[0];

/** The expert degree nearest `ep` (in log) among those valid for DP x CP. */
function snapEp(x: Searcher, dpcp: number, ep: number): number {
  const options = x.eps(dpcp);
  let best = options[0];
  for (const e of options) if (Math.abs(Math.log2(e / ep)) < Math.abs(Math.log2(best / ep))) best = e;
  return best;
}

/** Software changes tried with every degree move, so that a move needing more memory relief than
 * one step of recompute or ZeRO gives is not lost: as is, full recompute, and full recompute with
 * ZeRO-2 or ZeRO-3. */
const REPAIRS: [Plan['recompute'] | null, Plan['zero'] | null][] = [
  [null, null],
  ['full', null],
  ['full', 2],
  ['full', 3],
];

/** A point from its fields (an explicit literal: a spread copy per neighbour was most of the
 * descent's own time). */
const pointOf = (
  tp: number,
  cp: number,
  pp: number,
  ep: number,
  mb: number,
  s: [Schedule, number],
  rc: Plan['recompute'],
  z: Plan['zero'],
): Point => ({ tp, cp, pp, ep, mb, s, rc, z });

/** Points at new degrees onto `out`: EP snapped to the old degree and (MoE) the largest valid one,
 * each as is and with the memory repairs above. */
function withDegrees(x: Searcher, p: Point, tp: number, cp: number, pp: number, gpus: number, out: Point[]): void {
  if (gpus % (tp * cp * pp) !== 0) return;
  const dpcp = (gpus / (tp * cp * pp)) * cp;
  const all = x.eps(dpcp);
  const snapped = snapEp(x, dpcp, p.ep),
    largest = all[all.length - 1];
  for (let k = 0; k < (largest === snapped ? 1 : 2); k++) {
    const ep = k === 0 ? snapped : largest;
    for (const [rc, z] of REPAIRS) out.push(pointOf(tp, cp, pp, ep, p.mb, p.s, rc ?? p.rc, z ?? p.z));
  }
}

const MICRO_BATCHES: readonly number[] = [1, 2, 4];
const RECOMPUTES: readonly Plan['recompute'][] = ['none', 'selective', 'full'];
const ZERO_STAGES: readonly Plan['zero'][] = [1, 2, 3];

/** The point's single moves, in a fixed order (the descent takes the first that is best): TP down
 * and up (each as is and traded against PP), CP, PP and EP down and up, the micro-batch, then the
 * other schedules, recomputes and ZeRO stages. A neighbour of `list` is the entry either side of
 * the point's value (none below the first, or where the value is not in the list, only the first). */
function neighbours(x: Searcher, p: Point, gpus: number, layers: number): Point[] {
  const out: Point[] = [];
  const ti = x.tps.indexOf(p.tp);
  for (let j = ti - 1; j <= ti + 1; j += 2) {
    if (j < 0 || j >= x.tps.length) continue;
    const tp = x.tps[j];
    withDegrees(x, p, tp, p.cp, p.pp, gpus, out);
    const traded = (p.pp * p.tp) / tp; // keep TP x PP
    if (Number.isInteger(traded) && traded <= layers) withDegrees(x, p, tp, p.cp, traded, gpus, out);
  }
  const ci = x.cps.indexOf(p.cp);
  for (let j = ci - 1; j <= ci + 1; j += 2)
    if (j >= 0 && j < x.cps.length) withDegrees(x, p, p.tp, x.cps[j], p.pp, gpus, out);
  const pps = x.ppsFor(p.tp, p.cp),
    pi = pps.indexOf(p.pp);
  for (let j = pi - 1; j <= pi + 1; j += 2)
    if (j >= 0 && j < pps.length) withDegrees(x, p, p.tp, p.cp, pps[j], gpus, out);
  const eps = x.eps((gpus / (p.tp * p.cp * p.pp)) * p.cp),
    ei = eps.indexOf(p.ep);
  for (let j = ei - 1; j <= ei + 1; j += 2)
    if (j >= 0 && j < eps.length) out.push(pointOf(p.tp, p.cp, p.pp, eps[j], p.mb, p.s, p.rc, p.z));
  const mi = MICRO_BATCHES.indexOf(p.mb);
  for (let j = mi - 1; j <= mi + 1; j += 2)
    if (j >= 0 && j < MICRO_BATCHES.length) out.push(pointOf(p.tp, p.cp, p.pp, p.ep, MICRO_BATCHES[j], p.s, p.rc, p.z));
  for (const s of SCHEDULE_VARIANTS)
    if (s[0] !== p.s[0] || s[1] !== p.s[1]) out.push(pointOf(p.tp, p.cp, p.pp, p.ep, p.mb, s, p.rc, p.z));
  for (const rc of RECOMPUTES) if (rc !== p.rc) out.push(pointOf(p.tp, p.cp, p.pp, p.ep, p.mb, p.s, rc, p.z));
  for (const z of ZERO_STAGES) if (z !== p.z) out.push(pointOf(p.tp, p.cp, p.pp, p.ep, p.mb, p.s, p.rc, z));
  return out;
}

/** The point at these degrees and software choices with the first schedule that can run (`first`,
 * then SEED_SCHEDULES in order of least bubble) onto `cand`; none if no schedule can run. */
function pushValid(
  x: Searcher,
  cand: { p: Point; plan: Plan }[],
  tp: number,
  cp: number,
  pp: number,
  ep: number,
  mb: number,
  first: [Schedule, number] | null,
  rc: Plan['recompute'],
  z: Plan['zero'],
): void {
  for (let k = first ? -1 : 0; k < SEED_SCHEDULES.length; k++) {
    const p: Point = { tp, cp, pp, ep, mb, s: k < 0 ? first! : SEED_SCHEDULES[k], rc, z };
    const plan = x.plan(p);
    if (x.ok(plan)) {
      cand.push({ p, plan });
      return;
    }
  }
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
