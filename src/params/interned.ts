// The internalized copy of a string (V8's one shared instance of each property-key string).
// Names the model compares and looks up every run (accelerators, sites, regions, cooling
// technologies) arrive from the YAML parser as plain strings; the first time one is used as a
// property key, V8 turns it into a "thin" string pointing at its internalized copy, another
// instance type, and the optimized code that compared it as before deoptimizes ("wrong instance
// type", mid-sweep, data-dependent). Internalized from the start, a name's instance type never
// changes. The same characters.
//
// Internalizing (a computed key read back) costs ~0.4 us; normalize interns ~25 names per run, so
// each string's internalized copy is kept: a Map lookup is ~15x cheaper. Bounded (strings only,
// never a run's state): cleared when full.
const MAX_KEPT = 4096;
const kept = new Map<string, string>();

export function interned<S extends string>(s: S): S {
  let k = kept.get(s);
  if (k === undefined) {
    if (kept.size >= MAX_KEPT) kept.clear();
    k = Object.keys({ [s]: 0 })[0];
    kept.set(s, k);
  }
  return k as S;
}
