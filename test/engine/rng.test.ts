// Named seeded streams: reproducible, independent by name and by sample.
import { describe, expect, it } from 'vitest';
import { RandomStreams, createRng } from '../../src/engine/index.ts';

const draw = (next: () => number, n = 20): number[] => Array.from({ length: n }, next);

describe('rng streams', () => {
  it('the same seed and name give the same sequence', () => {
    const a = createRng(42, 'grid.lead_time');
    const b = createRng(42, 'grid.lead_time');
    expect(draw(() => a.next())).toEqual(draw(() => b.next()));
  });

  it('a different name or seed gives a different sequence', () => {
    const base = draw(() => createRng(42, 'x').next());
    const rng = createRng(42, 'y');
    expect(draw(() => rng.next())).not.toEqual(base);
    const other = createRng(43, 'x');
    expect(draw(() => other.next())).not.toEqual(base);
  });

  it('adding a stream or drawing from another does not shift an existing one', () => {
    const alone = new RandomStreams('s');
    const expected = draw(() => alone.get('a').next());
    const crowded = new RandomStreams('s');
    const a = crowded.get('a');
    const out: number[] = [];
    for (let i = 0; i < 20; i++) {
      crowded.get(`new-${i}`).next();
      out.push(a.next());
      crowded.get('b').normal(0, 1);
    }
    expect(out).toEqual(expected);
  });

  it('get(name) returns the same stream object (continuing its sequence)', () => {
    const s = new RandomStreams(1);
    expect(s.get('a')).toBe(s.get('a'));
  });

  it('forSample(i) streams are reproducible and differ between samples and from the parent', () => {
    const s = new RandomStreams(7);
    const s0 = draw(() => s.forSample(0).get('a').next());
    expect(draw(() => new RandomStreams(7).forSample(0).get('a').next())).toEqual(s0);
    const s1 = s.forSample(1).get('a');
    expect(draw(() => s1.next())).not.toEqual(s0);
    const parent = new RandomStreams(7).get('a');
    expect(draw(() => parent.next())).not.toEqual(s0);
  });

  it('draws stay in range and exponential has the right mean (law of large numbers)', () => {
    const r = createRng(3, 'range');
    for (let i = 0; i < 1000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = r.int(2, 5);
      expect(k >= 2 && k <= 5 && Number.isInteger(k)).toBe(true);
    }
    const e = createRng(3, 'exp');
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) sum += e.exponential(50);
    // Standard error of the mean is 50 / sqrt(n) ~ 0.35; allow 5 standard errors.
    expect(Math.abs(sum / n - 50)).toBeLessThan(5 * (50 / Math.sqrt(n)));
  });

  it('rejects bad parameters', () => {
    const r = createRng(1, 'bad');
    expect(() => r.exponential(0)).toThrow(RangeError);
    expect(() => r.int(3, 2)).toThrow(RangeError);
  });
});
