// Memory (HBM) wall: what HBM allows with logic, power and cooling ample.
// (1) supply: the accelerators the developer's HBM supply could equip (TB delivered / HBM per
//     accelerator of the generation on sale, plus the fleet installed at the start, less retirements),
//     running at their sustained FLOP/s;
// (2) capacity: the sharded training state (bytes/param x total params) must fit the run's HBM, so
//     the largest compute-optimal model is the one whose state just fits (C = 6 r N_active^2).
// HBM bandwidth enters as the roofline fraction inside the sustained FLOP/s (Williams, Waterman &
// Patterson, CACM 2009): a property of the workload on the hardware, in every wall's conversion.
import type { WallInputs } from './inputs.ts';
import { fleetRunFlop } from './inputs.ts';
import type { WallDefinition } from './types.ts';
import { assessWall, tighter } from './wall.ts';

/** Largest total parameter count whose training state fits in `hbmBytes` of usable HBM. */
export function maxParamsInHbm(hbmBytes: number, usableFraction: number, stateBytesPerParam: number): number {
  return (hbmBytes * usableFraction) / stateBytesPerParam;
}

/** Fraction of peak the HBM bandwidth allows at this arithmetic intensity (1 = compute-bound). */
export function rooflineFraction(intensityFlopPerByte: number, peakFlopPerS: number, hbmBytesPerS: number): number {
  return Math.min(1, (intensityFlopPerByte * hbmBytesPerS) / peakFlopPerS);
}

export const memoryWall: WallDefinition = {
  id: 'memory',
  label: 'memory (HBM)',
  color: '#56B4E9',
  resource: 'HBM delivered by the developer’s share of supply, and its capacity for the training state',
  reads: [
    '/memory/hbm_supply_tb_per_year',
    '/memory/hbm_supply_growth_per_year',
    '/memory/training_state_bytes_per_param',
    '/memory/hbm_usable_fraction',
    '/hardware/*/hbm_gb',
    '/hardware/*/hbm_tb_per_s',
    '/sites/*/installed',
  ],
  permit: (x: WallInputs) => {
    const supplyFlop = fleetRunFlop(x, x.hbm_supply_gpus);
    const hbmBytes = x.hbm_supply_gpus.reduce((a, g) => a + g.count * g.acc.hbm_bytes, 0) * x.run_share;
    const active =
      maxParamsInHbm(hbmBytes, x.hbm.usable_fraction, x.hbm.state_bytes_per_param) * x.hbm.active_over_total;
    const capacityFlop = 6 * x.tokens_per_param * active * active;
    const t = tighter('HBM supply', supplyFlop, 'HBM capacity', capacityFlop);
    return assessWall(t.value, x.target_flop, t.name, {
      accelerators: x.hbm_supply_gpus.reduce((a, g) => a + g.count, 0),
      capacity_flop: capacityFlop,
    });
  },
};
