// The energy-balance invariant, asserted the same way wherever a run is checked:
// facility = IT x PUE <= grid + on-site at every site; heat = IT <= cooling capacity.
import { expect } from 'vitest';
import type { RunResult } from '../../src/result/types.ts';

export function expectEnergyBalance(r: RunResult): void {
  for (const step of r.steps) {
    for (const site of step.sites) {
      expect(site.facility_mw).toBeCloseTo(site.it_mw * site.pue, 6);
      expect(site.facility_mw).toBeLessThanOrEqual(site.grid_mw + site.onsite_generation_mw + 1e-6);
      expect(site.it_mw).toBeLessThanOrEqual(site.cooling_capacity_mw + 1e-6);
    }
    // every watt of IT leaves as heat: the step's heat is the sum of its sites' IT, within cooling
    const siteIt = step.sites.reduce((a, site) => a + site.it_mw, 0);
    expect(step.quantities.heat_mw).toBeCloseTo(siteIt, 6);
    expect(step.quantities.heat_mw).toBeLessThanOrEqual(step.quantities.cooling_capacity_mw + 1e-6);
  }
}
