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

  test('a dense scenario traces every all-reduce flow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsim-'));
    const trace = join(dir, 'dense.json');
    const r = await runCli(['netsim', 'scenarios/dense-frontier.yaml', '--gpus', '32', '--trace', trace]);
    expect(r.code).toBe(0);
    const flows = Number(/all-reduce \(ring per rail\)\s+ring\s+32\s+(\d+)/.exec(r.stdout)?.[1]);
    // 8 rails x ring of 4 nodes x 2(4-1) steps = 192 flows, every one in the trace
    expect(flows).toBe(192);
    const events = (JSON.parse(readFileSync(trace, 'utf8')) as { traceEvents: { ph: string }[] }).traceEvents;
    expect(events.filter((e) => e.ph === 'X').length).toBe(flows);
  });

  test('decode mode prints the time per output token per layer and per model', async () => {
    const r = await runCli([
      'netsim',
      'scenarios/moe-sparsity.yaml',
      '--layer',
      'moe',
      '--gpus',
      '16',
      '--decode',
      '--tokens',
      '16',
      '--d-model',
      '512',
      '--compute-us',
      '1000',
      '--routing',
      'balanced',
    ]);
    expect(r.code).toBe(0);
    // Compute-bound: 2 micro-batches x max(comm, 1000/2) = 1,000 us per layer, x 58 MoE layers.
    expect(r.stdout).toMatch(/moe decode micro-batch \(8 tok\/GPU\)\s+flat\s+16/);
    expect(r.stdout).toMatch(/per MoE layer\s+1000\.0/);
    expect(r.stdout).toMatch(/58 MoE layers\s+58000\.0/);
  });

  test("the scenario's family and /moe inputs are netsim's defaults (FP8 dispatch, BF16 combine, 4 nodes per token)", async () => {
    const args = ['netsim', 'scenarios/baseline-2025.yaml', '--layer', 'moe', '--gpus', '64', '--tokens', '32'];
    const byDefault = await runCli([...args, '--d-model', '7168']);
    const explicit = await runCli([
      ...args,
      '--dispatch-bytes',
      String(1 + 4 / 128),
      '--combine-bytes',
      '2',
      '--node-limit',
      '4',
    ]);
    expect(byDefault.code).toBe(0);
    expect(explicit.stdout).toBe(byDefault.stdout);
    const bf16 = await runCli([...args, '--dispatch-bytes', '2', '--node-limit', '8']);
    expect(bf16.stdout).not.toBe(byDefault.stdout);
  });

  test('bad MoE flags are user errors', async () => {
    for (const [flag, value, msg] of [
      ['--routing', 'skewed', /--routing must be random or balanced/],
      ['--relay', 'x', /--relay must be/],
      ['--expert-load', 'missing.json', /--expert-load missing.json/],
      ['--dispatch-bytes', '0', /--dispatch-bytes must be a number > 0/],
    ] as const) {
      const r = await runCli(['netsim', 'scenarios/moe-sparsity.yaml', '--layer', 'moe', flag, value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });

  test('refuses a dense scenario for --layer moe and a bad --layer', async () => {
    expect((await runCli(['netsim', 'scenarios/dense-frontier.yaml', '--layer', 'moe'])).code).toBe(2);
    const bad = await runCli(['netsim', 'scenarios/baseline-2025.yaml', '--layer', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--layer must be moe or allreduce/);
  });
});
