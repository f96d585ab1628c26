import { describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/helpers.ts';

describe('firstwall step', () => {
  const plan = ['step', 'scenarios/dense-frontier.yaml', '--gpus', '256', '--batch-tokens', '524288'];
  plan.push('--plan', 'tp=8,pp=4,recompute=full');

  test('--plan prints the breakdown, memory and MFU, and --trace writes the same trace twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'step-'));
    const a = await runCli([...plan, '--trace', join(dir, 'a.json')]);
    const b = await runCli([...plan, '--trace', join(dir, 'b.json')]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^dense-frontier 2025: 256 x B200 \(8-GPU scale-up domains\)/);
    expect(a.stdout).toMatch(/plan: tp=8,pp=4,dp=8,cp=1,ep=1,mbs=1,gbs=64,/);
    for (const row of ['compute', 'recompute', 'exposed TP', 'exposed DP', 'pipeline bubble', 'activations'])
      expect(a.stdout).toContain(`  ${row}`);
    expect(a.stdout).toMatch(/MFU \d+\.\d%: \d+ model TFLOP\/s per GPU of 2250 peak \(bf16\)/);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).traceEvents.length).toBeGreaterThan(100);
  });

  test('--search reports the rejections; no plan fitting is exit 2', async () => {
    const r = await runCli(['step', 'scenarios/dense-frontier.yaml', '--gpus', '16', '--top', '2']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Searched \d+ plans: \d+ timed, 0 fit/);
    expect(r.stdout).toMatch(/\d+ {2}does not fit HBM/);
    expect(r.stderr).toMatch(/no plan fits/);
  });

  test('bad plans and flags are user errors (exit 2) that say why', async () => {
    const tp = await runCli(['step', 'scenarios/dense-frontier.yaml', '--gpus', '1024', '--plan', 'tp=16,pp=8']);
    expect(tp.code).toBe(2);
    expect(tp.stderr).toMatch(/TP 16 is beyond the scale-up domain \(8 GPUs\)/);
    const key = await runCli(['step', 'scenarios/dense-frontier.yaml', '--plan', 'tp=8,foo=1']);
    expect(key.code).toBe(2);
    expect(key.stderr).toMatch(/--plan: unknown key "foo"/);
    expect((await runCli(['step', 'scenarios/dense-frontier.yaml', '--a2a', 'x'])).code).toBe(2);
    expect((await runCli(['step', 'scenarios/dense-frontier.yaml', '--year', '1990'])).code).toBe(2);
  });
});
