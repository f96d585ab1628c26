// One step's world, flattened for the coupled solve: per site, the alive accelerators by generation
// with their per-unit IT watts, rack kW and roofline inputs, and the site's power, plant and density
// limit. Built once per step from the world (src/datacenter/world.ts); the solve and its
// perturbations then do arithmetic only. Invariant: counts, watts and MW finite and >= 0.
import { itWattsPerGpu, peakAt, rackKw, type AcceleratorSpec, type Params, type Precision } from '../params/params.ts';
import { cursorHolds, restartCursor, type RetireCursor } from './retire-cursor.ts';
import { availablePowerMw, isAlive, type World } from './world.ts';

export interface GenerationFrame {
  acc: AcceleratorSpec;
  count: number;
  it_w: number;
  rack_kw: number;
  /** Peak FLOP/s at the run's precision x MFU (compute-bound sustained rate). */
  compute_flop_per_s: number;
  /** Arithmetic intensity x HBM bandwidth x MFU (bandwidth-bound sustained rate); Infinity when
   * the step model derives the MFU (it times every op on the roofline itself). */
  bandwidth_flop_per_s: number;
  /** Derived MFU only: d ln(sustained) / d ln(HBM bandwidth) from the step model; null: roofline. */
  hbm_elasticity: number | null;
}

export interface SiteFrame {
  name: string;
  gens: GenerationFrame[];
  available_mw: number;
  pue: number;
  cooling_mw: number;
  max_kw_per_rack: number;
  distance_km: number;
}

export interface FrameInputs {
  precision: Precision;
  /** MFU of a generation before exposed communication: stated, or the step model's work MFU. */
  mfu(acc: AcceleratorSpec): number;
  intensity_flop_per_byte: number;
  /** The step model's HBM elasticity per generation when it derives the MFU; null: stated MFU on
   * the workload profile's roofline. */
  hbm_elasticity: ((acc: AcceleratorSpec) => number) | null;
}

export function generationFrame(acc: AcceleratorSpec, count: number, p: Params, f: FrameInputs): GenerationFrame {
  return new GenerationRecord(
    acc,
    count,
    itWattsPerGpu(acc, p),
    rackKw(acc, p),
    computeRate(acc, f),
    bandwidthRate(acc, f),
    hbmElasticityOf(acc, f),
  );
}

/** Frames are per-step objects built by constructors, not object literals: V8 pretenures literal
 * sites whose objects outlive a scavenge now and then, and a pretenured per-step object stays in old
 * space until a full collection (see aliveBySite); a class instance is allocated young. */
class GenerationRecord implements GenerationFrame {
  declare acc: AcceleratorSpec;
  declare count: number;
  declare it_w: number;
  declare rack_kw: number;
  declare compute_flop_per_s: number;
  declare bandwidth_flop_per_s: number;
  declare hbm_elasticity: number | null;
  constructor(
    acc: AcceleratorSpec,
    count: number,
    itW: number,
    rack: number,
    compute: number,
    bandwidth: number,
    hbmElasticity: number | null,
  ) {
    this.acc = acc;
    this.count = count;
    this.it_w = itW;
    this.rack_kw = rack;
    this.compute_flop_per_s = compute;
    this.bandwidth_flop_per_s = bandwidth;
    this.hbm_elasticity = hbmElasticity;
  }
}

class SiteRecord implements SiteFrame {
  declare name: string;
  declare gens: GenerationFrame[];
  declare available_mw: number;
  declare pue: number;
  declare cooling_mw: number;
  declare max_kw_per_rack: number;
  declare distance_km: number;
  constructor(s: World['sites'][number], gens: GenerationFrame[], p: Params) {
    const tech = p.cooling.technologies[s.technology];
    this.name = s.spec.name;
    this.gens = gens;
    this.available_mw = availablePowerMw(s);
    this.pue = tech.pue;
    this.cooling_mw = s.cooling_capacity_mw;
    this.max_kw_per_rack = tech.max_kw_per_rack;
    this.distance_km = s.spec.distance_km;
  }
}

// A generation's rates from the frame inputs (generationFrame builds them, refillFrames rewrites them).
const computeRate = (acc: AcceleratorSpec, f: FrameInputs): number => peakAt(acc, f.precision) * f.mfu(acc);
const bandwidthRate = (acc: AcceleratorSpec, f: FrameInputs): number =>
  f.hbm_elasticity ? Infinity : f.intensity_flop_per_byte * acc.hbm_bytes_per_s * f.mfu(acc);
const hbmElasticityOf = (acc: AcceleratorSpec, f: FrameInputs): number | null =>
  f.hbm_elasticity ? f.hbm_elasticity(acc) : null;

/** Frames siteFrames built with other inputs, their rates refilled from `f` in place: the same
 * figures as siteFrames(world, p, t, f) (counts, watts and sites do not depend on `f`). A derived-MFU
 * step counts its running accelerators on such frames before its plans (and so `f`) exist. */
export function refillFrames(frames: SiteFrame[], f: FrameInputs): SiteFrame[] {
  for (const site of frames)
    for (const g of site.gens) {
      g.compute_flop_per_s = computeRate(g.acc, f);
      g.bandwidth_flop_per_s = bandwidthRate(g.acc, f);
      g.hbm_elasticity = hbmElasticityOf(g.acc, f);
    }
  return frames;
}

/** Sustained FLOP/s of one accelerator: the HBM roofline at the workload's intensity (scaled
 * bandwidth), or, with a derived MFU, the step model's rate moved by its HBM elasticity. */
export function sustainedFlopPerS(g: GenerationFrame, hbmScale = 1): number {
  if (g.hbm_elasticity !== null)
    return hbmScale === 1 ? g.compute_flop_per_s : g.compute_flop_per_s * hbmScale ** g.hbm_elasticity;
  return Math.min(g.compute_flop_per_s, g.bandwidth_flop_per_s * hbmScale);
}

/** Accelerators alive at one site, per generation in the order its first alive cohort lists them. */
export interface SiteCounts {
  names: string[];
  counts: number[];
}

/** Entries aliveBySite has filled per site so far (process-wide scratch: it never runs inside itself). */
const FILLED: number[] = [];

/** What a run's steps keep of aliveBySite's pass over the cohorts (src/datacenter/run-cache.ts): a
 * RetireCursor (src/datacenter/retire-cursor.ts) and the arrays counted into (others: afresh). */
export interface AliveFold extends RetireCursor {
  arrays: SiteCounts[] | null;
}

export function newAliveFold(): AliveFold {
  // one literal, not a spread of a new cursor (a spread's copy would grow a new map per run)
  return { list: null, t: -Infinity, start: 0, upto: 0, retire: Infinity, arrays: null };
}

/** Alive accelerators per site at t, in one pass over the cohorts (each site's counts summed in
 * cohort order). `into`: the arrays of an earlier call overwritten in place instead of new ones (a
 * run's steps share one set, src/datacenter/run-cache.ts: V8 pretenured these per-step objects, so
 * each new one lived in old space until a full collection and kept what it pointed to alive in
 * scavenges; emptying them would drop their backing stores, so entries are overwritten and the
 * arrays cut to the count filled). `fold`: what the last call with these arrays left (the cohorts
 * only grow, by push): while no cohort counted has retired, its counts plus the cohorts landed
 * since are the same additions in the same order as a fresh pass; after a retirement the pass
 * starts again at the first cohort alive (those before it stay retired). */
export function aliveBySite(world: World, t: number, into?: SiteCounts[], fold?: AliveFold): SiteCounts[] {
  const out: SiteCounts[] = into ?? [];
  const nSites = world.sites.length;
  const keep =
    fold !== undefined &&
    into !== undefined &&
    fold.arrays === into &&
    out.length <= nSites &&
    cursorHolds(fold, world.cohorts, t);
  while (out.length < nSites) out.push({ names: [], counts: [] });
  if (out.length !== nSites) out.length = nSites;
  let from = 0;
  if (keep) {
    for (let i = 0; i < nSites; i++) FILLED[i] = out[i].names.length;
    from = fold.upto;
  } else {
    for (let i = 0; i < nSites; i++) FILLED[i] = 0;
    if (fold !== undefined) {
      from = restartCursor(fold, world.cohorts, t);
      fold.arrays = out;
    }
  }
  const cohorts = world.cohorts;
  for (let k = from; k < cohorts.length; k++) {
    const c = cohorts[k];
    if (!isAlive(c, t)) continue;
    if (fold !== undefined && c.retire_at < fold.retire) fold.retire = c.retire_at;
    const s = out[c.site];
    const n = FILLED[c.site];
    let j = 0;
    while (j < n && s.names[j] !== c.accelerator) j++; // indexOf over the entries filled
    if (j === n) {
      s.names[j] = c.accelerator;
      s.counts[j] = 0 + c.count;
      FILLED[c.site] = n + 1;
    } else s.counts[j] += c.count;
  }
  for (let i = 0; i < nSites; i++) {
    const s = out[i];
    // only when it changes: a length store is a runtime call even when it changes nothing
    if (s.names.length !== FILLED[i]) s.names.length = s.counts.length = FILLED[i];
  }
  if (fold !== undefined) {
    fold.t = t;
    fold.upto = cohorts.length;
  }
  return out;
}

export function siteFrames(
  world: World,
  p: Params,
  t: number,
  f: FrameInputs,
  alive: SiteCounts[] = aliveBySite(world, t),
): SiteFrame[] {
  // the first frame of each generation (a handful): the others copy its watts and rates (the same
  // figures from the same inputs) rather than computing them again for every site
  let nFirst = 0;
  const out: SiteFrame[] = [];
  for (let i = 0; i < world.sites.length; i++) {
    const { names, counts } = alive[i];
    const gens = new Array<GenerationFrame>(names.length);
    for (let j = 0; j < names.length; j++) {
      let k = 0;
      while (k < nFirst && FIRST_NAMES[k] !== names[j]) k++;
      if (k === nFirst) {
        gens[j] = generationFrame(p.hardware_by_name.get(names[j])!, counts[j], p, f);
        FIRST_NAMES[nFirst] = names[j];
        FIRST[nFirst++] = gens[j];
      } else {
        // another site's frame of the generation, from the same inputs: its watts and rates as they are
        const g = FIRST[k];
        gens[j] = new GenerationRecord(
          g.acc,
          counts[j],
          g.it_w,
          g.rack_kw,
          g.compute_flop_per_s,
          g.bandwidth_flop_per_s,
          g.hbm_elasticity,
        );
      }
    }
    out.push(new SiteRecord(world.sites[i], gens, p));
  }
  FIRST.fill(EMPTY_FRAME, 0, nFirst); // nothing of the step kept past the call
  return out;
}

/** siteFrames' first frame per generation, by name (process-wide scratch: it never runs inside
 * itself; cleared to EMPTY_FRAME after each call, so no frame outlives its step). */
const FIRST_NAMES: string[] = [];
const FIRST: GenerationFrame[] = [];
const EMPTY_FRAME: GenerationFrame = Object.freeze({
  acc: null as unknown as AcceleratorSpec,
  count: 0,
  it_w: 0,
  rack_kw: 0,
  compute_flop_per_s: 0,
  bandwidth_flop_per_s: 0,
  hbm_elasticity: null,
});
