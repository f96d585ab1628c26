// Finite-difference gradient checking in float64: central differences with step H, compared with
// the analytic gradient at a relative tolerance. With H = 1e-5 the truncation error is O(H²·f''')
// ≈ 1e-10 and the rounding error ≈ 1e-16/H ≈ 1e-11, both far below TOL = 1e-6 relative; a wrong
// derivative term (a missing factor or sign) is off by O(1) relative.
import { expect } from 'vitest';
import { createRng } from '../../../src/engine/rng.ts';

export const H = 1e-5;
export const TOL = 1e-6;

export const rand64 = (seed: string, n: number, sd = 1): Float64Array => {
  const r = createRng(seed, 'grad-test');
  return Float64Array.from({ length: n }, () => r.normal(0, sd));
};

/** Indices to probe: `count` spread over the array, deterministic. */
export const probes = (n: number, count = 6): number[] => [
  ...new Set(Array.from({ length: Math.min(count, n) }, (_, i) => Math.floor(((i + 0.5) * n) / Math.min(count, n)))),
];

/** Central difference of f at x[i] (x is perturbed in place and restored). */
export function numeric(f: () => number, x: Float64Array | Float32Array, i: number): number {
  const v = x[i];
  x[i] = v + H;
  const up = f();
  x[i] = v - H;
  const down = f();
  x[i] = v;
  return (up - down) / (2 * H);
}

/** Every probed coordinate's analytic gradient matches the central difference. */
export function expectGradient(
  label: string,
  f: () => number,
  x: Float64Array | Float32Array,
  analytic: ArrayLike<number>,
  idx = probes(x.length),
  floor = 1e-6,
): void {
  for (const i of idx) {
    const num = numeric(f, x, i),
      ana = analytic[i];
    const scale = Math.max(Math.abs(num), Math.abs(ana), floor);
    expect(Math.abs(num - ana) / scale, `${label}[${i}]: analytic ${ana}, numeric ${num}`).toBeLessThan(TOL);
  }
}

export const weighted = (y: ArrayLike<number>, c: ArrayLike<number>, n = y.length): number => {
  let s = 0;
  for (let i = 0; i < n; i++) s += y[i] * c[i];
  return s;
};
