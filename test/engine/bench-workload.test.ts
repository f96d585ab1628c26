// The benchmark workload is a real simulation: deterministic, and its resource never overfills.
import { describe, expect, it } from 'vitest';
import { workload } from '../../bench/engine.ts';

describe('engine benchmark workload', () => {
  it('same seed gives a bit-identical end time; another seed a different one', () => {
    expect(workload(40, 15, 'a')).toBe(workload(40, 15, 'a'));
    expect(workload(40, 15, 'a')).not.toBe(workload(40, 15, 'b'));
  });

  it('with 8 slots and mean hold 50, the run lasts about P * S * 50 / 8 time units', () => {
    // Saturated M/M/8-like queue: throughput 8 / 50 grants per unit time, so 40 * 15 grants take
    // ~3750 units; allow +-20% for the randomness of 600 holds (sd of the total ~ 4%).
    const end = workload(40, 15, 'a');
    expect(end).toBeGreaterThan(3750 * 0.8);
    expect(end).toBeLessThan(3750 * 1.2);
  });
});
