// HBM memory: (1) the roofline, attainable FLOP/s = min(peak, arithmetic intensity x HBM bandwidth)
// (Williams, Waterman & Patterson, CACM 2009); (2) capacity, the sharded training state
// (bytes/param x total params) must fit the run's HBM; (3) supply, GPUs without HBM cannot run.
// The wall permits the least of: the fleet at its roofline, the largest model that fits.
import { assessWall, tightest } from './wall.ts';
import type { WallAssessment } from '../result/types.ts';

/** Fraction of peak the HBM bandwidth allows at this arithmetic intensity (1 = compute-bound). */
export function rooflineFraction(intensityFlopPerByte: number, peakFlopPerS: number, hbmBytesPerS: number): number {
  return Math.min(1, (intensityFlopPerByte * hbmBytesPerS) / peakFlopPerS);
}

/** Largest total parameter count whose training state fits in `hbmBytes` of usable HBM. */
export function maxParamsInHbm(hbmBytes: number, usableFraction: number, stateBytesPerParam: number): number {
  return (hbmBytes * usableFraction) / stateBytesPerParam;
}

export interface MemoryInputs {
  /** Run FLOP at the roofline with the HBM-backed fleet (peak x roofline x MFU x T x share). */
  roofline_flop: number;
  /** True when the roofline (not peak) limits the fleet's FLOP/s. */
  bandwidth_bound: boolean;
  /** True when HBM supply held back GPUs the logic supply delivered. */
  supply_short: boolean;
  /** Compute-optimal run whose model just fits the run's HBM. */
  capacity_flop: number;
}

export function memoryWall(m: MemoryInputs, targetFlop: number): WallAssessment {
  const rooflineName = m.supply_short ? 'hbm supply' : m.bandwidth_bound ? 'bandwidth' : 'bandwidth (compute-bound)';
  const t = tightest({ [rooflineName]: m.roofline_flop, capacity: m.capacity_flop });
  return assessWall(t.value, targetFlop, t.name);
}
