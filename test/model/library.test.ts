// firstwall as a library: the package's own name resolves to the typed API (package.json exports).
import { expect, test } from 'vitest';
import { loadScenario, runScenario, verdict, WALLS } from 'firstwall';

test("import { loadScenario, runScenario } from 'firstwall' returns the result --json prints", () => {
  const r = runScenario(loadScenario('test/fixtures/model/single-site.yaml'));
  expect(r.steps[0].walls).toHaveProperty('power');
  expect(Object.keys(r.steps[0].walls)).toEqual([...WALLS]);
  expect(verdict(r)).toMatch(/^(First wall|No wall binds)/);
});
