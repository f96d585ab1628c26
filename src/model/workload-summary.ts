// What a run's result says about its workload: the model family (catalog entry or a shape given
// field by field) and where its tokens per active parameter came from; for an MoE family, the
// imbalance law, the learned skew it carried (sourced, measured or the scenario's, with the other
// values beside it) and the router inputs (src/workload/imbalance-law.ts, learned-skew.ts).
import { InputError } from '../io/errors.ts';
import type { Params } from '../params/params.ts';
import type { WorkloadFamily, WorkloadRouter } from '../result/types.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import { locate } from '../scenario/locate.ts';
import type { Calibration } from '../calibrate/calibration.ts';
import { expectedMaxNormal } from '../workload/imbalance-law.ts';
import { learnedSkew, type LearnedSkew } from '../workload/learned-skew.ts';

export const IMBALANCE_LAW =
  'max/mean load per GPU and per node = 1 + CV x z(units), CV² = chance (B tokens choose K of N experts uniformly, summed over the experts a unit holds) + learned skew averaged over the unit; capacity caps it (src/workload/imbalance-law.ts)';

export const familyIsMoe = (p: Params): boolean =>
  p.model.moe_layers > 0 && p.model.routed_experts > 0 && p.model.top_k > 0;

export function workloadFamily(p: Params, loaded: LoadedScenario): WorkloadFamily {
  const f = p.family?.entry ?? null;
  const fromScenario = loaded.scenario.data?.tokens_per_param !== undefined;
  return {
    name: p.family?.name ?? null,
    label: f?.label ?? (familyIsMoe(p) ? 'MoE shape given field by field' : 'dense shape given field by field'),
    kind: familyIsMoe(p) ? 'moe' : 'dense',
    source: f?.source ?? null,
    tokens_per_active_param: p.data.tokens_per_param,
    tokens_per_active_param_from: fromScenario ? 'scenario' : f?.tokens_per_active_param ? 'family' : 'default',
  };
}

/** The learned skew of an MoE family (null for dense); a "measured" choice without a calibration
 * is an input error pointing at the scenario line. */
export function runLearnedSkew(p: Params, loaded: LoadedScenario, cal: Calibration | null): LearnedSkew | null {
  if (!familyIsMoe(p)) return null;
  try {
    return learnedSkew(p.moe, p.model.routed_experts, cal);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const where = locate(loaded.layers, ['moe', 'learned_skew']);
    throw new InputError(e.problems.map((m) => `${where}: ${m}`));
  }
}

export function workloadRouter(p: Params, l: LearnedSkew): WorkloadRouter {
  const m = l.measured;
  return {
    law: IMBALANCE_LAW,
    learned_skew: {
      used: l.used,
      cv: l.cv,
      maxvio: l.maxvio,
      source: l.source,
      sourced_cv: l.sourced_cv,
      sourced_maxvio: l.sourced_maxvio,
      measured_cv: m ? m.learned_cv : null,
      measured_maxvio: m ? m.learned_cv * expectedMaxNormal(p.model.routed_experts) : null,
      measured_batch_tokens: m ? m.batch_tokens : null,
      measured_imbalance_requested: m ? m.imbalance_requested : null,
    },
    balancing: p.moe.balancing,
    capacity_factor: p.moe.capacity_factor,
    overflow: p.moe.overflow,
    ep_devices: p.moe.ep_devices,
    node_limit: p.moe.node_limit,
    tokens_per_rank: p.model.micro_batch_tokens_per_gpu,
    dispatch_bytes_per_element: p.moe.dispatch_bytes_per_element,
    combine_bytes_per_element: p.moe.combine_bytes_per_element,
    shared_placement: p.moe.shared_placement,
  };
}
