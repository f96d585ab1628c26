// The compiled scenario schema (ajv, JSON Schema draft 2020-12, strict, all errors, defaults
// applied). Compiled once per process and reused; a build compiles it ahead of time
// (src/io/precompiled-validator.ts), used only while it matches the schema file and these options.
import { readFileSync } from 'node:fs';
import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { loadValidator, newAjvFor, type ValidatorSpec } from '../io/precompiled-validator.ts';

export const SCENARIO_SCHEMA_PATH = new URL('../../schemas/scenario.schema.json', import.meta.url);

export const SCENARIO_VALIDATOR: ValidatorSpec = {
  schema: SCENARIO_SCHEMA_PATH,
  precompiled: new URL('./scenario-validator.gen.cjs', import.meta.url),
  options: { allErrors: true, strict: true, useDefaults: true, verbose: true, discriminator: true },
  keywords: ['x-unit', 'x-source'],
};

let cached: ValidateFunction | undefined;

/** An ajv with the scenario schema's options and keywords (other schemas of the scenario use it too). */
export function newAjv(extra: Options = {}): Ajv2020 {
  return newAjvFor(SCENARIO_VALIDATOR, extra);
}

export function scenarioSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
}

export function scenarioValidator(): ValidateFunction {
  cached ??= loadValidator(SCENARIO_VALIDATOR);
  return cached;
}
