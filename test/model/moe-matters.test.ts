// MoE that matters: the `npm start` scenarios run an MoE family, their result says which imbalance
// law and learned skew reached the walls, and a badly balanced router calibration, carried by the
// law when the scenario takes the measured skew, changes the network or power wall in at least one
// year. The dense what-if says it has no router.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadAndRun } from '../../src/model/load-and-run.ts';
import type { RunResult } from '../../src/result/types.ts';
import type { Calibration } from '../../src/calibrate/calibration.ts';

const MAIN = ['baseline-2025.yaml', 'buildout-2030.yaml'];
const dir = mkdtempSync(join(tmpdir(), 'moe-matters-'));

/** The shipped calibration with a router that sends most of every batch to a few experts. */
function badCalibration(): string {
  const cal = JSON.parse(readFileSync('scenarios/calibrations/micro-moe-default.json', 'utf8')) as Calibration;
  const N = cal.config.shape.routed_experts,
    K = cal.config.shape.top_k;
  for (const b of cal.batches) b.router.configured.imbalance_requested = N / K; // every token on the same K experts
  const file = join(dir, 'bad-router.json');
  writeFileSync(file, JSON.stringify(cal));
  return file;
}

/** A what-if of a main scenario: its calibration replaced, the measured learned skew taken. */
function overlay(base: string, calibration: string, name: string): string {
  const file = join(dir, `${name}-${base}`);
  writeFileSync(
    file,
    `extends: ${resolve('scenarios', base)}\nname: ${name}\ncalibration: ${calibration}\nmoe:\n  learned_skew: measured\n`,
  );
  return file;
}

const permits = (r: RunResult, wall: string) => r.steps.map((s) => s.walls[wall].permitted_flop);

describe('the npm start scenarios run a sourced MoE family', () => {
  test.each(MAIN)(
    '%s: DeepSeek-V3 family, sourced learned skew, the measured one beside it, per-step law readings',
    (f) => {
      const r = loadAndRun(`scenarios/${f}`, { annotate: false });
      expect(r.workload.family).toMatchObject({
        name: 'deepseek-v3',
        kind: 'moe',
        tokens_per_active_param_from: 'family',
      });
      expect(r.workload.family?.tokens_per_active_param).toBeCloseTo(400, 6);
      expect(r.workload.source).toBe('calibration');
      const l = r.workload.router!.learned_skew;
      expect(l.used).toBe('sourced');
      expect(l.sourced_maxvio).toBe(0.04);
      expect(l.measured_cv).toBeGreaterThan(0);
      const q = r.steps[0].quantities.routing!;
      expect(q.imbalance_device).toBeGreaterThanOrEqual(q.imbalance_nic);
      expect(q.learned_cv_expert).toBe(l.cv);
    },
  );
  test('the dense what-if has no router: analytic workload, no router block, no routing readings', () => {
    const r = loadAndRun('scenarios/dense-frontier.yaml', { annotate: false });
    expect(r.workload).toMatchObject({ source: 'analytic', calibration_file: null });
    expect(r.workload.family?.kind).toBe('dense');
    expect(r.workload.router).toBeUndefined();
    expect(r.steps[0].quantities.routing).toBeUndefined();
  });
});

describe('a badly balanced calibration changes the network or power wall', () => {
  let bad = '';
  beforeAll(() => {
    bad = badCalibration();
  });
  test('with the default sourced skew the bad calibration moves no wall and is shown beside it', () => {
    const file = join(dir, 'bad-sourced.yaml');
    writeFileSync(
      file,
      `extends: ${resolve('scenarios/baseline-2025.yaml')}\nname: bad-sourced\ncalibration: ${bad}\n`,
    );
    const shipped = loadAndRun('scenarios/baseline-2025.yaml', { annotate: false });
    const worse = loadAndRun(file, { annotate: false });
    for (const w of ['compute', 'memory', 'network', 'power', 'cooling', 'data'])
      expect(permits(worse, w)).toEqual(permits(shipped, w));
    const l = worse.workload.router!.learned_skew;
    expect(l.used).toBe('sourced');
    // requested max/mean 8 on 16 experts read as a CV: (8 - 1) / z(16) = 7 / 1.766 = 3.96, less chance's ~0.1
    expect(l.measured_cv).toBeGreaterThan(3.9);
    expect(l.measured_cv).toBeLessThan(4);
    expect(l.measured_cv!).toBeGreaterThan(shipped.workload.router!.learned_skew.measured_cv!);
  });
  test.each(MAIN)('%s with the measured skew: shipped vs bad calibration', (f) => {
    const shipped = loadAndRun(overlay(f, resolve('scenarios/calibrations/micro-moe-default.json'), 'shipped'), {
      annotate: false,
    });
    const worse = loadAndRun(overlay(f, bad, 'bad'), { annotate: false });
    expect(worse.workload.router!.learned_skew.cv).toBeGreaterThan(shipped.workload.router!.learned_skew.cv);
    const moved = (wall: string) =>
      permits(worse, wall).some((x, i) => Math.abs(x / permits(shipped, wall)[i] - 1) > 0.01);
    expect(moved('network') || moved('power')).toBe(true);
    // the router only ever costs: no wall permits more with the worse router
    for (const w of ['compute', 'power', 'network'])
      permits(worse, w).forEach((x, i) => expect(x).toBeLessThanOrEqual(permits(shipped, w)[i] * (1 + 1e-9)));
  });
});
