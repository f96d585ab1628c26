// Benchmarks time the compiled package (dist/: what the `firstwall` command and
// `import ... from 'firstwall'` run), not the sources through tsx. tsx's transform of the same code
// costs far more CPU: a sweep sample of test/fixtures/sweep/baseline-2035.yaml took 8.9 CPU ms from
// src/ under tsx and 4.0 from dist/ (2,000 samples, 2026-11-30, load ~10 on 2 cores).
// `npm run bench` builds first (package.json), so dist/ matches the sources.
// Invariant: the module is imported from dist/ at run time, typed by its source.
import { existsSync } from 'node:fs';

/** What the figures were measured on, printed in every benchmark line that uses this. */
export const CODE = 'dist (compiled by npm run build)';

/** Imports dist/<path>.js for src/<path>.ts; `path` has no extension (e.g. 'model/run'). */
export async function compiled<T>(path: string): Promise<T> {
  const url = new URL(`../dist/${path}.js`, import.meta.url);
  if (!existsSync(url)) throw new Error(`dist/${path}.js is missing: run \`npm run build\` first`);
  return (await import(url.href)) as T;
}
