// Data wall: the compute-optimal tokens a run needs (Chinchilla, C = 6ND with D = rN, so
// D = sqrt(rC/6)) against the stock of quality tokens, plus synthetic tokens discounted by their
// quality. A stock is either effective (Villalobos et al. 2024's 300T already counts quality filtering
// and multi-epoch use: used as is) or raw (unique tokens, repeated up to max_epochs with diminishing
// value, Muennighoff et al. 2023: D' = U + U·R*·(1 - exp(-R/R*)), R = epochs - 1).
import type { WallAssessment } from '../result/types.ts';
import type { WallInputs } from './inputs.ts';
import type { WallDefinition } from './types.ts';
import { assessWall } from './wall.ts';

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

export function dataSupply(d: WallInputs['data']): DataSupply {
  const human =
    d.stock_kind === 'raw'
      ? effectiveRepeatedTokens(d.stock_tokens, d.max_epochs, d.repeat_half_life_epochs)
      : d.stock_tokens;
  const syntheticTokens = d.synthetic_tokens;
  const syntheticQuality = d.synthetic_quality;
  const synthetic = syntheticTokens * syntheticQuality;
  return { human_tokens: human, synthetic_tokens: synthetic, total_tokens: human + synthetic };
}

export function dataPermit(supply: DataSupply, targetFlop: number, tokensPerParam: number): WallAssessment {
  const limited = supply.synthetic_tokens > supply.human_tokens ? 'synthetic tokens' : 'human text stock';
  return assessWall(flopForTokens(supply.total_tokens, tokensPerParam), targetFlop, limited, {
    tokens: supply.total_tokens,
    human_tokens: supply.human_tokens,
    synthetic_tokens: supply.synthetic_tokens,
  });
}

export const dataWall: WallDefinition = {
  id: 'data',
  label: 'data',
  color: '#E69F00',
  resource: 'quality tokens: the human text stock (raw or effective) plus discounted synthetic tokens',
  reads: ['/data', '/events (data_release)'],
  permit: (x: WallInputs) => dataPermit(dataSupply(x.data), x.target_flop, x.tokens_per_param),
};
