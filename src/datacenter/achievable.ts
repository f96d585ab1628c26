// The coupled solve: the largest run the world as it stands can train at one step, with every
// constraint at once. Per site, accelerators run as far as racks fit, power (at the site's PUE) and
// the heat-rejection plant allow (src/datacenter/operate.ts); each runs at its HBM roofline; the run
// takes its share of the running accelerators on the best sites, spanning more sites only while the
// inter-site link and the fiber round trip cost less than the added sites bring (exposed
// communication from src/workload/step-comm.ts); and the result is capped by the data and network
// walls, which no fleet can move. Pure given the frames and scales.
// Invariant: flop <= every cap; flop finite and >= 0.
import type { AcceleratorSpec } from '../params/params.ts';
import { sustainedFlopPerS, type SiteFrame } from './frame.ts';
import { operateSite, type ResourceScales, type SiteOperation } from './operate.ts';

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

export interface SolveContext {
  sites: SiteFrame[];
  training_seconds: number;
  run_share: number;
  /** Share of step time not lost to exposed communication for this run shape, network scaled
   * (`run` is refilled between calls: read it, do not keep it; likewise parallelism_flop's). */
  comm_efficiency(run: RunShape, networkScale: number): number;
  /** With a derived MFU: the most FLOP a run of this shape's generation trains at the critical
   * batch, however many accelerators it gets (undefined: no cap). */
  parallelism_flop?(run: RunShape, networkScale: number): number | undefined;
  /** FLOP the data wall permits with the token stock scaled. */
  data_flop(scale: number): number;
  /** FLOP the network wall permits with bandwidths scaled up and latencies down by `scale`; the
   * exact value is needed only when it could fall below `otherCaps` (the tighter of fleet and data). */
  network_flop(scale: number, otherCaps: number): number;
}

export interface Solution {
  flop: number;
  /** The run on the single best site. */
  single_site_flop: number;
  sites_used: number;
  /** Accelerators the run uses, and its sustained FLOP/s. */
  gpus: number;
  flop_per_s: number;
  comm_efficiency: number;
  /** The shape of the chosen run (sites, accelerators, bandwidths). */
  run: RunShape;
  ops: SiteOperation[];
  /** What capped the run: the fleet as it runs, the data wall, or the network wall (its step
   * floor or, with a derived MFU, the critical batch's parallelism limit). */
  capped_by: 'fleet' | 'data' | 'network';
  /** True when the critical batch's parallelism limit capped the run's own generation. */
  parallelism_capped: boolean;
  fleet_flop: number;
  /** The scales this was solved at, its running sites (best first) and its best span: a perturbed
   * solve that leaves the fleet as it runs reuses them (src/datacenter/elasticity.ts). */
  scales: ResourceScales;
  site_runs: SiteRun[];
  span: Span;
}

interface SiteRun {
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

const EMPTY_RUN: RunShape = {
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
class RunRecord implements RunShape {
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

function copyRun(into: RunShape, r: RunShape): RunShape {
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

interface Span {
  best: { flop: number; k: number; flop_per_s: number; eta: number; shape: RunShape; capped: boolean; fleet: number };
  single: number;
  /** The spans tried, as the fleet runs (their shapes and FLOP/s, no network scale in them): a solve
   * of the same fleet at another network scale tries the same spans again (null: not kept). */
  prefix: SpanPrefix | null;
}

/** The run on each span of the best sites as the fleet runs: entry k spans the k + 1 sites of most
 * FLOP/s. Nothing in it depends on the network scale (that enters by comm_efficiency and
 * parallelism_flop only), so bestSpan at any scale reads the same entries (fleetSpans builds them). */
export interface SpanPrefix {
  n: number;
  /** The first n entries are the spans' (refilled: kept records, overwritten by the next fill). */
  shapes: RunShape[];
  flop_per_s: number[];
}

export function newSpanPrefix(): SpanPrefix {
  return { n: 0, shapes: [], flop_per_s: [] };
}

/** bestSpan's accelerators and counts per generation (it never runs inside itself). */
const SPAN_ACCS: AcceleratorSpec[] = [];
const SPAN_COUNTS: number[] = [];

/** A flop-only solve's span: its best flop and cap are read, its shape and spans never (not kept). */
const SCRATCH_SPAN: Span = {
  best: { flop: 0, k: 0, flop_per_s: 0, eta: 1, shape: EMPTY_RUN, capped: false, fleet: 0 },
  single: 0,
  prefix: null,
};

/** The spans of `runs` (best first) into `into`: for each k, the run on the k + 1 best sites, as the
 * fleet runs (accelerators, FLOP/s, bandwidths, distance). */
function fleetSpans(ctx: SolveContext, runs: SiteRun[], into: SpanPrefix): SpanPrefix {
  let gpus = 0;
  let flopPerS = 0;
  let out = 0;
  let up = 0;
  let hbm = 0;
  let domain = 1;
  let domainGpus = -1;
  // accelerators per generation over the span so far (a handful: the first nSpan entries of two
  // arrays kept for the process, not a Map per span)
  const spanAccs = SPAN_ACCS;
  const spanCounts = SPAN_COUNTS;
  let nSpan = 0;
  let acc: AcceleratorSpec | null = null;
  let accTotal = 0;
  let kmMin = Infinity;
  let kmMax = -Infinity;
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    gpus += r.gpus;
    flopPerS += r.flop_per_s;
    out += r.out;
    up += r.up;
    hbm += r.hbm;
    if (r.domain_gpus > domainGpus) {
      domain = r.domain;
      domainGpus = r.domain_gpus;
    }
    for (let i = 0; i < r.n_accs; i++) {
      const a = r.accs[i];
      let j = 0;
      while (j < nSpan && spanAccs[j] !== a) j++;
      if (j === nSpan) {
        spanAccs[nSpan] = a;
        spanCounts[nSpan++] = 0;
      }
      const total = (spanCounts[j] += r.acc_counts[i]);
      if (!acc || a === acc || total > accTotal) {
        acc = a;
        accTotal = total;
      }
    }
    kmMin = Math.min(kmMin, r.km);
    kmMax = Math.max(kmMax, r.km);
    // one record per span, kept in `into` and refilled by its next fill
    const shape = k < into.shapes.length ? into.shapes[k] : (into.shapes[k] = new RunRecord(EMPTY_RUN));
    shape.accelerator = acc;
    shape.gpus = gpus * ctx.run_share;
    shape.flop_per_s_per_gpu = flopPerS / gpus;
    shape.sites = k + 1;
    shape.distance_km = kmMax - kmMin;
    shape.scale_out_bytes_per_s = out / gpus;
    shape.scale_up_bytes_per_s = up / gpus;
    shape.scale_up_domain_gpus = domain;
    shape.hbm_bytes_per_gpu = hbm / gpus;
    into.flop_per_s[k] = flopPerS;
  }
  into.n = runs.length;
  return into;
}

/** The run on the best sites: spans k sites (most FLOP/s first) for the k that trains the most, over
 * the spans `prefix` holds (fleetSpans). `scratch`: a flop-only solve's: the span is refilled into
 * SCRATCH_SPAN, its shape not kept. */
function bestSpan(ctx: SolveContext, prefix: SpanPrefix, networkScale: number, scratch = false): Span {
  // the best span so far, as numbers (its shape copied into one object): no object per span tried
  let bestFlop = 0;
  let bestK = 0;
  let bestFlopPerS = 0;
  let bestEta = 1;
  let bestShape: RunShape | null = null;
  let bestCapped = false;
  let bestFleet = 0;
  let single = 0;
  for (let k = 0; k < prefix.n; k++) {
    const shape = prefix.shapes[k];
    const flopPerS = prefix.flop_per_s[k];
    const eta = ctx.comm_efficiency(shape, networkScale);
    const fleet = flopPerS * ctx.run_share * eta * ctx.training_seconds;
    const cap = ctx.parallelism_flop?.(shape, networkScale) ?? Infinity;
    const flop = Math.min(fleet, cap);
    if (k === 0) single = flop;
    if (flop > bestFlop) {
      bestFlop = flop;
      bestK = k + 1;
      bestFlopPerS = flop / ctx.training_seconds;
      bestEta = eta;
      if (!scratch) bestShape = bestShape === null ? new RunRecord(shape) : copyRun(bestShape, shape);
      bestCapped = cap < fleet;
      bestFleet = fleet;
    }
  }
  if (scratch) {
    const b = SCRATCH_SPAN.best;
    b.flop = bestFlop;
    b.k = bestK;
    b.flop_per_s = bestFlopPerS;
    b.eta = bestEta;
    b.capped = bestCapped;
    b.fleet = bestFleet;
    SCRATCH_SPAN.single = single;
    return SCRATCH_SPAN;
  }
  const best = {
    flop: bestFlop,
    k: bestK,
    flop_per_s: bestFlopPerS,
    eta: bestEta,
    shape: bestShape ?? EMPTY_RUN,
    capped: bestCapped,
    fleet: bestFleet,
  };
  return { best, single, prefix };
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

/** True when scales `a` and `b` run every site alike (they differ at most in network and data). */
function sameFleet(a: ResourceScales, b: ResourceScales): boolean {
  return (
    a.accelerators === b.accelerators &&
    a.hbm_bandwidth === b.hbm_bandwidth &&
    a.power === b.power &&
    a.cooling === b.cooling &&
    a.stranded_cooled === b.stranded_cooled
  );
}

/** Each site operated at scales `s` and its run (runs with accelerators running, best first).
 * With `scratch`, the operations and runs are refilled from it rather than allocated. */
function siteRuns(
  ctx: SolveContext,
  s: ResourceScales,
  ops: SiteOperation[],
  runs: SiteRun[],
  scratch?: SolveScratch,
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

/** The run the best span trains, within the data and network walls. */
function capped(
  ctx: SolveContext,
  s: ResourceScales,
  best: Span['best'],
): { data: number; network: number; flop: number } {
  const data = ctx.data_flop(s.data);
  const network = ctx.network_flop(s.network, Math.min(best.flop, data));
  return { data, network, flop: Math.min(best.flop, data, network) };
}

/** Site operations and runs a solve refills instead of allocating (SCRATCH's shape): one per run
 * for its steps' base solves (src/datacenter/run-cache.ts), whose solution no step keeps. */
export interface SolveScratch {
  /** Operation and run objects per site index, refilled. */
  ops: SiteOperation[];
  runs: SiteRun[];
  /** The solve's operations, and its runs with accelerators running, best first. */
  opList: SiteOperation[];
  runList: SiteRun[];
  /** The spans of runList (fleetSpans), refilled. */
  prefix: SpanPrefix;
}

export function newSolveScratch(): SolveScratch {
  return { ops: [], runs: [], opList: [], runList: [], prefix: newSpanPrefix() };
}

/** The spans a solve at scales `s` tries: `from`'s when `s` leaves the fleet as it runs (the same
 * entries a fresh fill gives: fleetSpans reads the runs, which are then `from`'s, and no scale),
 * else filled from `runs` into `into` (or a new prefix). */
function spansFor(ctx: SolveContext, runs: SiteRun[], reuse: boolean, from?: Solution, into?: SpanPrefix): SpanPrefix {
  if (reuse && from!.span.prefix !== null) return from!.span.prefix;
  return fleetSpans(ctx, runs, into ?? newSpanPrefix());
}

/** The coupled solve at scales `s`. `from`: a solution of the same context whose site operations
 * and runs (and spans, and best span at its network scale) are reused where `s` leaves them
 * unchanged: the same arithmetic on the same inputs, so the result is the one a fresh solve gives.
 * `scratch`: the operations, runs and spans refilled from it (the solution's are then valid until
 * its next solve). */
export function solve(ctx: SolveContext, s: ResourceScales, from?: Solution, scratch?: SolveScratch): Solution {
  const reuse = from !== undefined && sameFleet(from.scales, s);
  let ops: SiteOperation[];
  let runs: SiteRun[];
  if (reuse) {
    ops = from.ops;
    runs = from.site_runs;
  } else if (scratch !== undefined) {
    ops = scratch.opList;
    runs = scratch.runList;
    siteRuns(ctx, s, ops, runs, scratch);
    if (ops.length !== ctx.sites.length) ops.length = ctx.sites.length; // one per site, as a new array
  } else {
    ops = new Array<SiteOperation>(ctx.sites.length);
    runs = [];
    siteRuns(ctx, s, ops, runs);
  }
  const span =
    reuse && from.scales.network === s.network
      ? from.span
      : bestSpan(ctx, spansFor(ctx, runs, reuse, from, scratch?.prefix), s.network);
  const { best, single } = span;
  const { data, network, flop } = capped(ctx, s, best);
  const capped_by = flop === best.flop ? (best.capped ? 'network' : 'fleet') : flop === data ? 'data' : 'network';
  return {
    flop,
    single_site_flop: Math.min(single, data, network),
    sites_used: best.k,
    gpus: best.shape.gpus,
    flop_per_s: best.flop_per_s,
    comm_efficiency: best.eta,
    run: best.shape,
    ops,
    capped_by,
    parallelism_capped: best.capped && flop === best.flop,
    fleet_flop: best.fleet,
    scales: s,
    site_runs: runs,
    span,
  };
}

/** Scratch of the flop-only solves (one at a time: nothing a solve calls solves again). */
const SCRATCH: SolveScratch = newSolveScratch();

/** solve(ctx, s, from).flop, without building the solution: the perturbed solves of the
 * elasticities read only the flop (same arithmetic in the same order, so the same number). A
 * perturbation of the network alone tries `from`'s spans again at its scale. */
export function solvedFlop(ctx: SolveContext, s: ResourceScales, from: Solution): number {
  const reuse = sameFleet(from.scales, s);
  let runs = from.site_runs;
  if (!reuse) {
    runs = SCRATCH.runList;
    siteRuns(ctx, s, SCRATCH.opList, runs, SCRATCH);
  }
  const best =
    reuse && from.scales.network === s.network
      ? from.span.best
      : bestSpan(ctx, spansFor(ctx, runs, reuse, from, SCRATCH.prefix), s.network, true).best;
  return capped(ctx, s, best).flop;
}
