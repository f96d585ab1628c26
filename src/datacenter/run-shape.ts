// A run's shape (sites, accelerators, bandwidths) as the step-communication model reads it, and its record.
import type { AcceleratorSpec } from '../params/params.ts';

/** Exposed-communication efficiency of a run on the chosen sites, from the step-communication model. */
export interface RunShape {
  /** The generation with the most accelerators in the run (its plan sets the run's efficiency). */
  accelerator: AcceleratorSpec | null;
  gpus: number;
  flop_per_s_per_gpu: number;
  sites: number;
  distance_km: number;
  scale_out_bytes_per_s: number;
  scale_up_bytes_per_s: number;
  scale_up_domain_gpus: number;
  /** Mean HBM per accelerator of the run (it sets how many accelerators hold one model replica). */
  hbm_bytes_per_gpu: number;
}

export const EMPTY_RUN: RunShape = {
  accelerator: null,
  gpus: 0,
  flop_per_s_per_gpu: 0,
  sites: 0,
  distance_km: 0,
  scale_out_bytes_per_s: 1,
  scale_up_bytes_per_s: 1,
  scale_up_domain_gpus: 1,
  hbm_bytes_per_gpu: 1,
};

/** A copy of run `r` (field by field: a spread of the literal was bestSpan's slowest line). */
export class RunRecord implements RunShape {
  declare accelerator: AcceleratorSpec | null;
  declare gpus: number;
  declare flop_per_s_per_gpu: number;
  declare sites: number;
  declare distance_km: number;
  declare scale_out_bytes_per_s: number;
  declare scale_up_bytes_per_s: number;
  declare scale_up_domain_gpus: number;
  declare hbm_bytes_per_gpu: number;
  constructor(r: RunShape) {
    copyRun(this, r);
  }
}

export function copyRun(into: RunShape, r: RunShape): RunShape {
  into.accelerator = r.accelerator;
  into.gpus = r.gpus;
  into.flop_per_s_per_gpu = r.flop_per_s_per_gpu;
  into.sites = r.sites;
  into.distance_km = r.distance_km;
  into.scale_out_bytes_per_s = r.scale_out_bytes_per_s;
  into.scale_up_bytes_per_s = r.scale_up_bytes_per_s;
  into.scale_up_domain_gpus = r.scale_up_domain_gpus;
  into.hbm_bytes_per_gpu = r.hbm_bytes_per_gpu;
  return into;
}
