// Adapts a micro-MoE calibration (schemas/calibration.schema.json) to the chart inputs: the router
// load per expert at the largest measured batch (the configured mechanism), and the measured
// arithmetic intensity per batch size for the roofline. Invariant: pure functions of the document.
import type { Calibration } from '../workload/calibrated.ts';
import type { RooflineInput, RouterLoadInput } from '../charts/inputs.ts';
import {
  SERIES_CHANCE,
  SERIES_LAW_MEASURED,
  SERIES_LAW_SOURCED,
  SERIES_MEASURED,
  type ImbalanceCurveInput,
} from '../charts/imbalance-tokens.ts';
import { chanceCv, maxOverMean } from '../workload/imbalance-law.ts';
import { sampledImbalance } from '../workload/sampled-imbalance.ts';

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

/**
 * Router imbalance against tokens per rank: the calibration's measured per-expert max/mean of the
 * requested load at each batch, chance's floor drawn at the same batches (a uniform router,
 * 200 seeded draws), and the imbalance law with the measured and the sourced learned skew from the
 * micro's batches to the frontier's micro-batch (`frontierTokensPerRank`).
 */
export function imbalanceCurveFromCalibration(
  cal: Calibration,
  learned: { measured_cv: number | null; sourced_cv: number },
  frontierTokensPerRank: number,
): ImbalanceCurveInput | undefined {
  const N = cal.config.shape.routed_experts,
    K = cal.config.shape.top_k,
    G = Math.max(1, cal.placement.devices);
  if (!(N > 1 && K > 0)) return undefined;
  const batches = [...cal.batches].sort((a, b) => a.batch_tokens - b.batch_tokens);
  const points: ImbalanceCurveInput['points'] = [];
  for (const b of batches) {
    const t = b.batch_tokens / G;
    points.push({ tokens_per_rank: t, series: SERIES_MEASURED, imbalance: b.router.configured.imbalance_requested });
    const drawn = sampledImbalance({
      experts: N,
      top_k: K,
      tokens: b.batch_tokens,
      units: N,
      draws: 200,
      seed: 'report.chance-floor',
    });
    points.push({ tokens_per_rank: t, series: SERIES_CHANCE, imbalance: drawn });
  }
  const first = batches[0]?.batch_tokens ?? 1;
  const at = (series: string, cv: number, B: number) =>
    points.push({ tokens_per_rank: B / G, series, imbalance: maxOverMean(N, Math.hypot(chanceCv(N, K, B), cv)) });
  const law = (series: string, cv: number) => {
    let B = first;
    for (; B / G < frontierTokensPerRank; B *= 4) at(series, cv, B);
    at(series, cv, Math.max(first, frontierTokensPerRank * G)); // up to the frontier's micro-batch
  };
  if (learned.measured_cv !== null) law(SERIES_LAW_MEASURED, learned.measured_cv);
  law(SERIES_LAW_SOURCED, learned.sourced_cv);
  return {
    experts: N,
    top_k: K,
    devices: G,
    points,
    frontier_tokens_per_rank: frontierTokensPerRank,
    subtitle: `measured learned CV ${learned.measured_cv?.toFixed(3) ?? 'n/a'}, sourced ${learned.sourced_cv.toFixed(3)} (per expert); the walls use the law at the frontier's experts per GPU and node`,
  };
}
