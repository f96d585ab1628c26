// Data supply: the compute-optimal tokens a run needs (Chinchilla, C = 6ND with D = rN, so
// D = sqrt(rC/6)) against the effective stock of quality tokens, counting repeated epochs with
// diminishing value (Muennighoff et al. 2023: D' = U + U·R*·(1 - exp(-R/R*)), R = epochs - 1)
// plus synthetic tokens discounted by their quality.
import { assessWall } from './wall.ts';
import type { WallAssessment } from '../result/types.ts';

export function tokensForFlop(flop: number, tokensPerParam: number): number {
  return Math.sqrt((tokensPerParam * flop) / 6);
}

/** The compute-optimal run that uses exactly D tokens: C = 6·(D/r)·D. */
export function flopForTokens(tokens: number, tokensPerParam: number): number {
  return (6 * tokens * tokens) / tokensPerParam;
}

/** Effective tokens from U unique tokens seen `epochs` times (Muennighoff et al. 2023, eq. 5 form). */
export function effectiveRepeatedTokens(unique: number, epochs: number, repeatHalfLife: number): number {
  const repeats = Math.max(0, epochs - 1);
  return unique + unique * repeatHalfLife * (1 - Math.exp(-repeats / repeatHalfLife));
}

export interface DataSupply {
  human_tokens: number;
  synthetic_tokens: number;
  total_tokens: number;
}

export function dataSupply(
  stockTokens: number,
  maxEpochs: number,
  repeatHalfLife: number,
  syntheticTokens: number,
  syntheticQuality: number,
): DataSupply {
  const human = effectiveRepeatedTokens(stockTokens, maxEpochs, repeatHalfLife);
  const synthetic = syntheticTokens * syntheticQuality;
  return { human_tokens: human, synthetic_tokens: synthetic, total_tokens: human + synthetic };
}

export function dataWall(supply: DataSupply, targetFlop: number, tokensPerParam: number): WallAssessment {
  const limited = supply.synthetic_tokens > supply.human_tokens ? 'synthetic tokens' : 'human text stock';
  return assessWall(flopForTokens(supply.total_tokens, tokensPerParam), targetFlop, limited);
}
