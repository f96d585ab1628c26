// Adapts a micro-MoE calibration (schemas/calibration.schema.json) to the chart inputs: the router
// load per expert at the largest measured batch (the configured mechanism), and the measured
// arithmetic intensity per batch size for the roofline. Invariant: pure functions of the document.
import type { Calibration } from '../workload/calibrated.ts';
import type { RooflineInput, RouterLoadInput } from '../charts/inputs.ts';

/** Expert loads at the largest measured batch: load_share x token-expert copies per batch. */
export function routerLoadFromCalibration(cal: Calibration): RouterLoadInput | undefined {
  const batch = [...cal.batches].sort((a, b) => a.batch_tokens - b.batch_tokens).at(-1);
  const summary = batch?.router.configured;
  if (!batch || !summary || summary.load_share.length === 0) return undefined;
  const copies = summary.tokens_per_batch * summary.mean_k;
  const r = cal.config.router;
  return {
    experts: summary.load_share.map((share, expert) => ({ expert, tokens: Math.round(share * copies * 100) / 100 })),
    imbalance: summary.imbalance,
    mechanism: `micro-MoE, configured router (${r.score}, capacity factor ${r.capacity_factor}), ${batch.batch_tokens}-token batches, top-${cal.config.shape.top_k} of ${cal.config.shape.routed_experts}`,
  };
}

/**
 * The micro-MoE's measured prefill intensity per batch size. A point is kept only where the
 * intensity has moved by 2x or more from the last kept one, so labels on the log axis stay apart.
 */
export function rooflinePointsFromCalibration(cal: Calibration): RooflineInput['points'] {
  const kept: RooflineInput['points'] = [];
  for (const b of [...cal.batches].sort((p, q) => p.batch_tokens - q.batch_tokens)) {
    const ai = b.prefill.arithmetic_intensity;
    const last = kept[kept.length - 1];
    if (ai > 0 && (!last || Math.abs(Math.log2(ai / last.arithmetic_intensity)) >= 1)) {
      kept.push({ batch_tokens: b.batch_tokens, arithmetic_intensity: ai, label: `micro-MoE batch ${b.batch_tokens}` });
    }
  }
  return kept;
}
