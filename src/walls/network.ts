// Network wall: the largest run that data movement allows however many accelerators are added.
// A compute-optimal run of C FLOP trains on D = sqrt(rC/6) tokens in D / B serial optimizer steps
// (B: the critical batch, src/walls/critical-batch.ts); each step takes at least the step floor
// (src/walls/step-floor.ts). The run fits its training time T while steps x floor <= T; both grow
// with C, so the permit is the C where they meet (found by regula falsi in log C). Two asymptotes are
// reported: latency alone (the "latency wall" of Erdil & Schneider-Joseph 2024) and latency plus the
// gradient bandwidth of synchronous data parallelism; the permit is the tighter. Where the step
// model derives the MFU, a third: the critical batch limits how many accelerators any plan keeps
// busy (DP x PP micro-batches, TP within the domain, CP), so a run cannot train faster than its
// best plan on that many, however many it gets.
// Invariant: permits are finite (capped at MAX_FLOP, reported as "no limit below 1e45 FLOP").
import type { WallAssessment } from '../result/types.ts';
import type { WallInputs } from './inputs.ts';
import { stepFloor, type FloorNetwork } from './step-floor.ts';
import type { WallDefinition } from './types.ts';
import { assessWall } from './wall.ts';

export const MAX_FLOP = 1e45;
const MIN_FLOP = 1e15;

export interface NetworkWallInputs {
  training_seconds: number;
  tokens_per_param: number;
  sequence_tokens: number;
  net: FloorNetwork;
  /** The family's model at `active` parameters: its layers and total parameters. */
  model_at(active: number): { layers: number; moe_layers: number; total_params: number; gradient_bytes: number };
  critical_batch(flop: number, params: number, tokens: number): number;
  /** With a derived MFU: the most FLOP a run on the newest accelerator trains in the training time
   * at the target's critical batch, however many accelerators it gets (the step model: no plan
   * keeps more busy; src/workload/step/run-plan.ts saturation). Absent: no such cap. */
  parallelism_flop?: number;
  /** Where floorPermit keeps what it found for these inputs (steps of a run that share them pass
   * the same slot); absent: computed every time. */
  permits?: FloorPermits;
  /** Where floorPermit keeps the serial time at its bracket's ends, which does not depend on the
   * training time (steps of a run whose inputs differ at most in it pass the same slot); absent:
   * computed every time. */
  ends?: FloorEnds;
}

/** floorPermit's results for one set of inputs, by part (absent until computed). */
export interface FloorPermits {
  latency?: number;
  total?: number;
}

/** Serial seconds of both parts at the low (MIN_FLOP) and high (MAX_FLOP) end of floorPermit's
 * bracket, for inputs that may differ in training time only (absent until computed). */
export interface FloorEnds {
  lo?: SerialParts;
  hi?: SerialParts;
}

interface SerialParts {
  latency: number;
  total: number;
}

/** The data-movement cap: the step floor's permit (latency + gradient bandwidth), and the critical
 * batch's parallelism limit where the step model gives one. */
export function networkCap(x: NetworkWallInputs): number {
  return Math.min(floorPermit(x, 'total'), x.parallelism_flop ?? Infinity);
}

/** Serial training time of a compute-optimal run of `flop` FLOP at the step floor. */
export function serialSeconds(x: NetworkWallInputs, flop: number, part: 'latency' | 'total'): number {
  const tokens = Math.sqrt((x.tokens_per_param * flop) / 6);
  const active = flop / (6 * tokens);
  const batch = Math.max(x.sequence_tokens, x.critical_batch(flop, active, tokens));
  const floor = stepFloor(x.model_at(active), x.net, batch, x.sequence_tokens);
  return (tokens / batch) * (part === 'latency' ? floor.latency_s : floor.total_s);
}

/** serialSeconds(x, flop, part) of both parts, from one step floor (the same arithmetic). */
function serialParts(x: NetworkWallInputs, flop: number): SerialParts {
  const tokens = Math.sqrt((x.tokens_per_param * flop) / 6);
  const active = flop / (6 * tokens);
  const batch = Math.max(x.sequence_tokens, x.critical_batch(flop, active, tokens));
  const floor = stepFloor(x.model_at(active), x.net, batch, x.sequence_tokens);
  return { latency: (tokens / batch) * floor.latency_s, total: (tokens / batch) * floor.total_s };
}

/** serialSeconds at a bracket end (ln C = u), from the inputs' slot where they have one. */
function serialAtEnd(x: NetworkWallInputs, end: 'lo' | 'hi', u: number, part: 'latency' | 'total'): number {
  const ends = x.ends;
  if (ends === undefined) return serialSeconds(x, Math.exp(u), part);
  const s = end === 'lo' ? (ends.lo ??= serialParts(x, Math.exp(u))) : (ends.hi ??= serialParts(x, Math.exp(u)));
  return part === 'latency' ? s.latency : s.total;
}

/** Largest compute-optimal run whose serial time fits the training time. Serial time grows with C
 * close to a power law, so its log is near-linear in log C: regula falsi (Illinois variant) on
 * ln(serial / T) over ln C converges in a handful of evaluations where bisection needed forty,
 * and always keeps a bracket, so the answer is the fitting end of an interval of relative width
 * below REL_TOL. */
export function floorPermit(x: NetworkWallInputs, part: 'latency' | 'total'): number {
  const slot = x.permits;
  if (slot === undefined) return solveFloorPermit(x, part);
  // named, not keyed by `part` (a keyed access by a variable name is the slow generic one)
  if (part === 'latency') return (slot.latency ??= solveFloorPermit(x, part));
  return (slot.total ??= solveFloorPermit(x, part));
}

function solveFloorPermit(x: NetworkWallInputs, part: 'latency' | 'total'): number {
  const excess = (u: number) => Math.log(serialSeconds(x, Math.exp(u), part) / x.training_seconds);
  let lo = Math.log(MIN_FLOP);
  let hi = Math.log(MAX_FLOP);
  // excess at the ends, their serial time kept across training times (one step floor for both parts)
  let fHi = Math.log(serialAtEnd(x, 'hi', hi, part) / x.training_seconds);
  if (fHi <= 0) return MAX_FLOP;
  let fLo = Math.log(serialAtEnd(x, 'lo', lo, part) / x.training_seconds);
  if (fLo > 0) return MIN_FLOP;
  let side = 0;
  for (let i = 0; i < MAX_ITERATIONS && hi - lo > REL_TOL; i++) {
    const u = Math.min(hi - REL_TOL / 4, Math.max(lo + REL_TOL / 4, hi - (fHi * (hi - lo)) / (fHi - fLo)));
    const f = excess(u);
    if (f <= 0) {
      lo = u;
      fLo = f;
      if (side === -1) fHi /= 2; // Illinois: halve the stale end so it cannot stall
      side = -1;
    } else {
      hi = u;
      fHi = f;
      if (side === 1) fLo /= 2;
      side = 1;
    }
  }
  return Math.exp(lo);
}

/** Width of the final bracket in ln C (a relative error of 1e-10 in the permit). */
const REL_TOL = 1e-10;
/** Regula falsi converges in under 20 evaluations here; the cap only guards a pathological input. */
const MAX_ITERATIONS = 200;

export function networkPermit(x: NetworkWallInputs, target: number): WallAssessment {
  const latency = floorPermit(x, 'latency');
  const total = floorPermit(x, 'total');
  const parallel = x.parallelism_flop ?? Infinity;
  const permit = Math.min(total, parallel);
  const limited =
    parallel < total
      ? CRITICAL_BATCH
      : total >= MAX_FLOP
        ? 'no limit below 1e45 FLOP'
        : total < latency * 0.999
          ? 'gradient bandwidth'
          : 'latency';
  const detail: Record<string, number> = { latency_flop: latency, bandwidth_and_latency_flop: total };
  if (x.parallelism_flop !== undefined) detail.parallelism_flop = x.parallelism_flop;
  return assessWall(permit, target, limited, detail);
}

/** What the network wall says when the critical batch's parallelism limit binds. */
export const CRITICAL_BATCH = 'critical batch (no plan keeps more accelerators busy)';

export const networkWall: WallDefinition = {
  id: 'network',
  label: 'network',
  color: '#009E73',
  resource: 'data movement: per-step latency and gradient bandwidth, however many accelerators are added',
  reads: [
    '/network/kernel_latency_us',
    '/network/scale_up_latency_us',
    '/network/hop_latency_us',
    '/network/collective_efficiency',
    '/hardware/*/scale_out_gbit_per_s',
    '/hardware/*/scale_up_domain_gpus',
    '/model',
    '/demand/training_days',
    '/data/tokens_per_param',
  ],
  permit: (x: WallInputs) => networkPermit(x.network, x.target_flop),
};
