// A finished run leaves nothing behind for the young-generation collector. runScenario drops its
// steps and world when it ends (src/model/run.ts): something V8 holds only weakly still reaches the
// run's closures after it returns, and a scavenge treats that as a strong reference, so without the
// drop every finished run's steps survived the scavenges and were promoted (30-40% of a run's time
// went to copying them). A memory check, not a timing: what two scavenges after a dropped run move
// to the old generation, set against the size of the run's own result.
import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';

v8.setFlagsFromString('--expose-gc'); // the collector's own entry point, as `node --expose-gc` gives it
const gc = vm.runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;

const loaded = loadScenario('scenarios/baseline-2025.yaml');
const quarterly = {
  ...loaded,
  scenario: { ...loaded.scenario, horizon: { start_year: 2025, end_year: 2040, step_years: 0.25 } },
};
const oldSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!.space_used_size;
/** One run whose result is dropped before this returns (nothing of it stays in the caller's frame). */
const dropped = (seed: number): number => runScenario(quarterly, { route: 'analytic', seed }).steps.length;

/** Old-generation bytes that two scavenges promote after one run, the run's result dropped or kept. */
function promotedAfterRun(seed: number, keep: boolean): number {
  gc();
  gc();
  const start = oldSpace();
  const result = keep ? runScenario(quarterly, { route: 'analytic', seed }) : null;
  if (!keep) expect(dropped(seed)).toBe(61);
  gc({ type: 'minor' }); // survivors are copied once
  gc({ type: 'minor' }); // and promoted
  const promoted = oldSpace() - start;
  if (result) expect(result.steps).toHaveLength(61);
  return promoted;
}

test('two scavenges after a finished, dropped run promote far less than when its result is kept', () => {
  for (let seed = 0; seed < 3; seed++) dropped(seed); // caches the runs share are filled
  const kept: number[] = [];
  const gone: number[] = [];
  for (let seed = 3; seed < 6; seed++) {
    kept.push(promotedAfterRun(seed, true));
    gone.push(promotedAfterRun(seed, false));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  expect(median(kept)).toBeGreaterThan(300_000); // a quarterly result is ~0.5-0.7 MB
  // measured medians, dropped / kept: 0.38-0.47 with the drop (the rest is what the run's caches and
  // the test itself keep), 1.03-1.13 without it (a dropped run promoted as much as a kept one)
  expect(median(gone), `dropped ${gone}, kept ${kept}`).toBeLessThan(0.75 * median(kept));
});
