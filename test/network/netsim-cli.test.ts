import { describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/helpers.ts';

describe('firstwall netsim', () => {
  test('prints the timing table and writes the same trace twice, atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsim-'));
    const args = [
      'netsim',
      'scenarios/moe-sparsity.yaml',
      '--layer',
      'moe',
      '--gpus',
      '16',
      '--tokens',
      '64',
      '--d-model',
      '512',
    ];
    const a = await runCli([...args, '--trace', join(dir, 'a.json')]);
    const b = await runCli([...args, '--trace', join(dir, 'b.json')]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/moe dispatch\+combine\s+hierarchical\s+16/);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(b.stdout).toBe(a.stdout);
  });

  test('refuses a dense scenario for --layer moe and a bad --layer', async () => {
    expect((await runCli(['netsim', 'scenarios/baseline-2025.yaml', '--layer', 'moe'])).code).toBe(2);
    const bad = await runCli(['netsim', 'scenarios/baseline-2025.yaml', '--layer', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--layer must be moe or allreduce/);
  });
});
