// One local search's state (local-search.ts): the plans it scores, their step-time and HBM floors, and its answer.
import type { StepCluster } from './cluster.ts';
import type { StepModel } from './model.ts';
import { layerCosts } from './layer-cost.ts';
import { footprintFloorGb } from './memory.ts';
import { meanRankActFloorBytes } from './mean-rank.ts';
import { makePlan, planRuns, type Plan, type Schedule } from './plan.ts';
import { DUALPIPE_COMM_SM_SHARE, MAX_DEFAULT_CP, MIN_CP_TOKENS } from './search.ts';
import { newEvaluations, planSearchKey, RUNS, type Evaluations, type PlanKey } from './search-evaluations.ts';
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

export interface Scored {
  r: PlanTiming;
  fits: boolean;
  /** Lower is better: step time if it fits, else 1e30 x the HBM overflow. */
  score: number;
}

/** One search's state: the degrees it ranges over, and every plan scored, timed and floored once. */
export function searcher(m: StepModel, c: StepCluster, o: LocalSearchOptions) {
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
export class SearchAnswer implements LocalSearchResult {
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

/** A search's state (searcher), and a point of its space: degrees, micro-batch, schedule, recompute, ZeRO. */
export type Searcher = ReturnType<typeof searcher>;
export type Point = Parameters<Searcher['plan']>[0];
