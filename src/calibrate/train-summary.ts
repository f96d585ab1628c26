// What `firstwall train` reports, from the training runs: per balancing method the losses, the
// balance of the router picks (MaxVio global and per batch, CV), the capacity mechanism's drop and
// reroute shares, expert specialization; the sampling floors that MaxVio cannot go below on this
// many tokens; the verdict on Wang et al. 2024's claim (loss-free balancing reaches a lower global
// MaxVio than an auxiliary loss at equal loss); and the JSON document (rounded like calibrations,
// so the same runs give the same bytes).
import type { MicroConfig } from '../moe/config.ts';
import type { Balancing } from '../moe/train/balancing.ts';
import { TOKEN_CLASSES } from '../moe/train/token-classes.ts';
import type { TrainOptions, TrainRun } from '../moe/train/trainer.ts';
import { roundDeep } from './calibration.ts';

export const TRAIN_FORMAT = 'firstwall-train/1';

/** Validation losses within 1% count as "equal loss" (the paper's gaps are 0.6% in perplexity, 2408.15664 Table 2). */
export const EQUAL_LOSS_FRACTION = 0.01;
/** 2408.15664 Table 2 [Q]: MaxVio_global 0.72 (aux loss) → 0.04 (loss-free) at 1B, 0.52 → 0.04 at 3B. */
export const PAPER_MAXVIO = { aux: 0.72, loss_free: 0.04, params: '1B' } as const;

export interface MethodSummary {
  method: Balancing;
  alpha: number;
  bias_rate: number;
  /** mean training-batch cross-entropy over the last tenth of the steps */
  train_ce: number;
  val_ce: number;
  corpus_ce: number;
  maxvio_global: number;
  maxvio_global_by_layer: number[];
  /** mean over the second half of training of the per-batch MaxVio (mean over layers) */
  maxvio_batch: number;
  cv: number;
  drop_share: number;
  reroute_share: number;
  train_drop_share: number;
  train_reroute_share: number;
  nmi: number;
  mean_k: number;
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : 0);

export function summarizeRun(r: TrainRun): MethodSummary {
  const steps = r.steps,
    tail = steps.slice(Math.floor(0.9 * steps.length)),
    half = steps.slice(Math.floor(steps.length / 2));
  const L = r.final.layers;
  return {
    method: r.method,
    alpha: r.alpha,
    bias_rate: r.bias_rate,
    train_ce: mean(tail.map((s) => s.ce)),
    val_ce: r.final_val_ce,
    corpus_ce: r.final.ce,
    maxvio_global: mean(L.map((l) => l.maxvio)),
    maxvio_global_by_layer: L.map((l) => l.maxvio),
    maxvio_batch: mean(half.map((s) => mean(s.maxvio))),
    cv: mean(L.map((l) => l.cv)),
    drop_share: mean(L.map((l) => l.drop_share)),
    reroute_share: mean(L.map((l) => l.reroute_share)),
    train_drop_share: mean(steps.map((s) => mean(s.drop_share))),
    train_reroute_share: mean(steps.map((s) => mean(s.reroute_share))),
    nmi: mean(L.map((l) => l.nmi)),
    mean_k: mean(steps.map((s) => s.mean_k)),
  };
}

export interface Verdict {
  answer: 'yes' | 'no' | 'within noise' | 'not compared';
  sentence: string;
}

/** Loss-free vs auxiliary loss: lower MaxVio_global by more than the sampling floor, at validation losses within 1%? */
export function lossFreeVerdict(sums: MethodSummary[], floor: number): Verdict {
  const lf = sums.find((s) => s.method === 'loss-free'),
    aux = sums.find((s) => s.method === 'aux');
  if (!lf || !aux)
    return { answer: 'not compared', sentence: 'Loss-free vs auxiliary loss: not compared (train both methods).' };
  const f = (x: number): string => x.toFixed(3);
  const equal = Math.abs(lf.val_ce - aux.val_ce) <= EQUAL_LOSS_FRACTION * aux.val_ce;
  const gap = aux.maxvio_global - lf.maxvio_global;
  const answer = !equal ? 'no' : gap > floor ? 'yes' : gap > 0 ? 'within noise' : 'no';
  const losses = `validation cross-entropy ${f(lf.val_ce)} vs ${f(aux.val_ce)} nats (${equal ? 'equal within 1%' : 'not equal'})`;
  const lead = {
    yes: 'YES: loss-free balancing reaches a lower global MaxVio than the auxiliary loss at equal loss',
    'within noise': 'NOT SHOWN: loss-free balancing is lower, but by less than the sampling floor',
    no: equal
      ? 'NO: loss-free balancing does not reach a lower global MaxVio than the auxiliary loss'
      : 'NO: the two methods do not reach equal loss',
  }[answer];
  return {
    answer,
    sentence:
      `${lead} on the micro model: MaxVio_global ${f(lf.maxvio_global)} (loss-free) vs ${f(aux.maxvio_global)} (aux, α = ${aux.alpha}), ` +
      `sampling floor ${f(floor)}; ${losses}. Wang et al. 2024 report ${PAPER_MAXVIO.aux} → ${PAPER_MAXVIO.loss_free} at ${PAPER_MAXVIO.params}.`,
  };
}

export interface TrainReportInput {
  config: MicroConfig;
  options: TrainOptions;
  kernels: string;
  corpus: { path: string; sha256: string; tokens: number; train_tokens: number; val_tokens: number };
  floors: { global: number; batch: number };
  runs: TrainRun[];
}

export function trainDocument(inp: TrainReportInput): Record<string, unknown> {
  const sums = inp.runs.map(summarizeRun);
  return roundDeep({
    format: TRAIN_FORMAT,
    config: inp.config,
    options: inp.options,
    kernels: inp.kernels,
    corpus: inp.corpus,
    token_classes: TOKEN_CLASSES,
    sampling_floor: { maxvio_global: inp.floors.global, maxvio_batch: inp.floors.batch },
    verdict: lossFreeVerdict(sums, inp.floors.global),
    methods: inp.runs.map((r, i) => ({
      summary: sums[i],
      steps: {
        ce: r.steps.map((s) => s.ce),
        aux: r.steps.map((s) => s.aux),
        lr: r.steps.map((s) => s.lr),
        grad_norm: r.steps.map((s) => s.grad_norm),
        maxvio: r.steps.map((s) => mean(s.maxvio)),
        cv: r.steps.map((s) => mean(s.cv)),
        drop_share: r.steps.map((s) => mean(s.drop_share)),
        reroute_share: r.steps.map((s) => mean(s.reroute_share)),
        mean_k: r.steps.map((s) => s.mean_k),
      },
      evals: r.evals,
      final: r.final,
    })),
  });
}

export function formatTrainSummary(inp: TrainReportInput): string {
  const sums = inp.runs.map(summarizeRun),
    f = (x: number, d = 3): string => x.toFixed(d);
  const head = [
    'method',
    'train_ce',
    'val_ce',
    'MaxVio_global',
    'MaxVio_batch',
    'CV',
    'drop',
    'reroute',
    'NMI',
    'mean_K',
  ];
  const rows = sums.map((s) => [
    s.method,
    f(s.train_ce),
    f(s.val_ce),
    `${f(s.maxvio_global)} (${s.maxvio_global_by_layer.map((x) => f(x)).join('/')})`,
    f(s.maxvio_batch),
    f(s.cv),
    f(s.drop_share, 4),
    f(s.reroute_share, 4),
    f(s.nmi),
    f(s.mean_k, 2),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  const o = inp.options;
  return [
    `Micro-MoE training from seed "${inp.config.seed}" on ${inp.corpus.path} (${inp.corpus.train_tokens} training / ${inp.corpus.val_tokens} validation tokens), ` +
      `${o.steps} steps of ${o.seqs}×${o.seq_len} tokens, AdamW peak lr ${o.lr}, kernels ${inp.kernels}`,
    '',
    'Per balancing method (MaxVio and CV of the router picks over the whole corpus, per MoE layer in brackets;',
    `drop/reroute: shares of routed copies at capacity factor ${inp.config.router.capacity_factor}; NMI: expert specialization by token class)`,
    line(head),
    w.map((x) => '-'.repeat(x)).join('  '),
    ...rows.map(line),
    '',
    `Sampling floor (a perfectly balanced random router): MaxVio_global ${f(inp.floors.global)}, MaxVio_batch ${f(inp.floors.batch)}`,
    '',
    lossFreeVerdict(sums, inp.floors.global).sentence,
    '',
  ].join('\n');
}
