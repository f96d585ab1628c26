// The schema is the one definition of the format: it is itself valid draft 2020-12, and the
// committed TypeScript types (of scenarios and of results) are exactly what
// json-schema-to-typescript generates from their schemas (scripts/gen-types.ts).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { newAjv, scenarioSchema } from '../../src/scenario/schema.ts';
import { generate, TARGETS } from '../../scripts/gen-types.ts';

test('scenario.schema.json is a valid 2020-12 schema and compiles in strict mode', () => {
  const ajv = newAjv();
  expect(ajv.validateSchema(scenarioSchema())).toBe(true);
  expect(() => ajv.compile(scenarioSchema())).not.toThrow();
});

test.each(TARGETS.map((t) => [t.out, t] as const))(
  '%s is what json-schema-to-typescript generates from its schema',
  async (out, target) => {
    const committed = readFileSync(out, 'utf8');
    expect(
      committed === (await generate(target)),
      `${out} drifted from ${target.schema}: run \`npm run gen:types\``,
    ).toBe(true);
  },
);
