// Power: facility power = IT power x PUE; IT power = GPUs x TDP x draw x server/network overhead.
// Available power is the grid connection plus on-site generation, both grown only by buildouts.
// The wall permits the run that the available power could feed at the fleet's efficiency
// (effective FLOP/s per facility watt, after the memory and network losses: the coupling).
import { assessWall } from './wall.ts';
import type { WallAssessment } from '../result/types.ts';

export function facilityMw(itMw: number, pue: number): number {
  return itMw * pue;
}

/**
 * @param availableMw grid + on-site generation over all sites
 * @param flopPerSPerFacilityW the fleet's effective FLOP/s per facility watt
 */
export function powerWall(
  availableMw: number,
  flopPerSPerFacilityW: number,
  seconds: number,
  runShare: number,
  targetFlop: number,
  limitedBy: string,
): WallAssessment {
  return assessWall(availableMw * 1e6 * flopPerSPerFacilityW * seconds * runShare, targetFlop, limitedBy);
}
