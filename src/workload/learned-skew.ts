// Which learned skew the imbalance law (src/workload/imbalance-law.ts) carries to the frontier:
// - sourced (default): the published per-expert MaxVio of trained routers for the family's
//   balancing method (Wang et al., "Auxiliary-Loss-Free Load Balancing Strategy for
//   Mixture-of-Experts", arXiv:2408.15664, 2024, Table 2: MaxVio_global 0.04 with loss-free bias
//   balancing at 1B and 3B, 0.72 / 0.52 with an auxiliary loss at 1B / 3B; S via
//   shared/reference/moe.md section 3), read at the family's expert count: CV = MaxVio / z(N);
// - measured: the micro-MoE calibration's requested (pre-capping) per-expert load at its largest
//   routing batch, less chance's floor at that batch: CV_learned² = CV_measured² − CV_chance²,
//   with CV_measured = (max/mean − 1) / z(N_micro) (the same normal-maximum reading);
// - a number: a MaxVio the scenario states, read like the sourced one.
// The measured value is computed whenever a calibration is loaded, so the result shows it beside
// the sourced one. Invariant: CVs finite and >= 0.
import type { Calibration } from '../calibrate/calibration.ts';
import { InputError } from '../io/errors.ts';
import type { MoeParams } from '../params/params.ts';
import { chanceCv, expectedMaxNormal, learnedCvFromMaxVio } from './imbalance-law.ts';

/** Published MaxVio_global of trained routers, by balancing method (see the file comment). */
export const SOURCED_MAXVIO: Record<MoeParams['balancing'], { maxvio: number; source: string }> = {
  loss_free: {
    maxvio: 0.04, // loss-free bias balancing, 1B and 3B models (Wang et al. 2024, Table 2; S)
    source: 'Wang et al. 2024 (arXiv:2408.15664) Table 2: MaxVio_global 0.04, loss-free balancing',
  },
  aux_loss: {
    maxvio: 0.52, // auxiliary-loss balancing, the 3B model (0.72 at 1B) (Wang et al. 2024, Table 2; S)
    source: 'Wang et al. 2024 (arXiv:2408.15664) Table 2: MaxVio_global 0.52, auxiliary-loss balancing (3B)',
  },
};

export interface MeasuredSkew {
  /** Routing batch (tokens) the value was read at, and the micro-MoE's N and K. */
  batch_tokens: number;
  experts: number;
  top_k: number;
  devices: number;
  imbalance_requested: number;
  measured_cv: number;
  chance_cv: number;
  learned_cv: number;
}

/** The micro-MoE's learned skew at its largest routing batch (null: no MoE router measured). */
export function measuredSkew(cal: Calibration): MeasuredSkew | null {
  const N = cal.config.shape.routed_experts,
    K = cal.config.shape.top_k;
  const last = [...cal.batches].sort((a, b) => a.batch_tokens - b.batch_tokens).pop();
  const r = last?.router.configured;
  if (!last || !r || !(N > 1) || !(K > 0)) return null;
  const measured = Math.max(0, r.imbalance_requested - 1) / expectedMaxNormal(N);
  const chance = chanceCv(N, K, last.batch_tokens);
  return {
    batch_tokens: last.batch_tokens,
    experts: N,
    top_k: K,
    devices: cal.placement.devices,
    imbalance_requested: r.imbalance_requested,
    measured_cv: measured,
    chance_cv: chance,
    learned_cv: Math.sqrt(Math.max(0, measured * measured - chance * chance)),
  };
}

export interface LearnedSkew {
  used: 'sourced' | 'measured' | 'scenario';
  /** Per-expert learned CV the walls use, and its MaxVio at the family's expert count. */
  cv: number;
  maxvio: number;
  source: string;
  sourced_cv: number;
  sourced_maxvio: number;
  measured: MeasuredSkew | null;
}

/** The learned skew for a family with `experts` routed experts. */
export function learnedSkew(moe: MoeParams, experts: number, cal: Calibration | null): LearnedSkew {
  const z = expectedMaxNormal(experts);
  const sourced = SOURCED_MAXVIO[moe.balancing];
  const sourcedCv = learnedCvFromMaxVio(sourced.maxvio, experts);
  const measured = cal ? measuredSkew(cal) : null;
  // one literal in the result's key order, not a spread of a base: a spread's copy grows a new
  // map per call on Node 20 (docs/benchmarks.md, "Maps that do not repeat")
  const skew = (used: LearnedSkew['used'], cv: number, maxvio: number, source: string): LearnedSkew => ({
    sourced_cv: sourcedCv,
    sourced_maxvio: sourced.maxvio,
    measured,
    used,
    cv,
    maxvio,
    source,
  });
  if (moe.learned_skew === 'measured') {
    if (!measured)
      throw new InputError([
        '/moe/learned_skew is "measured" but the run has no micro-MoE calibration to measure it from (calibration: analytic, or a calibration without routed experts)',
      ]);
    const source = `micro-MoE calibration: requested load max/mean ${measured.imbalance_requested} at ${measured.batch_tokens} tokens, ${measured.experts} experts, top-${measured.top_k}, less chance`;
    return skew('measured', measured.learned_cv, measured.learned_cv * z, source);
  }
  if (typeof moe.learned_skew === 'number')
    return skew(
      'scenario',
      learnedCvFromMaxVio(moe.learned_skew, experts),
      moe.learned_skew,
      `scenario: MaxVio ${moe.learned_skew}`,
    );
  return skew('sourced', sourcedCv, sourced.maxvio, sourced.source);
}
