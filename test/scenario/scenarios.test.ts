// Every shipped scenario validates, declares its schema for editors, and loads deterministically.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';

const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('shipped scenarios', () => {
  test('baseline-2025 is shipped', () => expect(files).toContain('baseline-2025.yaml'));
  test.each(files)('%s is valid and names its schema on line 1', (name) => {
    const file = `scenarios/${name}`;
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schemas/scenario.schema.json',
    );
    const a = loadScenario(file);
    const b = loadScenario(file);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
