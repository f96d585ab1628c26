// Issue 17 item 4: one deep check at the output boundary. A non-finite number anywhere in what is
// printed or written is an internal error (exit 1) naming its JSON path, never `null` in the JSON.
import { describe, expect, test, vi } from 'vitest';
import { NonFiniteError, assertFinite } from '../../src/io/finite.ts';
import { makeReportCommand } from '../../src/cli/report.ts';
import type { CommandIO } from '../../src/cli/command.ts';
import { baseline, ROOFLINE, ROUTER } from '../report/fixtures.ts';
import { runCli } from '../cli/helpers.ts';

const poison = vi.hoisted(() => ({ path: null as null | ((r: Record<string, unknown>) => void) }));
vi.mock('../../src/model/run.ts', async (orig) => {
  const real = await orig<typeof import('../../src/model/run.ts')>();
  return {
    ...real,
    runScenario: (...args: Parameters<typeof real.runScenario>) => {
      const r = real.runScenario(...args);
      poison.path?.(r as unknown as Record<string, unknown>);
      return r;
    },
  };
});

describe('assertFinite', () => {
  test('passes finite numbers, null, strings and nested structures', () => {
    expect(() => assertFinite({ a: [1, { b: null, c: 'NaN' }], d: new Float64Array([1, 2]) }, 'x')).not.toThrow();
  });
  test.each([
    [{ steps: [{ walls: { power: { headroom: NaN } } }] }, '/steps/0/walls/power/headroom', NaN],
    [{ cost: { 'a/b': Infinity } }, '/cost/a~1b', Infinity],
    [[1, 2, -Infinity], '/2', -Infinity],
    [{ q: new Float64Array([0, NaN]) }, '/q/1', NaN],
  ])('names the JSON pointer of the first non-finite number (%#)', (value, pointer, bad) => {
    try {
      assertFinite(value, 'the result');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NonFiniteError);
      expect((e as NonFiniteError).pointer).toBe(pointer);
      expect((e as Error).message).toBe(
        `the result holds a non-finite number (${bad}) at ${pointer}; this is a bug, please report it with the scenario`,
      );
    }
  });
});

describe('at the output boundary', () => {
  test('run: a NaN anywhere in the result is exit 1 naming the path; --json never prints null for it', async () => {
    poison.path = (r) => {
      // the run's own result (certainty draws stop at their first wall, so may have no third step)
      const step = (r.steps as Record<string, Record<string, Record<string, number>>>[])[2];
      if (step) (step.walls.network as Record<string, number>).headroom = NaN;
    };
    try {
      for (const extra of [[], ['--json']]) {
        const r = await runCli(['run', 'test/fixtures/model/single-site.yaml', ...extra]);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(
          /^firstwall run: internal error: NonFiniteError: the result holds a non-finite number \(NaN\) at \/steps\/2\/walls\/network\/headroom;/,
        );
      }
    } finally {
      poison.path = null;
    }
  });
  test('report: Infinity in the fleet section stops the report before anything is written', async () => {
    const result = baseline();
    (result as unknown as { fleet: unknown }).fleet = { series: [{ year: 2030, twh: Infinity }] };
    const cmd = makeReportCommand(async () => ({ result, keyInputs: [], roofline: ROOFLINE, router: ROUTER }));
    const io: CommandIO = { stdout: () => {}, stderr: () => {}, cwd: '/nonexistent', env: {}, isTTY: false };
    await expect(cmd.run(['a.yaml', '--out', '/nonexistent/x'], io)).rejects.toThrow(
      'the report inputs holds a non-finite number (Infinity) at /result/fleet/series/0/twh',
    );
  });
});
