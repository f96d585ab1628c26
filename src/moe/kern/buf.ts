// The element buffers the training kernels work on: Float32Array in training, Float64Array in the
// finite-difference gradient tests (so a check is not drowned in float32 rounding). Every kernel is
// written once over `Buf`; a process that trains only ever sees one of the two types, so V8 keeps
// the element accesses monomorphic.
export type Buf = Float32Array | Float64Array;

/** A zero-filled buffer of the same element type as `like`. */
export function sameType(like: Buf, n: number): Buf {
  return like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
}
