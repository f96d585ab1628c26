import { describe, expect, test } from 'vitest';
import { a2aCopies, closedFormA2a, flowA2a, type A2aInput } from '../../../src/workload/step/ep.ts';
import { h100 } from './fixtures.ts';

const base: A2aInput = {
  cluster: h100(16),
  ep: 16,
  stride: 1,
  tokens_per_gpu: 1000,
  top_k: 2,
  experts: 16,
  d_model: 1024,
  dispatch_bytes_per_element: 2,
  combine_bytes_per_element: 2,
  imbalance: 1,
};

describe('expert-parallel all-to-all', () => {
  test('closed form, flat: K(g-1)/G copies over NVLink, K(1 - g/G) over the NIC, in parallel (hand-worked)', () => {
    expect(a2aCopies(base)).toEqual({ nvlink: (2 * 7) / 16, nic: 1 });
    const perCopy = 1000 * 1024 * 2;
    const expected = 4 + Math.max((0.875 * perCopy) / 360_000, perCopy / 45_000);
    const t = closedFormA2a(base);
    expect(t.dispatch_us).toBeCloseTo(expected, 9);
    expect(t.combine_us).toBeCloseTo(expected, 9);
  });

  test('node-limited routing sends each token over the NIC once per remote domain it reaches', () => {
    const limited = a2aCopies({ ...base, node_limit: 1 });
    expect(limited.nic).toBeCloseTo(0.5, 12); // one domain of two, remote half the time
    expect(closedFormA2a({ ...base, node_limit: 1 }).dispatch_us).toBeLessThan(closedFormA2a(base).dispatch_us);
  });

  test('the busiest GPU sets the time: imbalance scales the bandwidth term; EP 1 moves nothing', () => {
    const t1 = closedFormA2a(base).dispatch_us - 4;
    const t2 = closedFormA2a({ ...base, imbalance: 2 }).dispatch_us - 4;
    expect(t2 / t1).toBeCloseTo(2, 9);
    expect(closedFormA2a({ ...base, ep: 1 })).toEqual({ dispatch_us: 0, combine_us: 0, method: 'closed_form' });
  });

  test('the flow simulation is a drop-in timer, cached per input, near the closed form when uncontended', () => {
    const flow = flowA2a(7);
    const small = { ...base, tokens_per_gpu: 64, d_model: 256 };
    const a = flow(small);
    expect(a.method).toBe('flow');
    expect(flow(small)).toBe(a);
    const closed = closedFormA2a(small);
    const ratio = (a.dispatch_us + a.combine_us) / (closed.dispatch_us + closed.combine_us);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
