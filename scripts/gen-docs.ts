// `npm run docs`: writes every generated document, so none can drift from what it describes:
// docs/scenario-reference.md (the scenario schema), docs/result-reference.md (the result schema),
// docs/cli.md (the command registry and usage texts), docs/scenarios.md (the shipped scenarios and
// the verdicts of running them), and the generated blocks of README.md (a real run's output).
// Invariant: `generatedDocs` is a pure function of the repository; test/docs/generated.test.ts
// fails when a committed file differs from it, and names this command.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliReference } from './docs/cli-reference.ts';
import { fillBlocks, readmeBlocks } from './docs/readme-blocks.ts';
import { resultReference } from './docs/result-reference.ts';
import { scenarioReference } from './docs/scenario-reference.ts';
import { scenariosDoc } from './docs/scenarios.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const FIX = 'npm run docs';

/** Each generated file and a function writing its full text. */
export const GENERATED: { file: string; make: () => Promise<string> | string }[] = [
  { file: 'docs/scenario-reference.md', make: () => scenarioReference(ROOT) },
  { file: 'docs/result-reference.md', make: () => resultReference(ROOT) },
  { file: 'docs/cli.md', make: () => cliReference() },
  { file: 'docs/scenarios.md', make: () => scenariosDoc(ROOT) },
  {
    file: 'README.md',
    make: async () => fillBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'), await readmeBlocks(ROOT)),
  },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.chdir(ROOT);
  for (const g of GENERATED) {
    writeFileSync(join(ROOT, g.file), await g.make());
    process.stdout.write(`wrote ${g.file}\n`);
  }
}
