// Re-exports the chart factories: each is options in, a Vega-Lite spec with inline data out.
export { headroomChart } from './headroom.ts';
export { permittedChart } from './permitted.ts';
export { powerChart } from './power.ts';
export { rooflineChart, rooflineRows } from './roofline.ts';
export { routerChart } from './router.ts';
export { compareHeadroomChart, compareTimelineChart, compareRows } from './compare.ts';
export { compareEnergyShareChart, energyShareRows } from './energy-compare.ts';
export { fitToPage } from './fit.ts';
