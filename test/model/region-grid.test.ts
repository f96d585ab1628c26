// Issue 19 item 5: a developer region linked to its fleet region's grid buildout can order at most
// its share of that region's new interconnection capacity per calendar year, and a slower regional
// buildout moves both the region's fleet and the developer's power wall.
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';
import type { RunResult } from '../../src/result/types.ts';

const run = (f: string): RunResult => runScenario(loadScenario(f));
const linked = run('scenarios/regional-grid.yaml');
const queue = run('scenarios/regional-grid-queue.yaml');
const unlinked = run('scenarios/fleet-world-2035.yaml');

/** New grid MW the planner ordered in us-south, per calendar year. */
function orderedByYear(r: RunResult): Map<number, number> {
  const out = new Map<number, number>();
  for (const b of r.buildouts) {
    if (b.origin !== 'planner' || (b.kind !== 'grid_connection' && b.kind !== 'site_acquisition')) continue;
    const y = Math.floor(b.ordered_at + 1e-9);
    out.set(y, (out.get(y) ?? 0) + b.amount);
  }
  return out;
}

describe('region grid budget bounds the planner', () => {
  test('2025 may order 13% of the US 17.4 GW/yr buildout, 2,262 MW: the first limited review gets what is left (hand-worked)', () => {
    const first = linked.grid_limits![0];
    expect(Math.floor(first.at)).toBe(2025);
    expect(first.region).toBe('us-south');
    // the reviews of 2025 before it ordered below the cap (the step model's MFU sizes them)
    let before = 0;
    for (const b of linked.buildouts)
      if (
        b.origin === 'planner' &&
        (b.kind === 'grid_connection' || b.kind === 'site_acquisition') &&
        b.ordered_at >= 2025 - 1e-9 &&
        b.ordered_at < first.at - 1e-9
      )
        before += b.amount;
    expect(first.allowed_mw).toBeCloseTo(0.13 * 17_400 - before, 6);
    expect(first.wanted_mw).toBeGreaterThan(first.allowed_mw);
  });

  test('no calendar year orders more new grid than the share of that year`s buildout', () => {
    for (const [r, gw] of [
      [linked, 17.4],
      [queue, 8.7],
    ] as const) {
      for (const [, mw] of orderedByYear(r)) expect(mw).toBeLessThanOrEqual(0.13 * gw * 1000 + 1e-6);
    }
  });

  test('without the link nothing is capped, and the link only ever removes power', () => {
    expect(unlinked.grid_limits).toEqual([]);
    const a = unlinked.steps.map((s) => s.quantities.available_power_mw);
    const b = linked.steps.map((s) => s.quantities.available_power_mw);
    b.forEach((mw, i) => expect(mw).toBeLessThanOrEqual(a[i] + 1e-9));
    expect(b.some((mw, i) => mw < a[i] - 1)).toBe(true);
  });

  test('a slower US buildout moves both the fleet (more unserved AI demand) and the power wall', () => {
    const unserved = (r: RunResult) => r.steps.map((s) => s.fleet?.unserved_twh ?? 0);
    const u1 = unserved(linked);
    const u2 = unserved(queue);
    u2.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(u1[i] - 1e-9));
    expect(u2[0]).toBeGreaterThan(u1[0]);
    const power = (r: RunResult) => r.steps.map((s) => s.walls.power.headroom);
    const p1 = power(linked);
    const p2 = power(queue);
    p2.forEach((h, i) => expect(h).toBeLessThanOrEqual(p1[i] * (1 + 1e-9)));
    expect(p2.some((h, i) => h < p1[i] * 0.95)).toBe(true);
  });
});
