import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The test files that take longest (each 10-25 s quiet on 2 cores, mostly child processes, chromium
 * and npm), longest first. Vitest orders files by the durations it cached from the last run, but a
 * fresh clone (CI) has no cache, so it would order by file size and could start one of these last,
 * leaving one core idle at the end. A file missing from this list is only ordered as vitest orders it. */
const LONGEST_FIRST = [
  'test/package/pack.test.ts',
  'test/report/browser.test.ts',
  'test/report/clipping.test.ts',
  'test/report/scenarios.test.ts',
  'test/montecarlo/sweep.test.ts',
  'test/montecarlo/pool.test.ts',
  'test/montecarlo/interrupt.test.ts',
  'test/docs/generated.test.ts',
  'test/calibrate/calibrate.test.ts',
  'test/calibrate/train-command.test.ts',
  'test/fuzz/fuzz.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((p) => f.moduleId.endsWith(`/${p}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's own order
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  // `import ... from 'firstwall'` in tests means the sources; the built package is tested by
  // test/package/pack.test.ts (whose `npm pack` builds in a copy of the checkout, never in dist/)
  resolve: { alias: [{ find: /^firstwall$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // property tests' pinned seed (test/setup/fast-check-seed.ts)
    setupFiles: ['test/setup/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // two test files at once: vitest's default (available parallelism - 1) runs one at a time on
    // the 2-core machines this project runs on (developers' and CI's alike)
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
  },
});
