// Result shapes of the fleet view (src/fleet/): one year, and the yearly series of one region or of
// the world with its regions. Defined in schemas/result.schema.json; generated into
// src/result/types.gen.ts.
export type { FleetRegionSeries, FleetResult, FleetYear } from './types.gen.ts';
