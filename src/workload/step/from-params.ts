// The step model's inputs for a scenario year: the cluster from the newest accelerator in the
// catalog at that year, the model the scenario's family gives at that year's compute-optimal size
// (src/workload/shape.ts), and the global batch from the family's critical batch (rounded to a
// power of two sequences). Kept small: the
// scenario schema is being revised (precision fields will come), and the yearly run will call the
// library with its own cluster and model.
// Invariant: a pure function of (params, year, overrides).
import { demandAt } from '../../demand/demand.ts';
import { newestAccelerator, type Params } from '../../params/params.ts';
import { computeOptimalParams, shapeForActiveParams } from '../shape.ts';
import { clusterFromFigures, type StepCluster } from './cluster.ts';
import type { StepModel } from './model.ts';

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

export function stepInputsFromParams(p: Params, year: number, gpus?: number): StepInputs {
  const acc = newestAccelerator(p, year);
  const d = demandAt(p, year);
  const shape = shapeForActiveParams(p.model, computeOptimalParams(d.target_flop, p.data.tokens_per_param));
  const n =
    gpus ??
    defaultRunGpus(d.target_flop, d.training_seconds, acc.peak_flop_per_s, p.compute.mfu, acc.scale_up_domain_gpus);
  const cluster = clusterFromFigures(
    {
      name: acc.name,
      bf16_tflops: acc.peak_flop_per_s / 1e12,
      hbm_gb: acc.hbm_bytes / 1e9,
      hbm_tb_per_s: acc.hbm_bytes_per_s / 1e12,
      scale_up_gb_per_s: acc.scale_up_bytes_per_s / 1e9,
      scale_out_gbit_per_s: (acc.scale_out_bytes_per_s * 8) / 1e9,
      domain_gpus: acc.scale_up_domain_gpus,
    },
    n,
    {
      scale_up_latency_us: p.network.scale_up_latency_us,
      scale_out_latency_us: p.network.hop_latency_us,
      scale_out_efficiency: p.network.collective_efficiency,
      hbm_usable_fraction: p.memory.hbm_usable_fraction,
    },
  );
  const model: StepModel = { ...shape, name: `${p.name} ${year}` };
  return {
    year,
    model,
    cluster,
    global_batch: powerOfTwoBatch(p.model.critical_batch_tokens / shape.context_tokens),
    target_flop: d.target_flop,
    training_days: d.training_days,
  };
}
