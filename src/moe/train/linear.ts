// A linear layer y = x·Wᵀ (W stored output-major [m×k], the PyTorch Linear layout) and its
// gradients, as three strided matmuls on the backend: no transposed copies of W, x or dy.
import type { Backend } from '../kern/backend.ts';
import type { Buf } from '../kern/buf.ts';

/** y[n×m] (at yo) = x[n×k] (at xo) · Wᵀ. */
export function linearForward(
  be: Backend,
  x: Buf,
  xo: number,
  n: number,
  k: number,
  W: Buf,
  m: number,
  y: Buf,
  yo: number,
): void {
  be.gemm(n, m, k, x, xo, k, 1, W, 0, 1, k, y, yo, m, false);
}

/** dW += dyᵀ·x; then dx = dy·W (or dx += dy·W when `accumulateDx`); dx null skips it. */
export function linearBackward(
  be: Backend,
  x: Buf,
  xo: number,
  n: number,
  k: number,
  W: Buf,
  m: number,
  dy: Buf,
  dyo: number,
  dW: Buf,
  dx: Buf | null,
  dxo: number,
  accumulateDx: boolean,
): void {
  be.gemm(m, k, n, dy, dyo, 1, m, x, xo, k, 1, dW, 0, k, true);
  if (dx) be.gemm(n, k, m, dy, dyo, m, 1, W, 0, k, 1, dx, dxo, k, accumulateDx);
}
