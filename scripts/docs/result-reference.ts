// docs/result-reference.md, written from schemas/result.schema.json alone.
import { schemaReference } from './schema-reference.ts';

export function resultReference(rootDir: string): string {
  return schemaReference(rootDir, {
    schema: 'schemas/result.schema.json',
    title: 'Result reference',
    defaults: false,
    intro: [
      'Every field of a run result, as [`schemas/result.schema.json`](../schemas/result.schema.json)',
      'defines it: what `firstwall run --json` prints, `run --out DIR` and `report` write as',
      '`result.json`, and `runScenario` / `loadAndRun` return (the TypeScript types are generated from',
      'the same schema: `src/result/types.gen.ts`). Fields marked **(required)** are always present; the',
      'others appear when the scenario asks for them (cost, inference, fleet) or when `run` computed',
      'them (certainty). How to read the numbers: [outputs.md](outputs.md) and [model.md](model.md).',
    ],
  });
}
