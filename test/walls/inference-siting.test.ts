// Inference siting: the latency radius from the speed of light in fiber and the hops; a site
// beyond it contributes nothing to a real-time product's capacity, and moving it closer restores it.
import { fc, test as ftest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import {
  HEADROOM_CAP,
  inferenceSiting,
  latencyRadiusKm,
  roundTripMs,
  type LatencyPath,
} from '../../src/walls/inference-siting.ts';

const PATH: LatencyPath = { fiber_us_per_km: 4.9, route_factor: 1, hops: 20, hop_latency_us: 50, server_time_ms: 0 };
const users = (km: (number | null)[]) => [{ name: 'metro', demand_share: 1, distance_km: km }];
const sites = [
  { name: 'near', inference_gpus: 1000 },
  { name: 'far', inference_gpus: 3000 },
];

describe('latency radius', () => {
  test('20 ms budget, 20 hops x 50 us: (20,000 - 1,000) us / (2 x 4.9 us/km) = 1,938.8 km', () => {
    expect(latencyRadiusKm(20, PATH)).toBeCloseTo(19_000 / 9.8, 9);
  });
  test('1,000 km of fiber is about 10 ms round trip (infrastructure.md section 8)', () => {
    expect(roundTripMs(1000, { ...PATH, hops: 0 })).toBeCloseTo(9.8, 9);
  });
  test('a route factor stretches the path; server time and hops eat the budget; never negative', () => {
    expect(latencyRadiusKm(20, { ...PATH, route_factor: 1.5 })).toBeCloseTo(19_000 / (9.8 * 1.5), 9);
    expect(latencyRadiusKm(20, { ...PATH, server_time_ms: 5 })).toBeCloseTo(14_000 / 9.8, 9);
    expect(latencyRadiusKm(0.5, PATH)).toBe(0);
  });
  ftest.prop([
    fc.double({ min: 0.1, max: 500, noNaN: true }),
    fc.double({ min: 1, max: 5, noNaN: true }),
    fc.integer({ min: 0, max: 100 }),
  ])('the round trip at the radius equals the budget whenever the radius is positive', (budget, route, hops) => {
    const path = { ...PATH, route_factor: route, hops };
    const r = latencyRadiusKm(budget, path);
    if (r > 0) expect(roundTripMs(r, path)).toBeCloseTo(budget, 6);
  });
});

describe('servable capacity', () => {
  test('a site beyond the radius contributes nothing; moving it closer restores it', () => {
    const far = inferenceSiting(20, PATH, users([100, 2500]), sites, 2000);
    expect(far.servable_gpus).toBe(1000);
    expect(far.users[0].sites_in_reach).toEqual(['near']);
    expect(far.headroom).toBeCloseTo(0.5, 12);
    const closer = inferenceSiting(20, PATH, users([100, 1500]), sites, 2000);
    expect(closer.servable_gpus).toBe(4000);
    expect(closer.headroom).toBeCloseTo(2, 12);
  });
  test('a site with no listed distance (null) cannot serve', () => {
    expect(inferenceSiting(20, PATH, users([null, 10]), sites, 100).servable_gpus).toBe(3000);
  });
  test('two populations sharing one site: each alone fits, together they do not', () => {
    const two = [
      { name: 'a', demand_share: 0.5, distance_km: [10, null] },
      { name: 'b', demand_share: 0.5, distance_km: [20, null] },
    ];
    const r = inferenceSiting(20, PATH, two, sites, 1500);
    expect(r.users.map((u) => u.headroom)).toEqual([1000 / 750, 1000 / 750]);
    expect(r.headroom).toBeCloseTo(1000 / 1500, 12);
  });
  test('nothing needed: headroom is the finite cap', () => {
    expect(inferenceSiting(20, PATH, users([0, 0]), sites, 0).headroom).toBe(HEADROOM_CAP);
  });
  ftest.prop([
    fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 2, maxLength: 2 }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
  ])('servable never exceeds the inference GPUs in service and shrinks as sites move away', (km, needed) => {
    const r = inferenceSiting(20, PATH, users(km), sites, needed);
    expect(r.servable_gpus).toBeLessThanOrEqual(4000);
    expect(Number.isFinite(r.headroom)).toBe(true);
    const moved = inferenceSiting(20, PATH, users(km.map((d) => d + 500)), sites, needed);
    expect(moved.servable_gpus).toBeLessThanOrEqual(r.servable_gpus);
  });
});
