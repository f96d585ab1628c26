// Worker threads started before the scenario is loaded (src/montecarlo/workers.ts): a pool that is
// given them computes the same summaries as one that starts its own, terminates the ones the range
// does not need, and a started worker nobody takes is stopped without a sweep.
import { describe, expect, test } from 'vitest';
import { runSamples } from '../../src/montecarlo/pool.ts';
import { startWorkers, stopWorkers, type StartedWorker } from '../../src/montecarlo/workers.ts';
import { loadScenario } from '../../src/scenario/load.ts';

const FILE = 'test/fixtures/sweep/uncertain-short.yaml';
const spec = (samples: number) => ({
  file: FILE,
  cwd: process.cwd(),
  seed: 5,
  samples,
  modelSeed: 'per-sample' as const,
});
const exited = (s: StartedWorker) => new Promise<number>((resolve) => s.worker.once('exit', resolve));
const sorted = <T extends { index: number }>(xs: T[]) => [...xs].sort((a, b) => a.index - b.index);

describe('started workers', () => {
  test('adopted by the pool: the same summaries as in-process; the extra one and the used ones terminated', async () => {
    const loaded = loadScenario(FILE);
    const started = startWorkers(3);
    const exits = started.map(exited);
    // three samples: the main thread and two workers; the third worker is not needed
    const there = await runSamples(spec(3), 0, 3, { workers: 4, started }, loaded);
    const here = await runSamples(spec(3), 0, 3, { workers: 1 }, loaded);
    expect(sorted(there)).toEqual(sorted(here));
    await Promise.all(exits); // resolved: the pool terminated all three
  });

  test('in-process (--workers 1) or never used: stopped, nothing left running', async () => {
    const loaded = loadScenario(FILE);
    const started = startWorkers(1);
    const exit = exited(started[0]);
    expect(await runSamples(spec(1), 0, 1, { workers: 1, started }, loaded)).toHaveLength(1);
    await exit;
    const unused = startWorkers(2);
    const exits = unused.map(exited);
    await stopWorkers(unused);
    await Promise.all(exits);
    expect(startWorkers(0)).toEqual([]);
  });

  test('a worker that failed before the pool took it fails the sweep with its error', async () => {
    const loaded = loadScenario(FILE);
    const started = startWorkers(1);
    await started[0].worker.terminate(); // as if it had crashed while loading its modules
    await expect(runSamples(spec(4), 0, 4, { workers: 2, started }, loaded)).rejects.toThrow(/exited with code/);
  });
});
