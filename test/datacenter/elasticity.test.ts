// Active constraints (src/datacenter/elasticity.ts): one per wall, its most elastic resource, largest
// first, ties in the order their walls first appear. Pinned against the Map and stable sort they
// were built with, over elasticities with ties, shared walls and resources below the threshold.
import { describe, expect, test } from 'vitest';
import {
  ACTIVE_ELASTICITY,
  activeConstraints,
  RESOURCES,
  type Attribution,
  type Resource,
} from '../../src/datacenter/elasticity.ts';
import type { ActiveConstraint } from '../../src/result/types.ts';

/** The Map-and-sort build, with the attribution written out (as elasticity.ts attributes). */
function reference(e: Record<Resource, number>, a: Attribution): ActiveConstraint[] {
  const wallOf: Record<Resource, { wall: string; limited_by: string }> = {
    accelerators: a.accelerators,
    hbm_bandwidth: { wall: 'memory', limited_by: 'HBM bandwidth (roofline)' },
    power: { wall: 'power', limited_by: 'facility MW in service' },
    cooling: { wall: 'cooling', limited_by: 'heat-rejection capacity' },
    rack_density: {
      wall: 'cooling',
      limited_by: `rack density (${Math.round(a.stranded_gpus)} accelerators stranded)`,
    },
    network: { wall: 'network', limited_by: a.network_limited_by },
    data: { wall: 'data', limited_by: 'quality tokens' },
  };
  const byWall = new Map<string, ActiveConstraint>();
  for (const r of RESOURCES) {
    if (!(e[r] > ACTIVE_ELASTICITY)) continue;
    const { wall, limited_by } = wallOf[r];
    const prev = byWall.get(wall);
    if (!prev || e[r] > prev.elasticity) byWall.set(wall, { wall, limited_by, elasticity: e[r] });
  }
  return [...byWall.values()].sort((x, y) => y.elasticity - x.elasticity);
}

/** A small deterministic generator (no Math.random in the project). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('activeConstraints', () => {
  const walls = [
    { wall: 'compute', limited_by: 'accelerator supply' },
    { wall: 'memory', limited_by: 'HBM supply (accelerators without HBM)' },
    { wall: 'power', limited_by: 'no reachable power for more accelerators' },
  ];
  // a few values, so ties and equal-to-threshold ones are common
  const values = [0, ACTIVE_ELASTICITY, 0.06, 0.3, 0.3, 0.5, 1, 2];
  test('as the Map and stable sort give, over 2,000 elasticity records', () => {
    const next = lcg(7);
    for (let n = 0; n < 2000; n++) {
      const e = Object.fromEntries(RESOURCES.map((r) => [r, values[Math.floor(next() * values.length)]])) as Record<
        Resource,
        number
      >;
      const a: Attribution = {
        accelerators: walls[n % walls.length],
        network_limited_by: 'latency',
        stranded_gpus: n,
      };
      expect(activeConstraints(e, a)).toEqual(reference(e, a));
    }
  });
  test('a wall’s most elastic resource stands for it; ties keep the walls’ first order', () => {
    const e = {
      accelerators: 0.3,
      hbm_bandwidth: 0.3,
      power: 0.2,
      cooling: 0.1,
      rack_density: 0.4,
      network: 0.3,
      data: 0,
    };
    const a: Attribution = { accelerators: walls[0], network_limited_by: 'latency', stranded_gpus: 12 };
    expect(activeConstraints(e, a)).toEqual([
      { wall: 'cooling', limited_by: 'rack density (12 accelerators stranded)', elasticity: 0.4 },
      { wall: 'compute', limited_by: 'accelerator supply', elasticity: 0.3 },
      { wall: 'memory', limited_by: 'HBM bandwidth (roofline)', elasticity: 0.3 },
      { wall: 'network', limited_by: 'latency', elasticity: 0.3 },
      { wall: 'power', limited_by: 'facility MW in service', elasticity: 0.2 },
    ]);
  });
});
