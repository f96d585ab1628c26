// The compiled scenario schema (ajv, JSON Schema draft 2020-12, strict, all errors, defaults
// applied). Compiled once per process and reused.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export const SCENARIO_SCHEMA_PATH = new URL('../../schemas/scenario.schema.json', import.meta.url);

let cached: ValidateFunction | undefined;

export function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: true, verbose: true, discriminator: true });
  ajv.addKeyword('x-unit');
  ajv.addKeyword('x-source');
  return ajv;
}

export function scenarioSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
}

export function scenarioValidator(): ValidateFunction {
  cached ??= newAjv().compile(scenarioSchema());
  return cached;
}
