// What is on order and not yet landed, kept so reviews do not order the same thing twice. Orders
// enter when placed and leave when they land (src/model/run.ts). Invariant: every amount >= 0.
import type { CoolingTechnology } from '../scenario/types.gen.ts';
import type { SiteSpec } from '../params/params.ts';
import type { Order } from './orders.ts';

export interface Pending {
  gpus: { site: number; accelerator: string; count: number }[];
  grid_mw: number[];
  onsite_mw: number[];
  cooling_mw: number[];
  retrofit: (CoolingTechnology | null)[];
  acquisitions: { spec: SiteSpec; mw: number }[];
}

export function emptyPending(sites: number): Pending {
  // pushed, not Array.from({ length }, fn) (a generic builtin calling fn per slot): every run makes one
  const z = (): number[] => {
    const out: number[] = [];
    for (let i = 0; i < sites; i++) out.push(0);
    return out;
  };
  const retrofit: (CoolingTechnology | null)[] = [];
  for (let i = 0; i < sites; i++) retrofit.push(null);
  return { gpus: [], grid_mw: z(), onsite_mw: z(), cooling_mw: z(), retrofit, acquisitions: [] };
}

/** A new site's slots (an acquisition landed). */
export function addSiteSlots(p: Pending): void {
  p.grid_mw.push(0);
  p.onsite_mw.push(0);
  p.cooling_mw.push(0);
  p.retrofit.push(null);
}

export function track(p: Pending, o: Order, sign: 1 | -1): void {
  switch (o.kind) {
    case 'gpu_delivery':
      if (sign > 0) p.gpus.push({ site: o.site, accelerator: o.accelerator, count: o.count });
      else p.gpus.splice(gpuIndex(p, o.site, o.accelerator, o.count), 1);
      return;
    case 'grid_connection':
      p.grid_mw[o.site] += sign * o.mw;
      return;
    case 'onsite_generation':
      p.onsite_mw[o.site] += sign * o.mw;
      return;
    case 'cooling_expansion':
      p.cooling_mw[o.site] += sign * o.mw;
      return;
    case 'cooling_retrofit':
      p.retrofit[o.site] = sign > 0 ? o.technology : null;
      return;
    case 'site_acquisition':
      if (sign > 0) p.acquisitions.push({ spec: o.spec, mw: o.mw });
      else
        p.acquisitions.splice(
          p.acquisitions.findIndex((a) => a.spec === o.spec),
          1,
        );
      return;
  }
}

/** The first accelerators on order matching a landing (-1 if none): findIndex's answer, without a
 * closure per landing. */
function gpuIndex(p: Pending, site: number, accelerator: string, count: number): number {
  for (let i = 0; i < p.gpus.length; i++) {
    const g = p.gpus[i];
    if (g.site === site && g.accelerator === accelerator && g.count === count) return i;
  }
  return -1;
}

export function pendingPowerMw(p: Pending, site: number): number {
  return p.grid_mw[site] + p.onsite_mw[site];
}
