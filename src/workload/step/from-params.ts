// The step model's inputs for a scenario year: the cluster from the newest accelerator in the
// catalog at that year, the model the scenario's family gives at that year's compute-optimal size
// (src/workload/shape.ts), and the global batch from the family's critical batch (rounded to a
// power of two sequences); and the cluster of any catalog generation (stepClusterFor), which the
// yearly run (src/datacenter/step-plan.ts) uses too.
// Invariant: a pure function of (params, year, overrides).
import { demandAt } from '../../demand/demand.ts';
import { mfuAt, newestAccelerator, precisionAt, type AcceleratorSpec, type Params } from '../../params/params.ts';
import { computeOptimalParams, shapeForActiveParams } from '../shape.ts';
import { clusterFromFigures, type StepCluster } from './cluster.ts';
import type { StepModel } from './model.ts';
import { referencePoint, type RunPlanInputs } from './run-plan.ts';

export interface StepInputs {
  year: number;
  model: StepModel;
  cluster: StepCluster;
  /** Sequences per optimizer step. */
  global_batch: number;
  /** Compute the year's run asks for (FLOP) and the days it has. */
  target_flop: number;
  training_days: number;
}

/**
 * GPUs for the run when none are given: enough to train the target in the run's days at the
 * scenario's MFU, rounded up to a power-of-two number of scale-up domains (such counts factor into
 * many plans).
 */
export function defaultRunGpus(
  target_flop: number,
  seconds: number,
  peak_flop_per_s: number,
  mfu: number,
  domain: number,
): number {
  const need = target_flop / (seconds * peak_flop_per_s * mfu);
  return domain * 2 ** Math.max(0, Math.ceil(Math.log2(need / domain)));
}

/** Sequences per step: the critical batch rounded to the nearest power of two (such batches split over many DP degrees). */
export const powerOfTwoBatch = (sequences: number): number =>
  2 ** Math.max(0, Math.round(Math.log2(Math.max(1, sequences))));

/**
 * The step model's cluster for `gpus` accelerators of a catalog generation, with the scenario's
 * link latencies, collective efficiency and usable HBM. FP8 and FP4 peaks are passed only where the
 * chip has them (the catalog fills a missing precision with the next wider one's peak).
 */
export function stepClusterFor(p: Params, acc: AcceleratorSpec, gpus: number): StepCluster {
  const peak = acc.peak_by_precision;
  return clusterFromFigures(
    {
      name: acc.name,
      bf16_tflops: peak.bf16 / 1e12,
      fp8_tflops: peak.fp8 > peak.bf16 ? peak.fp8 / 1e12 : undefined,
      fp4_tflops: peak.fp4 > peak.fp8 && peak.fp8 > peak.bf16 ? peak.fp4 / 1e12 : undefined,
      hbm_gb: acc.hbm_bytes / 1e9,
      hbm_tb_per_s: acc.hbm_bytes_per_s / 1e12,
      scale_up_gb_per_s: acc.scale_up_bytes_per_s / 1e9,
      scale_out_gbit_per_s: (acc.scale_out_bytes_per_s * 8) / 1e9,
      domain_gpus: acc.scale_up_domain_gpus,
    },
    gpus,
    {
      scale_up_latency_us: p.network.scale_up_latency_us,
      scale_out_latency_us: p.network.hop_latency_us,
      scale_out_efficiency: p.network.collective_efficiency,
      hbm_usable_fraction: p.memory.hbm_usable_fraction,
    },
  );
}

export function stepInputsFromParams(p: Params, year: number, gpus?: number): StepInputs {
  const acc = newestAccelerator(p, year);
  const d = demandAt(p, year);
  const shape = shapeForActiveParams(p.model, computeOptimalParams(d.target_flop, p.data.tokens_per_param));
  const model: StepModel = { ...shape, name: `${p.name} ${year}` };
  const batch = powerOfTwoBatch(p.model.critical_batch_tokens / shape.context_tokens);
  const n = gpus ?? runGpus(p, year, acc, model, batch, d.target_flop, d.training_seconds);
  return {
    year,
    model,
    cluster: stepClusterFor(p, acc, n),
    global_batch: batch,
    target_flop: d.target_flop,
    training_days: d.training_days,
  };
}

/**
 * GPUs for the year's run when none are given: the target in its days at the scenario's MFU if it
 * states one, else at the step model's MFU on that many GPUs (found by iterating from the MFU
 * ceiling, the kernel rates alone, until the count stops changing, at most a few times).
 */
function runGpus(
  p: Params,
  year: number,
  acc: AcceleratorSpec,
  model: StepModel,
  batchSequences: number,
  target: number,
  seconds: number,
): number {
  const domain = acc.scale_up_domain_gpus;
  const stated = mfuAt(p, year);
  const peak = acc.peak_by_precision[precisionAt(p, year)];
  if (stated !== null) return defaultRunGpus(target, seconds, peak, stated, domain);
  const cluster = stepClusterFor(p, acc, domain);
  const inputs: RunPlanInputs = {
    model,
    precision: precisionAt(p, year),
    batch_tokens: batchSequences * model.context_tokens,
    imbalance: 1,
  };
  let gpus = defaultRunGpus(
    target,
    seconds,
    peak,
    cluster.matmul_efficiency.bf16! * cluster.kernel_realization,
    domain,
  );
  for (let i = 0; i < 4; i++) {
    const mfu = referencePoint(inputs, cluster, gpus).mfu;
    const next = mfu > 0 ? defaultRunGpus(target, seconds, peak, mfu, domain) : gpus;
    if (next === gpus) break;
    gpus = next;
  }
  return gpus;
}
