// Training the micro-MoE from its seeded weights on the shipped corpus with one balancing method:
//   split corpus → per step: sample windows → forward (routing, balancing) → backward → AdamW at
//   the scheduled learning rate → record loss and per-batch balance → every eval_every steps the
//   validation loss → at the end the balance over every corpus window.
// Invariant: a run is a pure function of (config, method, options, kernel path): same bits each
// time, and the batches do not depend on the method, so methods are compared on the same data.
import { createRng } from '../../engine/rng.ts';
import type { MicroConfig } from '../config.ts';
import type { Backend } from '../kern/backend.ts';
import { initWeights, mapWeights, tensorList, type ModelWeights } from '../weights.ts';
import { Adam, DEFAULT_ADAM } from './adam.ts';
import { loadCv, maxVio } from './balance-metrics.ts';
import { applyBalancing, type Balancing, type BalancingInputs } from './balancing.ts';
import { evalChunks, sampleWindows, type Split } from './corpus-batches.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { TrainModel } from './train-model.ts';

export interface TrainOptions {
  steps: number;
  /** sequences per batch */
  seqs: number;
  /** tokens per sequence (≤ the context) */
  seq_len: number;
  /** peak learning rate */
  lr: number;
  warmup_steps: number;
  /** the cosine schedule ends at lr·min_lr_ratio */
  min_lr_ratio: number;
  eval_every: number;
}

/** Warm-up is this share of the steps (a short linear ramp, as in GPT-3's schedule) [E: chosen]. */
export const WARMUP_FRACTION = 0.05;
/** Validation passes per run. */
export const EVALS_PER_RUN = 20;

/**
 * Defaults of the shipped training run. 8 × 128 = 1,024 tokens per batch, the full context.
 * lr: of {1e-3, 3e-3, 1e-2} at 200 steps, 3e-3 gave the lowest validation loss (5.04 nats; 1e-2
 * overfits after 40 steps, 1e-3 is still falling at 200) [E: measured with this model and corpus].
 * steps: validation loss is flat from step 140 to 200 at that rate, and 200 steps fit the time
 * budget on one core with either kernel path [E: measured, see bench/moe.ts].
 */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  steps: 200,
  seqs: 8,
  seq_len: 128,
  lr: 3e-3,
  warmup_steps: Math.round(200 * WARMUP_FRACTION),
  min_lr_ratio: 0.1, // cosine to 10% of the peak (Chinchilla, Hoffmann et al. 2022) [R]
  eval_every: 200 / EVALS_PER_RUN,
};

export interface StepRecord {
  step: number;
  lr: number;
  ce: number;
  aux: number;
  grad_norm: number;
  /** per MoE layer: MaxVio and CV of this batch's router picks, drop and reroute shares */
  maxvio: number[];
  cv: number[];
  drop_share: number[];
  reroute_share: number[];
  /** mean K the routers served (adaptive K moves it) */
  mean_k: number;
}

export interface EvalRecord {
  step: number;
  val_ce: number;
}

export interface TrainRun {
  method: Balancing;
  alpha: number;
  bias_rate: number;
  options: TrainOptions;
  steps: StepRecord[];
  evals: EvalRecord[];
  /** balance and loss over every window of the whole corpus (train + validation), eval routing */
  final: Evaluation;
  final_val_ce: number;
  model: TrainModel;
}

/** Linear warm-up, then cosine decay to min_lr_ratio·lr (Chinchilla, Hoffmann et al. 2022: cosine to 10%) [R]. */
export function lrAt(step: number, o: TrainOptions): number {
  if (step < o.warmup_steps) return (o.lr * (step + 1)) / o.warmup_steps;
  const span = Math.max(1, o.steps - o.warmup_steps),
    x = Math.min(1, (step - o.warmup_steps) / span);
  return o.lr * (o.min_lr_ratio + (1 - o.min_lr_ratio) * 0.5 * (1 + Math.cos(Math.PI * x)));
}

export interface TrainData {
  split: Split;
  /** token class index of every vocabulary id (token-classes.ts) */
  classOf: Int32Array;
}

export function trainRun(
  base: MicroConfig,
  method: Balancing,
  bal: BalancingInputs,
  o: TrainOptions,
  be: Backend,
  data: TrainData,
  onStep?: (r: StepRecord) => void,
): TrainRun {
  const { config, alpha } = applyBalancing(base, method, bal);
  const model = new TrainModel(config, be, o.seqs, o.seq_len, initWeights(config.shape, config.seed), alpha);
  const adam = new Adam(tensorList(model.params), tensorList(model.grads), DEFAULT_ADAM);
  const rng = createRng(config.seed, 'moe.train.batches'),
    windows = new Int32Array(o.seqs * (o.seq_len + 1));
  const valChunks = evalChunks(data.split.val, o.seqs, o.seq_len);
  const steps: StepRecord[] = [],
    evals: EvalRecord[] = [];
  for (let step = 0; step < o.steps; step++) {
    sampleWindows(rng, data.split.train, o.seqs, o.seq_len, windows);
    model.zeroGrads();
    const loss = model.forward(windows, o.seqs, 'train');
    model.backward();
    const lr = lrAt(step, o);
    const grad_norm = adam.step(lr);
    const rec = stepRecord(model, step, lr, loss.ce, loss.aux, grad_norm);
    steps.push(rec);
    onStep?.(rec);
    if ((step + 1) % o.eval_every === 0 || step + 1 === o.steps)
      evals.push({ step: step + 1, val_ce: evaluate(model, valChunks, data.classOf).ce });
  }
  const all = Int32Array.from([...data.split.train, ...data.split.val]);
  const final = evaluate(model, evalChunks(all, o.seqs, o.seq_len), data.classOf);
  return {
    method,
    alpha,
    bias_rate: config.router.bias_update_rate,
    options: o,
    steps,
    evals,
    final,
    final_val_ce: evals.at(-1)?.val_ce ?? NaN,
    model,
  };
}

function stepRecord(m: TrainModel, step: number, lr: number, ce: number, aux: number, grad_norm: number): StepRecord {
  const r: StepRecord = {
    step,
    lr,
    ce,
    aux,
    grad_norm,
    maxvio: [],
    cv: [],
    drop_share: [],
    reroute_share: [],
    mean_k: 0,
  };
  let kSum = 0;
  for (const a of m.ws.layers) {
    const st = a.moe?.routing?.stats;
    if (!st) continue;
    r.maxvio.push(maxVio(st.requested_loads));
    r.cv.push(loadCv(st.requested_loads));
    r.drop_share.push(st.requested > 0 ? st.drops / st.requested : 0);
    r.reroute_share.push(st.requested > 0 ? st.reroutes / st.requested : 0);
    kSum += st.k;
  }
  r.mean_k = r.maxvio.length > 0 ? kSum / r.maxvio.length : 0;
  return r;
}

/** The trained weights as float32 tensors, with each router's learned bias. */
export function trainedWeights(run: TrainRun): ModelWeights {
  const w = mapWeights(run.model.params, (t) => Float32Array.from(t));
  run.model.routers.forEach((r, l) => {
    if (r) w.layers[l].router_bias = Float64Array.from(r.bias);
  });
  return w;
}
