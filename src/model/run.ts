// runScenario: one run is a pure function of (scenario, seed).
//
//   normalize parameters -> workload route (calibration + flow simulation, as `firstwall run`)
//   -> initial world -> discrete-event simulation in years, on the engine:
//     priority 1: buildout orders landing (each order is a process waiting on its lead time, and on
//                 the interconnection queue when the scenario has one), scripted events
//     priority 2: supply arriving and planner reviews (orders placed, lead times drawn)
//     priority 3: step assessments (read the world: every wall, the coupled solve)
//   -> first wall, crossings, growth, algorithmic shortfall -> RunResult
//
// Same-time events run in that priority order, so a step sees everything that landed at its time.
import { Environment, Priority, Resource } from '../engine/index.ts';
import { RandomStreams } from '../engine/rng.ts';
import { assessStep, type AssessContext } from '../datacenter/assess.ts';
import { newRunCache } from '../datacenter/run-cache.ts';
import { initialWorld } from '../datacenter/world.ts';
import { drawLeadTime } from '../planner/lead-time.ts';
import { LEAD_TIME, LEAD_TIME_STREAM, orderAmount, type Order } from '../planner/orders.ts';
import { addSiteSlots, emptyPending, track } from '../planner/pending.ts';
import { recordGridOrder, type GridLimit } from '../planner/grid-allowance.ts';
import { review } from '../planner/review.ts';
import { plannerMemo } from '../planner/memo.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import { WALL_REGISTRY } from '../walls/registry.ts';
import type { WallDefinition } from '../walls/types.ts';
import { firstwallVersion } from '../io/version.ts';
import { annotateSteps } from '../cost/annotate.ts';
import { mapPacked } from '../params/packed-map.ts';
import { normalize, type Params } from '../params/params.ts';
import type { Buildout, EventRecord, PurchaseLimit, RunResult, StepResult } from '../result/types.ts';
import { algorithmicShortfall, crossings, firstWall, growth, nearest } from './first-wall.ts';
import { land } from './landing.ts';
import { applyEvent, applyShocks, eventSite, type Shock } from './scripted.ts';
import { shockEvents } from './shocks.ts';
import { checkFleet } from './fleet-check.ts';
import { scenarioGridBudget } from './region-grid.ts';
import { cumulativeSynthetic } from './synthetic.ts';
import { ANALYTIC_ROUTE, scenarioRoute, type WorkloadRoute } from './workload-route.ts';
import { runLearnedSkew, workloadFamily, workloadRouter } from './workload-summary.ts';
import { memoizedProfile } from './profile-memo.ts';
import { recordSupply, SupplyLevel } from './supply.ts';
import { BuildoutRecord, Landing } from './buildout-record.ts';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** 'scenario' (default): the calibration and flow simulation `firstwall run` uses; 'analytic':
   * the analytic formulas and closed-form network; or a route of one's own. */
  route?: 'scenario' | 'analytic' | WorkloadRoute;
  /** Working folder relative calibration paths resolve against (default: process.cwd()). */
  cwd?: string;
  /** Add cost, inference siting and fleet to each step (default true; sweeps that only read the walls skip it). */
  annotate?: boolean;
  /** The walls to assess (default: the shipped registry). */
  registry?: readonly WallDefinition[];
  /** 'first_wall': stop after the first step whose achievable run falls short of the target. The
   * result then holds the steps up to it only: its first wall is the full run's (nothing later can
   * change an earlier step), everything read off later steps is not. For readers of the first wall
   * alone, such as the certainty draws. Default: the whole horizon. */
  until?: 'horizon' | 'first_wall';
  /** 'short steps': elasticities only at steps whose achievable run falls short of the target
   * (AssessContext.attribution): enough for every wall's headroom and the first wall, which is all
   * a sweep sample keeps. Default 'every step'. */
  attribution?: AssessContext['attribution'];
}

const PRIORITY = { landing: 1, review: 2, step: 3 } as const;
const EPS = 1e-9;

export function stepTimes(p: Params): number[] {
  const { start_year, end_year, step_years } = p.horizon;
  const n = Math.floor((end_year - start_year) / step_years + EPS);
  const out: number[] = []; // pushed, not Array.from({ length }, fn): a generic builtin, every run
  for (let i = 0; i <= n; i++) out.push(start_year + i * step_years);
  return out;
}

function resolveRoute(loaded: LoadedScenario, options: RunOptions): WorkloadRoute {
  const r = options.route ?? 'scenario';
  if (r === 'analytic') return ANALYTIC_ROUTE;
  if (r === 'scenario') return scenarioRoute(loaded, options.cwd);
  return r;
}

export function runScenario(loaded: LoadedScenario, options: RunOptions = {}): RunResult {
  checkFleet(loaded); // as validate does: a fleet problem is told at its line
  let p = normalize(loaded.scenario);
  if (options.seed !== undefined) p.seed = options.seed;
  const route = resolveRoute(loaded, options);
  const registry = options.registry ?? WALL_REGISTRY;
  let makeProfile = memoizedProfile(route.makeProfile);
  const learned = runLearnedSkew(p, loaded, route.calibration ?? null);
  let ctx: AssessContext = {
    p,
    makeProfile,
    stepComm: route.stepComm,
    registry,
    learned,
    cache: newRunCache(),
    attribution: options.attribution ?? 'every step',
  };
  let world = initialWorld(p); // released when the run ends (see the end of this function)
  let streams = new RandomStreams(p.seed);
  const t0 = p.horizon.start_year;
  const end = p.horizon.end_year;
  let env = new Environment(t0);
  let steps: StepResult[] = []; // released when the run ends
  let buildouts: Buildout[] = [];
  let events: EventRecord[] = [];
  let purchases: PurchaseLimit[] = [];
  let shocks: Shock[] = [];
  let pending = emptyPending(p.sites.length);
  let gridBudget = scenarioGridBudget(p, loaded.scenario);
  let planner = plannerMemo(); // the planner's projected runs and cohorts in service, for this run only
  let gridLimits: GridLimit[] = [];
  const at = (t: number, priority: number, fn: () => void) =>
    env.schedule(Math.max(0, t - env.now), fn, undefined as never, priority);

  // scripted events, then random shocks drawn as events (each from its own named stream); drawn
  // shocks join p.events, so the cost model prices random price spikes like scripted ones
  p.events = [...p.events, ...(loaded.scenario.shocks ?? []).flatMap((sh, i) => shockEvents(sh, i, streams, t0, end))];
  for (const ev of [...p.events].sort((a, b) => a.at - b.at)) {
    if (ev.at > end + EPS) continue;
    at(Math.max(ev.at, t0), PRIORITY.landing, () => {
      const before = shocks.length;
      const effect = applyEvent(world, p, ev, shocks, env.now);
      events.push({ at: env.now, kind: ev.kind, site: eventSite(ev), label: ev.label ?? null, effect });
      // a shock this event started ends at its own time
      for (const s of shocks.slice(before))
        if (Number.isFinite(s.until) && s.until <= end)
          at(s.until, PRIORITY.landing, () => applyShocks(world, shocks, env.now));
    });
  }

  // Each order waits its lead time, then lands. A grid order with an interconnection queue is a
  // process: it waits for a study slot, holds it for the study, then waits its lead time. Every
  // other order is one timer at the landing priority (the engine's NORMAL, that of the timeout its
  // process used to wait on), its lead time drawn when it is placed: the same draws in the same
  // order (each kind has its own stream; a process drew at its start, the same instant, in the order
  // the orders were placed), the same landing times and the same order among same-time landings,
  // without a generator, its start event and its end event per order.
  let queue = p.planner.grid_queue ? new Resource(env, p.planner.grid_queue.study_slots) : null;
  const leadTime = (o: Order): number => {
    const kind = LEAD_TIME[o.kind];
    return drawLeadTime(streams.get(LEAD_TIME_STREAM[kind]), p.planner.lead_times[kind]);
  };
  const landing = (d: Landing) => {
    const o = d.o;
    track(pending, o, -1);
    if (o.kind === 'site_acquisition') {
      addSiteSlots(pending);
      world.acquired_by_region[o.spec.region] = (world.acquired_by_region[o.spec.region] ?? 0) + 1;
    }
    land(world, p, o, env.now);
    d.record.landed = true;
  };
  const queued = function* (o: Order, record: Buildout, gq: NonNullable<Params['planner']['grid_queue']>) {
    const slot = queue!.request();
    yield slot;
    yield env.timeout(drawLeadTime(streams.get('planner.grid_queue.study'), gq.study_years));
    queue!.release(slot);
    const lead = leadTime(o);
    record.lands_at = env.now + lead;
    if (env.now + lead > end + EPS) return; // lands after the horizon: recorded as not landed
    yield env.timeout(lead);
    landing(new Landing(o, record));
  };
  const deliver = (o: Order, record: Buildout) => {
    const gq = p.planner.grid_queue;
    if (o.kind === 'grid_connection' && queue && gq) {
      env.process(queued(o, record, gq));
      return;
    }
    const lead = leadTime(o);
    record.lands_at = env.now + lead;
    if (env.now + lead > end + EPS) return; // lands after the horizon: recorded as not landed
    env.schedule(lead, landing, new Landing(o, record), Priority.NORMAL);
  };
  const order = (o: Order, t: number) => {
    const { amount, unit, item } = orderAmount(o);
    const site = o.kind === 'site_acquisition' ? o.spec.name : world.sites[o.site].spec.name;
    const record = new BuildoutRecord(buildouts.length + 1, o.kind, site, amount, unit, item, t);
    buildouts.push(record);
    if (o.kind === 'grid_connection') recordGridOrder(world, world.sites[o.site].spec.region, t, o.mw);
    if (o.kind === 'site_acquisition') recordGridOrder(world, o.spec.region, t, o.mw);
    track(pending, o, 1);
    deliver(o, record);
  };

  // Supply: each review interval the developer's share of accelerator and HBM supply arrives (a
  // supply level, src/model/supply.ts); the planner takes what it buys and the rest goes to other buyers (not banked). All
  // of it counts for the compute and memory walls (the resource, bought or not), delivered after the
  // median delivery lead time.
  let gpuSupply = new SupplyLevel();
  let hbmSupply = new SupplyLevel();
  const takeAll = (c: SupplyLevel) => c.level > 0 && c.get(c.level);
  const reviewAt = (t: number) =>
    at(t, PRIORITY.review, () => {
      const y = env.now - t0;
      const share = p.planner.review_every_years;
      const gpus =
        p.compute.gpu_supply_per_year *
        Math.pow(p.compute.gpu_supply_growth_per_year, y) *
        world.gpu_supply_factor *
        share;
      const hbmTb =
        p.memory.hbm_supply_tb_per_year *
        Math.pow(p.memory.hbm_supply_growth_per_year, y) *
        world.hbm_supply_factor *
        share;
      if (gpus > 0) gpuSupply.put(gpus);
      if (hbmTb > 0) hbmSupply.put(hbmTb);
      recordSupply(p, world, env.now, gpus, hbmTb);
      const left = { gpus: gpuSupply.level, hbm_tb: hbmSupply.level };
      const r = review(p, world, pending, left, env.now, makeProfile, gridBudget, planner);
      for (const l of r.grid_limits) gridLimits.push(l); // (no spread: usually none, every review)
      if (r.purchase) {
        purchases.push(r.purchase);
        world.purchases.push(r.purchase);
      }
      for (const o of r.orders) {
        if (o.kind === 'gpu_delivery') {
          gpuSupply.get(Math.min(o.count, gpuSupply.level));
          const acc = p.hardware_by_name.get(o.accelerator)!;
          hbmSupply.get(Math.min((o.count * acc.hbm_bytes) / 1e12, hbmSupply.level));
        }
        order(o, env.now);
      }
      takeAll(gpuSupply);
      takeAll(hbmSupply);
      const next = env.now + p.planner.review_every_years;
      if (next <= end + EPS) reviewAt(next);
    });
  reviewAt(t0);

  // step assessments
  let short = false; // a step's achievable run fell short of its target
  for (const t of stepTimes(p)) {
    at(t, PRIORITY.step, () => {
      const synthetic = cumulativeSynthetic(
        p.data.synthetic_tokens_per_year,
        p.data.synthetic_growth_per_year,
        env.now - t0,
      );
      const s = assessStep(ctx, world, env.now, synthetic);
      const r = s.quantities.routing;
      world.last_network_efficiency =
        1 - s.quantities.exposed_comm_fraction - (r ? r.straggler_fraction + r.dropped_fraction : 0);
      if (s.plan) world.last_work_mfu = { mfu: s.plan.work_mfu, precision: s.quantities.precision };
      steps.push(s);
      if (s.achievable.headroom < 1) short = true;
    });
  }
  if (options.until === 'first_wall') while (!short && env.peek() < Infinity) env.step();
  else env.run();
  const extra = options.annotate === false ? {} : annotateSteps(steps, p, loaded.scenario);
  const ids = mapPacked(registry, (w) => w.id); // one map in every tier (src/params/packed-map.ts)

  const result: RunResult = {
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
      source: route.source,
      calibration_file: route.calibration_file,
      network: route.network,
      family: workloadFamily(p, loaded),
      ...(learned ? { router: workloadRouter(p, learned) } : {}),
    },
    steps,
    first_wall: firstWall(steps),
    crossings: crossings(steps, ids),
    nearest: nearest(steps),
    growth: growth(steps),
    algorithmic_shortfall: algorithmicShortfall(steps),
    buildouts,
    purchases,
    grid_limits: gridLimits,
    events,
    ...extra,
  };
  // Let go of the run's state. After the run, something V8 holds only weakly (a full collection
  // frees it, a young-generation scavenge does not) still reaches this function's closures, and
  // through their shared context everything they capture. Without this, every run's state survived
  // the scavenges and was copied and promoted. Releasing steps and world: 1.8 -> 0.6 MB survived per
  // scavenge, 7.0 -> 4.1 CPU ms per run on the scenario bench (node --trace-gc-nvp, 400 runs); the
  // rest (parameters, caches and profiles, random streams, engine, orders): survived 0.6 -> 0.33 MB,
  // promoted 0.23 -> 0.05 MB per scavenge. A variable a closure above captures is released here.
  steps = world = undefined as never;
  p = makeProfile = ctx = streams = env = pending = gridBudget = planner = queue = undefined as never;
  gpuSupply = hbmSupply = buildouts = events = purchases = shocks = gridLimits = undefined as never;
  return result;
}
