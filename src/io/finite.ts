// The output boundary's one check: every number in what is about to be printed or written is
// finite. JSON.stringify turns NaN and Infinity into `null`, which no schema allows and no reader
// expects; with the scenario bounds in place such a number is a bug in the model, so it is an
// internal error (exit 1) that names where it appeared, not a user error.
// Invariant: assertFinite returns only if every number reachable through plain objects and
// arrays (and typed arrays) of `value` is finite.

export class NonFiniteError extends Error {
  override name = 'NonFiniteError';
  constructor(
    readonly what: string,
    readonly pointer: string,
    readonly value: number,
  ) {
    super(
      `${what} holds a non-finite number (${value}) at ${pointer || '/'}; this is a bug, please report it with the scenario`,
    );
  }
}

const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Throws NonFiniteError at the first non-finite number of `value` (JSON-pointer order of a depth-first walk). */
export function assertFinite(value: unknown, what: string): void {
  const stack: [unknown, string][] = [[value, '']];
  const seen = new Set<object>();
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new NonFiniteError(what, at, v);
      continue;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const arr = v as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < arr.length; i++)
        if (typeof arr[i] === 'number' && !Number.isFinite(arr[i]))
          throw new NonFiniteError(what, `${at}/${i}`, arr[i] as number);
      continue;
    }
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], `${at}/${escape(entries[i][0])}`]);
  }
}
