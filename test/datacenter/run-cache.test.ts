// The per-run cache (src/datacenter/run-cache.ts) and the caches behind it must not carry anything
// from one run to the next: runs of different scenarios interleaved give exactly the results the
// same runs give in sequence, and a cached step-floor permit is the one computed afresh.
import { describe, expect, test } from 'vitest';
import { loadScenario, type LoadedScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';
import { floorPermit, type NetworkWallInputs } from '../../src/walls/network.ts';
import { floorEndsSlot, floorSlot, newRunCache } from '../../src/datacenter/run-cache.ts';
import { H100 } from '../walls/fixtures.ts';

/** A scenario cut to a few annual steps (the caches see every kind of step; the test stays fast). */
function short(file: string, end: number): LoadedScenario {
  const l = loadScenario(file);
  return { ...l, scenario: { ...l.scenario, horizon: { ...l.scenario.horizon, end_year: end } } };
}

describe('runs share nothing', () => {
  test('two scenarios (stated and derived MFU) interleaved give the results they give in sequence', () => {
    const a = short('scenarios/baseline-2025.yaml', 2028);
    const b = short('scenarios/power-limited.yaml', 2028);
    const a1 = JSON.stringify(runScenario(a, { seed: 1 }));
    const a2 = JSON.stringify(runScenario(a, { seed: 2 }));
    const b1 = JSON.stringify(runScenario(b, { seed: 1 }));
    // interleaved, in the other order
    const b1again = JSON.stringify(runScenario(b, { seed: 1 }));
    const a2again = JSON.stringify(runScenario(a, { seed: 2 }));
    const a1again = JSON.stringify(runScenario(a, { seed: 1 }));
    expect(a1again).toBe(a1);
    expect(a2again).toBe(a2);
    expect(b1again).toBe(b1);
    expect(a1).not.toBe(b1);
  });
});

describe('step-floor permits kept per generation, scale and training time', () => {
  const inputs = (
    trainingSeconds: number,
    permits?: NetworkWallInputs['permits'],
    ends?: NetworkWallInputs['ends'],
  ): NetworkWallInputs => ({
    training_seconds: trainingSeconds,
    tokens_per_param: 20,
    sequence_tokens: 8192,
    net: {
      kernel_latency_us: 5,
      scale_up_latency_us: 2,
      hop_latency_us: 10,
      scale_up_domain_gpus: 8,
      scale_out_bytes_per_s: 50e9,
      collective_efficiency: 0.8,
    },
    model_at: (active) => ({ layers: 100, moe_layers: 0, total_params: active, gradient_bytes: 2 }),
    critical_batch: () => 16e6,
    ...(permits ? { permits } : {}),
    ...(ends ? { ends } : {}),
  });
  test('a slot returns what a fresh computation gives, and distinct training times get distinct slots', () => {
    const cache = newRunCache();
    const day = 86400;
    const slot100 = floorSlot(cache, H100, 1, 100 * day);
    const slot200 = floorSlot(cache, H100, 1, 200 * day);
    expect(slot200).not.toBe(slot100);
    expect(floorSlot(cache, H100, 1, 100 * day)).toBe(slot100);
    expect(floorSlot(cache, H100, 1.01, 100 * day)).not.toBe(slot100);
    for (const part of ['latency', 'total'] as const) {
      const fresh100 = floorPermit(inputs(100 * day), part);
      const fresh200 = floorPermit(inputs(200 * day), part);
      expect(fresh200).toBeGreaterThan(fresh100); // more time, a larger run fits the floor
      expect(floorPermit(inputs(100 * day, slot100), part)).toBe(fresh100);
      expect(slot100[part]).toBe(fresh100);
      expect(floorPermit(inputs(100 * day, slot100), part)).toBe(fresh100); // from the slot
      expect(floorPermit(inputs(200 * day, slot200), part)).toBe(fresh200);
    }
  });
  test('the bracket ends, kept across training times, give the permits a fresh computation gives', () => {
    const cache = newRunCache();
    const day = 86400;
    const ends = floorEndsSlot(cache, H100, 1);
    expect(floorEndsSlot(cache, H100, 1)).toBe(ends);
    expect(floorEndsSlot(cache, H100, 1.01)).not.toBe(ends);
    // training times whose permits fall inside the bracket, and one so short that none fits
    for (const days of [100, 150, 365, 1e-9])
      for (const part of ['latency', 'total'] as const)
        expect(floorPermit(inputs(days * day, undefined, ends), part)).toBe(floorPermit(inputs(days * day), part));
    expect(ends.lo?.latency).toBeGreaterThan(0);
    expect(ends.hi?.total).toBeGreaterThan(ends.hi?.latency ?? Infinity);
  });
});
