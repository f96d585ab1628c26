// One step's assessment, pure (reads the world, changes nothing):
//
//   demand (physical target) -> frontier shape at the target -> workload point (intensity, a2a bytes)
//   -> per-step inputs (src/datacenter/step-inputs.ts): sustained FLOP/s per accelerator, exposed
//      communication at a scale, the walls' resources
//   -> each wall's own permit (src/walls/registry.ts)
//   -> the coupled solve (src/datacenter/achievable.ts), elasticities and active constraints
//   -> quantities for reports.
import { dataPermit, dataSupply, tokensForFlop } from '../walls/data.ts';
import { CRITICAL_BATCH, floorPermit, networkCap } from '../walls/network.ts';
import { stepFloor } from '../walls/step-floor.ts';
import { WALL_REGISTRY } from '../walls/registry.ts';
import type { WallDefinition } from '../walls/types.ts';
import type { ModelShape } from '../moe/shape.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import type { StepComm, StepCommInputs } from '../workload/step-comm.ts';
import type { LearnedSkew } from '../workload/learned-skew.ts';
import type { Params } from '../params/params.ts';
import type { Achievable, StepResult, WallAssessment } from '../result/types.ts';
import { solve } from './achievable.ts';
import type { SolveContext } from './solve-context.ts';
import { acceleratorWall, activeConstraints, capWall, elasticities, RESOURCES, type Resource } from './elasticity.ts';
import { AS_BUILT } from './operate.ts';
import { stepQuantities, siteSteps } from './quantities.ts';
import type { RunCache } from './run-cache.ts';
import { stepInputs, type StepInputs } from './step-inputs.ts';
import { planRecord } from './step-plan.ts';
import type { World } from './world.ts';

export interface AssessContext {
  p: Params;
  makeProfile: (shape: ModelShape) => WorkloadProfile;
  /** Replaces the closed-form step communication (the flow simulation plugs in here). It is called
   * many times per step with one inputs object refilled between calls: read it, do not keep it.
   * Given `out`, fill it and return it (as src/workload/step-comm.ts's stepComm does). */
  stepComm?: (inputs: StepCommInputs, out?: StepComm) => StepComm;
  /** The walls to assess (default: the shipped registry). */
  registry?: readonly WallDefinition[];
  /** The learned skew the imbalance law carries to the frontier (src/workload/learned-skew.ts;
   * runScenario sets it for MoE families). Absent or null: no router cost, the uniform ideal. */
  learned?: LearnedSkew | null;
  /** What the run's steps share (src/datacenter/run-cache.ts): one per run; absent: nothing shared. */
  cache?: RunCache;
  /** 'short steps': elasticities and active constraints only where the achievable run falls short
   * of the target (the first wall's attribution); a step that meets it records no elasticity and
   * its cap's wall as binding. For readers of the walls' headroom and the first wall alone (sweep
   * samples). Default 'every step'. Nothing else in a step depends on it. */
  attribution?: 'every step' | 'short steps';
}

function solveContext(x: StepInputs, walls: Record<string, WallAssessment>): SolveContext {
  const networkAtOne = Math.min(
    walls.network?.detail.bandwidth_and_latency_flop ?? floorPermit(x.walls.network, 'total'),
    x.walls.network.parallelism_flop ?? Infinity,
  );
  // C = 6 D^2 / r: scaling every token by s scales the data permit by s^2.
  const dataAtOne = dataPermit(dataSupply(x.walls.data), x.demand.target_flop, x.walls.tokens_per_param).permitted_flop;
  const perturbed = new Map<number, number>();
  return {
    sites: x.frames,
    training_seconds: x.demand.training_seconds,
    run_share: x.demand.run_share,
    comm_efficiency: x.efficiency,
    // a stated MFU has no parallelism cap: none to call per span (the solve reads undefined as none)
    parallelism_flop: x.mfu_source === 'step model' ? x.runParallelismFlop : undefined,
    data_flop: (scale) => dataAtOne * scale * scale,
    network_flop: (scale, otherCaps) => {
      // A 1% change of bandwidth and latency moves the permit by well under 10%: when it sits that
      // far above the other caps it cannot bind, and its exact perturbed value is not needed.
      if (scale === 1 || networkAtOne * 0.9 > otherCaps) return networkAtOne;
      let v = perturbed.get(scale);
      if (v === undefined) {
        v = networkCap(x.scaledNetwork(scale));
        perturbed.set(scale, v);
      }
      return v;
    },
  };
}

/** No resource elastic: a step left unattributed (AssessContext.attribution 'short steps'). */
const NOT_ATTRIBUTED = Object.freeze(Object.fromEntries(RESOURCES.map((r) => [r, 0]))) as Record<Resource, number>;

function achievable(
  x: StepInputs,
  walls: Record<string, WallAssessment>,
  world: World,
  attributeAt: AssessContext['attribution'],
  cache: RunCache | undefined,
): { a: Achievable; solution: ReturnType<typeof solve>; chosen: StepComm } {
  const ctx = solveContext(x, walls);
  const base = solve(ctx, AS_BUILT, undefined, cache?.solve);
  // the achievable run's communication: its label here and the step's quantities read it (one call)
  const chosen = x.comm(base.run, 1);
  const meets = !(base.flop / x.demand.target_flop < 1); // the headroom's test, as firstWall reads it
  const e = attributeAt === 'short steps' && meets ? NOT_ATTRIBUTED : elasticities(ctx, base);
  const attribution = {
    accelerators: acceleratorWall(world.purchases),
    network_limited_by: base.parallelism_capped
      ? CRITICAL_BATCH
      : base.capped_by === 'network'
        ? (walls.network?.limited_by ?? 'latency')
        : exposedLabel(x, base, chosen),
    stranded_gpus: base.ops.reduce((a, o) => a + o.stranded, 0),
  };
  const active = activeConstraints(e, attribution);
  const binding = active[0] ?? unattributed(capWall(base, attribution));
  // the shared unattributed record is copied; elasticities gives a record of the step's own
  const a = new AchievableRecord(base, x.demand.target_flop, binding, active, e === NOT_ATTRIBUTED ? { ...e } : e);
  return { a, solution: base, chosen };
}

/** The cap's wall as the binding one, elasticity 0. A literal, not { ...cap, elasticity: 0 }: on
 * Node 20 a spread's copy grows a new map per call (docs/benchmarks.md, "Maps that do not repeat"). */
function unattributed(cap: { wall: string; limited_by: string }): Achievable['active'][number] {
  return { wall: cap.wall, limited_by: cap.limited_by, elasticity: 0 };
}

/** The step's achievable run, built by a constructor for StepRecord's reason (below). */
class AchievableRecord {
  declare flop: number;
  declare headroom: number;
  declare single_site_flop: number;
  declare sites_used: number;
  declare gpus: number;
  declare binding: string;
  declare limited_by: string;
  declare active: Achievable['active'];
  declare elasticity: Achievable['elasticity'];
  constructor(
    base: ReturnType<typeof solve>,
    targetFlop: number,
    binding: { wall: string; limited_by: string },
    active: Achievable['active'],
    elasticity: Achievable['elasticity'],
  ) {
    this.flop = base.flop;
    this.headroom = base.flop / targetFlop;
    this.single_site_flop = base.single_site_flop;
    this.sites_used = base.sites_used;
    this.gpus = base.gpus;
    this.binding = binding.wall;
    this.limited_by = binding.limited_by;
    this.active = active;
    this.elasticity = elasticity;
  }
}

/** What the run's exposed communication is mostly made of (`c`: its communication, x.comm(s.run, 1)). */
function exposedLabel(x: StepInputs, s: ReturnType<typeof solve>, c: StepComm): string {
  if (x.mfu_source === 'step model')
    return c.inter_site_s > c.comm_s - c.inter_site_s
      ? `inter-site link (${s.sites_used} sites)`
      : x.exposedLabel(s.run, 1);
  if (c.inter_site_s >= c.allreduce_s && c.inter_site_s >= c.all_to_all_s)
    return `inter-site link (${s.sites_used} sites)`;
  return c.all_to_all_s > c.allreduce_s ? 'exposed expert all-to-all' : 'exposed gradient all-reduce';
}

/** A step's result, built by a constructor rather than an object literal (as StepQuantities is,
 * src/datacenter/quantities.ts: the literal was assessStep's slowest line). Fields in the result's
 * key order; cost, inference and fleet are added later by src/cost/annotate.ts. */
class StepRecord {
  declare year: number;
  declare training_days: number;
  declare target_flop: number;
  declare walls: StepResult['walls'];
  declare achievable: Achievable;
  declare algorithms: StepResult['algorithms'];
  declare quantities: StepResult['quantities'];
  declare plan: StepResult['plan'];
  declare sites: StepResult['sites'];
  declare cost?: StepResult['cost'];
  declare inference?: StepResult['inference'];
  declare fleet?: StepResult['fleet'];
  constructor(
    t: number,
    d: StepInputs['demand'],
    walls: Record<string, WallAssessment>,
    a: Achievable,
    quantities: StepResult['quantities'],
    plan: StepResult['plan'],
    sites: StepResult['sites'],
  ) {
    this.year = t;
    this.training_days = d.training_days;
    this.target_flop = d.target_flop;
    this.walls = walls;
    this.achievable = a;
    this.algorithms = new AlgorithmsRecord(d, a);
    this.quantities = quantities;
    this.plan = plan;
    this.sites = sites;
  }
}

class AlgorithmsRecord {
  declare assumed_gain: number;
  declare achieved_gain: number;
  declare effective_target_flop: number;
  declare effective_flop: number;
  declare shortfall_ratio: number;
  constructor(d: StepInputs['demand'], a: Achievable) {
    this.assumed_gain = d.assumed_gain;
    this.achieved_gain = d.achieved_gain;
    this.effective_target_flop = d.target_effective_flop;
    this.effective_flop = a.flop * d.achieved_gain;
    this.shortfall_ratio = d.achieved_gain / d.assumed_gain;
  }
}

export function assessStep(ctx: AssessContext, world: World, t: number, syntheticTokens: number): StepResult {
  const x = stepInputs(ctx, world, t, syntheticTokens);
  const registry = ctx.registry ?? WALL_REGISTRY;
  const walls: Record<string, WallAssessment> = {};
  for (const w of registry) walls[w.id] = w.permit(x.walls);
  const { a, solution, chosen } = achievable(x, walls, world, ctx.attribution, ctx.cache);
  const d = x.demand;
  const floor = stepFloor(x.targetModel, x.walls.network.net, x.criticalBatch, x.shape.context_tokens);
  const quantities = stepQuantities(
    x,
    solution,
    chosen,
    floor,
    tokensForFlop(d.target_flop, ctx.p.data.tokens_per_param),
    dataSupply(x.walls.data).total_tokens,
  );
  const plan =
    x.mfu_source === 'step model'
      ? planRecord(x.plans(), solution.run.accelerator ?? x.newest, Math.max(1, solution.gpus), x.runMfu(solution.run))
      : null;
  return new StepRecord(t, d, walls, a, quantities, plan, siteSteps(x, world, solution));
}
