// Compute wall: the accelerators the developer's supply delivered (every unit of its share of supply
// since the horizon start, plus the fleet installed then, less retirements) running the workload at
// their sustained FLOP/s, for the training time, at the run's share of the fleet. HBM, power and
// cooling are taken as ample; the accelerators the planner actually bought are the coupled solve's.
import type { WallInputs } from './inputs.ts';
import { fleetRunFlop } from './inputs.ts';
import type { WallDefinition } from './types.ts';
import { assessWall } from './wall.ts';

export const computeWall: WallDefinition = {
  id: 'compute',
  label: 'compute',
  color: '#0072B2',
  resource: 'accelerators delivered by the developer’s share of supply',
  reads: [
    '/compute/gpu_supply_per_year',
    '/compute/gpu_supply_growth_per_year',
    '/compute/retirement_years',
    '/sites/*/installed',
    '/hardware',
    '/compute/mfu',
    '/compute/run_share',
  ],
  permit: (x: WallInputs) => {
    const gpus = x.supply_gpus.reduce((a, g) => a + g.count, 0);
    return assessWall(fleetRunFlop(x, x.supply_gpus), x.target_flop, 'accelerator supply', { accelerators: gpus });
  },
};
