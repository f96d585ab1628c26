// Resource limits: oversized files are refused before parsing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { InputError } from '../../src/io/errors.ts';
import { loadScenario } from '../../src/scenario/load.ts';

test('a file over 1 MiB is refused with its size', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'fw-')), 'big.yaml');
  writeFileSync(file, 'name: big\n' + '#'.repeat(1024 * 1024) + '\n');
  let err: unknown;
  try {
    loadScenario(file);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).problems[0]).toBe(
    `${file}:1:1: scenario is 1048587 bytes; the limit is 1048576 bytes (1 MiB)`,
  );
});
