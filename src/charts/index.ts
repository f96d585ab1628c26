// Re-exports the chart factories: each is options in, a Vega-Lite spec with inline data out.
export { headroomChart } from './headroom.ts';
export { permittedChart } from './permitted.ts';
export { powerChart } from './power.ts';
export { rooflineChart, rooflineRows } from './roofline.ts';
export { routerChart } from './router.ts';
export { compareHeadroomChart, compareTimelineChart, compareRows } from './compare.ts';
export { compareEnergyShareChart, energyShareRows } from './energy-compare.ts';
export { fitToPage } from './fit.ts';
export { energyShareChart } from './energy-share.ts';
export { fleetElectricityChart } from './fleet-electricity.ts';
export { scaleCompareChart } from './scale-compare.ts';
export { costBreakdownChart } from './cost-breakdown.ts';
