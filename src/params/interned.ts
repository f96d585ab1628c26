// The internalized copy of a string (V8's one shared instance of each property-key string).
// Names the model compares and looks up every run (accelerators, sites, regions) arrive from the
// YAML parser as plain strings; the first time one is used as a property key, V8 turns it into a
// "thin" string pointing at its internalized copy, another instance type, and the optimized code
// that compared it as before deoptimizes ("wrong instance type", mid-sweep, data-dependent).
// Internalized from the start, a name's instance type never changes. The same characters.
export function interned<S extends string>(s: S): S {
  return Object.keys({ [s]: 0 })[0] as S;
}
