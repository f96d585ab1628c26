// The step plans a step asks for (src/datacenter/step-plan.ts): the table of plans shared by steps
// and runs is found by its inputs' values (each run normalises its scenario into fresh objects), and
// what it holds is what the step model gives when asked afresh.
import { describe, expect, test } from 'vitest';
import { normalize } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { sameValue } from '../../src/datacenter/canonical.ts';
import { bucketModel, stepPlans } from '../../src/datacenter/step-plan.ts';
import { shapeAt } from '../../src/workload/shape.ts';
import { referencePoint, runPlanAt } from '../../src/workload/step/run-plan.ts';

const FILE = 'scenarios/baseline-2025.yaml';
const run = () => normalize(loadScenario(FILE).scenario); // a run's own objects
const D_MODEL = 8192;
const BATCH = 16e6;

describe('step plans', () => {
  test("a family's bucket members: one object per bucket for equal families from two runs, the member shapeAt gives", () => {
    const [p, q] = [run(), run()];
    expect(q.model).not.toBe(p.model);
    for (const d of [4096, 8192, 8300, 16_384]) {
      const m = bucketModel(p.model, d);
      // the family found by its object (second ask) and by its text (another run's object): the same member
      expect(bucketModel(p.model, d)).toBe(m);
      expect(bucketModel(q.model, d)).toBe(m);
      const k = Math.round(8 * Math.log2(d));
      expect(m).toEqual(shapeAt(q.model, 2 ** (k / 8)));
    }
  });

  test('equal inputs from two runs share one table; another batch, imbalance or reference size does not', () => {
    const [p, q] = [run(), run()];
    const [a, b] = [p.hardware[0], q.hardware[0]];
    const x = stepPlans(p, D_MODEL, 'bf16', BATCH, 1.234, a, 4096);
    const y = stepPlans(q, D_MODEL, 'bf16', BATCH, 1.2341, b, 4100); // same imbalance class and bucket
    expect(y.inputs).toBe(x.inputs);
    expect(stepPlans(q, D_MODEL, 'bf16', BATCH * 2, 1.234, b, 4096).inputs).not.toBe(x.inputs);
    expect(stepPlans(q, D_MODEL, 'bf16', BATCH, 1.3, b, 4096).inputs).not.toBe(x.inputs);
    expect(stepPlans(q, D_MODEL, 'bf16', BATCH, 1.234, b, 8192).ref_gpus).toBe(8192);
    expect(x.inputs).toEqual({ model: x.inputs.model, precision: 'bf16', batch_tokens: BATCH, imbalance: 1.23 });
  });

  test("a point asked for again is the one found first, and the step model's", () => {
    const p = run();
    const [a, b] = [p.hardware[0], p.hardware[1]];
    const plans = stepPlans(p, D_MODEL, 'bf16', BATCH, 1, a, 4096);
    const ref = referencePoint(plans.inputs, plans.cluster(a), plans.ref_gpus).plan;
    const first = plans.at(a, 5000);
    expect(plans.at(a, 5000)).toBe(first);
    expect(first).toEqual(runPlanAt(plans.inputs, plans.cluster(a), 5000, ref));
    // another size, scale or generation is its own point
    expect(plans.at(a, 5001)).toEqual(runPlanAt(plans.inputs, plans.cluster(a), 5001, ref));
    expect(plans.at(a, 5000, 1.01)).toEqual(runPlanAt(plans.inputs, plans.cluster(a), 5000, ref, 1.01));
    expect(plans.at(b, 5000)).toEqual(runPlanAt(plans.inputs, plans.cluster(b), 5000, ref));
    expect(plans.at(a, 5000)).toEqual(first);
  });

  test("a shared table's figures are the step model's, found afresh", () => {
    const p = run();
    const acc = p.hardware[0];
    const plans = stepPlans(p, D_MODEL, 'bf16', BATCH, 1, acc, 4096);
    const c = plans.cluster(acc);
    const ref = referencePoint(plans.inputs, c, plans.ref_gpus).plan;
    const out = { step_s: NaN, busy_mfu: NaN, efficiency: NaN };
    for (let pass = 0; pass < 2; pass++)
      for (const g of [1000, 4096, 5000, 30_000]) {
        const fresh = runPlanAt(plans.inputs, c, g, ref);
        expect(plans.at(acc, g)).toEqual(fresh);
        plans.timing(acc, g, 1, out);
        expect([out.step_s, out.busy_mfu]).toEqual([fresh.step_s, fresh.busy_mfu]);
        expect(out.efficiency).toBe(Math.min(1, fresh.busy_mfu / plans.workMfu(acc)));
      }
  });

  test('two runs get one canonical cluster per generation: equal figures share it, other figures do not', () => {
    const [p, q] = [run(), run()];
    const [a, b] = [p.hardware[0], q.hardware[0]];
    expect(b).not.toBe(a);
    expect(stepPlans(q, D_MODEL, 'bf16', BATCH, 1, b, 4096).cluster(b)).toBe(
      stepPlans(p, D_MODEL, 'bf16', BATCH, 1, a, 4096).cluster(a),
    );
    const r = run();
    const c = { ...r.hardware[0], hbm_bytes: r.hardware[0].hbm_bytes * 2 };
    const other = stepPlans(r, D_MODEL, 'bf16', BATCH, 1, c, 4096).cluster(c);
    expect(other).not.toBe(stepPlans(p, D_MODEL, 'bf16', BATCH, 1, a, 4096).cluster(a));
    expect(other.hbm_gb).toBe(2 * stepPlans(p, D_MODEL, 'bf16', BATCH, 1, a, 4096).cluster(a).hbm_gb);
  });

  test('sameValue: never looser than equal JSON text (what canonical objects were keyed on before)', () => {
    const same: [unknown, unknown][] = [
      [
        { a: 1, b: { c: [1, 2] } },
        { a: 1, b: { c: [1, 2] } },
      ],
      [
        { a: 'x', b: undefined },
        { a: 'x', b: undefined },
      ],
      [NaN, NaN],
    ];
    const different: [unknown, unknown][] = [
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ], // key order (JSON text differs too)
      [{ a: 0 }, { a: -0 }], // stricter than JSON (both "0"): a second object, never a wrong one
      [{ a: 'x' }, { a: 'x', b: undefined }], // stricter than JSON
      [{ a: [1, 2] }, { a: { 0: 1, 1: 2 } }],
      [{ a: 1 }, { a: 1.0000000000000002 }],
      [{ a: null }, { a: {} }],
    ];
    for (const [x, y] of same) expect(sameValue(x, y)).toBe(true);
    for (const [x, y] of different) expect(sameValue(x, y)).toBe(false);
    for (const [x, y] of [...same, ...different])
      if (sameValue(x, y)) expect(JSON.stringify(x)).toBe(JSON.stringify(y));
  });
});
