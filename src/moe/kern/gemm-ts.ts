// The TypeScript matrix multiply: C(m×n) = [C +] A(m×k)·B(k×n) with every operand addressed by
// strides, so one kernel serves x·Wᵀ, dY·W, dYᵀ·X and the attention products on sub-blocks of
// fused rows, with no transposed copies. Goto-style: B is packed once per call into panels of 4
// columns, A into a 4-row strip per row block, both as float64 (no conversions in the inner loop);
// a 4×4 register block accumulates in double. Invariants: every C(i,j) sums p = 0..k−1 in order in
// one accumulator (starting from C(i,j) when accumulating), so the result does not depend on the
// blocking, on m or on n; no allocation inside the loops (the pack buffers grow between calls only).
// The blocks read C whether or not they accumulate: a load reached only by accumulating calls has
// no type feedback if the forward products made the block hot first, and its first execution then
// deoptimises the block, which V8 may leave in baseline code for good (see tile44.ts).

let packB: Float64Array = new Float64Array(4096);
let packA: Float64Array = new Float64Array(1024);

function ensure(b: Float64Array, n: number): Float64Array {
  return b.length >= n ? b : new Float64Array(Math.max(n, 2 * b.length));
}

type Arr = Float32Array | Float64Array;

/**
 * A(i,p) = A[a + i·sai + p·sap], B(p,j) = B[b + p·sbp + j·sbj], C(i,j) = C[c + i·ldc + j].
 * `accumulate` adds to C; otherwise C is overwritten.
 */
export function gemmTs(
  m: number,
  n: number,
  k: number,
  A: Arr,
  a: number,
  sai: number,
  sap: number,
  B: Arr,
  b: number,
  sbp: number,
  sbj: number,
  C: Arr,
  c: number,
  ldc: number,
  accumulate: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  const panels = (n + 3) >> 2;
  packB = ensure(packB, panels * 4 * k);
  packA = ensure(packA, 4 * k);
  packColumns(n, k, B, b, sbp, sbj, packB);
  for (let i = 0; i < m; i += 4) {
    const rows = Math.min(4, m - i);
    packRows(rows, k, A, a + i * sai, sai, sap, packA);
    for (let q = 0; q < panels; q++) {
      const cols = Math.min(4, n - 4 * q);
      if (rows === 4 && cols === 4) block44(k, packA, packB, q * 4 * k, C, c + i * ldc + 4 * q, ldc, accumulate);
      else blockEdge(k, rows, cols, packA, packB, q * 4 * k, C, c + i * ldc + 4 * q, ldc, accumulate);
    }
  }
}

/** Panel q holds B(p, 4q..4q+3) at [4qk + 4p ..]; columns past n are zero. */
function packColumns(n: number, k: number, B: Arr, b: number, sbp: number, sbj: number, out: Float64Array): void {
  for (let j0 = 0; j0 < n; j0 += 4) {
    const cols = Math.min(4, n - j0);
    let o = j0 * k;
    for (let p = 0; p < k; p++, o += 4) {
      const src = b + p * sbp + j0 * sbj;
      for (let j = 0; j < 4; j++) out[o + j] = j < cols ? B[src + j * sbj] : 0;
    }
  }
}

/** The strip holds A(i0+r, p) at [4p + r]; rows past `rows` are zero. */
function packRows(rows: number, k: number, A: Arr, a: number, sai: number, sap: number, out: Float64Array): void {
  for (let p = 0, o = 0; p < k; p++, o += 4) {
    const src = a + p * sap;
    for (let r = 0; r < 4; r++) out[o + r] = r < rows ? A[src + r * sai] : 0;
  }
}

// The 4×4 register block reads best as one row of four sums per line, so prettier leaves it be.
// prettier-ignore
function block44(
  k: number,
  pa: Float64Array,
  pb: Float64Array,
  bo: number,
  C: Arr,
  c: number,
  ldc: number,
  acc: boolean,
): void {
  const c1 = c + ldc,
    c2 = c1 + ldc,
    c3 = c2 + ldc;
  // C is read whether or not the block accumulates (see the header)
  let s00 = C[c], s01 = C[c + 1], s02 = C[c + 2], s03 = C[c + 3];
  let s10 = C[c1], s11 = C[c1 + 1], s12 = C[c1 + 2], s13 = C[c1 + 3];
  let s20 = C[c2], s21 = C[c2 + 1], s22 = C[c2 + 2], s23 = C[c2 + 3];
  let s30 = C[c3], s31 = C[c3 + 1], s32 = C[c3 + 2], s33 = C[c3 + 3];
  if (!acc) {
    s00 = 0; s01 = 0; s02 = 0; s03 = 0; s10 = 0; s11 = 0; s12 = 0; s13 = 0;
    s20 = 0; s21 = 0; s22 = 0; s23 = 0; s30 = 0; s31 = 0; s32 = 0; s33 = 0;
  }
  const end = bo + 4 * k;
  for (let q = bo, r = 0; q < end; q += 4, r += 4) {
    const y0 = pb[q], y1 = pb[q + 1], y2 = pb[q + 2], y3 = pb[q + 3];
    let x = pa[r];
    s00 += x * y0; s01 += x * y1; s02 += x * y2; s03 += x * y3;
    x = pa[r + 1];
    s10 += x * y0; s11 += x * y1; s12 += x * y2; s13 += x * y3;
    x = pa[r + 2];
    s20 += x * y0; s21 += x * y1; s22 += x * y2; s23 += x * y3;
    x = pa[r + 3];
    s30 += x * y0; s31 += x * y1; s32 += x * y2; s33 += x * y3;
  }
  C[c] = s00; C[c + 1] = s01; C[c + 2] = s02; C[c + 3] = s03;
  C[c1] = s10; C[c1 + 1] = s11; C[c1 + 2] = s12; C[c1 + 3] = s13;
  C[c2] = s20; C[c2 + 1] = s21; C[c2 + 2] = s22; C[c2 + 3] = s23;
  C[c3] = s30; C[c3 + 1] = s31; C[c3 + 2] = s32; C[c3 + 3] = s33;
}

/** A partial tile (fewer than 4 rows or columns): the same order of sums, one output at a time. */
function blockEdge(
  k: number,
  rows: number,
  cols: number,
  pa: Float64Array,
  pb: Float64Array,
  bo: number,
  C: Arr,
  c: number,
  ldc: number,
  acc: boolean,
): void {
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) {
      let s = C[c + r * ldc + j]; // read either way (see the header)
      if (!acc) s = 0;
      for (let p = 0; p < k; p++) s += pa[4 * p + r] * pb[bo + 4 * p + j];
      C[c + r * ldc + j] = s;
    }
}
