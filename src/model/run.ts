// runScenario: one run is a pure function of (scenario, seed).
//
//   normalize parameters -> initial world -> discrete-event simulation in years:
//     priority 0: buildouts landing and scripted events   (change the world)
//     priority 1: planner reviews                          (order buildouts, lead times drawn)
//     priority 2: step assessments                         (read the world, record every wall)
//   -> crossings, first wall, nearest approach -> RunResult
//
// Same-time events run in that priority order, so a step sees everything that landed at its time.
import { Environment } from '../engine/environment.ts';
import { RandomStreams } from '../engine/rng.ts';
import { assessStep, type AssessContext } from '../datacenter/assess.ts';
import { initialWorld, type World } from '../datacenter/world.ts';
import { drawLeadTime } from '../planner/lead-time.ts';
import { emptyPending, review, type OrderRequest, type Pending, type SupplyLedger } from '../planner/planner.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import type { CoolingTechnology } from '../scenario/types.gen.ts';
import { analyticProfile } from '../workload/analytic.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import type { ModelShape } from '../moe/shape.ts';
import { firstwallVersion } from '../io/version.ts';
import { annotateSteps } from '../cost/annotate.ts';
import { crossings, firstWall, nearest } from './crossings.ts';
import { addCooling, addGpus, addPower, retrofit } from './landing.ts';
import { normalize, type Params } from '../params/params.ts';
import type { Buildout, EventRecord, HeldBack, RunResult, StepResult } from '../result/types.ts';
import { applyEvent, applyShocks, type Shock } from './scripted.ts';
import { shockEvents } from './shocks.ts';
import { cumulativeSynthetic } from './synthetic.ts';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Workload profile for a frontier shape (default: analytic formulas). */
  makeProfile?: (shape: ModelShape) => WorkloadProfile;
  /** Replaces closed-form step communication (the flow simulation). */
  stepComm?: AssessContext['stepComm'];
  /** Calibration file the profile came from, for provenance. */
  calibrationFile?: string | null;
  /** Add cost, inference siting and fleet to each step (default true; sweeps that only read the walls skip it). */
  annotate?: boolean;
}

const PRIORITY = { landing: 0, planner: 1, step: 2 } as const;
const EPS = 1e-9;

export function stepTimes(p: Params): number[] {
  const { start_year, end_year, step_years } = p.horizon;
  const n = Math.floor((end_year - start_year) / step_years + EPS);
  return Array.from({ length: n + 1 }, (_, i) => start_year + i * step_years);
}

const UNIT: Record<string, Buildout['unit']> = {
  grid_connection: 'MW',
  onsite_generation: 'MW',
  cooling_expansion: 'MW',
  cooling_retrofit: 'retrofit',
  gpu_delivery: 'GPUs',
  hbm_capacity: 'TB',
};

function trackPending(pending: Pending, o: OrderRequest, sign: 1 | -1): void {
  const i = o.site ?? 0;
  if (o.kind === 'gpu_delivery' || o.kind === 'hbm_held' || o.kind === 'power_held') {
    const list = o.kind === 'gpu_delivery' ? pending.gpus : pending.held;
    if (sign > 0) list.push({ accelerator: o.item!, count: o.amount });
    else
      list.splice(
        list.findIndex((g) => g.accelerator === o.item && g.count === o.amount),
        1,
      );
  } else if (o.kind === 'grid_connection' || o.kind === 'onsite_generation') {
    pending.power_mw[i] += sign * o.amount;
    (o.kind === 'grid_connection' ? pending.grid_mw : pending.onsite_mw)[i] += sign * o.amount;
  } else if (o.kind === 'cooling_expansion') pending.cooling_mw[i] += sign * o.amount;
  else if (o.kind === 'cooling_retrofit') pending.retrofit[i] = sign > 0 ? (o.item as CoolingTechnology) : null;
}

function land(world: World, p: Params, o: OrderRequest, t: number): void {
  if (o.kind === 'gpu_delivery') addGpus(world, p, o.item!, o.amount, t);
  else if (o.kind === 'hbm_held' || o.kind === 'power_held') {
    (o.kind === 'hbm_held' ? world.hbm_held : world.power_held).push({
      site: 0,
      accelerator: o.item!,
      count: o.amount,
      landed_at: t,
      retire_at: t + p.compute.retirement_years,
    });
  } else if (o.kind === 'grid_connection') addPower(world, o.site!, o.amount, 'grid');
  else if (o.kind === 'onsite_generation') addPower(world, o.site!, o.amount, 'onsite');
  else if (o.kind === 'cooling_expansion') addCooling(world, o.site!, o.amount);
  else if (o.kind === 'cooling_retrofit') retrofit(world, o.site!, o.item as CoolingTechnology);
}

export function runScenario(loaded: LoadedScenario, options: RunOptions = {}): RunResult {
  const p = normalize(loaded.scenario);
  if (options.seed !== undefined) p.seed = options.seed;
  const ctx: AssessContext = { p, makeProfile: options.makeProfile ?? analyticProfile, stepComm: options.stepComm };
  const world = initialWorld(p);
  const streams = new RandomStreams(p.seed);
  const t0 = p.horizon.start_year;
  const end = p.horizon.end_year;
  const env = new Environment(t0);
  const steps: StepResult[] = [];
  const buildouts: Buildout[] = [];
  const events: EventRecord[] = [];
  const heldBack: HeldBack[] = [];
  const shocks: Shock[] = [];
  const pending = emptyPending(p.sites.length);
  const ledger: SupplyLedger = { gpus_by_review: new Map(), hbm_tb_by_review: new Map() };
  const at = (t: number, priority: number, fn: () => void) =>
    env.schedule(Math.max(0, t - env.now), fn, undefined as never, priority);

  // scripted events, then random shocks drawn as events (each from its own named stream)
  // (drawn shocks join p.events, so the cost model prices random price spikes like scripted ones)
  p.events = [...p.events, ...(loaded.scenario.shocks ?? []).flatMap((sh, i) => shockEvents(sh, i, streams, t0, end))];
  for (const ev of [...p.events].sort((a, b) => a.at - b.at)) {
    if (ev.at > end + EPS) continue;
    at(Math.max(ev.at, t0), PRIORITY.landing, () => {
      const before = shocks.length;
      const effect = applyEvent(world, p, ev, shocks, env.now);
      events.push({ at: env.now, kind: ev.kind, site: ev.site ?? null, label: ev.label ?? null, effect });
      // a shock this event started ends at its own time
      for (const s of shocks.slice(before))
        if (Number.isFinite(s.until) && s.until <= end)
          at(s.until, PRIORITY.landing, () => applyShocks(world, shocks, env.now));
    });
  }

  // planner reviews
  const order = (o: OrderRequest, t: number) => {
    // GPUs held back for HBM wait for HBM capacity; cooling plant and retrofits share one lead time.
    const kind =
      o.kind === 'hbm_held'
        ? 'hbm_capacity'
        : o.kind === 'power_held'
          ? 'gpu_delivery'
          : o.kind === 'cooling_expansion'
            ? 'cooling_retrofit'
            : o.kind === 'grid_connection'
              ? 'grid'
              : o.kind;
    const lead = drawLeadTime(streams.get(`planner.lead_time.${kind}`), p.planner.lead_times[kind]);
    const lands = t + lead;
    if (o.kind === 'gpu_delivery' || o.kind === 'hbm_held' || o.kind === 'power_held')
      ledger.gpus_by_review.set(t, (ledger.gpus_by_review.get(t) ?? 0) + o.amount);
    if (o.kind === 'gpu_delivery') {
      const acc = p.hardware.find((a) => a.name === o.item)!;
      ledger.hbm_tb_by_review.set(t, (ledger.hbm_tb_by_review.get(t) ?? 0) + (o.amount * acc.hbm_bytes) / 1e12);
    }
    if (o.kind === 'hbm_held' || o.kind === 'power_held')
      heldBack.push({ at: t, reason: o.kind === 'hbm_held' ? 'hbm' : 'power', item: o.item!, amount: o.amount });
    else {
      buildouts.push({
        id: buildouts.length + 1,
        kind: o.kind,
        site: o.site === null ? null : p.sites[o.site].name,
        amount: o.amount,
        unit: UNIT[o.kind],
        item: o.item,
        ordered_at: t,
        lands_at: lands,
        landed: lands <= end + EPS,
        origin: 'planner',
      });
    }
    trackPending(pending, o, 1);
    if (lands <= end + EPS)
      at(lands, PRIORITY.landing, () => {
        trackPending(pending, o, -1);
        land(world, p, o, env.now);
      });
  };
  const reviewAt = (t: number) =>
    at(t, PRIORITY.planner, () => {
      for (const o of review(p, world, pending, ledger, env.now, ctx.makeProfile)) order(o, env.now);
      const next = env.now + p.planner.review_every_years;
      if (next <= end + EPS) reviewAt(next);
    });
  reviewAt(t0);

  // step assessments
  for (const t of stepTimes(p)) {
    at(t, PRIORITY.step, () => {
      const synthetic = cumulativeSynthetic(
        p.data.synthetic_tokens_per_year,
        p.data.synthetic_growth_per_year,
        env.now - t0,
      );
      const s = assessStep(ctx, world, env.now, synthetic);
      world.last_network_efficiency =
        s.quantities.effective_flop_per_s > 0 && s.quantities.roofline_fraction > 0
          ? 1 - s.quantities.exposed_comm_fraction
          : 1;
      steps.push(s);
    });
  }
  env.run();
  const extra = options.annotate === false ? {} : annotateSteps(steps, p, loaded.scenario); // cost, inference siting, fleet (issue 8)

  return {
    firstwall_version: firstwallVersion(),
    scenario: {
      name: p.name,
      description: loaded.scenario.description ?? '',
      file: loaded.file,
      hash: loaded.hash,
      seed: p.seed,
    },
    horizon: { ...p.horizon },
    workload: {
      source: options.makeProfile ? 'calibration' : 'analytic',
      calibration_file: options.calibrationFile ?? null,
    },
    steps,
    first_wall: firstWall(steps),
    crossings: crossings(steps),
    nearest: nearest(steps),
    buildouts,
    held_back: heldBack,
    events,
    ...extra,
  };
}
