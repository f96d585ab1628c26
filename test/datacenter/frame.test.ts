// siteFrames computes each generation's watts and rates once per call and copies them to the
// generation's frames at other sites: every frame equals generationFrame's for its generation and
// count, and the counts follow the sites' own.
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { normalize } from '../../src/params/params.ts';
import { generationFrame, siteFrames, type FrameInputs, type SiteCounts } from '../../src/datacenter/frame.ts';
import { initialWorld } from '../../src/datacenter/world.ts';

describe('site frames', () => {
  test('every frame is the one generationFrame builds for its generation and count', () => {
    const p = normalize(loadScenario('scenarios/baseline-2025.yaml').scenario);
    const world = initialWorld(p);
    const [a, b] = p.hardware;
    // the same generations at several sites, in different orders, and a site with none
    const alive: SiteCounts[] = world.sites.map((_, i) =>
      i % 3 === 0
        ? { names: [a.name, b.name], counts: [100 + i, 0.5 * i] }
        : i % 3 === 1
          ? { names: [b.name, a.name], counts: [7 * i, 3] }
          : { names: [], counts: [] },
    );
    const f: FrameInputs = {
      precision: 'fp8',
      mfu: (acc) => (acc === a ? 0.4 : 0.37),
      intensity_flop_per_byte: 300,
      hbm_elasticity: null,
    };
    for (const inputs of [f, { ...f, hbm_elasticity: (acc: typeof a) => (acc === a ? 0.2 : 0.1) }]) {
      const frames = siteFrames(world, p, 2026, inputs, alive);
      expect(frames).toHaveLength(world.sites.length);
      frames.forEach((site, i) => {
        expect(site.gens.map((g) => g.acc.name)).toEqual(alive[i].names);
        site.gens.forEach((g, j) =>
          expect({ ...g }).toEqual({ ...generationFrame(g.acc, alive[i].counts[j], p, inputs) }),
        );
      });
    }
  });
});
