// The imbalance law a step's communication reads per scale-up domain (src/datacenter/run-comm.ts
// routingLaw): kept per run by domain, and the domain last asked kept by the step, so a step that
// asks of one generation's domain tens of times finds it without the Map. Either way the law is the
// one the run's Map holds (or computes) for that domain, in any order of asking.
import { describe, expect, test } from 'vitest';
import { normalize } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { routingLaw } from '../../src/datacenter/run-comm.ts';
import { newRunCache } from '../../src/datacenter/run-cache.ts';
import type { AssessContext } from '../../src/datacenter/assess.ts';
import { runLearnedSkew } from '../../src/model/workload-summary.ts';
import { shapeForActiveParams } from '../../src/workload/shape.ts';

const loaded = loadScenario('scenarios/baseline-2025.yaml');
const p = normalize(loaded.scenario);
const learned = runLearnedSkew(p, loaded, null);
const shape = shapeForActiveParams(p.model, 4e11);
const context = (cache?: AssessContext['cache']): AssessContext =>
  ({ p, makeProfile: () => undefined as never, learned, cache }) as AssessContext;

describe('routingLaw', () => {
  test('an MoE family (not vacuous: the baseline has a learned skew)', () => {
    expect(learned).not.toBeNull();
    expect(routingLaw(context(), shape)(8)).not.toBeNull();
  });
  test('any order of domains gives each the law the run keeps for it, and a fresh one’s figures', () => {
    const cache = newRunCache();
    const at = routingLaw(context(cache), shape);
    const domains = [8, 8, 72, 8, 72, 72, 4, 8, 4, 4, 72];
    const laws = domains.map(at);
    domains.forEach((d, i) => {
      expect(laws[i]).toBe(cache.routing.get(d)); // the run's law for the domain, not the last asked
      expect(laws[i]).toEqual(routingLaw(context(), shape)(d)); // as computed afresh
    });
    expect(new Set(laws).size).toBe(3);
  });
  test('a later step (a new closure over the same run) starts from the run’s laws, not the last step’s domain', () => {
    const cache = newRunCache();
    const first = routingLaw(context(cache), shape);
    const law72 = first(72);
    const next = routingLaw(context(cache), shape);
    expect(next(8)).toBe(cache.routing.get(8));
    expect(next(8)).not.toBe(law72);
    expect(next(72)).toBe(law72);
  });
});
