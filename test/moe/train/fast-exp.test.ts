import { describe, expect, it } from 'vitest';
import { fastExp } from '../../../src/moe/kern/fast-exp.ts';

describe('fastExp', () => {
  it('is within 1e-10 of Math.exp (relative) from −700 to 700, exact at 0', () => {
    let worst = 0;
    for (let x = -700; x < 700; x += 0.0731) worst = Math.max(worst, Math.abs(fastExp(x) / Math.exp(x) - 1));
    expect(worst).toBeLessThan(1e-10);
    expect(fastExp(0)).toBe(1);
  });
  it('saturates like Math.exp: 0 far below, Infinity far above, NaN for NaN', () => {
    expect(fastExp(-800)).toBe(0);
    expect(fastExp(-Infinity)).toBe(0);
    expect(fastExp(800)).toBe(Infinity);
    expect(fastExp(NaN)).toBeNaN();
  });
});
