// `xs.map(f)` whose result is always a packed array. V8 (Node 20) gives an array built by
// Array.prototype.map a packed elements kind while the builtin runs it, and a holey one once the
// caller is optimized by TurboFan (which inlines map as `new Array(n)` filled in place). The same
// array then has one hidden class in a run's early samples and another later, and every optimized
// reader of it deoptimizes ("wrong map") when its producer is optimized or deoptimized: the
// sweep's storms on p.hardware and world.sites (docs/benchmarks.md, "Maps that do not repeat").
// A push loop gives a packed array in every tier.
export function mapPacked<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i], i));
  return out;
}
