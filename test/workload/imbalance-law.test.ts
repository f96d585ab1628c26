// The imbalance law against hand-worked values and against drawn router samples: chance's floor,
// per-unit averaging after placement, the learned-skew term, capacity overflow, and its bounds.
import { describe, expect, test } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  chanceCv,
  epDevices,
  expectedMaxNormal,
  maxOverMean,
  overflowFraction,
  reroutableFraction,
  routingImbalance,
  unitCv,
  type LawInput,
} from '../../src/workload/imbalance-law.ts';
import { sampledImbalance } from '../../src/workload/sampled-imbalance.ts';
import { createRng } from '../../src/engine/rng.ts';

describe('chance floor and units', () => {
  test('CV = sqrt((1 - K/N) / (B K/N)): DeepSeek-V3 (256, top-8) at 1,024 tokens is sqrt((31/32)/32) = 0.174', () => {
    expect(chanceCv(256, 8, 1024)).toBeCloseTo(Math.sqrt(31 / 32 / 32), 12);
  });
  test('a unit of one expert has the per-expert CVs; a unit of all experts has none', () => {
    const one = unitCv(256, 8, 1024, 1, 0.3);
    expect(one.chance).toBeCloseTo(chanceCv(256, 8, 1024), 12);
    expect(one.learned).toBeCloseTo(0.3, 12);
    expect(unitCv(256, 8, 1024, 256, 0.3).total).toBe(0);
  });
  test('skew averages down over the experts a GPU holds: 4 of 256 experts, learned CV 0.3 -> 0.3 sqrt(252/(255 x 4))', () => {
    expect(unitCv(256, 8, 1e9, 4, 0.3).learned).toBeCloseTo(0.3 * Math.sqrt(252 / (255 * 4)), 12);
  });
  test('Blom: the expected maximum of 1,000 standard normals is 3.24 (exact 3.241), of 2 is 0.56-0.59', () => {
    expect(expectedMaxNormal(1000)).toBeCloseTo(3.24, 1);
    expect(expectedMaxNormal(2)).toBeGreaterThan(0.55);
    expect(expectedMaxNormal(2)).toBeLessThan(0.6);
    expect(expectedMaxNormal(1)).toBe(0);
  });
  test('EP degree in whole scale-up domains, at most one GPU per expert', () => {
    expect(epDevices(64, 8, 256)).toBe(64);
    expect(epDevices(64, 72, 256)).toBe(72);
    expect(epDevices(64, 8, 16)).toBe(16);
    expect(epDevices(60, 8, 256)).toBe(64);
  });
});

describe('the law against drawn router samples', () => {
  // uniform router: per-unit max/mean of the law vs the mean of 200 drawn batches
  test.each([
    [64, 6, 4096, 8],
    [256, 8, 8192, 64],
    [256, 8, 8192, 8],
  ])('uniform routing, %i experts top-%i, %i tokens on %i units: within 15 percent of the excess', (N, K, B, U) => {
    const law = maxOverMean(U, unitCv(N, K, B, N / U, 0).total);
    const drawn = sampledImbalance({ experts: N, top_k: K, tokens: B, units: U, draws: 60, seed: 'law-check' });
    expect(Math.abs(law - drawn)).toBeLessThan(0.15 * (drawn - 1) + 0.005);
  });
  test('a learned skew of per-expert CV ~0.3 on 4 experts per unit: within 35 percent of the drawn excess', () => {
    const N = 64,
      K = 4,
      B = 2048,
      U = 16;
    const rng = createRng('law-check', 'shares');
    const shares = Array.from({ length: N }, () => Math.max(0.05, rng.normal(1, 0.3)));
    const m = shares.reduce((a, x) => a + x, 0) / N;
    const cv = Math.sqrt(shares.reduce((a, x) => a + (x / m - 1) ** 2, 0) / N);
    const law = maxOverMean(U, unitCv(N, K, B, N / U, cv).total);
    const drawn = sampledImbalance({ experts: N, top_k: K, tokens: B, units: U, shares, draws: 10, seed: 'law-check' });
    // one placement of one share vector: the law is an expectation over placements, so allow more
    // (without the averaging over 4 experts per unit the law's excess would be ~2x the drawn one)
    expect(Math.abs(law - drawn)).toBeLessThan(0.35 * (drawn - 1) + 0.01);
  });
  test('overflow over capacity 1.25 at per-expert CV 0.5: 0.5 phi(0.5) - 0.25 (1 - Phi(0.5)) = 0.0989', () => {
    expect(overflowFraction(0.5, 1.25)).toBeCloseTo(0.5 * 0.352065 - 0.25 * 0.308538, 5);
    expect(overflowFraction(0.5, 0)).toBe(0);
    expect(overflowFraction(0, 1.25)).toBe(0);
  });
});

describe('routingImbalance', () => {
  const v3: LawInput = {
    experts: 256,
    top_k: 8,
    tokens_per_rank: 16384,
    ep_devices: 64,
    gpus_per_node: 8,
    learned_cv: 0.3,
    capacity_factor: 0,
    overflow: 'reroute',
  };
  test('DeepSeek-V3 on EP64 over 8 nodes: the NIC (32 experts per node) sees less skew than a GPU (4 experts)', () => {
    const r = routingImbalance(v3);
    expect(r.ep_devices).toBe(64);
    expect(r.nodes).toBe(8);
    expect(r.routing_tokens).toBe(16384 * 64);
    expect(r.imbalance_device).toBeGreaterThan(r.imbalance_nic);
    expect(r.imbalance_nic).toBeGreaterThan(1);
    expect(r.overflow_fraction).toBe(0);
  });
  test('inside one NVL72 domain there is no scale-out: the NIC sees no imbalance', () => {
    const r = routingImbalance({ ...v3, gpus_per_node: 72 });
    expect(r.nodes).toBe(1);
    expect(r.imbalance_nic).toBe(1);
  });
  test('capacity caps every unit at CF x the mean and sends the tail elsewhere', () => {
    const r = routingImbalance({ ...v3, learned_cv: 2, capacity_factor: 1.25, overflow: 'drop' });
    expect(r.imbalance_device).toBeLessThanOrEqual(1.25);
    expect(r.drop_fraction).toBeGreaterThan(0.1);
    expect(r.reroute_fraction).toBe(0);
  });
  test('rerouting fills only the room under capacity: at CF 1.25 every overflowing copy is rerouted', () => {
    const r = routingImbalance({ ...v3, learned_cv: 0.5, capacity_factor: 1.25 });
    expect(r.overflow_fraction).toBeGreaterThan(0.05);
    expect(r.reroute_fraction).toBe(r.overflow_fraction);
    expect(r.drop_fraction).toBe(0);
  });
  test('below CF 1 the experts hold only CF of the copies: 1 - CF is dropped even with reroute (CV 0.5, CF 0.8: 0.2 of 0.3152)', () => {
    // E[(X - 0.8)+] at CV 0.5 = 0.5 phi(-0.4) + 0.2 (1 - Phi(-0.4)) = 0.5 x 0.368270 + 0.2 x 0.655422 = 0.315219
    const r = routingImbalance({ ...v3, learned_cv: 0.5, capacity_factor: 0.8 });
    expect(r.overflow_fraction).toBeCloseTo(0.315219, 4);
    expect(r.drop_fraction).toBeCloseTo(0.2, 9);
    expect(r.reroute_fraction).toBeCloseTo(r.overflow_fraction - 0.2, 9);
    expect(r.reroute_fraction + r.drop_fraction).toBeCloseTo(r.overflow_fraction, 12);
  });
  fcTest.prop([fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0.01, max: 4, noNaN: true })])(
    'reroutable: within [0, overflow], everything at CF >= 1, and overflow - (1 - CF) below it',
    (cv, cf) => {
      const o = overflowFraction(cv, cf);
      const r = reroutableFraction(o, cf);
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(o);
      if (cf >= 1) expect(r).toBe(o);
      else expect(r).toBeCloseTo(Math.max(0, o - (1 - cf)), 12);
    },
  );
  fcTest.prop([
    fc.double({ min: 0, max: 3, noNaN: true }),
    fc.double({ min: 0, max: 3, noNaN: true }),
    fc.integer({ min: 1, max: 1 << 16 }),
    fc.integer({ min: 1, max: 1 << 16 }),
  ])('more learned skew never lowers, more tokens never raises the imbalance; bounds hold', (a, b, t1, t2) => {
    const lo = routingImbalance({ ...v3, learned_cv: Math.min(a, b), tokens_per_rank: Math.max(t1, t2) });
    const hi = routingImbalance({ ...v3, learned_cv: Math.max(a, b), tokens_per_rank: Math.min(t1, t2) });
    expect(hi.imbalance_device).toBeGreaterThanOrEqual(lo.imbalance_device);
    expect(hi.imbalance_nic).toBeGreaterThanOrEqual(lo.imbalance_nic);
    for (const r of [lo, hi]) {
      expect(r.imbalance_device).toBeGreaterThanOrEqual(1);
      expect(r.imbalance_device).toBeLessThanOrEqual(r.ep_devices);
      expect(r.imbalance_nic).toBeLessThanOrEqual(r.nodes);
    }
  });
});
