// Everything the walls read at one step, prepared once by the assessment (src/datacenter/). Each
// field is either a resource quantity (accelerators delivered, HBM delivered, MW, heat MW, tokens)
// or a property of the workload on the hardware (sustained FLOP/s per accelerator, the share of
// step time not lost to exposed communication, PUE): a wall converts its own resource to FLOP with
// those properties and never reads another wall's resource.
import type { AcceleratorSpec } from '../params/params.ts';
import type { NetworkWallInputs } from './network.ts';

export interface GenerationCount {
  acc: AcceleratorSpec;
  count: number;
}

export interface SiteResource {
  name: string;
  /** Grid + on-site generation in service (MW). */
  available_mw: number;
  /** PUE of the site's cooling technology. */
  pue: number;
  /** Heat-rejection plant in service (MW of IT heat). */
  cooling_mw: number;
  max_kw_per_rack: number;
}

export interface WallInputs {
  year: number;
  /** Physical FLOP of the frontier run the plan asks for. */
  target_flop: number;
  training_seconds: number;
  /** Share of a fleet one frontier run uses (the rest serves inference or other work). */
  run_share: number;
  /** Newest accelerator generation on sale at this step. */
  newest: AcceleratorSpec;
  /** Generations on sale at this step, newest first. */
  on_sale: AcceleratorSpec[];
  /** Sustained FLOP/s of one accelerator on the workload: peak at the training precision x
   * utilization x HBM roofline fraction (before exposed communication). */
  sustained(acc: AcceleratorSpec): number;
  /** Share of step time not lost to exposed communication, for a one-site run of `gpus` accelerators
   * of generation `acc` sustaining `flopPerSPerGpu` each. */
  comm_efficiency(gpus: number, flopPerSPerGpu: number, acc: AcceleratorSpec): number;
  /** IT watts one accelerator draws in service, and its rack's kW. */
  it_w(acc: AcceleratorSpec): number;
  rack_kw(acc: AcceleratorSpec): number;
  /** Accelerators the developer's supply delivered, alive at this step (all of it, bought or not). */
  supply_gpus: GenerationCount[];
  /** Accelerators the developer's HBM supply could equip, alive at this step. */
  hbm_supply_gpus: GenerationCount[];
  hbm: { usable_fraction: number; state_bytes_per_param: number; active_over_total: number };
  tokens_per_param: number;
  sites: SiteResource[];
  data: {
    stock_tokens: number;
    stock_kind: 'effective' | 'raw';
    max_epochs: number;
    repeat_half_life_epochs: number;
    synthetic_tokens: number;
    synthetic_quality: number;
  };
  network: NetworkWallInputs;
}

/**
 * The largest run `gens` can do: sustained FLOP/s x exposed-communication efficiency x T x run share.
 * Exposed communication grows with the run, so using every accelerator is not always best: the run
 * takes the fastest generations first and stops where adding the next generation would train less.
 */
export function fleetRunFlop(x: WallInputs, gens: GenerationCount[]): number {
  const n = fastestFirst(x, gens);
  const sorted = SORTED;
  const speed = SPEED;
  let best = 0;
  let flopPerS = 0;
  let gpus = 0;
  let most: GenerationCount | null = null;
  for (let i = 0; i < n; i++) {
    const g = sorted[i];
    flopPerS += g.count * speed[i];
    gpus += g.count;
    if (!most || g.count > most.count) most = g;
    const eta = x.comm_efficiency(gpus * x.run_share, flopPerS / gpus, most.acc);
    best = Math.max(best, flopPerS * x.run_share * eta * x.training_seconds);
  }
  sorted.fill(NO_GENERATION, 0, n); // nothing of the step kept past the call
  return best;
}

/** fastestFirst's order and each entry's sustained FLOP/s (process-wide scratch: fleetRunFlop never
 * runs inside itself; its first n entries are the call's, cleared after it). The speed read once per
 * entry, not again in the sum: x.sustained gives the same number for the same generation. */
const SORTED: GenerationCount[] = [];
const SPEED: number[] = [];
const NO_GENERATION: GenerationCount = Object.freeze({ acc: null as unknown as AcceleratorSpec, count: 0 });

/** The generations with accelerators into SORTED, fastest first, ties in their given order (a stable
 * insertion sort: the order Array.prototype.sort gives, without its temporary array; a handful of
 * entries), their speeds into SPEED; returns how many. */
function fastestFirst(x: WallInputs, gens: GenerationCount[]): number {
  const out = SORTED;
  const speed = SPEED;
  let n = 0;
  for (const g of gens) {
    if (!(g.count > 0)) continue;
    const v = x.sustained(g.acc);
    let j = n - 1;
    for (; j >= 0 && v - speed[j] > 0; j--) {
      // move ahead of strictly slower ones only
      out[j + 1] = out[j];
      speed[j + 1] = speed[j];
    }
    out[j + 1] = g;
    speed[j + 1] = v;
    n++;
  }
  return n;
}
