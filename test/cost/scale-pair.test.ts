// The scale-up vs scale-out pairs (issue 12, item 5).
// - Isolated: scale-out-hgx vs scale-up-nvl72 differ only in the scale-up domain (8 vs 72 GPUs per
//   NVLink domain) and the rack packaging that follows from it; the same chip, NIC, NVLink bandwidth
//   per GPU, power per GPU, liquid cooling and PUE, and no stated MFU (derived every step). The step
//   model shows what the larger domain buys for the MoE family: in 2025 less exposed all-to-all and
//   a faster plan; from 2026 both are power-bound and the domain changes little.
// - With cooling on top: scale-out-hgx-air vs scale-up-nvl72 adds air (PUE 1.58) against liquid.
import { describe, expect, test } from 'vitest';
import { normalize, itWattsPerGpu, type Params } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { scenarioRoute } from '../../src/model/workload-route.ts';
import { bucketModel } from '../../src/datacenter/step-plan.ts';
import { computeOptimalParams, shapeForActiveParams } from '../../src/workload/shape.ts';
import { stepClusterFor } from '../../src/workload/step/from-params.ts';
import { makePlan } from '../../src/workload/step/plan.ts';
import { stepTime } from '../../src/workload/step/step-time.ts';
import type { StepPlanRecord } from '../../src/result/types.ts';
import { run } from './helpers.ts';

const HGX = 'scenarios/scale-out-hgx.yaml';
const NVL = 'scenarios/scale-up-nvl72.yaml';
const AIR = 'scenarios/scale-out-hgx-air.yaml';
const params = (f: string): Params => normalize(loadScenario(f).scenario);

/** Every leaf of a value, by path. */
function leaves(v: unknown, path = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (v instanceof Map) return leaves(Object.fromEntries(v), path, out);
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, `${path}/${k}`, out);
  else out[path] = v;
  return out;
}

/** The step time of a recorded plan, timed again by the library on the scenario's own inputs. */
function libraryStepS(file: string, year: number, rec: StepPlanRecord): number {
  const loaded = loadScenario(file);
  const p = normalize(loaded.scenario);
  const s = run(file).steps.find((x) => x.year === year)!;
  const shape = shapeForActiveParams(p.model, computeOptimalParams(s.target_flop, p.data.tokens_per_param));
  const imbalance = scenarioRoute(loaded).makeProfile(shape).router.imbalance;
  const acc = p.hardware_by_name.get(rec.accelerator)!;
  const plan = makePlan({ ...rec, comm_sms: rec.schedule === 'dualpipe' ? 20 : 0 }); // DeepSeek-V3: 20 of 132 SMs
  const model = bucketModel(p.model, shape.d_model);
  return (
    stepTime(model, stepClusterFor(p, acc, rec.gpus), plan, { expert_imbalance: Math.round(imbalance * 100) / 100 })
      .step_us / 1e6
  );
}

describe('isolated pair: scale-out-hgx vs scale-up-nvl72 differ only in the scale-up domain', () => {
  test('the scenarios differ only in the domain size and the rack packaging that follows from it', () => {
    const [a, b] = [leaves(params(HGX)), leaves(params(NVL))];
    const differ = Object.keys({ ...a, ...b })
      .filter((k) => a[k] !== b[k])
      .sort();
    expect(differ).toEqual([
      '/hardware/0/gpus_per_rack',
      '/hardware/0/rack_kw',
      '/hardware/0/scale_up_domain_gpus',
      '/hardware_by_name/Blackwell/gpus_per_rack',
      '/hardware_by_name/Blackwell/rack_kw',
      '/hardware_by_name/Blackwell/scale_up_domain_gpus',
      '/name',
    ]);
    // the same IT power per accelerator (120 kW / 72 = 53.3333 kW / 32), so the same power per GPU
    const [pa, pb] = [params(HGX), params(NVL)];
    expect(itWattsPerGpu(pa.hardware[0], pa) / itWattsPerGpu(pb.hardware[0], pb)).toBeCloseTo(1, 5);
  });

  test('the same target, cooling technology and PUE every step; both derive their MFU', () => {
    const [a, b] = [run(HGX), run(NVL)];
    expect(b.steps.map((s) => s.target_flop)).toEqual(a.steps.map((s) => s.target_flop));
    a.steps.forEach((s, i) => {
      expect(b.steps[i].quantities.pue).toBeCloseTo(s.quantities.pue, 12);
      expect(b.steps[i].sites[0].cooling_technology).toBe(s.sites[0].cooling_technology);
      expect(s.quantities.mfu_source).toBe('step model');
      expect(b.steps[i].quantities.mfu_source).toBe('step model');
    });
  });

  test('2025: the 72-GPU domain exposes less than half the communication share and lifts the MFU > 10%', () => {
    // Both plans are DualPipe with EP 128, which leaves either domain (EP ranks at a stride of TP:
    // 128 x 8 = 1,024 GPUs on HGX, 128 x 2 = 256 on NVL72), but the 72-GPU domain keeps more of each
    // all-to-all on NVLink and lets TP 2 replace TP 8: 0.22 of the step exposed against 0.09 (step
    // model, 2026-11-30), MFU 0.33 against 0.38.
    const [a, b] = [run(HGX), run(NVL)].map((r) => r.steps[0]);
    const [pa, pb] = [a.plan!, b.plan!];
    expect([pa.fits_hbm, pb.fits_hbm]).toEqual([true, true]);
    expect([pa.idle_fraction, pb.idle_fraction]).toEqual([0, 0]); // DeepSeek's batch law keeps every GPU busy
    expect(pb.exposed_comm_fraction).toBeLessThan(0.5 * pa.exposed_comm_fraction);
    expect(b.quantities.mfu).toBeGreaterThan(1.1 * a.quantities.mfu);
    expect(b.achievable.flop).toBeGreaterThan(1.1 * a.achievable.flop);
  });

  test('the first wall is the same: power in 2026, where the domain moves the headroom by under 5%', () => {
    const [a, b] = [run(HGX), run(NVL)];
    expect([a.first_wall?.wall, a.first_wall?.year]).toEqual(['power', 2026]);
    expect([b.first_wall?.wall, b.first_wall?.year]).toEqual(['power', 2026]);
    expect(Math.abs(b.first_wall!.headroom / a.first_wall!.headroom - 1)).toBeLessThan(0.05);
  });

  test('the recorded plans take the step time the library gives them (the amount the step model says)', () => {
    for (const f of [HGX, NVL]) {
      const rec = run(f).steps.find((s) => s.year === 2028)!.plan!;
      expect(libraryStepS(f, 2028, rec) / rec.step_s).toBeCloseTo(1, 9);
    }
  });
});

describe('with the cooling difference on top: scale-out-hgx-air vs scale-up-nvl72', () => {
  const [air, up] = [run(AIR), run(NVL)];
  test('same target run every step', () => {
    expect(up.steps.map((s) => s.algorithms.effective_target_flop)).toEqual(
      air.steps.map((s) => s.algorithms.effective_target_flop),
    );
  });
  test('rack power 26.7 kW on air vs 120 kW on direct liquid, with a lower PUE and more power headroom', () => {
    expect(air.steps[0].sites[0]).toMatchObject({ rack_kw: 26.6667, cooling_technology: 'air', stranded_gpus: 0 });
    expect(up.steps[0].sites[0]).toMatchObject({ rack_kw: 120, cooling_technology: 'direct_liquid', stranded_gpus: 0 });
    expect(up.steps[0].quantities.pue).toBeLessThan(air.steps[0].quantities.pue);
    expect(up.steps[0].walls.power.headroom).toBeGreaterThan(air.steps[0].walls.power.headroom);
  });
  test('the energy share of the run cost is lower on the liquid-cooled, lower-PUE design', () => {
    expect(up.steps[0].cost!.run.energy_share).toBeLessThan(air.steps[0].cost!.run.energy_share);
  });
});
