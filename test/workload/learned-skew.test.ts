// Which learned skew reaches the walls: the published value for the family's balancing method by
// default, the micro-MoE's measured one (requested load, less chance) when the scenario asks, a
// scenario's own MaxVio; and the measured value worked by hand from the shipped calibration.
import { describe, expect, test } from 'vitest';
import { DEFAULTS } from '../../src/params/defaults.ts';
import type { MoeParams } from '../../src/params/params.ts';
import { InputError } from '../../src/io/errors.ts';
import { scenarioCalibration } from '../../src/workload/calibrated.ts';
import { chanceCv, expectedMaxNormal } from '../../src/workload/imbalance-law.ts';
import { learnedSkew, measuredSkew, SOURCED_MAXVIO } from '../../src/workload/learned-skew.ts';

const moe: MoeParams = { ...DEFAULTS.moe, balancing: 'loss_free' };
const cal = scenarioCalibration().calibration;

describe('learned skew', () => {
  test('sourced (default): loss-free MaxVio 0.04 read at 256 experts: CV = 0.04 / z(256)', () => {
    const l = learnedSkew(moe, 256, null);
    expect(l.used).toBe('sourced');
    expect(SOURCED_MAXVIO.loss_free.maxvio).toBe(0.04);
    expect(l.cv).toBeCloseTo(0.04 / expectedMaxNormal(256), 12);
    expect(l.measured).toBeNull();
  });
  test('aux-loss balancing gets the aux-loss value (0.52 at 3B)', () => {
    expect(learnedSkew({ ...moe, balancing: 'aux_loss' }, 256, null).maxvio).toBe(0.52);
  });
  test('measured: the calibration largest batch, requested max/mean less chance, by hand', () => {
    const last = [...cal.batches].sort((a, b) => a.batch_tokens - b.batch_tokens).at(-1)!;
    const N = cal.config.shape.routed_experts,
      K = cal.config.shape.top_k;
    const cvReq = (last.router.configured.imbalance_requested - 1) / expectedMaxNormal(N);
    const chance = chanceCv(N, K, last.batch_tokens);
    const m = measuredSkew(cal)!;
    expect(m.learned_cv).toBeCloseTo(Math.sqrt(Math.max(0, cvReq ** 2 - chance ** 2)), 12);
    const l = learnedSkew({ ...moe, learned_skew: 'measured' }, 256, cal);
    expect(l.used).toBe('measured');
    expect(l.cv).toBe(m.learned_cv);
    expect(l.sourced_cv).toBeCloseTo(0.04 / expectedMaxNormal(256), 12); // shown beside it
  });
  test('the sourced value is used even when a calibration is read; the measured one is shown beside', () => {
    const l = learnedSkew(moe, 256, cal);
    expect(l.used).toBe('sourced');
    expect(l.measured?.learned_cv).toBeGreaterThan(0);
  });
  test('a scenario MaxVio is read at the family expert count', () => {
    const l = learnedSkew({ ...moe, learned_skew: 1.5 }, 128, null);
    expect(l.used).toBe('scenario');
    expect(l.cv).toBeCloseTo(1.5 / expectedMaxNormal(128), 12);
  });
  test('measured without a calibration is an input error', () => {
    expect(() => learnedSkew({ ...moe, learned_skew: 'measured' }, 256, null)).toThrow(InputError);
  });
});
