// The result's words: why the first wall binds (src/report/sentences/first-wall.ts) and where the
// speed of light binds real-time inference (sentences/inference.ts), attached to a result as
// `explanation` by `run` (and by reports that run the scenario), so --json carries what the
// terminal and the HTML page say. Invariant: pure.
import type { RunResult } from '../result/types.ts';
import { firstWallExplanation, type LeverParams } from './sentences/first-wall.ts';
import { inferenceSentences } from './sentences/inference.ts';

export function explanation(r: RunResult, p?: LeverParams): NonNullable<RunResult['explanation']> {
  return { first_wall: firstWallExplanation(r, p), inference: inferenceSentences(r) };
}
