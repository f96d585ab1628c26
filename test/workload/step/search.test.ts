import { describe, expect, test } from 'vitest';
import { enumeratePlans, reasonKind, searchPlans } from '../../../src/workload/step/search.ts';
import { h100, TINY_DENSE, TINY_MOE } from './fixtures.ts';

describe('searchPlans', () => {
  const c = h100(32);

  test('returns the fastest fitting plans in order and accounts for every enumerated plan', () => {
    const wide = { ...TINY_DENSE, heads: 32, kv_heads: 8, head_dim: 32 }; // TP up to 16 is enumerated
    const o = { global_batch: 32, top: 4, cp: [1, 2] };
    const r = searchPlans(wide, c, o);
    expect(r.best).toHaveLength(4);
    for (let i = 1; i < r.best.length; i++) expect(r.best[i].step_us).toBeGreaterThanOrEqual(r.best[i - 1].step_us);
    expect(r.best.every((b) => b.memory.fits)).toBe(true);
    expect(r.fitting + r.rejected_total).toBe(enumeratePlans(wide, c, o).length);
    const counted = Object.values(r.rejected_by_reason).reduce((a, b) => a + b, 0);
    expect(counted).toBeGreaterThanOrEqual(r.rejected_total); // a plan may have several reasons
    expect(r.rejected.length).toBeLessThanOrEqual(20 * Object.keys(r.rejected_by_reason).length);
    expect(r.rejected_by_reason['TP # is beyond the scale-up domain (# GPUs)']).toBeGreaterThan(0);
    expect(r.rejected.every((x) => x.reasons.length > 0)).toBe(true);
  });

  test('plans that do not fit HBM are rejected with the footprint', () => {
    const small = { ...c, hbm_gb: 0.5 };
    const r = searchPlans(TINY_DENSE, small, { global_batch: 32, cp: [1] });
    expect(r.best).toHaveLength(0);
    expect(r.rejected_by_reason['does not fit HBM']).toBe(r.evaluated);
    expect(r.rejected.find((x) => x.reasons[0].startsWith('does not fit HBM'))!.reasons[0]).toMatch(
      /^does not fit HBM: \d+\.\d GB > 0\.5 GB usable$/,
    );
  });

  test('fixed fields hold in every plan; EP divides DP x CP and the experts', () => {
    const r = searchPlans(TINY_MOE, c, { global_batch: 32, fixed: { tp: 2, cp: 1, recompute: 'selective' }, top: 50 });
    expect(r.best.length).toBeGreaterThan(0);
    for (const b of r.best) {
      expect(b.plan.tp).toBe(2);
      expect(b.plan.recompute).toBe('selective');
      expect((b.plan.dp * b.plan.cp) % b.plan.ep).toBe(0);
      expect(16 % b.plan.ep).toBe(0);
    }
    expect(new Set(r.best.map((b) => b.plan.ep)).size).toBeGreaterThan(1);
  });

  test('reason kinds drop the numbers', () => {
    expect(reasonKind('TP 16 is beyond the scale-up domain (8 GPUs)')).toBe(
      'TP # is beyond the scale-up domain (# GPUs)',
    );
    expect(reasonKind('does not fit HBM: 91.2 GB > 72.0 GB usable')).toBe('does not fit HBM');
  });
});
