// The load-balancing methods training can use, switchable per run:
// - none: the router learns from the language-model loss alone;
// - aux: the Switch/GShard auxiliary loss α·N·Σ f·P (aux-loss.ts), α an input;
// - loss-free: Wang et al. 2024 (arXiv 2408.15664, Alg. 1): a per-expert bias is added to the
//   affinities for top-K selection only (never to the gates) and moved after each batch by
//   u·sign(mean load − load) from that batch's picks, so the next batch uses past loads only; the
//   router's own bias_update_rate is this u (router.ts afterBatch).
// Every other router mechanism (capacity, backup, node limit, two-stage, adaptive K, jitter)
// stays as configured. Invariant: a method changes only α and the bias rate.
import type { MicroConfig } from '../config.ts';

export const BALANCING = ['none', 'aux', 'loss-free'] as const;
export type Balancing = (typeof BALANCING)[number];
export const isBalancing = (x: unknown): x is Balancing => BALANCING.includes(x as Balancing);

/** Switch Transformer: α = 1e-2 "sufficiently large to ensure load balancing while small enough to not overwhelm the primary cross-entropy objective" (2101.03961 §2.2) [Q]. */
export const DEFAULT_AUX_ALPHA = 0.01;
/** 2408.15664 §4.3: u = 1e-3 balanced best at 1B (1e-4 too slow, 1e-2 oscillates) [P]; used when the config sets no rate. */
export const PAPER_BIAS_RATE = 0.001;

export interface BalancingInputs {
  aux_alpha: number;
  /** loss-free bias step u; undefined = the config's router.bias_update_rate (or PAPER_BIAS_RATE if 0) */
  bias_rate?: number;
}

export function applyBalancing(
  c: MicroConfig,
  m: Balancing,
  o: BalancingInputs,
): { config: MicroConfig; alpha: number } {
  const u = o.bias_rate ?? (c.router.bias_update_rate > 0 ? c.router.bias_update_rate : PAPER_BIAS_RATE);
  const router = { ...c.router, bias_update_rate: m === 'loss-free' ? u : 0 };
  return { config: { ...c, router }, alpha: m === 'aux' ? o.aux_alpha : 0 };
}
