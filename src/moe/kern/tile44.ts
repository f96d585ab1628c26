// The 4×4 register tiles the TypeScript attention kernels are built from, and the packings that
// feed them: every product of attention (Q·Kᵀ, P·V, dO·Vᵀ, dS·K, dSᵀ·Q, Pᵀ·dO) is a sum over one
// index of a 4-wide slice of A times a 4-wide slice of B, with both slices contiguous in double
// scratch (packed JS arrays of doubles: cheaper to index than Float64Array in V8, see attention-ts.ts).
// Invariants: each of the 16 sums adds its k terms in order in one double accumulator (starting
// from the destination when accumulating), so a result never depends on how a caller tiles (two
// rows at a time gives the bits of four); packings zero their padding, so padded rows/columns
// contribute exact zeros.
// Fresh and accumulating products are separate functions, not one with a flag: the forward pass
// makes a tile hot long before the backward pass first accumulates, so a load of D under
// `if (acc)` had no type feedback when V8 optimised the tile, and its first execution deoptimised
// it. Where V8 had meanwhile compiled the tile's loop for on-stack replacement, it never optimised
// the function again: every later call started in baseline code and jumped into the loop's OSR code,
// and the backward pass ran at about 2.1 GFLOP/s instead of 3.9 in roughly one process in four
// (--trace-opt, --trace-deopt: the slow processes were exactly those with OSR code before the deopt).
// V8 (Node 20) keeps 15 doubles in registers and schedules a step's 16 products before its 16 sums,
// so the 4×4 tile spills; where k is short (d_h) two rows at a time (8 sums) is faster.

/**
 * D(r, j) = Σ_{s<k} A[a + 4s + r] · B[b + 4s + j] for r, j < 4, D(r, j) at d + r·ld + j: a fresh
 * product of two 4-wide panels. One index walks both panels (b − a apart), which saves V8 a
 * register and an overflow-checked add per step over two indices.
 */
// The tile reads best as one row of four sums per line, so prettier leaves it be.
// prettier-ignore
export function tile44(k: number, A: number[], a: number, B: number[], b: number, D: number[], d: number, ld: number): void {
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (const off = b - a, end = a + 4 * k; a < end; a += 4) {
    const y0 = B[a + off], y1 = B[a + off + 1], y2 = B[a + off + 2], y3 = B[a + off + 3];
    let x = A[a];
    s00 += x * y0; s01 += x * y1; s02 += x * y2; s03 += x * y3;
    x = A[a + 1];
    s10 += x * y0; s11 += x * y1; s12 += x * y2; s13 += x * y3;
    x = A[a + 2];
    s20 += x * y0; s21 += x * y1; s22 += x * y2; s23 += x * y3;
    x = A[a + 3];
    s30 += x * y0; s31 += x * y1; s32 += x * y2; s33 += x * y3;
  }
  const d1 = d + ld, d2 = d1 + ld, d3 = d2 + ld;
  D[d] = s00; D[d + 1] = s01; D[d + 2] = s02; D[d + 3] = s03;
  D[d1] = s10; D[d1 + 1] = s11; D[d1 + 2] = s12; D[d1 + 3] = s13;
  D[d2] = s20; D[d2 + 1] = s21; D[d2 + 2] = s22; D[d2 + 3] = s23;
  D[d3] = s30; D[d3 + 1] = s31; D[d3 + 2] = s32; D[d3 + 3] = s33;
}

/** tile44 two rows at a time (8 sums, no spill): faster where k = d_h is short. */
export function tile44Short(
  k: number,
  A: number[],
  a: number,
  B: number[],
  b: number,
  D: number[],
  d: number,
  ld: number,
): void {
  tile24(k, A, a, B, b, D, d, ld);
  tile24(k, A, a + 2, B, b, D, d + 2 * ld, ld);
}

// prettier-ignore
function tile24(k: number, A: number[], a: number, B: number[], b: number, D: number[], d: number, ld: number): void {
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  for (const off = b - a, end = a + 4 * k; a < end; a += 4) {
    const y0 = B[a + off], y1 = B[a + off + 1], y2 = B[a + off + 2], y3 = B[a + off + 3];
    let x = A[a];
    s00 += x * y0; s01 += x * y1; s02 += x * y2; s03 += x * y3;
    x = A[a + 1];
    s10 += x * y0; s11 += x * y1; s12 += x * y2; s13 += x * y3;
  }
  const d1 = d + ld;
  D[d] = s00; D[d + 1] = s01; D[d + 2] = s02; D[d + 3] = s03;
  D[d1] = s10; D[d1 + 1] = s11; D[d1 + 2] = s12; D[d1 + 3] = s13;
}

/**
 * D(r, j) += Σ_{s<k} A[a + s·aStep + r] · B[b + 4s + j] for r, j < 4: the accumulating tile, whose
 * A is 4 consecutive columns of a row-major block (step aStep) and B a 4-wide panel.
 */
// prettier-ignore
export function tile44Acc(k: number, A: number[], a: number, aStep: number, B: number[], b: number, D: number[], d: number, ld: number): void {
  const d1 = d + ld, d2 = d1 + ld, d3 = d2 + ld;
  let s00 = D[d], s01 = D[d + 1], s02 = D[d + 2], s03 = D[d + 3];
  let s10 = D[d1], s11 = D[d1 + 1], s12 = D[d1 + 2], s13 = D[d1 + 3];
  let s20 = D[d2], s21 = D[d2 + 1], s22 = D[d2 + 2], s23 = D[d2 + 3];
  let s30 = D[d3], s31 = D[d3 + 1], s32 = D[d3 + 2], s33 = D[d3 + 3];
  for (const end = b + 4 * k; b < end; b += 4, a += aStep) {
    const y0 = B[b], y1 = B[b + 1], y2 = B[b + 2], y3 = B[b + 3];
    let x = A[a];
    s00 += x * y0; s01 += x * y1; s02 += x * y2; s03 += x * y3;
    x = A[a + 1];
    s10 += x * y0; s11 += x * y1; s12 += x * y2; s13 += x * y3;
    x = A[a + 2];
    s20 += x * y0; s21 += x * y1; s22 += x * y2; s23 += x * y3;
    x = A[a + 3];
    s30 += x * y0; s31 += x * y1; s32 += x * y2; s33 += x * y3;
  }
  D[d] = s00; D[d + 1] = s01; D[d + 2] = s02; D[d + 3] = s03;
  D[d1] = s10; D[d1 + 1] = s11; D[d1 + 2] = s12; D[d1 + 3] = s13;
  D[d2] = s20; D[d2 + 1] = s21; D[d2 + 2] = s22; D[d2 + 3] = s23;
  D[d3] = s30; D[d3 + 1] = s31; D[d3 + 2] = s32; D[d3 + 3] = s33;
}

/**
 * The score tile: tile44 on the query strip (from its start) and a key panel, that also raises M[r]
 * to the largest of row r's four results (so the softmax needs no separate pass for the row maximum).
 * Two rows at a time: 8 sums, no spill (k = d_h is short, so the extra pass over the panel is cheap).
 */
export function scoreTile44(
  k: number,
  A: number[],
  B: number[],
  b: number,
  D: number[],
  d: number,
  ld: number,
  M: number[],
): void {
  scoreTile24(k, A, 0, B, b, D, d, ld, M);
  scoreTile24(k, A, 2, B, b, D, d + 2 * ld, ld, M);
}

// prettier-ignore
function scoreTile24(k: number, A: number[], r: number, B: number[], b: number, D: number[], d: number, ld: number, M: number[]): void {
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  for (let a = r, end = r + 4 * k, off = b - r; a < end; a += 4) {
    const y0 = B[a + off], y1 = B[a + off + 1], y2 = B[a + off + 2], y3 = B[a + off + 3];
    let x = A[a];
    s00 += x * y0; s01 += x * y1; s02 += x * y2; s03 += x * y3;
    x = A[a + 1];
    s10 += x * y0; s11 += x * y1; s12 += x * y2; s13 += x * y3;
  }
  const d1 = d + ld;
  D[d] = s00; D[d + 1] = s01; D[d + 2] = s02; D[d + 3] = s03;
  D[d1] = s10; D[d1 + 1] = s11; D[d1 + 2] = s12; D[d1 + 3] = s13;
  M[r] = max4(M[r], s00, s01, s02, s03);
  M[r + 1] = max4(M[r + 1], s10, s11, s12, s13);
}

/** The largest of five (NaN only if m is NaN; NaN scores make the row NaN anyway, through exp). */
function max4(m: number, a: number, b: number, c: number, d: number): number {
  if (a > m) m = a;
  if (b > m) m = b;
  if (c > m) m = c;
  if (d > m) m = d;
  return m;
}

type Arr = Float32Array | Float64Array;

/**
 * Panels of 4 rows: out[(c·cols + p)·4 + r] = scale · X[x + (4c + r)·ld + p] for rows 4c + r < rows,
 * p < cols; zero for padded rows (c < ⌈rows/4⌉). Q strips, dO strips and K/V key panels.
 */
export function packRowPanels(
  X: Arr,
  x: number,
  ld: number,
  rows: number,
  cols: number,
  scale: number,
  out: number[],
): void {
  const panels = (rows + 3) >> 2;
  for (let c = 0; c < panels; c++)
    for (let r = 0; r < 4; r++) {
      const i = 4 * c + r,
        o = c * cols * 4 + r;
      if (i < rows) {
        const src = x + i * ld;
        for (let p = 0; p < cols; p++) out[o + 4 * p] = scale * X[src + p];
      } else for (let p = 0; p < cols; p++) out[o + 4 * p] = 0;
    }
}

/**
 * Panels of 4 columns: out[(e·rowsPad + i)·4 + j] = X[x + i·ld + 4e + j] for columns 4e + j < cols,
 * zero for padded columns; rowsPad = ⌈rows/4⌉·4 and rows past `rows` are zero. K, V, Q, dO by dimension.
 */
export function packColPanels(X: Arr, x: number, ld: number, rows: number, cols: number, out: number[]): void {
  const rowsPad = ((rows + 3) >> 2) << 2,
    panels = (cols + 3) >> 2;
  for (let e = 0; e < panels; e++)
    for (let i = 0; i < rowsPad; i++) {
      const o = (e * rowsPad + i) * 4,
        src = x + i * ld + 4 * e;
      for (let j = 0; j < 4; j++) out[o + j] = i < rows && 4 * e + j < cols ? X[src + j] : 0;
    }
}
