// Golden files: a chart's normalized SVG must equal test/report/golden/<name>.svg, a terminal page
// test/report/golden/<name>.txt. On a mismatch the new output is written beside the golden as
// <name>-changed.svg (or .txt; git-ignored) so the two can be opened side by side, and the failure
// says how to accept it.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { expect } from 'vitest';

export const UPDATE_GOLDEN = 'UPDATE_GOLDEN';

/** The -changed path written beside a golden on a mismatch (same extension). */
export function changedPath(golden: string): string {
  return golden.replace(/(\.[a-z]+)$/, '-changed$1');
}

/** Compares the output with the golden file; UPDATE_GOLDEN=1 in the environment rewrites the golden instead. */
export function expectGolden(svg: string, golden: string, testFile: string): void {
  const changed = changedPath(golden);
  const want = existsSync(golden) ? readFileSync(golden, 'utf8') : undefined;
  if (process.env[UPDATE_GOLDEN] === '1') {
    if (want !== svg) writeFileSync(golden, svg);
    rmSync(changed, { force: true });
    return;
  }
  if (want === svg) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, svg);
  const rel = (p: string) => relative(process.cwd(), p);
  expect.fail(
    `${rel(golden)} ${want === undefined ? 'is missing' : 'does not match the rendering'}; the new rendering is in ${rel(changed)}.\n` +
      `Compare the two; if the change is intended, accept it with: ${UPDATE_GOLDEN}=1 npx vitest run ${rel(testFile)}`,
  );
}
