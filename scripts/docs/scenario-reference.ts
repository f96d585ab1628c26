// docs/scenario-reference.md, written from schemas/scenario.schema.json alone.
import { schemaReference } from './schema-reference.ts';

export function scenarioReference(rootDir: string): string {
  return schemaReference(rootDir, {
    schema: 'schemas/scenario.schema.json',
    title: 'Scenario reference',
    defaults: true,
    intro: [
      'Every key of a scenario file, as [`schemas/scenario.schema.json`](../schemas/scenario.schema.json)',
      'defines it (JSON Schema 2020-12; `firstwall validate` checks a file against it and prints',
      '`file:line:col` for every problem). A key without a default may be left out unless it is',
      'marked **(required)**; its description says what its absence means. Units are part of the key',
      'names (`grid_mw`, `hbm_tb_per_s`); the unit column spells them out, and `×/yr` marks a yearly',
      'multiplier (`growth_per_year: 4` is ×4 a year). Any number may instead be a distribution for',
      '`sweep` and `sensitivity` ([`schemas/distribution.schema.json`](../schemas/distribution.schema.json)).',
      'How the model uses these values: [model.md](model.md).',
    ],
  });
}
