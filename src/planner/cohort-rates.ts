// Per-accelerator figures the planner's loops over cohorts read. Each review's loops visit every
// cohort landed so far (tens by the end of a run, retired ones included), and consecutive cohorts
// mostly share a generation and a site, so the figure of the last key is kept rather than found
// again (a Map lookup by name, then the IT watts, rack density and PUE). The figures are pure
// functions of their keys: the same numbers, summed in the same order.
import { itWattsPerGpu, type AcceleratorSpec, type Params } from '../params/params.ts';
import { facilityMwPerGpu } from './projection.ts';

/** An accelerator's spec by name, the last name kept. */
export class SpecByName {
  private name = '';
  private spec: AcceleratorSpec | undefined;
  constructor(private readonly p: Params) {}
  of(name: string): AcceleratorSpec {
    if (name !== this.name || this.spec === undefined) {
      this.spec = this.p.hardware_by_name.get(name)!;
      this.name = name;
    }
    return this.spec;
  }
}

type CoolingTechnology = keyof Params['cooling']['technologies'];

/** facilityMwPerGpu by (site technology, accelerator name), the last pair kept. */
export class FacilityMwByName {
  private tech: CoolingTechnology | '' = '';
  private name = '';
  private mw = NaN;
  constructor(private readonly p: Params) {}
  of(tech: CoolingTechnology, name: string): number {
    if (tech !== this.tech || name !== this.name) {
      this.mw = facilityMwPerGpu(this.p, tech, this.p.hardware_by_name.get(name)!);
      this.tech = tech;
      this.name = name;
    }
    return this.mw;
  }
}

/** itWattsPerGpu by accelerator name, the last name kept. */
export class ItWattsByName {
  private name = '';
  private w = NaN;
  constructor(private readonly p: Params) {}
  of(name: string): number {
    if (name !== this.name) {
      this.w = itWattsPerGpu(this.p.hardware_by_name.get(name)!, this.p);
      this.name = name;
    }
    return this.w;
  }
}

/** n zeros, one per site: pushed, so the array is packed from the start (new Array(n).fill(0), a
 * holey array filled by a builtin, was a visible part of each review). */
export function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}
