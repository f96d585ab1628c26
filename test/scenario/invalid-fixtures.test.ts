// Every file in test/fixtures/invalid/ must fail with the `file:line:col: message` its first line
// expects (`# expect: ...`); a bare `line:col: ...` means the fixture's own path.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/io/errors.ts';
import { loadScenario } from '../../src/scenario/load.ts';

const dir = 'test/fixtures/invalid';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function problemsOf(file: string): string[] {
  try {
    loadScenario(file);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error(`${file} loaded without error`);
}

describe('invalid scenarios fail with a positioned message', () => {
  test('there are fixtures', () => expect(files.length).toBeGreaterThanOrEqual(15));
  test.each(files)('%s', (name) => {
    const file = `${dir}/${name}`;
    const expected = readFileSync(file, 'utf8')
      .split('\n')[0]
      .replace(/^# expect: /, '');
    const full = expected.startsWith('test/') ? expected : `${file}:${expected}`;
    const problems = problemsOf(file);
    expect(problems[0].startsWith(full), `got: ${problems[0]}`).toBe(true);
    for (const p of problems) expect(p).toMatch(/^[^:]+\.yaml:\d+:\d+: \S/);
  });
});

describe('every problem at once', () => {
  test('non-finite numbers are each reported', () => {
    expect(problemsOf(`${dir}/non-finite.yaml`)).toEqual([
      `${dir}/non-finite.yaml:4:30: /demand/frontier_run_flop must be a finite number (got .inf)`,
      `${dir}/non-finite.yaml:4:53: /demand/growth_per_year must be a finite number (got .nan)`,
    ]);
  });
  test('a misspelt key reports the missing key and suggests the right one', () => {
    expect(problemsOf(`${dir}/unknown-key.yaml`)).toEqual([
      `${dir}/unknown-key.yaml:5:3: /demand must have required property "growth_per_year"`,
      `${dir}/unknown-key.yaml:6:3: /demand unknown key "growth_per_yer"; did you mean "growth_per_year"?`,
    ]);
  });
  test('an unknown key far from any known one gets no suggestion', () => {
    const p = problemsOf('test/fixtures/invalid/override-bad-key.yaml');
    expect(p).toEqual([
      `${dir}/override-bad-key.yaml:4:3: /demand unknown key "growth_per_yaer"; did you mean "growth_per_year"?`,
    ]);
  });
});
