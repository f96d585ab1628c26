// Adding a wall is one module and one registry line: a toy wall registered beside the shipped ones
// is assessed at every step, appears in the result, and can bind the coupled verdict's crossings.
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';
import { WALL_REGISTRY, WALLS, isWall, wallById } from '../../src/walls/registry.ts';
import type { WallDefinition } from '../../src/walls/types.ts';
import { assessWall } from '../../src/walls/wall.ts';

const toy: WallDefinition = {
  id: 'toy',
  label: 'toy wall',
  color: '#999999',
  resource: 'a fixed budget of 1e27 FLOP',
  reads: [],
  permit: (x) => assessWall(1e27, x.target_flop, 'a fixed budget'),
};

describe('wall registry', () => {
  test('the shipped walls, in order, with unique ids, labels, colours and the inputs they read', () => {
    expect(WALLS).toEqual(['compute', 'memory', 'network', 'power', 'cooling', 'data']);
    expect(new Set(WALL_REGISTRY.map((w) => w.color)).size).toBe(WALL_REGISTRY.length);
    for (const w of WALL_REGISTRY) {
      expect(w.label.length).toBeGreaterThan(0);
      expect(w.resource.length).toBeGreaterThan(0);
      expect(w.reads.length).toBeGreaterThan(0);
    }
    expect(isWall('power')).toBe(true);
    expect(isWall('algorithms')).toBe(false);
    expect(wallById('data')?.label).toBe('data');
  });
  test('a toy wall registered beside them is assessed every step and reported in the crossings', () => {
    const loaded = loadScenario('scenarios/baseline-2025.yaml');
    const r = runScenario(loaded, { registry: [...WALL_REGISTRY, toy], route: 'analytic', annotate: false });
    for (const s of r.steps) {
      expect(s.walls.toy.permitted_flop).toBe(1e27);
      expect(s.walls.toy.headroom).toBeCloseTo(1e27 / s.target_flop, 12);
    }
    const crossing = r.crossings.find((c) => c.wall === 'toy');
    expect(crossing?.year).toBe(r.steps.find((s) => s.target_flop > 1e27)?.year);
  });
});
