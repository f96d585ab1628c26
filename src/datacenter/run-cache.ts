// What the steps of one run share: figures that depend only on the run's parameters and a few
// per-step numbers, so a step finds them instead of computing them again. One cache per run
// (runScenario makes it with the run's AssessContext); never shared between runs, so nothing leaks
// from one scenario or seed to another. Every entry is what a fresh computation on the same inputs
// gives (the same arithmetic, done once), so results do not depend on whether the cache is used.
import type { AcceleratorSpec } from '../params/params.ts';
import { newSolveScratch, type SolveScratch } from './achievable.ts';
import type { FloorEnds, FloorPermits } from '../walls/network.ts';
import type { RoutingImbalance } from '../workload/imbalance-law.ts';
import type { StepCommInputs } from '../workload/step-comm.ts';
import { newAliveFold, type AliveFold, type SiteCounts } from './frame.ts';
import { newLedgerFold, type LedgerFold } from './supply-counts.ts';

export interface RunCache {
  /** The imbalance law by scale-up domain size: its inputs (the family's experts and top-k, the
   * scenario's MoE settings, the learned skew) are fixed for the run. */
  routing: Map<number, RoutingImbalance>;
  /** The network wall's step-floor permits per generation, network scale and training time: its
   * other inputs (model family, data, critical-batch law, network latencies) are fixed for the run. */
  floor: Map<AcceleratorSpec, Map<number, Map<number, FloorPermits>>>;
  /** The step floor's serial time at the ends of the permit's bracket per generation and network
   * scale: the same inputs less the training time, which it does not depend on. */
  floor_ends: Map<AcceleratorSpec, Map<number, FloorEnds>>;
  /** Scratch one step at a time fills and reads, kept for the next step rather than allocated per
   * step (nothing of a step reads it after the step): the alive counts per site and the stated-MFU
   * communication inputs. Not figures: a step refills every field it reads. */
  alive: SiteCounts[];
  /** What the last step's pass left in `alive` (src/datacenter/frame.ts aliveBySite): the next step
   * adds the cohorts landed since, or counts again after a retirement. */
  alive_fold: AliveFold;
  comm_inputs: StepCommInputs | null;
  /** The supply ledgers' folds (src/datacenter/supply-counts.ts): sums a step reads and the next
   * extends, or folds again after a retirement (a fresh pass gives the same numbers). */
  supply: LedgerFold;
  hbm_supply: LedgerFold;
  /** The site operations and runs of a step's base solve, refilled (nothing reads them after the
   * step: its results copy what they keep). */
  solve: SolveScratch;
}

export function newRunCache(): RunCache {
  return {
    routing: new Map(),
    floor: new Map(),
    floor_ends: new Map(),
    alive: [],
    alive_fold: newAliveFold(),
    comm_inputs: null,
    supply: newLedgerFold(),
    hbm_supply: newLedgerFold(),
    solve: newSolveScratch(),
  };
}

/** The slot of the step floor's bracket ends for one generation and network scale. */
export function floorEndsSlot(cache: RunCache, acc: AcceleratorSpec, scale: number): FloorEnds {
  let byScale = cache.floor_ends.get(acc);
  if (byScale === undefined) cache.floor_ends.set(acc, (byScale = new Map()));
  let slot = byScale.get(scale);
  if (slot === undefined) byScale.set(scale, (slot = { lo: undefined, hi: undefined }));
  return slot;
}

/** The slot of step-floor permits for one generation, network scale and training time. */
export function floorSlot(cache: RunCache, acc: AcceleratorSpec, scale: number, trainingSeconds: number): FloorPermits {
  let byScale = cache.floor.get(acc);
  if (byScale === undefined) cache.floor.set(acc, (byScale = new Map()));
  let byTime = byScale.get(scale);
  if (byTime === undefined) byScale.set(scale, (byTime = new Map()));
  let slot = byTime.get(trainingSeconds);
  // both parts present from the start (one object shape for every slot)
  if (slot === undefined) byTime.set(trainingSeconds, (slot = { latency: undefined, total: undefined }));
  return slot;
}
