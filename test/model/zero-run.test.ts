// A run that cannot start says why. The isolated scale-up design (scale-up-nvl72.yaml: 150,000
// accelerators in 120 kW NVL72 racks) put on an air-cooled campus (about 30 kW a rack): no rack can
// run until the liquid retrofit lands, so the achievable run is zero, and no elasticity exists at
// zero. The verdict must name rack density (cooling), not whatever capped the last purchase; and
// the walls that take every other resource as ample (compute, memory) must see the 150,000
// accelerators on site, not a plan for one accelerator.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadAndRun } from '../../src/model/load-and-run.ts';
import type { RunResult } from '../../src/result/types.ts';

const AIR_SITE = `sites:
  - name: campus
    grid_mw: 500
    max_grid_mw: 2000
    onsite_generation_mw: 0
    max_onsite_generation_mw: 500
    cooling:
      technology: air
    distance_km: 0
    installed:
      - accelerator: Blackwell
        count: 150000
`;

let air: RunResult;
let liquid: RunResult;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'zero-run-'));
  const file = join(dir, 'nvl72-air.yaml');
  writeFileSync(file, `extends: ${resolve('scenarios/scale-up-nvl72.yaml')}\nname: nvl72-air\n${AIR_SITE}`);
  air = loadAndRun(file, { annotate: false });
  liquid = loadAndRun('scenarios/scale-up-nvl72.yaml', { annotate: false });
});

describe('NVL72 racks on an air-cooled campus', () => {
  test('2025: every rack stranded, the run is zero, and the binding wall is cooling (rack density)', () => {
    const s = air.steps[0];
    expect(s.year).toBe(2025);
    expect(s.sites[0].stranded_gpus).toBe(150000);
    expect(s.achievable.flop).toBe(0);
    expect(s.achievable.binding).toBe('cooling');
    expect(s.achievable.limited_by).toBe('rack density (150000 accelerators stranded)');
    expect(air.first_wall).toMatchObject({ wall: 'cooling', year: 2025 });
  });
  test('the compute and memory walls plan for the accelerators on site: the same permits as on liquid, where all 150,000 run', () => {
    expect(liquid.steps[0].quantities.gpus_running).toBe(150000);
    for (const wall of ['compute', 'memory'])
      expect(air.steps[0].walls[wall].permitted_flop / liquid.steps[0].walls[wall].permitted_flop).toBeCloseTo(1, 9);
  });
  test('once the retrofit lands the racks run and the run is no longer zero', () => {
    const after = air.steps.find((s) => s.sites[0].cooling_technology !== 'air')!;
    expect(after.achievable.flop).toBeGreaterThan(0);
  });
});
