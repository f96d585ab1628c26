// The calibration protocol: for each batch size B, B sequences read B windows of the shipped corpus
// (teacher-forced: the next input is the corpus's next token); each round prefills P_B prompt
// tokens per sequence in one step, then decodes one token per sequence per step. Every MoE router
// input is recorded so each router mechanism can be replayed on the same tokens.
// Invariant: a pure function of (config, options): no clock, no Math.random.
import type { MicroConfig } from '../moe/config.ts';
import { corpusTokenizer, readCorpus } from '../moe/corpus.ts';
import type { Phase } from '../moe/counters.ts';
import { MicroMoE } from '../moe/model.ts';
import { initWeights } from '../moe/weights.ts';
import type { BatchStats } from '../moe/router.ts';
import { MECHANISMS, replay, type Mechanism } from './mechanisms.ts';
import { summarize, type RouterSummary } from './router-stats.ts';
import type { Tally, A2aTally } from '../moe/counters.ts';

export interface CalibrateOptions {
  /** Decode tokens per batch size. */
  tokens: number;
  batches: number[];
}

export interface PhaseMeasure {
  tokens: number;
  steps: number;
  mean_kv_len: number;
  tally: Tally;
  flops_by_component: Record<string, number>;
  a2a: A2aTally;
  /** distinct routed experts touched per MoE layer per step (mean) */
  distinct_experts: number;
}

export interface BatchMeasure {
  batch_tokens: number;
  prompt_tokens: number;
  prefill: PhaseMeasure;
  decode: PhaseMeasure;
  router: Record<Mechanism, RouterSummary>;
}

export interface Measurement {
  corpus_bytes: number;
  corpus_tokens: number;
  batches: BatchMeasure[];
}

interface Recorded {
  x: Float32Array;
  rows: number;
  phase: Phase;
}

/** Prompt length at batch B: the configured prompt, shortened so prefill stays ≈ the decode budget. */
export const promptTokens = (c: MicroConfig, batch: number, tokens: number): number =>
  Math.max(1, Math.min(c.prompt_tokens, Math.floor(tokens / batch)));

export function measureBatch(
  c: MicroConfig,
  corpus: number[],
  batch: number,
  tokens: number,
  weights = initWeights(c.shape, c.seed),
): BatchMeasure {
  const inputs = new Map<number, Recorded[]>();
  const record = (l: number, x: Float32Array, rows: number): void => {
    const list = inputs.get(l) ?? [];
    list.push({ x: x.slice(), rows, phase: model.counters.phase });
    inputs.set(l, list);
  };
  const model = new MicroMoE(c, { routerInput: record }, weights);
  const P = promptTokens(c, batch, tokens),
    steps = Math.min(c.shape.context_tokens - P, Math.ceil(tokens / batch));
  const rounds = Math.ceil(tokens / (batch * steps));
  const kvSum = { prefill: 0, decode: 0 },
    stepCount = { prefill: 0, decode: 0 };
  let cursor = 0;
  for (let r = 0; r < rounds; r++) {
    const caches = model.newCaches(batch),
      starts = Array.from({ length: batch }, () => {
        const s = cursor;
        cursor += P + steps;
        return s;
      });
    const tok = (b: number, i: number): number => corpus[(starts[b] + i) % corpus.length];
    const pre = starts.flatMap((_, b) => Array.from({ length: P }, (__, i) => ({ seq: b, token: tok(b, i) })));
    model.forward(caches, pre, 'prefill');
    kvSum.prefill += (batch * P * (P + 1)) / 2;
    stepCount.prefill++;
    for (let t = 0; t < steps; t++) {
      model.forward(
        caches,
        starts.map((_, b) => ({ seq: b, token: tok(b, P + t) })),
        'decode',
      );
      kvSum.decode += batch * (P + t + 1);
      stepCount.decode++;
    }
  }
  const routerWeights = new Map<number, Float32Array>(),
    biases = new Map<number, Float64Array>();
  model.weights.layers.forEach((lw, l) => {
    if (lw.router) routerWeights.set(l, lw.router);
    if (lw.router_bias) biases.set(l, lw.router_bias);
  });
  const router = {} as Record<Mechanism, RouterSummary>;
  for (const m of MECHANISMS) {
    const all = replayTagged(c, m, routerWeights, inputs, biases);
    router[m] = summarize(
      all.filter((s) => s.phase === 'decode').map((s) => s.stats),
      c.shape.routed_experts,
      c.shape.top_k,
    );
  }
  const phase = (p: Phase): PhaseMeasure => {
    const n = p === 'prefill' ? rounds * batch * P : rounds * batch * steps;
    const routed = [...inputs.values()].flat().filter((s) => s.phase === p).length;
    return {
      tokens: n,
      steps: stepCount[p],
      mean_kv_len: kvSum[p] / n,
      tally: model.counters.sum({ phase: p }),
      flops_by_component: model.counters.flopsByComponent(p),
      a2a: model.counters.a2aSum({ phase: p }),
      distinct_experts: routed > 0 ? distinctSum(model, p) / routed : 0,
    };
  };
  return { batch_tokens: batch, prompt_tokens: P, prefill: phase('prefill'), decode: phase('decode'), router };
}

/** Distinct experts touched, summed over every (MoE layer, step) of a phase, from the routed-expert weight reads. */
function distinctSum(model: MicroMoE, p: Phase): number {
  const s = model.config.shape,
    perExpert = 3 * s.d_model * s.expert_ffn_hidden * s.bytes_per_weight;
  return model.counters.sum({ phase: p, component: 'routed_experts' }).weights / perExpert;
}

function replayTagged(
  c: MicroConfig,
  m: Mechanism,
  weights: Map<number, Float32Array>,
  inputs: Map<number, Recorded[]>,
  biases: Map<number, Float64Array>,
): { phase: Phase; stats: BatchStats }[] {
  const out: { phase: Phase; stats: BatchStats }[] = [];
  for (const [layer, steps] of inputs) {
    const stats = replay(c, m, weights, new Map([[layer, steps]]), biases);
    stats.forEach((st, i) => out.push({ phase: steps[i].phase, stats: st }));
  }
  return out;
}

/** Measure with `weights` (trained, from a weights file) or the config's seeded weights. */
export function measure(c: MicroConfig, o: CalibrateOptions, weights = initWeights(c.shape, c.seed)): Measurement {
  const text = readCorpus();
  const { tokens } = corpusTokenizer(c.bpe_merges, text);
  return {
    corpus_bytes: Buffer.byteLength(text, 'utf8'),
    corpus_tokens: tokens.length,
    batches: o.batches.map((b) => measureBatch(c, tokens, b, o.tokens, weights)),
  };
}
