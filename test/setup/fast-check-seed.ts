// Property tests draw their cases from one pinned seed, so whether `npm test` (and CI) passes is a
// function of the code alone: the project's determinism rule holds for its tests too. Random seeds
// per run let CI fail on a case no commit introduced (issue 18's review found such a knife edge in
// test/model/properties.test.ts). Other cases are explored on purpose, not by chance:
// `FC_SEED=<integer> npx vitest run <files>` runs one other seed; `npm run explore` runs every
// property file under many (scripts/explore-properties.mjs).
import fc from 'fast-check';

/** The pinned seed: any fixed integer would do (fast-check's seeds are 32-bit integers). */
export const PINNED_SEED = 20261201;

export function seedFromEnv(text: string | undefined): number {
  if (text === undefined || text === '') return PINNED_SEED;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`FC_SEED must be an integer, got "${text}"`);
  return n | 0;
}

fc.configureGlobal({ seed: seedFromEnv(process.env.FC_SEED) });
