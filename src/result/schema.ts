// The compiled result schema (schemas/result.schema.json), for tests and for tools that check a
// result file before reading it; a build precompiles it (src/io/precompiled-validator.ts).
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { loadValidator, type ValidatorSpec } from '../io/precompiled-validator.ts';

export const RESULT_VALIDATOR: ValidatorSpec = {
  schema: new URL('../../schemas/result.schema.json', import.meta.url),
  precompiled: new URL('./result-validator.gen.cjs', import.meta.url),
  options: { allErrors: true, strict: true, allowUnionTypes: true },
};

let cached: ValidateFunction | undefined;

export function resultValidator(): ValidateFunction {
  cached ??= loadValidator(RESULT_VALIDATOR);
  return cached;
}
