// Third-party modules loaded on first use rather than at import: a sweep worker thread imports
// the scenario layer (the model reaches it for error positions) but never parses YAML nor compiles
// a schema, and loading yaml and ajv cost each thread ~70 and ~90 CPU ms of its start-up
// (measured 2026-12-01, `import()` of each alone, Node 20). Both packages are CommonJS, so
// `require` returns the very module instance an `import` elsewhere gets (no second copy).
// Invariant: each getter loads its module at most once per thread and returns the same object.
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
type Ajv2020Module = typeof import('ajv/dist/2020.js');
type StandaloneModule = typeof import('ajv/dist/standalone/index.js');

const requireHere = createRequire(import.meta.url);
let yaml: Yaml | undefined;
let ajv2020: Ajv2020Module | undefined;
let standalone: StandaloneModule | undefined;

/** The yaml package. */
export function yamlLib(): Yaml {
  return (yaml ??= requireHere('yaml') as Yaml);
}

/** ajv's JSON Schema 2020-12 entry (the Ajv2020 class). */
export function ajv2020Lib(): Ajv2020Module {
  return (ajv2020 ??= requireHere('ajv/dist/2020.js') as Ajv2020Module);
}

/** ajv's standalone code generator module (build time only). */
export function ajvStandaloneLib(): StandaloneModule {
  return (standalone ??= requireHere('ajv/dist/standalone/index.js') as StandaloneModule);
}
