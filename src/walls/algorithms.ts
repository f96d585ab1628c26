// Algorithmic progress (src/demand/algorithmic-gain.ts gives the gain over time). The algorithms wall's headroom is the gain achieved over the gain the demand path assumes.
import { assessWall } from './wall.ts';
import type { WallAssessment } from '../result/types.ts';

/**
 * permitted = the physical FLOP the demand path budgeted (effective target / assumed gain);
 * target = the physical FLOP needed with the gain actually achieved. Headroom = achieved / assumed.
 */
export function algorithmsWall(targetEffectiveFlop: number, achievedGain: number, assumedGain: number): WallAssessment {
  const needed = targetEffectiveFlop / achievedGain;
  const budgeted = targetEffectiveFlop / assumedGain;
  const limited =
    achievedGain < assumedGain ? 'progress below the assumed rate' : 'progress at or above the assumed rate';
  return assessWall(budgeted, needed, limited);
}
