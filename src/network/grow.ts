// Growth of the typed tables the flow simulation keeps per flow and per message, and arrays that
// hold objects from the start. Typed tables grow to exactly what is asked (callers that grow by
// one element ask for double, so growth stays amortised); the old contents are kept.
// Invariant: a grown table starts with the old one's elements, zeros after them.

export function growFloat(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(n, a.length));
  b.set(a);
  return b;
}

export function growInt(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(n, a.length));
  b.set(a);
  return b;
}

export function growByte(a: Uint8Array, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(Math.max(n, a.length));
  b.set(a);
  return b;
}

/**
 * An empty array whose elements kind is already the generic one: `[]` starts as an array of small
 * integers, so the first object pushed changes its kind, and code V8 optimised for one network's
 * array deoptimises on the next network's fresh one.
 */
export function objectArray<T>(): T[] {
  const a: unknown[] = [null];
  a.length = 0;
  return a as T[];
}
