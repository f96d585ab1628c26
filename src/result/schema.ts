// The compiled result schema (schemas/result.schema.json), for tests and for tools that check a
// result file before reading it.
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';

let cached: ValidateFunction | undefined;

export function resultValidator(): ValidateFunction {
  if (!cached) {
    const schema = JSON.parse(
      readFileSync(new URL('../../schemas/result.schema.json', import.meta.url), 'utf8'),
    ) as object;
    cached = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  }
  return cached;
}
