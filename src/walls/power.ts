// Power wall: the facility MW in service (grid connections plus on-site generation, grown only by
// buildouts with multi-year lead times, including campuses the planner acquires) filled with the
// newest accelerators on sale: IT watts = facility watts / PUE, accelerators = IT watts / watts per
// accelerator, then their sustained FLOP/s for the training time at the run's share. Accelerators,
// HBM and cooling are taken as ample.
import type { WallInputs } from './inputs.ts';
import { fleetRunFlop } from './inputs.ts';
import type { WallDefinition } from './types.ts';
import { assessWall } from './wall.ts';

export const powerWall: WallDefinition = {
  id: 'power',
  label: 'power',
  color: '#D55E00',
  resource: 'facility MW in service: grid connections and on-site generation',
  reads: [
    '/sites/*/grid_mw',
    '/sites/*/max_grid_mw',
    '/sites/*/onsite_generation_mw',
    '/planner/lead_times/grid',
    '/planner/new_sites',
    '/power',
    '/cooling/technologies/*/pue',
  ],
  permit: (x: WallInputs) => {
    const acc = x.newest;
    let gpus = 0;
    let mw = 0;
    for (const s of x.sites) {
      gpus += (s.available_mw * 1e6) / s.pue / x.it_w(acc);
      mw += s.available_mw;
    }
    return assessWall(fleetRunFlop(x, [{ acc, count: gpus }]), x.target_flop, 'facility MW in service', {
      facility_mw: mw,
      accelerators: gpus,
    });
  },
};
