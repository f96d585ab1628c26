// `firstwall step <scenario.yaml>`: one training step of the scenario's frontier model on the
// newest accelerator at a year, under a given plan (--plan) or the best plans found (--search):
// the step time and its breakdown, memory per GPU, MFU; --trace writes the step as a Perfetto trace.
//
//   load scenario -> normalize -> inputs for the year (workload/step/from-params.ts)
//   -> stepTime or searchPlans -> tables on stdout (-> trace file, atomically)
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { parseCommandArgs, parseIntOption } from './options.ts';
import { loadScenario } from '../scenario/load.ts';
import { normalize } from '../params/params.ts';
import { writeFileAtomic } from '../io/atomic/file.ts';
import { resolveOutPath } from '../io/atomic/out-path.ts';
import { assertFinite } from '../io/finite.ts';
import {
  activeParameters,
  closedFormA2a,
  flowA2a,
  formatPlanSpec,
  parsePlanSpec,
  planProblems,
  searchPlans,
  stepInputsFromParams,
  stepTime,
  stepTrace,
  type StepInputs,
  type StepOptions,
  type StepResult,
} from '../workload/step/index.ts';

const usage = `Usage: firstwall step <scenario.yaml> [--year Y] [--plan SPEC | --search] [--trace FILE] [options]
  Times one optimizer step of the scenario's frontier model (the family at the year's
  compute-optimal size) on the newest accelerator of that year: step time and its breakdown
  (compute, recompute, exposed TP/CP/EP/PP/DP communication, pipeline bubble, optimizer), memory
  per GPU and MFU. Without --plan it searches plans and shows the best (as --search).
  --year Y           scenario year (default: the horizon's start)
  --plan SPEC        tp=8,pp=16,dp=128,cp=1,ep=1,mbs=1,schedule=1f1b|interleaved|dualpipe,chunks=2,
                     recompute=none|selective|full,zero=0..3,sp=1,precision=bf16,attention=flash,
                     cp_comm=ring|all_gather,tp_overlap=0,comm_sms=0 (dp defaults to the GPUs left)
  --search           search plans; prints the best --top and why the others were rejected
  --top N            plans shown by --search (default 5)
  --gpus N           GPUs of the run (default: the target's FLOP in its days at compute.mfu, or
                     at the step model's MFU where the scenario states none, rounded up to a
                     power-of-two number of scale-up domains)
  --batch-tokens N   tokens per optimizer step (default: model.critical_batch_tokens)
  --a2a closed|flow  expert all-to-all timer: closed form (default) or the flow simulation
  --trace FILE       write the step (the given or best plan) as a Chrome/Perfetto trace

Example:
  firstwall step scenarios/baseline-2025.yaml --search
  firstwall step scenarios/baseline-2025.yaml --plan tp=8,pp=16,schedule=interleaved,chunks=4 --trace step.json
`;

export const stepCommand: Command = {
  name: 'step',
  summary: 'one training step: parallelism plan, step-time breakdown, memory per GPU, MFU',
  usage,
  async run(args, io) {
    const { values: v, positionals } = parseCommandArgs(args, {
      year: { type: 'string' },
      plan: { type: 'string' },
      search: { type: 'boolean' },
      top: { type: 'string' },
      gpus: { type: 'string' },
      'batch-tokens': { type: 'string' },
      a2a: { type: 'string' },
      trace: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one scenario file');
    if (v.plan !== undefined && v.search) throw new UsageError('give either --plan or --search, not both');
    if (v.a2a !== undefined && v.a2a !== 'closed' && v.a2a !== 'flow')
      throw new UsageError(`--a2a must be closed or flow (got "${v.a2a}")`);
    const trace = v.trace === undefined ? undefined : resolveOutPath(v.trace, '--trace', 'file', io.cwd);
    const { scenario } = loadScenario(positionals[0], io.cwd);
    const p = normalize(scenario);
    const year = parseIntOption('year', v.year, p.horizon.start_year, p.horizon.start_year, p.horizon.end_year);
    const gpus = v.gpus === undefined ? undefined : parseIntOption('gpus', v.gpus, 1);
    const inputs = stepInputsFromParams(p, year, gpus);
    if (v['batch-tokens'] !== undefined)
      inputs.global_batch = Math.max(
        1,
        Math.round(parseIntOption('batch-tokens', v['batch-tokens'], 1) / inputs.model.context_tokens),
      );
    const opts: StepOptions = { a2a: v.a2a === 'flow' ? flowA2a(p.seed) : closedFormA2a };
    assertFinite(inputs, 'the step inputs'); // the output boundary: nothing non-finite is printed or written
    let chosen: StepResult | undefined;
    let table = '';
    if (v.plan !== undefined) {
      const plan = parsePlanSpec(v.plan, { global_batch: inputs.global_batch }, inputs.cluster.gpus);
      const problems = planProblems(inputs.model, inputs.cluster, plan);
      if (problems.length) throw new UsageError(`the plan cannot run:\n  ${problems.join('\n  ')}`);
      chosen = stepTime(inputs.model, inputs.cluster, plan, opts);
    } else {
      const top = parseIntOption('top', v.top, 5);
      const r = searchPlans(inputs.model, inputs.cluster, { global_batch: inputs.global_batch, top, step: opts });
      assertFinite(r.best, 'the plan search');
      table = searchTable(r.best, r.fitting + r.rejected_total, r.evaluated, r.fitting, r.rejected_by_reason);
      chosen = r.best[0];
      if (!chosen) {
        io.stdout(header(scenario.name, inputs) + table);
        io.stderr('no plan fits: see the rejection counts above\n');
        return EXIT.badInput;
      }
    }
    assertFinite(chosen, 'the step');
    const t = trace ? stepTrace(inputs.model, inputs.cluster, chosen.plan, opts) : undefined;
    if (t) assertFinite({ events: t.events, makespan_us: t.makespan_us }, 'the step trace');
    io.stdout(header(scenario.name, inputs) + table + report(chosen, inputs));
    if (trace && t) {
      writeFileAtomic(trace, t.json);
      io.stdout(`Trace of the step (${t.events} events, ${s(t.makespan_us)} s simulated) written to ${v.trace}\n`);
    }
    return EXIT.ok;
  },
};

const s = (us: number): string => (us / 1e6).toFixed(3);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function header(name: string, i: StepInputs): string {
  const m = i.model,
    c = i.cluster;
  const kind = m.moe_layers > 0 ? `MoE ${m.routed_experts} experts top-${m.top_k}` : 'dense';
  return (
    `${name} ${i.year}: ${c.gpus} x ${c.name} (${c.domain_gpus}-GPU scale-up domains)\n` +
    `model: ${(activeParameters(m) / 1e9).toFixed(1)}B active parameters, ${kind}, ${m.layers} layers, d_model ${Math.round(m.d_model)}, ` +
    `${m.context_tokens}-token sequences, ${i.global_batch} sequences per step\n\n`
  );
}

function report(r: StepResult, i: StepInputs): string {
  const b = r.breakdown,
    mem = r.memory;
  const rows: Array<[string, number]> = [
    ['compute', b.compute_us],
    ['recompute', b.recompute_us],
    ['exposed TP', b.tp_us],
    ['exposed CP', b.cp_us],
    ['exposed EP', b.ep_us],
    ['exposed PP', b.pp_us],
    ['exposed DP', b.dp_us],
    ['pipeline bubble', b.bubble_us],
    ['optimizer', b.optimizer_us],
  ];
  const peak = i.cluster.peak_tflops[r.plan.precision]!;
  const lines = [
    `plan: ${formatPlanSpec(r.plan)}`,
    `step time ${s(r.step_us)} s (${r.micro_batches} micro-batches)`,
    ...rows.map(([k, us]) => `  ${k.padEnd(16)}${s(us).padStart(10)} s  ${pct(us / r.step_us).padStart(6)}`),
    `memory per GPU ${mem.total_gb.toFixed(1)} GB of ${mem.capacity_gb.toFixed(1)} GB usable (${mem.fits ? 'fits' : 'DOES NOT FIT'}; pipeline rank ${mem.rank})`,
    ...(
      [
        ['weights', mem.weights_gb],
        ['gradients', mem.gradients_gb],
        ['optimizer state', mem.optimizer_gb],
        ['activations', mem.activations_gb],
        ['buffers', mem.buffers_gb],
      ] as Array<[string, number]>
    ).map(([k, gb]) => `  ${k.padEnd(16)}${gb.toFixed(1).padStart(10)} GB`),
    `MFU ${pct(r.mfu)}: ${r.model_tflops_per_gpu.toFixed(0)} model TFLOP/s per GPU of ${peak} peak (${r.plan.precision}); ` +
      `hardware ${r.hardware_tflops_per_gpu.toFixed(0)} TFLOP/s per GPU incl. recompute`,
    `${(r.tokens_per_step / (r.step_us / 1e6) / i.cluster.gpus).toFixed(0)} tokens/s per GPU`,
  ];
  return lines.join('\n') + '\n';
}

function searchTable(
  best: StepResult[],
  enumerated: number,
  evaluated: number,
  fitting: number,
  rejected: Record<string, number>,
): string {
  const rows = best.map(
    (r, k) =>
      `  ${String(k + 1).padStart(2)}  ${s(r.step_us).padStart(9)} s  MFU ${pct(r.mfu).padStart(6)}  ${r.memory.total_gb.toFixed(1).padStart(6)} GB  ${formatPlanSpec(r.plan)}`,
  );
  const why = Object.entries(rejected)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `  ${String(n).padStart(6)}  ${reason}`);
  return `Searched ${enumerated} plans: ${evaluated} timed, ${fitting} fit; best:\n${rows.join('\n')}\nRejected:\n${why.join('\n')}\n\n`;
}
