// Aggregates over the fleet at one instant: counts per generation, peak FLOP/s, HBM, bandwidths,
// and efficiency per watt of the GPUs that run. Pure functions of the site operations.
import { itWattsPerGpu, type AcceleratorSpec, type Params } from '../params/params.ts';
import type { GenerationAtSite, SiteOperation } from './operate.ts';

export interface FleetStats {
  gpus: number;
  by_generation: Record<string, number>;
  peak_flop_per_s: number;
  hbm_bytes: number;
  /** Count-weighted means over the fleet (zero when the fleet is empty). */
  mean_scale_out_bytes_per_s: number;
  mean_scale_up_bytes_per_s: number;
  mean_hbm_bytes_per_gpu: number;
  scale_up_domain_gpus: number;
}

export function fleetStats(gens: { acc: AcceleratorSpec; count: number }[]): FleetStats {
  const by: Record<string, number> = {};
  let gpus = 0,
    peak = 0,
    hbm = 0,
    out = 0,
    up = 0,
    domain = 1,
    biggest = 0;
  for (const g of gens) {
    by[g.acc.name] = (by[g.acc.name] ?? 0) + g.count;
    gpus += g.count;
    peak += g.count * g.acc.peak_flop_per_s;
    hbm += g.count * g.acc.hbm_bytes;
    out += g.count * g.acc.scale_out_bytes_per_s;
    up += g.count * g.acc.scale_up_bytes_per_s;
    if (g.count > biggest) [biggest, domain] = [g.count, g.acc.scale_up_domain_gpus];
  }
  const mean = (x: number) => (gpus > 0 ? x / gpus : 0);
  return {
    gpus,
    by_generation: by,
    peak_flop_per_s: peak,
    hbm_bytes: hbm,
    mean_scale_out_bytes_per_s: mean(out),
    mean_scale_up_bytes_per_s: mean(up),
    mean_hbm_bytes_per_gpu: mean(hbm),
    scale_up_domain_gpus: domain,
  };
}

export function allGenerations(ops: SiteOperation[]): GenerationAtSite[] {
  return ops.flatMap((o) => o.generations);
}

/**
 * Effective FLOP/s per IT watt and per facility watt of the running GPUs, where `flopPerGpu`
 * gives a generation's achieved FLOP/s. Falls back to `fallback` running alone when nothing runs.
 */
export function efficiencyPerWatt(
  gens: GenerationAtSite[],
  ops: SiteOperation[],
  p: Params,
  flopPerGpu: (a: AcceleratorSpec) => number,
  fallback: { acc: AcceleratorSpec; pue: number },
): { per_it_w: number; per_facility_w: number } {
  let flop = 0,
    itW = 0,
    facW = 0;
  for (const g of gens) {
    const n = g.count - g.stranded;
    if (n <= 0) continue;
    const w = n * itWattsPerGpu(g.acc, p);
    flop += n * flopPerGpu(g.acc);
    itW += w;
    facW += w * ops[g.site].step.pue;
  }
  if (flop === 0) {
    const w = itWattsPerGpu(fallback.acc, p);
    return { per_it_w: flopPerGpu(fallback.acc) / w, per_facility_w: flopPerGpu(fallback.acc) / (w * fallback.pue) };
  }
  return { per_it_w: flop / itW, per_facility_w: flop / facW };
}
