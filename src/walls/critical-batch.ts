// The critical batch: tokens per optimizer step beyond which more tokens per step stop cutting the
// number of steps (McCandlish et al. 2018). It sets how many serial steps a run needs, and so how
// much of the training time the per-step latency floor eats (Erdil & Schneider-Joseph 2024).
// Three laws, chosen by model.critical_batch_law:
// - kaplan_chinchilla: Kaplan et al. 2020 eq. 1.4, B_crit(L) = B* / L^(1/alpha_B), B* = 2e8 tokens,
//   alpha_B = 0.21 (L in nats; P), at the loss Hoffmann et al. 2022 fit for the compute-optimal
//   model, L(N, D) = E + A/N^alpha + B/D^beta (approach 3: E 1.69, A 406.4, B 410.7, alpha 0.34,
//   beta 0.28; R). Gives ~12M tokens at Llama 3.1 405B's scale, where Meta ran 16M (Q): the law
//   grows the batch slowly, as the loss falls slowly.
// - deepseek_llm: DeepSeek LLM 2024 (arXiv 2401.02954) B_opt = 0.2920 C^0.3271 tokens (Q as
//   reproduced in /work/notes/research-walls.md 3b): fast growth, 68M tokens at 3.8e25 FLOP.
// - fixed: the scenario's critical_batch_tokens at every scale.
// Invariant: a finite, positive token count for any positive compute.
import type { CriticalBatchLaw } from '../params/params.ts';

const KAPLAN = { b_star_tokens: 2e8, alpha_b: 0.21 }; // Kaplan et al. 2020, eq. 1.4 (P)
const CHINCHILLA_LOSS = { e: 1.69, a: 406.4, b: 410.7, alpha: 0.34, beta: 0.28 }; // Hoffmann et al. 2022 (R)
const DEEPSEEK = { coefficient: 0.292, exponent: 0.3271 }; // DeepSeek LLM 2024 (Q, as reproduced)

/** Chinchilla's fitted loss (nats) of a model of N parameters trained on D tokens. */
export function chinchillaLoss(params: number, tokens: number): number {
  const c = CHINCHILLA_LOSS;
  return c.e + c.a / Math.pow(params, c.alpha) + c.b / Math.pow(tokens, c.beta);
}

/** Critical batch in tokens for a compute-optimal run of `flop` FLOP with `params` and `tokens`. */
export function criticalBatchTokens(
  law: CriticalBatchLaw,
  flop: number,
  params: number,
  tokens: number,
  fixedTokens: number,
): number {
  if (law === 'fixed') return fixedTokens;
  if (law === 'deepseek_llm') return DEEPSEEK.coefficient * Math.pow(flop, DEEPSEEK.exponent);
  return KAPLAN.b_star_tokens / Math.pow(chinchillaLoss(params, tokens), 1 / KAPLAN.alpha_b);
}
