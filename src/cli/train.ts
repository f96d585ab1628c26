// `firstwall train`: train the micro-MoE from its seeded weights on the shipped corpus, once per
// balancing method (same data, same seed), and report loss curves and the balance of the trained
// routers as tables (stdout), JSON and Vega-Lite charts with their SVGs in an output folder written
// atomically; --weights also writes one method's trained weights and their manifest.
//
//   flags -> config -> corpus split -> train each method -> sampling floors -> summary, verdict
//   -> charts (spec + SVG) -> folder (atomic) -> weights + manifest (atomic)
import { resolve } from 'node:path';
import { summarizeRun, formatTrainSummary, trainDocument, type TrainReportInput } from '../calibrate/train-summary.ts';
import { trainBalanceChart, BALANCE_METRICS, type BalanceRow } from '../charts/train-balance.ts';
import { trainLossChart } from '../charts/train-loss.ts';
import { trainMaxVioChart } from '../charts/train-maxvio.ts';
import { trainSpecializationChart, type SpecializationCell } from '../charts/train-specialization.ts';
import type { Spec } from '../charts/common.ts';
import { createRng } from '../engine/rng.ts';
import { UsageError } from '../io/errors.ts';
import { writeFileAtomic } from '../io/atomic/file.ts';
import { writeReportAtomic, type ReportFile } from '../io/atomic/folder.ts';
import { resolveOutPath, type OutPath } from '../io/atomic/out-path.ts';
import { assertFinite } from '../io/finite.ts';
import { DEFAULT_CONFIG, loadConfig, type MicroConfig } from '../moe/config.ts';
import { corpusTokenizer, readCorpus } from '../moe/corpus.ts';
import { isKernelChoice, selectBackend, autoPath, type KernelChoice } from '../moe/kern/backend.ts';
import { uniformMaxVio } from '../moe/train/balance-metrics.ts';
import { BALANCING, DEFAULT_AUX_ALPHA, isBalancing, type Balancing } from '../moe/train/balancing.ts';
import { splitTokens } from '../moe/train/corpus-batches.ts';
import { TOKEN_CLASSES, classOfIds } from '../moe/train/token-classes.ts';
import {
  DEFAULT_TRAIN_OPTIONS,
  EVALS_PER_RUN,
  WARMUP_FRACTION,
  trainRun,
  trainedWeights,
  type TrainOptions,
  type TrainRun,
} from '../moe/train/trainer.ts';
import {
  encodeWeights,
  manifestPathFor,
  sha256,
  WEIGHTS_FORMAT,
  type WeightsManifest,
} from '../moe/train/weights-file.ts';
import { renderSvg } from '../report/render.ts';
import { EXIT, type Command, type CommandIO } from './command.ts';
import { parseCommandArgs, parseIntOption } from './options.ts';

const D = DEFAULT_TRAIN_OPTIONS;
const usage = `Usage: firstwall train --out DIR [--methods ${BALANCING.join(',')}] [--steps N] [--weights FILE.bin] [options]
  Trains the micro-MoE from its seeded weights on the shipped corpus once per balancing method
  (same batches for each) and reports the loss curves and, per method, MaxVio (global and per
  batch), CV of expert load, drop/reroute shares and expert specialization by token class, with
  the verdict on loss-free vs auxiliary-loss balancing. DIR gets summary.txt, train.json and
  charts/*.vl.json + *.svg (replaced whole, atomically).
  --methods L       balancing methods to train: none, aux (Switch loss), loss-free (Wang et al. 2024)
  --steps N         optimizer steps per method (default ${D.steps})
  --seqs N          sequences per batch (default ${D.seqs})
  --seq-len N       tokens per sequence (default ${D.seq_len}, at most the context)
  --lr X            peak learning rate (default ${D.lr})
  --aux-alpha A     auxiliary-loss coefficient α (default ${DEFAULT_AUX_ALPHA}, Switch Transformer)
  --bias-rate U     loss-free bias step u (default: the config's router.bias_update_rate)
  --kernels K       auto (WebAssembly SIMD where supported), ts or wasm (default auto)
  --config FILE     micro-MoE config YAML (any subset of src/moe/config.ts defaults)
  --weights FILE    also write that method's trained weights (bfloat16) to FILE and a manifest
                    (shape, seed, corpus hash, method, steps, losses, sha256) beside it as .json
  --weights-method M  which method's weights --weights writes (default loss-free, if trained)
  --quiet           do not print the summary

Example (regenerates the shipped weights byte for byte):
  firstwall train --methods loss-free --weights scenarios/calibrations/micro-moe-default.weights.bin --out reports/train
`;

function parseNumber(
  name: string,
  raw: string | undefined,
  fallback: number,
  ok: (x: number) => boolean,
  what: string,
): number {
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x) || !ok(x))
    throw new UsageError(`--${name} must be ${what} (got "${raw}")`);
  return x;
}

function parseMethods(raw: string | undefined): Balancing[] {
  if (raw === undefined) return [...BALANCING];
  const list = raw.split(',').map((s) => s.trim());
  const bad = list.find((m) => !isBalancing(m));
  if (bad !== undefined || list.length === 0)
    throw new UsageError(`--methods takes ${BALANCING.join(', ')} (got "${bad ?? raw}")`);
  return BALANCING.filter((m) => list.includes(m));
}

interface Parsed {
  config: MicroConfig;
  methods: Balancing[];
  options: TrainOptions;
  aux_alpha: number;
  bias_rate?: number;
  kernels: KernelChoice;
  out: OutPath;
  weights?: OutPath;
  weightsMethod: Balancing;
  quiet: boolean;
}

function parse(args: string[], io: CommandIO): Parsed {
  const { values: v, positionals } = parseCommandArgs(args, {
    methods: { type: 'string' },
    steps: { type: 'string' },
    seqs: { type: 'string' },
    'seq-len': { type: 'string' },
    lr: { type: 'string' },
    'aux-alpha': { type: 'string' },
    'bias-rate': { type: 'string' },
    kernels: { type: 'string' },
    config: { type: 'string' },
    out: { type: 'string' },
    weights: { type: 'string' },
    'weights-method': { type: 'string' },
    quiet: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (v.out === undefined) throw new UsageError('--out DIR is required');
  const out = resolveOutPath(v.out, '--out', 'folder', io.cwd);
  const weights = v.weights === undefined ? undefined : resolveOutPath(v.weights, '--weights', 'file', io.cwd);
  if (weights) resolveOutPath(manifestPathFor(v.weights!), '--weights (its manifest)', 'file', io.cwd);
  const config = v.config === undefined ? DEFAULT_CONFIG : loadConfig(resolve(io.cwd, v.config));
  const steps = parseIntOption('steps', v.steps, D.steps, 1, 1_000_000);
  const seq_len = parseIntOption(
    'seq-len',
    v['seq-len'],
    Math.min(D.seq_len, config.shape.context_tokens),
    1,
    config.shape.context_tokens,
  );
  const options: TrainOptions = {
    ...D,
    steps,
    seqs: parseIntOption('seqs', v.seqs, D.seqs, 1, 4096),
    seq_len,
    lr: parseNumber('lr', v.lr, D.lr, (x) => x > 0 && x < 1, 'a number in (0, 1)'),
    warmup_steps: Math.max(1, Math.round(steps * WARMUP_FRACTION)),
    eval_every: Math.max(1, Math.round(steps / EVALS_PER_RUN)),
  };
  const methods = parseMethods(v.methods);
  const kernels = v.kernels ?? 'auto';
  if (!isKernelChoice(kernels)) throw new UsageError(`--kernels must be auto, ts or wasm (got "${kernels}")`);
  const wm = v['weights-method'] ?? (methods.includes('loss-free') ? 'loss-free' : methods[0]);
  if (!isBalancing(wm) || !methods.includes(wm))
    throw new UsageError(`--weights-method must be one of the trained methods (got "${wm}")`);
  return {
    config,
    methods,
    options,
    aux_alpha: parseNumber('aux-alpha', v['aux-alpha'], DEFAULT_AUX_ALPHA, (x) => x >= 0, 'a number >= 0'),
    bias_rate:
      v['bias-rate'] === undefined
        ? undefined
        : parseNumber('bias-rate', v['bias-rate'], 0, (x) => x > 0, 'a number > 0'),
    kernels,
    out,
    weights,
    weightsMethod: wm,
    quiet: v.quiet === true,
  };
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train the micro-MoE per balancing method and compare the routers (MaxVio, CV, drops, specialization)',
  usage,
  async run(args, io) {
    const p = parse(args, io);
    const text = readCorpus(),
      { tokenizer, tokens } = corpusTokenizer(p.config.bpe_merges, text);
    const split = splitTokens(tokens);
    if (split.train.length < p.options.seq_len + 1)
      throw new UsageError(
        `--seq-len ${p.options.seq_len} is longer than the training split (${split.train.length} tokens)`,
      );
    const data = { split, classOf: classOfIds(tokenizer.bpe.pieces) };
    const path = p.kernels === 'auto' ? autoPath() : p.kernels;
    const runs: TrainRun[] = [];
    for (const method of p.methods) {
      const c0 = process.cpuUsage();
      runs.push(
        trainRun(
          p.config,
          method,
          { aux_alpha: p.aux_alpha, bias_rate: p.bias_rate },
          p.options,
          selectBackend(path),
          data,
        ),
      );
      const c = process.cpuUsage(c0);
      io.stderr(
        `firstwall train: ${method}: ${p.options.steps} steps, ${((c.user + c.system) / 1e6).toFixed(1)} s CPU\n`,
      );
    }
    const s = p.config.shape,
      rng = createRng(p.config.seed, 'moe.train.floor');
    const inp: TrainReportInput = {
      config: p.config,
      options: p.options,
      kernels: path,
      corpus: {
        path: 'src/moe/corpus/corpus.txt',
        sha256: sha256(text),
        tokens: tokens.length,
        train_tokens: split.train.length,
        val_tokens: split.val.length,
      },
      floors: {
        global: uniformMaxVio(runs[0].final.tokens, s.routed_experts, s.top_k, rng),
        batch: uniformMaxVio(p.options.seqs * p.options.seq_len, s.routed_experts, s.top_k, rng),
      },
      runs,
    };
    const summary = formatTrainSummary(inp);
    const files: ReportFile[] = [
      { path: 'summary.txt', content: summary },
      { path: 'train.json', content: JSON.stringify(trainDocument(inp), null, 2) + '\n' },
    ];
    for (const [name, spec] of chartSpecs(inp)) {
      const { svg: raw, warnings } = await renderSvg(spec);
      const svg = renumberGradients(raw);
      for (const w of warnings) io.stderr(`firstwall train: chart ${name}: ${w}\n`);
      files.push(
        { path: `charts/${name}.vl.json`, content: JSON.stringify(spec, null, 2) + '\n' },
        { path: `charts/${name}.svg`, content: svg },
      );
    }
    assertFinite(inp, 'the training results'); // the output boundary
    await writeReportAtomic(p.out, files);
    if (p.weights)
      writeWeights(
        p,
        runs.find((r) => r.method === p.weightsMethod)!,
        inp,
        args,
        io,
      );
    if (!p.quiet) io.stdout(summary);
    io.stderr(`firstwall train: wrote ${p.out.shown}\n`);
    return EXIT.ok;
  },
};

/**
 * Vega names a legend's colour gradient `gradient_N` from a process-wide counter, which
 * report/render.ts's renumbering (`gradientN`) does not catch: renumber them in order of appearance
 * so the SVG does not depend on what was rendered before.
 */
export function renumberGradients(svg: string): string {
  const ids = new Map<string, number>();
  return svg.replace(/(id="|url\(#)gradient_(\d+)/g, (_m, pre: string, n: string) => {
    if (!ids.has(n)) ids.set(n, ids.size);
    return `${pre}gradient_${ids.get(n)}`;
  });
}

function chartSpecs(inp: TrainReportInput): [string, Spec][] {
  const runs = inp.runs,
    mean = (xs: number[]): number => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
  const o = inp.options;
  const loss = trainLossChart({
    subtitle: `${o.steps} steps of ${o.seqs}×${o.seq_len} tokens; dashed: held-out validation (${inp.corpus.val_tokens} tokens)`,
    curves: runs.map((r) => ({
      method: r.method,
      train: r.steps.map((st) => ({ step: st.step + 1, ce: st.ce })),
      validation: r.evals.map((e) => ({ step: e.step, ce: e.val_ce })),
    })),
  });
  const maxvio = trainMaxVioChart({
    floor: inp.floors.batch,
    curves: runs.map((r) => ({
      method: r.method,
      points: r.steps.map((st) => ({ step: st.step + 1, maxvio: mean(st.maxvio) })),
    })),
  });
  const rows: BalanceRow[] = runs.flatMap((r) =>
    r.final.layers.flatMap((l) => {
      const vals = [l.maxvio, l.cv, l.drop_share, l.reroute_share];
      return BALANCE_METRICS.map((metric, i) => ({
        method: r.method,
        layer: `layer ${l.layer}`,
        metric,
        value: vals[i],
      }));
    }),
  );
  return [
    ['train-loss', loss],
    ['train-maxvio', maxvio],
    ['train-balance', trainBalanceChart({ rows, floor: inp.floors.global })],
    ['train-specialization', trainSpecializationChart({ cells: specializationCells(runs), classes: TOKEN_CLASSES })],
  ];
}

/** Lift of every (method, layer, expert, class) with tokens: P(class | expert) / P(class). */
function specializationCells(runs: TrainRun[]): SpecializationCell[] {
  return runs.flatMap((r) =>
    r.final.layers.flatMap((l) => {
      const total = l.class_counts.flat().reduce((a, x) => a + x, 0);
      const base = TOKEN_CLASSES.map((_, c) => l.class_counts.reduce((a, row) => a + row[c], 0) / Math.max(1, total));
      return l.class_counts.flatMap((row, expert) => {
        const n = row.reduce((a, x) => a + x, 0);
        return TOKEN_CLASSES.flatMap((cls, c) =>
          n > 0 && base[c] > 0
            ? [{ method: r.method, layer: `layer ${l.layer}`, expert, class: cls, lift: row[c] / n / base[c] }]
            : [],
        );
      });
    }),
  );
}

function writeWeights(p: Parsed, run: TrainRun, inp: TrainReportInput, args: string[], io: CommandIO): void {
  const bin = p.weights!.full,
    { bytes, tensors } = encodeWeights(trainedWeights(run));
  const s = summarizeRun(run);
  const manifest: WeightsManifest = {
    format: WEIGHTS_FORMAT,
    file: bin.split(/[\\/]/).pop()!,
    bytes: bytes.length,
    sha256: sha256(bytes),
    shape: p.config.shape,
    provenance: {
      command: `firstwall train ${args.join(' ')}`,
      seed: p.config.seed,
      bpe_merges: p.config.bpe_merges,
      corpus: inp.corpus,
      method: run.method,
      aux_alpha: run.alpha,
      bias_rate: run.bias_rate,
      router: p.config.router,
      placement: p.config.placement,
      options: run.options,
      kernels: inp.kernels,
      steps: run.options.steps,
      final_loss: { train_ce: s.train_ce, val_ce: s.val_ce, corpus_ce: s.corpus_ce },
      maxvio_global: s.maxvio_global,
    },
    tensors,
  };
  writeFileAtomic(p.weights!, bytes);
  writeFileAtomic(
    { shown: manifestPathFor(p.weights!.shown), full: manifestPathFor(bin) },
    JSON.stringify(roundManifest(manifest), null, 2) + '\n',
  );
  io.stderr(`firstwall train: wrote ${p.weights!.shown} (${bytes.length} bytes, ${run.method}) and its manifest\n`);
}

/** Losses and rates rounded to 6 significant digits (as in calibrations), the rest kept. */
function roundManifest(m: WeightsManifest): WeightsManifest {
  const r = (x: unknown): unknown =>
    typeof x === 'number'
      ? Number.isInteger(x)
        ? x
        : Number(x.toPrecision(6))
      : Array.isArray(x)
        ? x.map(r)
        : x && typeof x === 'object'
          ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, r(v)]))
          : x;
  return r(m) as WeightsManifest;
}
