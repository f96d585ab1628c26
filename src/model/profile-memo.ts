// The workload profiles a run asks for, memoized. Within a run: by model size to 4 significant
// digits of d_model (a bucket's profile is made from the first size the run asks for in it). Across
// the runs of one route: by exact shape, since a profile is a pure function of the route and the
// shape, and every run of a scenario asks for the same sizes (they follow the plan's targets, not
// the seed), so without it each run made its ~70 profiles and their points again (about 4% of a
// quarterly run). A run still picks each bucket's profile from its own first size, so its figures
// are what they were with per-run profiles alone.
import type { ModelShape } from '../moe/shape.ts';
import type { Placement, WorkloadPoint, WorkloadProfile } from '../workload/profile.ts';

type MakeProfile = (shape: ModelShape) => WorkloadProfile;

/** A size's bucket, d_model to 4 significant digits, remembered for the process: every run asks
 * for the same few hundred sizes (they follow the plan's targets, not the seed). Bounded: cleared
 * past BUCKET_KEYS sizes, as a long sweep over many scenarios would pass. */
const bucketKeys = new Map<number, string>();
const BUCKET_KEYS = 100_000;
function bucketOf(dModel: number): string {
  let key = bucketKeys.get(dModel);
  if (key === undefined) {
    if (bucketKeys.size >= BUCKET_KEYS) bucketKeys.clear();
    bucketKeys.set(dModel, (key = dModel.toPrecision(4)));
  }
  return key;
}

/** Memoized profiles by exact shape, per route (its makeProfile function; a route made for one run
 * goes with its entries). Each entry holds the shape and the profile with its points, nothing of a
 * run. Bounded: a route's entries are cleared past SHARED_PROFILES shapes (a sweep that varies the
 * model family asks for new shapes per sample). */
const shared = new WeakMap<MakeProfile, Map<number, { shape: ModelShape; profile: WorkloadProfile }>>();
const SHARED_PROFILES = 10_000;

function sharedProfile(make: MakeProfile, shape: ModelShape): WorkloadProfile {
  let byDModel = shared.get(make);
  if (byDModel === undefined) shared.set(make, (byDModel = new Map()));
  const hit = byDModel.get(shape.d_model);
  if (hit !== undefined && sameShape(hit.shape, shape)) return hit.profile;
  if (byDModel.size >= SHARED_PROFILES) byDModel.clear();
  const profile = withPoints(make(shape));
  byDModel.set(shape.d_model, { shape: { ...shape }, profile });
  return profile;
}

/** The profile with its points memoized by batch and placement, compared field by field (a profile
 * sees a few placements). Built here, outside any run's closure, so the memo keeps no run alive. */
function withPoints(profile: WorkloadProfile): WorkloadProfile {
  const points: { batch: number; placement: Placement; point: WorkloadPoint }[] = [];
  return {
    ...profile,
    at: (batch, placement) => {
      for (const e of points) if (e.batch === batch && samePlacement(e.placement, placement)) return e.point;
      const point = profile.at(batch, placement);
      points.push({ batch, placement: { ...placement }, point });
      return point;
    },
  };
}

/** Workload profiles by model size to 4 significant digits of d_model (per-token costs change by
 * under 0.05% within a bucket; the planner and the steps ask for thousands of nearby sizes), for one
 * run (src/model/run.ts lets it go with the run). */
export function memoizedProfile(make: MakeProfile): MakeProfile {
  const memo = new Map<string, WorkloadProfile>();
  // each exact size asked before -> its bucket's profile (toPrecision's string is the slow part; the
  // planner and the steps alternate between a few hundred sizes a run)
  const exact = new Map<number, WorkloadProfile>();
  let lastDModel = NaN;
  let last: WorkloadProfile | undefined;
  return (shape) => {
    if (shape.d_model === lastDModel) return last!; // the same size as the last call: its bucket
    let hit = exact.get(shape.d_model);
    if (hit !== undefined) {
      lastDModel = shape.d_model;
      return (last = hit);
    }
    const key = bucketOf(shape.d_model);
    hit = memo.get(key);
    if (!hit) {
      hit = sharedProfile(make, shape);
      memo.set(key, hit);
    }
    exact.set(shape.d_model, hit);
    lastDModel = shape.d_model;
    last = hit;
    return hit;
  };
}

/** Placements that the profile cannot tell apart (absent shared copies are none). */
function samePlacement(a: Placement, b: Placement): boolean {
  return (
    a.ep_devices === b.ep_devices &&
    a.gpus_per_node === b.gpus_per_node &&
    a.max_nodes_per_token === b.max_nodes_per_token &&
    a.a2a_bytes_per_element === b.a2a_bytes_per_element &&
    (a.shared_copies ?? 0) === (b.shared_copies ?? 0)
  );
}

/** Shapes a profile cannot tell apart: every field equal. */
function sameShape(a: ModelShape, b: ModelShape): boolean {
  return (
    a.layers === b.layers &&
    a.moe_layers === b.moe_layers &&
    a.d_model === b.d_model &&
    a.heads === b.heads &&
    a.kv_heads === b.kv_heads &&
    a.head_dim === b.head_dim &&
    a.expert_ffn_hidden === b.expert_ffn_hidden &&
    a.dense_ffn_hidden === b.dense_ffn_hidden &&
    a.routed_experts === b.routed_experts &&
    a.top_k === b.top_k &&
    a.shared_experts === b.shared_experts &&
    a.vocab === b.vocab &&
    a.context_tokens === b.context_tokens &&
    a.bytes_per_weight === b.bytes_per_weight &&
    a.bytes_per_activation === b.bytes_per_activation
  );
}
