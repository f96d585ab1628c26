// The sweep pool's parts: workers get the route as data and rebuild it to the same runs; chunks are
// guided (shrinking) and partition the range; summaries packed for transfer unpack to the same
// values; a scenario without distributions is shared, unmodified, by every sample.
import { describe, expect, test } from 'vitest';
import { runScenario } from '../../src/model/run.ts';
import { ANALYTIC_ROUTE, scenarioRoute } from '../../src/model/workload-route.ts';
import { aggregate } from '../../src/montecarlo/aggregate.ts';
import { chunkSize, runSamples } from '../../src/montecarlo/pool.ts';
import { runSweep } from '../../src/montecarlo/sweep.ts';
import { pack, unpack } from '../../src/montecarlo/packed.ts';
import { runRange, sweepContext } from '../../src/montecarlo/run-samples.ts';
import { fromWorkerData, routeData, routeFrom, toWorkerData } from '../../src/montecarlo/worker-data.ts';
import { loadScenario } from '../../src/scenario/load.ts';

const spec = (file: string, samples: number) => ({
  file,
  cwd: process.cwd(),
  seed: 3,
  samples,
  modelSeed: 'per-sample' as const,
});

describe('route as worker data', () => {
  // calibrated MoE with the simulated network, and a dense family (analytic, closed form)
  test.each(['test/fixtures/sweep/uncertain-short.yaml', 'scenarios/dense-frontier.yaml'])(
    '%s: the rebuilt route runs exactly as the scenario route',
    (file) => {
      const loaded = loadScenario(file);
      const route = scenarioRoute(loaded);
      const data = structuredClone(routeData(route));
      expect(data).not.toHaveProperty('makeProfile');
      const rebuilt = routeFrom(data);
      expect(Object.keys(rebuilt).sort()).toEqual(Object.keys(route).sort());
      const run = (r: typeof route) => JSON.stringify(runScenario(loaded, { route: r, seed: 9 }));
      expect(run(rebuilt)).toBe(run(route));
    },
  );

  test('a route of one own is refused (a worker could not rebuild it)', () => {
    expect(() => routeData({ ...ANALYTIC_ROUTE, makeProfile: (s) => ANALYTIC_ROUTE.makeProfile(s) })).toThrow(
      /scenario workload routes/,
    );
  });

  test('a worker context (structured-cloned, as workerData is) gives the same summaries', () => {
    const file = 'test/fixtures/sweep/uncertain-short.yaml';
    const ctx = sweepContext(spec(file, 3));
    const there = fromWorkerData(structuredClone(toWorkerData(ctx)));
    expect(runRange(there, 0, 3)).toEqual(runRange(ctx, 0, 3));
  });
});

describe('chunks and packing', () => {
  test('guided chunks partition the range, never grow, and end small', () => {
    for (const [n, w] of [
      [1, 2],
      [37, 2],
      [2000, 2],
      [10000, 3],
    ]) {
      const sizes: number[] = [];
      for (let done = 0; done < n;) {
        const c = chunkSize(n - done, w);
        sizes.push(Math.min(c, n - done));
        done += c;
      }
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
      sizes.slice(1).forEach((s, i) => expect(s).toBeLessThanOrEqual(sizes[i]));
      expect(sizes[sizes.length - 1]).toBe(1);
    }
  });

  test('unpack(pack(summaries)) gives the summaries back', () => {
    const ctx = sweepContext(spec('test/fixtures/sweep/uncertain-short.yaml', 6));
    const summaries = runRange(ctx, 2, 6);
    const back = unpack(structuredClone(pack(2, summaries)));
    expect(back.map((s) => ({ ...s, headroom: [...s.headroom], inputs: [...s.inputs] }))).toEqual(
      summaries.map((s) => ({ ...s, headroom: [...s.headroom], inputs: [...s.inputs] })),
    );
  });

  test('pack refuses summaries out of index order', () => {
    const ctx = sweepContext(spec('test/fixtures/sweep/uncertain-short.yaml', 2));
    expect(() => pack(0, runRange(ctx, 0, 2).reverse())).toThrow(/out of order/);
  });
});

test('without distributions every sample shares the scenario, which the model never modifies', async () => {
  const file = 'test/fixtures/sweep/baseline-2035.yaml';
  const loaded = loadScenario(file);
  expect(loaded.distributions).toBeUndefined();
  const before = JSON.stringify(loaded.scenario);
  const freeze = (o: unknown): void => {
    if (o && typeof o === 'object' && !Object.isFrozen(o)) {
      Object.freeze(o);
      Object.values(o).forEach(freeze);
    }
  };
  freeze(loaded.scenario); // a write anywhere in the model would throw (ES modules are strict)
  const one = await runSamples(spec(file, 3), 0, 3, { workers: 1 }, loaded);
  expect(one).toHaveLength(3);
  expect(JSON.stringify(loaded.scenario)).toBe(before);
});

test('a scenario without distributions: 1, 2 and 3 workers give byte-identical sweep results', async () => {
  const file = 'test/fixtures/sweep/baseline-2035.yaml';
  const loaded = loadScenario(file);
  const result = async (workers: number) => {
    const r = await runSweep(loaded, spec(file, 7), [0, 7], { workers });
    return JSON.stringify(aggregate(r.header, r.inputs, r.summaries));
  };
  const one = await result(1);
  expect(await result(2)).toBe(one);
  expect(await result(3)).toBe(one);
});
