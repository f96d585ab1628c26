// The frontier run the scenario asks for at time t, in physical FLOP (growing at the scenario's
// physical rate), and the algorithmic progress beside it: the effective target is the physical
// target times the gain the plan assumes; the effective compute achieved is physical compute times
// the gain actually achieved. Algorithms are a multiplier, never a wall. The run's share of the
// fleet shrinks as inference (test-time compute) takes more.
import { algorithmicGain } from './algorithmic-gain.ts';
import type { Params } from '../params/params.ts';

export interface Demand {
  years: number;
  /** Physical FLOP of the frontier run the plan asks for. */
  target_flop: number;
  achieved_gain: number;
  assumed_gain: number;
  /** target_flop x assumed_gain: capability-equivalent compute the plan asks for. */
  target_effective_flop: number;
  training_days: number;
  training_seconds: number;
  inference_share: number;
  /** Share of the whole fleet one frontier run uses: (1 - inference share) x run share. */
  run_share: number;
}

export const SECONDS_PER_DAY = 86_400;

/** demandAt(p, t).inference_share alone (the cost model's inference siting reads nothing else, every
 * step of every run). */
export function inferenceShareAt(p: Params, t: number): number {
  const years = t - p.horizon.start_year;
  return Math.min(
    p.compute.max_inference_share,
    p.compute.inference_share * Math.pow(p.compute.inference_share_growth_per_year, Math.max(0, years)),
  );
}

export function demandAt(p: Params, t: number, algorithmicBoost = 1): Demand {
  const years = t - p.horizon.start_year;
  const target_flop = p.demand.frontier_run_flop * Math.pow(p.demand.growth_per_year, years);
  const achieved_gain = algorithmicGain(p.algorithms, years) * algorithmicBoost;
  const assumed_gain = Math.pow(2, Math.max(0, years) / p.demand.assumed_halving_years);
  const grown = p.demand.training_days * Math.pow(p.demand.training_days_growth_per_year, Math.max(0, years));
  const training_days = Math.min(p.demand.max_training_days, grown);
  const inference_share = inferenceShareAt(p, t);
  return {
    years,
    target_flop,
    achieved_gain,
    assumed_gain,
    target_effective_flop: target_flop * assumed_gain,
    training_days,
    training_seconds: training_days * SECONDS_PER_DAY,
    inference_share,
    run_share: (1 - inference_share) * p.compute.run_share,
  };
}
