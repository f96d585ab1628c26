// JSON Schema validators compiled at build time instead of at start-up. Compiling the scenario
// schema with ajv takes about a second on this machine and the calibration schema a third of one,
// paid by every `firstwall` command and every sweep worker; `npm run build` writes each validator
// as standalone code (ajv's documented standalone mode) beside the module that uses it, stamped
// with the SHA-256 of the options and schema text it was compiled from.
// Invariant: a precompiled validator is used only when its stamp matches the schema on disk now
// and the spec's options; otherwise (a source checkout run through tsx, an edited schema) the
// schema is compiled as before, so the two paths cannot disagree.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { ajv2020Lib, ajvStandaloneLib } from './lazy-modules.ts';

/** One schema's validator: the schema file, where a build puts its compiled code, the ajv setup. */
export interface ValidatorSpec {
  schema: URL;
  precompiled: URL;
  options: Options;
  /** Annotation keywords the schema uses, accepted by strict mode. */
  keywords?: readonly string[];
}

type Generate = (ajv: Ajv2020, validate: ValidateFunction) => string;

const requireHere = createRequire(import.meta.url);

function stamp(spec: ValidatorSpec, schemaText: string): string {
  const key = JSON.stringify({ options: spec.options, keywords: spec.keywords ?? [] });
  return createHash('sha256').update(key).update('\0').update(schemaText).digest('hex');
}

export function newAjvFor(spec: ValidatorSpec, extra: Options = {}): Ajv2020 {
  const ajv = new (ajv2020Lib().Ajv2020)({ ...spec.options, ...extra });
  for (const k of spec.keywords ?? []) ajv.addKeyword(k);
  return ajv;
}

const STAMP_LINE = '// firstwall validator stamp ';

/**
 * The build's validator if it was compiled from this schema text and options, else undefined. The
 * stamp is read before anything runs; the code is then evaluated as a CommonJS module whose
 * require resolves from this package (its ajv runtime helpers), wherever the file lies.
 */
export function precompiledValidator(spec: ValidatorSpec, schemaText: string): ValidateFunction | undefined {
  const path = fileURLToPath(spec.precompiled);
  if (!existsSync(path)) return undefined;
  const code = readFileSync(path, 'utf8');
  if (!code.startsWith(STAMP_LINE + stamp(spec, schemaText) + '\n')) return undefined;
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', code)(module, module.exports, requireHere);
  return typeof module.exports === 'function' ? (module.exports as ValidateFunction) : undefined;
}

/** The spec's validator: precompiled when current, else compiled now. */
export function loadValidator(spec: ValidatorSpec): ValidateFunction {
  const text = readFileSync(spec.schema, 'utf8');
  return precompiledValidator(spec, text) ?? newAjvFor(spec).compile(JSON.parse(text) as object);
}

/** CommonJS source of the spec's validator, its stamp on the first line (CommonJS: it loads synchronously). */
export function validatorSource(spec: ValidatorSpec): string {
  const text = readFileSync(spec.schema, 'utf8'),
    ajv = newAjvFor(spec, { code: { source: true } });
  // a CommonJS module whose default export is the function: Node's interop gives the module object
  const m = ajvStandaloneLib() as unknown as Generate | { default: Generate },
    generate = typeof m === 'function' ? m : m.default;
  const code = generate(ajv, ajv.compile(JSON.parse(text) as object));
  return `${STAMP_LINE}${stamp(spec, text)}\n${code}\n`;
}
