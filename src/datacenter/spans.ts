// The fleet's spans: the run on each count of best sites (fleetSpans) and the one that trains most (bestSpan).
import type { AcceleratorSpec } from '../params/params.ts';
import { copyRun, EMPTY_RUN, RunRecord, type RunShape } from './run-shape.ts';
import type { SiteRun } from './site-run.ts';
import type { SolveContext } from './solve-context.ts';

export interface Span {
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
export function fleetSpans(ctx: SolveContext, runs: SiteRun[], into: SpanPrefix): SpanPrefix {
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
export function bestSpan(ctx: SolveContext, prefix: SpanPrefix, networkScale: number, scratch = false): Span {
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
