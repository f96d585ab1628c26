// The SwiGLU feed-forward block (dense FFN, shared and routed experts alike): u = x·W13ᵀ holds
// [a | b] per row, h = silu(a)·b, y = h·W2ᵀ; forward and backward. silu(a) = a·σ(a) and
// silu'(a) = σ(a)·(1 + a·(1 − σ(a))); σ uses fastExp in float32, Math.exp in float64. Invariant: the forward keeps u and h (the caches) for the backward.
import type { Backend } from '../kern/backend.ts';
import type { Buf } from '../kern/buf.ts';
import { fastExp } from '../kern/fast-exp.ts';
import type { ExpertWeights } from '../weights.ts';
import { linearBackward, linearForward } from './linear.ts';

/** Where one call's rows live: input x, caches u (n×2f) and h (n×f), output y; all at row 0 of their offsets. */
export interface FfnRows {
  x: Buf;
  xo: number;
  u: Buf;
  uo: number;
  h: Buf;
  ho: number;
}

export function ffnForward(
  be: Backend,
  r: FfnRows,
  n: number,
  d: number,
  w: ExpertWeights<Buf>,
  y: Buf,
  yo: number,
): void {
  const f = w.f;
  linearForward(be, r.x, r.xo, n, d, w.w13, 2 * f, r.u, r.uo);
  const { u, h } = r,
    exact = u instanceof Float64Array;
  for (let i = 0; i < n; i++) {
    const ui = r.uo + i * 2 * f,
      hi = r.ho + i * f;
    for (let j = 0; j < f; j++) {
      const a = u[ui + j];
      h[hi + j] = (a / (1 + (exact ? Math.exp(-a) : fastExp(-a)))) * u[ui + f + j];
    }
  }
  linearForward(be, h, r.ho, n, f, w.w2, d, y, yo);
}

/** Scratch for the backward: dh (n×f) and du (n×2f) at offset 0. */
export interface FfnScratch {
  dh: Buf;
  du: Buf;
}

/** Gradients into gw; dx = (or +=) the input gradient. */
export function ffnBackward(
  be: Backend,
  r: FfnRows,
  n: number,
  d: number,
  w: ExpertWeights<Buf>,
  gw: ExpertWeights<Buf>,
  dy: Buf,
  dyo: number,
  sc: FfnScratch,
  dx: Buf,
  dxo: number,
  accumulateDx: boolean,
): void {
  const f = w.f,
    { u, dh, du } = { u: r.u, dh: sc.dh, du: sc.du },
    exact = u instanceof Float64Array;
  linearBackward(be, r.h, r.ho, n, f, w.w2, d, dy, dyo, gw.w2, dh, 0, false);
  for (let i = 0; i < n; i++) {
    const ui = r.uo + i * 2 * f,
      di = i * 2 * f,
      hi = i * f;
    for (let j = 0; j < f; j++) {
      const a = u[ui + j],
        b = u[ui + f + j],
        sig = 1 / (1 + (exact ? Math.exp(-a) : fastExp(-a)));
      du[di + j] = dh[hi + j] * b * sig * (1 + a * (1 - sig));
      du[di + f + j] = dh[hi + j] * a * sig;
    }
  }
  linearBackward(be, r.x, r.xo, n, d, w.w13, 2 * f, du, 0, gw.w13, dx, dxo, accumulateDx);
}
