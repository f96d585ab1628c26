// Layers onto pipeline ranks: the model's layers (dense first, then MoE) are cut into PP x chunks
// contiguous virtual stages so that the slowest one is as fast as it can be (the first carries the
// embedding, the last the head, loss and MTP: Llama 3 drops a layer from its first and last stages
// for the same reason), and chunk j runs on rank j mod PP (Megatron-LM's interleaving). DualPipe
// puts stage i and stage PP-1-i on rank i (DeepSeek-V3 report section 3.2.1), half the
// micro-batches flowing each way. A rank's cost is per micro-batch, over all its chunks.
// Invariant: every layer is on exactly one virtual stage; each virtual stage has >= 1 layer.
// The cut is in layer-cut.ts, a stage's cost in stage-cost.ts, the mean rank's figures in mean-rank.ts.
import type { LayerCosts } from './layer-cost.ts';
import { pairedStarts, planStarts, stageStarts } from './layer-cut.ts';
import { denseLayerCount, type StepModel } from './model.ts';
import { microBatches, type Plan } from './plan.ts';
import { addStage, addTimes, emptyRankCost, stageCost, zeroRank, type RankCost } from './stage-cost.ts';

/** Virtual stages of the plan: `count` contiguous pieces, balanced with the ends' extra work. */
function stages(m: StepModel, p: Plan, c: LayerCosts, count: number): RankCost[] {
  const starts = stageStarts(m, c, count);
  return starts.map((s, j) => stageCost(m, p, c, s, j + 1 < starts.length ? starts[j + 1] : m.layers));
}

/** The layer after piece `j` of a cut. */
const end = (m: StepModel, starts: number[], j: number): number => (j + 1 < starts.length ? starts[j + 1] : m.layers);

/** Stages of the plan asked for last, by shape (a stage's cost depends only on its dense and MoE
 * layer counts and whether it holds an end): a cut of PP x chunks stages has a few shapes, so each
 * is summed once per plan. Pooled objects, refilled for the next plan. */
const MAX_SHAPES = 16;
let shapesM: StepModel | null = null,
  shapesP: Plan | null = null,
  shapesC: LayerCosts | null = null;
const shapeKeys: number[] = [];
const shapeCosts: RankCost[] = [];
let shapes = 0;
/** Where stageOf sums a stage it does not keep (two: DualPipe reads two stages at once). */
const STAGE = emptyRankCost(),
  PAIRED = emptyRankCost();

/** Layers [from, to) as one stage of the plan (stageCost), kept by shape while the plan is the same;
 * a shape past MAX_SHAPES is summed into `spare`. */
function stageOf(m: StepModel, p: Plan, c: LayerCosts, from: number, to: number, spare: RankCost): RankCost {
  if (shapesM !== m || shapesP !== p || shapesC !== c) {
    shapesM = m;
    shapesP = p;
    shapesC = c;
    shapes = 0;
  }
  if (!(to - from >= 0 && to - from < 16384)) return stageCost(m, p, c, from, to, spare);
  const nd = Math.max(0, Math.min(to, denseLayerCount(m)) - from);
  const key = ((nd * 16384 + (to - from - nd)) * 2 + (from === 0 ? 1 : 0)) * 2 + (to === m.layers ? 1 : 0);
  for (let k = 0; k < shapes; k++) if (shapeKeys[k] === key) return shapeCosts[k];
  if (shapes === MAX_SHAPES) return stageCost(m, p, c, from, to, spare);
  if (shapes === shapeCosts.length) shapeCosts.push(emptyRankCost());
  shapeKeys[shapes] = key;
  return stageCost(m, p, c, from, to, shapeCosts[shapes++]);
}

/**
 * Pipeline rank `i`'s cost per micro-batch over all its chunks, into `out` (zeroed first), from
 * the plan's cut `starts` (planStarts) and `mb` micro-batches: chunk j of the cut runs on rank
 * j mod PP (its stages added in order of j); DualPipe's rank i runs stages i and PP-1-i, half the
 * micro-batches each (dualPipeRank). act_bytes = activations held at the rank's fullest. One rank
 * at a time, so timing a plan builds no partition: the step model reads each rank once.
 */
export function rankInto(
  m: StepModel,
  p: Plan,
  c: LayerCosts,
  starts: number[],
  i: number,
  mb: number,
  out: RankCost,
): RankCost {
  if (p.schedule === 'dualpipe') return dualPipeRank(m, p, c, starts, i, mb, out);
  zeroRank(out);
  for (let j = i; j < starts.length; j += p.pp) addStage(out, stageOf(m, p, c, starts[j], end(m, starts, j), STAGE));
  // Micro-batches in flight on rank i: 1F1B p - i; interleaving adds (p - 1)/v (Korthikanti et al. 2022, 4.2.3).
  const v = p.schedule === 'interleaved' ? p.chunks : 1;
  out.act_bytes *= p.pp === 1 ? 1 : Math.min(mb, p.pp - i + (v > 1 ? (p.pp - 1) / v : 0));
  return out;
}

/**
 * Per-rank costs (length PP) of the plan's partition (rankInto for every rank, fresh objects: the
 * trace and tests read the whole partition).
 */
export function rankCosts(m: StepModel, p: Plan, c: LayerCosts): RankCost[] {
  const starts = planStarts(m, p, c),
    mb = microBatches(p);
  return Array.from({ length: p.pp }, (_, i) => rankInto(m, p, c, starts, i, mb, emptyRankCost()));
}

export interface VirtualStage {
  rank: number;
  cost: RankCost;
}

/**
 * The stages a micro-batch passes through, in order, with the rank that runs each: one path
 * (PP x chunks stages, stage j on rank j mod PP), or for DualPipe two (stage j on rank j one way,
 * on rank PP-1-j the other). For the trace; costs are per micro-batch through one stage.
 */
export function pipelinePaths(m: StepModel, p: Plan, c: LayerCosts): VirtualStage[][] {
  if (p.schedule !== 'dualpipe') {
    const v = p.schedule === 'interleaved' ? p.chunks : 1;
    return [stages(m, p, c, p.pp * v).map((cost, j) => ({ rank: j % p.pp, cost }))];
  }
  const starts = pairedStarts(m, c, p.pp);
  const st = starts.map((s, j) => stageCost(m, p, c, s, j + 1 < starts.length ? starts[j + 1] : m.layers));
  return [st.map((cost, j) => ({ rank: j, cost })), st.map((cost, j) => ({ rank: p.pp - 1 - j, cost }))];
}

/**
 * DualPipe: rank i runs stage i for micro-batches entering at rank 0 and stage PP-1-i for those
 * entering at rank PP-1, half each; it holds min(m/2, PP - i) and min(m/2, i + 1) of them in flight
 * (PP + 1 in all, DeepSeek-V3 Table 2). The cut balances rank pairs, not single stages: rank 0
 * holds both ends (embedding and head).
 */
function dualPipeRank(
  m: StepModel,
  p: Plan,
  c: LayerCosts,
  starts: number[],
  i: number,
  mb: number,
  both: RankCost,
): RankCost {
  const k = p.pp - 1 - i;
  const a = stageOf(m, p, c, starts[i], end(m, starts, i), STAGE),
    b = stageOf(m, p, c, starts[k], end(m, starts, k), PAIRED);
  zeroRank(both);
  addTimes(both, a, 0.5);
  addTimes(both, b, 0.5);
  both.layers = a.layers + b.layers;
  both.dense_params = a.dense_params + b.dense_params;
  both.expert_params = a.expert_params + b.expert_params;
  both.act_bytes = a.act_bytes * Math.min(mb / 2, p.pp - i) + b.act_bytes * Math.min(mb / 2, i + 1);
  return both;
}
