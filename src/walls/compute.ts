// GPU compute: the run's share of the fleet x peak FLOP/s x utilization (MFU) x training time.
// The fleet counted here is what logic/packaging supply delivered (GPUs held back only by HBM
// supply still count: that shortfall belongs to the memory wall).
import { assessWall } from './wall.ts';
import type { WallAssessment } from '../result/types.ts';

export interface GenerationCount {
  peak_flop_per_s: number;
  count: number;
}

export function peakFlopPerS(fleet: GenerationCount[]): number {
  return fleet.reduce((sum, g) => sum + g.count * g.peak_flop_per_s, 0);
}

/** FLOP a run can do: peak x MFU x seconds x the run's share of the fleet. */
export function runFlop(peak: number, mfu: number, seconds: number, runShare: number): number {
  return peak * mfu * seconds * runShare;
}

export function computeWall(
  peak: number,
  mfu: number,
  seconds: number,
  runShare: number,
  targetFlop: number,
  supplyLimited: boolean,
): WallAssessment {
  return assessWall(runFlop(peak, mfu, seconds, runShare), targetFlop, supplyLimited ? 'gpu supply' : 'fleet');
}
