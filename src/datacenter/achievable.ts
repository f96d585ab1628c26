// The coupled solve: the largest run the world as it stands can train at one step, with every
// constraint at once. Per site, accelerators run as far as racks fit, power (at the site's PUE) and
// the heat-rejection plant allow (src/datacenter/operate.ts); each runs at its HBM roofline; the run
// takes its share of the running accelerators on the best sites, spanning more sites only while the
// inter-site link and the fiber round trip cost less than the added sites bring (exposed
// communication from src/workload/step-comm.ts); and the result is capped by the data and network
// walls, which no fleet can move. Pure given the frames and scales.
// Invariant: flop <= every cap; flop finite and >= 0.
// Its parts: each site's run (site-run.ts), the spans of the best sites (spans.ts), the run's shape
// (run-shape.ts) and what the solve sees (solve-context.ts).
import type { ResourceScales, SiteOperation } from './operate.ts';
import type { RunShape } from './run-shape.ts';
import { siteRuns, type SiteRun, type SiteScratch } from './site-run.ts';
import type { SolveContext } from './solve-context.ts';
import { bestSpan, fleetSpans, newSpanPrefix, type Span, type SpanPrefix } from './spans.ts';

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
 * for its steps' base solves (src/datacenter/run-cache.ts), whose solution no step keeps. The
 * operation and run objects per site index (ops, runs) are siteRuns' to refill. */
export interface SolveScratch extends SiteScratch {
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
