// bench/baseline.ts: stored figures of the previous release and ratios oriented so that above 1 is
// faster. Checked by hand-worked ratios and on the stored file itself.
import { describe, expect, it } from 'vitest';
import { loadBaseline, rateRatio, sweepVsBaseline, timeRatio } from '../../bench/baseline.ts';

describe('bench baseline', () => {
  it('a rate against a stored range is [now / high, now / low]', () => {
    // 10M events/s against SimPy's 0.39-0.41M: 24.39x to 25.64x
    expect(rateRatio(10_000_000, [390_000, 410_000])).toEqual([24.39, 25.641]);
  });

  it('a time against a stored range is [low / now, high / now] (lower time, higher ratio)', () => {
    expect(timeRatio(3, [6, 7.5])).toEqual([2, 2.5]);
  });

  it('sweep times are scaled per sample when the run has fewer samples', () => {
    // 1,000 samples: stored 7.3 s / 10,000 samples -> 0.73 s; 0.365 s now is 2x faster
    const r = sweepVsBaseline(1000, 0.365, 0.3, 1.2) as { workers_1: { ratio: number[] } };
    expect(r.workers_1.ratio).toEqual([2, 2]);
  });

  it('every stored figure says how it was measured and is a low <= high range', () => {
    const b = loadBaseline();
    expect(b.measured.length).toBeGreaterThan(20);
    for (const r of [b.engine.events_per_s, b.simpy.events_per_s, b.scenario.runs_per_s, b.sweep.workers_1_seconds]) {
      expect(r[0]).toBeGreaterThan(0);
      expect(r[0]).toBeLessThanOrEqual(r[1]);
    }
    for (const f of [b.engine, b.simpy, b.scenario, b.sweep]) expect(f.command.length).toBeGreaterThan(0);
  });
});
