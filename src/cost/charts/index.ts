// Chart spec factories for cost, fleet electricity and scale-up vs scale-out (issue 8). Each
// returns a Vega-Lite TopLevelSpec with inline data and a fixed size; src/report/ renders them.
export { energyShareChart } from './energy-share.ts';
export { fleetElectricityChart } from './fleet-electricity.ts';
export { scaleCompareChart } from './scale-compare.ts';
