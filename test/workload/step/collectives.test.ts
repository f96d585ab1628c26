import { describe, expect, test } from 'vitest';
import {
  allGatherUs,
  allReduceUs,
  groupLayout,
  p2pUs,
  reduceScatterUs,
} from '../../../src/workload/step/collectives.ts';
import { h100 } from './fixtures.ts';

const c = h100(1024); // 8-GPU domains; NVLink 450 GB/s x 0.8 = 360 kB/us per direction; NIC 400 Gb/s x 0.9 = 45 kB/us

describe('parallel groups on scale-up domains', () => {
  test('layout: consecutive members `stride` apart share a domain while they fit', () => {
    expect(groupLayout(c, 8, 1)).toEqual({ inner: 8, outer: 1 });
    expect(groupLayout(c, 16, 1)).toEqual({ inner: 8, outer: 2 });
    expect(groupLayout(c, 8, 2)).toEqual({ inner: 4, outer: 2 });
    expect(groupLayout(c, 64, 8)).toEqual({ inner: 1, outer: 64 });
    expect(groupLayout(c, 12, 1)).toEqual({ inner: 6, outer: 2 }); // largest divisor of 12 that fits in 8
  });

  test('TP reduce-scatter inside a domain: (p-1) alpha + (p-1)/p n / B (hand-worked)', () => {
    const n = 268_435_456; // 8192 tokens x 16384 x 2 B
    expect(reduceScatterUs(c, 8, 1, n)).toBeCloseTo(7 * 1 + ((7 / 8) * n) / 360_000, 6);
    expect(allGatherUs(c, 8, 1, n)).toBe(reduceScatterUs(c, 8, 1, n));
  });

  test('a group across domains is hierarchical: inner ring, then outer rings on 1/inner of the bytes', () => {
    const n = 1e9;
    const inner = 7 * 1 + ((7 / 8) * n) / 360_000;
    const outer = 3 * 4 + ((3 / 4) * (n / 8)) / 45_000;
    expect(reduceScatterUs(c, 32, 1, n)).toBeCloseTo(inner + outer, 6);
    expect(allReduceUs(c, 1, 1, n)).toBe(0);
  });

  test('point-to-point: NVLink inside a domain, the NIC beyond', () => {
    expect(p2pUs(c, 1, 360_000)).toBeCloseTo(1 + 1, 9);
    expect(p2pUs(c, 1024, 45_000)).toBeCloseTo(4 + 1, 9);
    expect(p2pUs(c, 1024, 0)).toBe(0);
  });
});
