// Plan search in the spirit of Calculon (Isaev et al., SC'23): enumerate the plans a cluster can
// run a model with, time each, keep the fastest that fit HBM, and say why the others were
// rejected. The space: TP (powers of two, up to twice the scale-up domain so the rejection is
// visible), PP dividing the rest, CP from the options, DP = GPUs / (TP PP CP), EP dividing both
// DP x CP and the routed experts (CP up to 16 by default, >= 2,048 tokens per rank), micro-batch sizes, schedules (1F1B, interleaved with 2 or 4
// chunks, DualPipe for even PP), recompute and ZeRO stage. Options may hold any field fixed (a
// published configuration) and narrow any list.
// Invariant: `best` is sorted by step time and holds only plans that fit; every enumerated plan is
// either fitting or counted in `rejected_total` (and by reason), with examples kept in `rejected`.
import { clusterProblems, type Precision, type StepCluster } from './cluster.ts';
import { RECOMPUTE, SCHEDULES, makePlan, planProblems, type Plan, type Recompute, type Schedule } from './plan.ts';
import { modelProblems, type StepModel } from './model.ts';
import { evaluatePlan, PlanError, type StepOptions, type StepResult } from './step-time.ts';
import { divisors, gcd, powersOfTwo } from './integers.ts';

export interface SearchOptions {
  /** Sequences per optimizer step. */
  global_batch: number;
  precision?: Precision;
  /** How many of the fastest fitting plans to return (default 5). */
  top?: number;
  /** Fields held at these values in every plan (degrees, schedule, software choices, optimizer). */
  fixed?: Partial<Plan>;
  tp?: number[];
  pp?: number[];
  cp?: number[];
  ep?: number[];
  micro_batch?: number[];
  chunks?: number[];
  schedules?: readonly Schedule[];
  recompute?: readonly Recompute[];
  zero?: readonly (0 | 1 | 2 | 3)[];
  step?: StepOptions;
}

export interface RejectedPlan {
  plan: Plan;
  reasons: string[];
}

export interface SearchResult {
  best: StepResult[];
  /** Plans timed (including those that did not fit). */
  evaluated: number;
  fitting: number;
  /** Examples of rejected plans with their reasons: the first few of each reason kind. */
  rejected: RejectedPlan[];
  /** Every rejected plan, counted. */
  rejected_total: number;
  /** Rejections counted by reason kind (the reason without its numbers, e.g. "does not fit HBM"). */
  rejected_by_reason: Record<string, number>;
}

/** Largest CP tried by default (Llama 3 trained its 128K-token stage at CP 16; Meta 2024; Q). */
export const MAX_DEFAULT_CP = 16;
/**
 * Fewest tokens of a sequence per CP rank the default search tries. A search-space bound, not a
 * model parameter: Llama 3 kept 8,192 per rank at CP 16 (E: 131,072 / 16); a quarter of that
 * still leaves ring attention a block per step to hide its transfer behind.
 */
export const MIN_CP_TOKENS = 2048;
/** Rejected plans kept as examples per reason kind (all are counted). */
export const REJECTED_EXAMPLES_PER_REASON = 20;

/** SMs DeepSeek-V3 dedicates to communication under DualPipe: 20 of 132 (report section 3.2.2; Q). */
export const DUALPIPE_COMM_SM_SHARE = 20 / 132;

/** Every plan the options describe (structurally invalid ones included, to be rejected with reasons). */
export function enumeratePlans(m: StepModel, c: StepCluster, o: SearchOptions): Plan[] {
  const out: Plan[] = [];
  forEachPlan(m, c, o, (p) => out.push(p));
  return out;
}

/** Default CP degrees: powers of two up to 16 keeping >= MIN_CP_TOKENS tokens of a sequence per rank. */
const defaultCp = (m: StepModel): number[] =>
  powersOfTwo(Math.min(MAX_DEFAULT_CP, Math.max(1, m.context_tokens / MIN_CP_TOKENS)));

function forEachPlan(m: StepModel, c: StepCluster, o: SearchOptions, visit: (p: Plan) => void): void {
  const f = o.fixed ?? {};
  const pick = <T>(fixed: T | undefined, list: readonly T[] | undefined, fallback: readonly T[]): readonly T[] =>
    fixed !== undefined ? [fixed] : (list ?? fallback);
  for (const tp of pick(f.tp, o.tp, powersOfTwo(Math.min(c.gpus, 2 * c.domain_gpus, m.heads))))
    for (const cp of pick(f.cp, o.cp, defaultCp(m))) {
      if (c.gpus % (tp * cp) !== 0) continue;
      for (const pp of pick(f.pp, o.pp, divisors(c.gpus / (tp * cp), m.layers))) {
        if (c.gpus % (tp * cp * pp) !== 0) continue;
        const dp = f.dp ?? c.gpus / (tp * cp * pp);
        for (const ep of pick(f.ep, o.ep, expertDegrees(m, dp * cp)))
          for (const micro_batch of pick(f.micro_batch, o.micro_batch, [1, 2, 4]))
            schedulesFor(m, c, o, { tp, cp, pp, dp, ep, micro_batch }, visit);
      }
    }
}

function expertDegrees(m: StepModel, ranks: number): number[] {
  if (m.moe_layers === 0) return [1];
  return divisors(gcd(ranks, m.routed_experts)); // the divisors of both
}

function schedulesFor(
  m: StepModel,
  c: StepCluster,
  o: SearchOptions,
  d: Partial<Plan>,
  visit: (p: Plan) => void,
): void {
  const f = o.fixed ?? {};
  for (const schedule of f.schedule !== undefined ? [f.schedule] : (o.schedules ?? SCHEDULES)) {
    const chunkList = schedule === 'interleaved' ? (f.chunks !== undefined ? [f.chunks] : (o.chunks ?? [2, 4])) : [1];
    const comm_sms = f.comm_sms ?? (schedule === 'dualpipe' ? Math.round(c.sms * DUALPIPE_COMM_SM_SHARE) : 0);
    for (const chunks of chunkList)
      for (const recompute of f.recompute !== undefined ? [f.recompute] : (o.recompute ?? RECOMPUTE))
        for (const zero of f.zero !== undefined ? [f.zero] : (o.zero ?? ([0, 1, 2, 3] as const)))
          visit(
            makePlan({
              ...f,
              tp: d.tp!,
              pp: d.pp!,
              dp: d.dp!,
              cp: d.cp,
              ep: d.ep,
              micro_batch: d.micro_batch,
              global_batch: o.global_batch,
              precision: f.precision ?? o.precision ?? 'bf16',
              schedule,
              chunks,
              recompute,
              zero,
              comm_sms,
            }),
          );
  }
}

/** The fastest plans that fit, with their breakdowns; every rejection counted, examples kept. */
export function searchPlans(m: StepModel, c: StepCluster, o: SearchOptions): SearchResult {
  const global = [...modelProblems(m).map((x) => `model: ${x}`), ...clusterProblems(c).map((x) => `cluster: ${x}`)];
  if (global.length) throw new PlanError(global);
  const top = o.top ?? 5;
  const best: StepResult[] = [];
  const rejected: RejectedPlan[] = [];
  const byReason: Record<string, number> = {};
  let evaluated = 0,
    fitting = 0,
    rejected_total = 0;
  const reject = (plan: Plan, reasons: string[]): void => {
    rejected_total++;
    let keep = false;
    for (const reason of reasons) {
      const kind = reasonKind(reason);
      byReason[kind] = (byReason[kind] ?? 0) + 1;
      if (byReason[kind] <= REJECTED_EXAMPLES_PER_REASON) keep = true;
    }
    if (keep) rejected.push({ plan, reasons });
  };
  forEachPlan(m, c, o, (plan) => {
    const reasons = planProblems(m, c, plan);
    if (reasons.length) return reject(plan, reasons);
    const r = evaluatePlan(m, c, plan, o.step);
    evaluated++;
    if (!r.memory.fits) {
      const gb = `${r.memory.total_gb.toFixed(1)} GB > ${r.memory.capacity_gb.toFixed(1)} GB usable`;
      return reject(plan, [`does not fit HBM: ${gb}`]);
    }
    fitting++;
    insertSorted(best, r, top);
  });
  return { best, evaluated, fitting, rejected, rejected_total, rejected_by_reason: byReason };
}

function insertSorted(best: StepResult[], r: StepResult, top: number): void {
  if (best.length === top && r.step_us >= best[top - 1].step_us) return;
  let i = best.length;
  while (i > 0 && best[i - 1].step_us > r.step_us) i--;
  best.splice(i, 0, r);
  if (best.length > top) best.pop();
}

/** A reason's kind: its text with the numbers taken out ("TP 16 is beyond ..." -> "TP # is beyond ..."). */
export const reasonKind = (reason: string): string => reason.split(':')[0].replace(/\d+(\.\d+)?/g, '#');
