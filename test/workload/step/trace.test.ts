import { describe, expect, test } from 'vitest';
import { makePlan } from '../../../src/workload/step/plan.ts';
import { stepTime } from '../../../src/workload/step/step-time.ts';
import { stepTrace } from '../../../src/workload/step/trace.ts';
import { h100, TINY_DENSE, TINY_MOE } from './fixtures.ts';

describe('stepTrace', () => {
  const c = h100(32);
  const c64 = h100(64);

  test('1F1B and interleaved, equal stages: the simulated schedule ends where the closed form says', () => {
    const m = { ...TINY_DENSE, layers: 16, vocab: 256 }; // a negligible head keeps the stages equal
    for (const plan of [
      makePlan({ tp: 2, pp: 4, dp: 4, global_batch: 32 }),
      makePlan({ tp: 2, pp: 4, dp: 8, global_batch: 32, schedule: 'interleaved', chunks: 2 }), // m = p
    ]) {
      const cl = plan.dp === 8 ? c64 : c;
      const t = stepTrace(m, cl, plan);
      const s = stepTime(m, cl, plan);
      expect(Math.abs(t.makespan_us / s.step_us - 1)).toBeLessThan(0.01);
    }
  });

  test('a track per stage and per collective; same step, same bytes', () => {
    const plan = makePlan({ tp: 2, pp: 2, dp: 8, ep: 4, global_batch: 32, schedule: 'dualpipe', comm_sms: 20 });
    const a = stepTrace(TINY_MOE, c, plan);
    expect(stepTrace({ ...TINY_MOE }, c, plan).json).toBe(a.json);
    const doc = JSON.parse(a.json) as {
      traceEvents: Array<{ ph: string; pid: number; tid: number; name: string; args: { name?: string } }>;
    };
    const threads = doc.traceEvents.filter((e) => e.name === 'thread_name' && e.pid === 0).map((e) => e.args.name);
    expect(threads).toEqual(['compute', 'TP', 'CP', 'EP', 'PP', 'DP']);
    const passes = doc.traceEvents.filter((e) => e.ph === 'X' && e.tid === 0 && /^[FB]\d/.test(e.name));
    expect(passes).toHaveLength(2 * 4 * 2); // F and B x 4 micro-batches (2 each way) x 2 stages
    expect(doc.traceEvents.some((e) => e.tid === 3 && e.ph === 'X')).toBe(true); // EP events
  });
});
