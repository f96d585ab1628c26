// AdamW: the first step moves each parameter by lr·sign(g) (bias correction makes m̂/√v̂ = g/|g|),
// decoupled decay shrinks matrices but not norm gains, clipping rescales by clip/‖g‖, and a step
// is a pure function of its inputs (same bits twice).
import { describe, expect, it } from 'vitest';
import { Adam, DEFAULT_ADAM } from '../../../src/moe/train/adam.ts';

const setup = (g: number[], x: number[], name = 'layer0/wo') => ({
  params: [{ name, t: Float32Array.from(x) }],
  grads: [{ name, t: Float32Array.from(g) }],
});

describe('Adam', () => {
  it('first step: x − lr·sign(g) (ε aside), no decay, no clipping', () => {
    const { params, grads } = setup([0.5, -0.25, 0], [1, 2, 3]);
    new Adam(params, grads, { ...DEFAULT_ADAM, weight_decay: 0, clip_norm: 0 }).step(0.1);
    expect(params[0].t[0]).toBeCloseTo(0.9, 6);
    expect(params[0].t[1]).toBeCloseTo(2.1, 6);
    expect(params[0].t[2]).toBe(3);
  });
  it('decoupled weight decay: x·(1 − lr·wd) on matrices, none on norm gains', () => {
    const m = setup([0], [2]),
      g = setup([0], [2], 'layer0/g1');
    new Adam(m.params, m.grads, { ...DEFAULT_ADAM, weight_decay: 0.1 }).step(0.5);
    new Adam(g.params, g.grads, { ...DEFAULT_ADAM, weight_decay: 0.1 }).step(0.5);
    expect(m.params[0].t[0]).toBeCloseTo(2 * (1 - 0.05), 6);
    expect(g.params[0].t[0]).toBe(2);
  });
  it('clips the global norm: the reported norm is before clipping, the moments see g·clip/‖g‖', () => {
    const { params, grads } = setup([3, 4], [0, 0]);
    const a = new Adam(params, grads, { ...DEFAULT_ADAM, weight_decay: 0, clip_norm: 1 });
    expect(a.step(0.01)).toBeCloseTo(5, 12);
    // after clipping g = (0.6, 0.8); first step still moves by lr·sign
    expect(params[0].t[0]).toBeCloseTo(-0.01, 6);
    expect(params[0].t[1]).toBeCloseTo(-0.01, 6);
  });
  it('is deterministic', () => {
    const run = (): number[] => {
      const { params, grads } = setup([0.3, -0.1, 0.7], [0.2, 0.4, -0.9]);
      const a = new Adam(params, grads);
      for (let i = 0; i < 5; i++) a.step(0.003 * (i + 1));
      return Array.from(params[0].t);
    };
    expect(run()).toEqual(run());
  });
  it('rejects parameters and gradients of different shapes', () => {
    expect(() => new Adam([{ name: 'a', t: new Float32Array(2) }], [{ name: 'a', t: new Float32Array(3) }])).toThrow(
      /differ in shape/,
    );
  });
});
