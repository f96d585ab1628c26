// Canonical objects: one object per distinct value, so caches keyed on object identity hit across runs.

/**
 * A canonicalizer: `canon(o)` is the first object kept with `o`'s value, or `o` itself (then kept).
 * Values are grouped by `keyOf` and, within a key, told apart by `same`; without `same` the key is
 * the whole value (its JSON text, say), so equal keys are one object. A `same` lets a cheap key (a
 * name) stand in for writing the value out. Past `max` kept objects the table is emptied: a value
 * seen again then gets a new object, and the caches keyed on identity find their figures again.
 */
export function canonicalizer<K, T extends object>(
  max: number,
  keyOf: (o: T) => K,
  same?: (a: T, b: T) => boolean,
): (o: T) => T {
  const byKey = new Map<K, T[]>();
  let count = 0;
  return (o) => {
    const k = keyOf(o);
    let kept = byKey.get(k);
    if (kept !== undefined) {
      if (same === undefined) return kept[0];
      for (const x of kept) if (same(x, o)) return x;
    }
    if (count >= max) {
      byKey.clear();
      count = 0;
      kept = undefined;
    }
    if (kept === undefined) byKey.set(k, (kept = []));
    kept.push(o);
    count++;
    return o;
  };
}

/**
 * Whether two plain values are the same: primitives by Object.is, objects by their own keys in the
 * same order with the same values. Never looser than equal JSON text: where this says same,
 * JSON.stringify writes the same text; it may say different where the text is the same (0 and -0,
 * a key holding undefined), which only costs a second canonical object.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a),
    kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k !== kb[i] || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
