// One site's run at one solve: its running accelerators summed (FLOP/s, bandwidths, HBM, generations).
import type { AcceleratorSpec } from '../params/params.ts';
import { sustainedFlopPerS, type SiteFrame } from './frame.ts';
import { operateSite, type ResourceScales, type SiteOperation } from './operate.ts';
import type { SolveContext } from './solve-context.ts';

export interface SiteRun {
  index: number;
  gpus: number;
  flop_per_s: number;
  out: number;
  up: number;
  hbm: number;
  /** Running accelerators per generation here: the first n_accs entries are the generations with
   * some running, and their counts (a refilled run keeps its arrays, longer than n_accs). */
  accs: AcceleratorSpec[];
  acc_counts: number[];
  n_accs: number;
  /** The scale-up domain of the generation with the most running accelerators here, and their count. */
  domain: number;
  domain_gpus: number;
  km: number;
}

/** `into`: a run to refill and return instead of a new one (a flop-only solve's scratch). */
function siteRun(site: SiteFrame, op: SiteOperation, index: number, hbmScale: number, into?: SiteRun): SiteRun {
  let gpus = 0;
  let flop = 0;
  let out = 0;
  let up = 0;
  let hbm = 0;
  let domain = 1;
  let domainGpus = -1;
  const accs: AcceleratorSpec[] = into ? into.accs : [];
  const accCounts: number[] = into ? into.acc_counts : [];
  let nAccs = 0;
  for (let i = 0; i < site.gens.length; i++) {
    const g = site.gens[i];
    const n = op.running[i];
    gpus += n;
    flop += n * sustainedFlopPerS(g, hbmScale);
    out += n * g.acc.scale_out_bytes_per_s;
    up += n * g.acc.scale_up_bytes_per_s;
    hbm += n * g.acc.hbm_bytes;
    if (n > 0) {
      accs[nAccs] = g.acc;
      accCounts[nAccs++] = n;
    }
    if (n > domainGpus) {
      domain = g.acc.scale_up_domain_gpus;
      domainGpus = n;
    }
  }
  if (!into)
    return {
      index,
      gpus,
      flop_per_s: flop,
      out,
      up,
      hbm,
      accs,
      acc_counts: accCounts,
      n_accs: nAccs,
      domain,
      domain_gpus: domainGpus,
      km: site.distance_km,
    };
  into.n_accs = nAccs;
  into.index = index;
  into.gpus = gpus;
  into.flop_per_s = flop;
  into.out = out;
  into.up = up;
  into.hbm = hbm;
  into.domain = domain;
  into.domain_gpus = domainGpus;
  into.km = site.distance_km;
  return into;
}

/** Most FLOP/s first, then by site index (a total order, so any sort gives this order): insertion
 * sort in place, no temporary array (a handful of sites). */
function sortRuns(runs: SiteRun[]): void {
  for (let i = 1; i < runs.length; i++) {
    const r = runs[i];
    let j = i - 1;
    while (j >= 0 && (runs[j].flop_per_s - r.flop_per_s || r.index - runs[j].index) < 0) {
      runs[j + 1] = runs[j];
      j--;
    }
    runs[j + 1] = r;
  }
}

/** Operation and run objects per site index, which siteRuns refills (a solve's scratch holds them). */
export interface SiteScratch {
  ops: SiteOperation[];
  runs: SiteRun[];
}

/** Each site operated at scales `s` and its run (runs with accelerators running, best first).
 * With `scratch`, the operations and runs are refilled from it rather than allocated. */
export function siteRuns(
  ctx: SolveContext,
  s: ResourceScales,
  ops: SiteOperation[],
  runs: SiteRun[],
  scratch?: SiteScratch,
): void {
  if (runs.length !== 0) runs.length = 0; // (a length store is a runtime call, even a no-op one)
  for (let i = 0; i < ctx.sites.length; i++) {
    ops[i] = operateSite(ctx.sites[i], s, scratch?.ops[i]);
    const r = siteRun(ctx.sites[i], ops[i], i, s.hbm_bandwidth, scratch?.runs[i]);
    if (scratch) {
      scratch.ops[i] = ops[i];
      scratch.runs[i] = r;
    }
    if (r.gpus > 0) runs.push(r);
  }
  sortRuns(runs);
}
