// The one styling config for every chart: fonts, sizes for a printed page, and the colour of each
// wall (from src/model/walls.ts, so a wall looks the same in every chart and report).
// Invariant: chart factories take colours, sizes and axis formats only from here.
import type { Config } from 'vega-lite';
import { WALLS, WALL_COLORS } from '../walls/registry.ts';

/** Sans fonts in order; DejaVu Sans ships with Debian and most Linux desktops. */
export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/**
 * Plot area of one chart in CSS px. 560 px is the text width of an A4/Letter page with 2 cm margins
 * at 96 dpi (210 mm - 40 mm = 170 mm = 642 px), less room for the y axis and its title.
 */
export const SIZE = { width: 560, height: 300, smallHeight: 140 } as const;

/** Colour scale shared by every chart that colours by wall: same domain order, same colours. */
export const WALL_SCALE = { domain: [...WALLS], range: WALLS.map((w) => WALL_COLORS[w]) };

/** Colours for things that are not walls (target run, available supply), kept apart from the wall palette. */
export const NEUTRAL = { target: '#555555', supply: '#7f7f7f', muted: '#bbbbbb', highlight: '#b2182b' } as const;

/**
 * Colours for accelerator generations in the roofline chart (Tableau 10's first colours, a
 * colour-blind-friendlier set than d3's default category10; Tableau 2016).
 */
export const GENERATION_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/** Vega-Lite config passed to `compile` (so per-chart overrides inside a spec still win). */
export const THEME: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  title: {
    fontSize: 14,
    fontWeight: 'bold',
    anchor: 'start',
    subtitleFontSize: 11,
    subtitleColor: '#444444',
    offset: 10,
  },
  // labelLimit: room for a tornado's longest input pointer, "/compute/gpu_supply_growth_per_year":
  // headless vega estimates 0.8 x font size per character (no canvas), 35 x 8 = 280 px
  axis: {
    labelFontSize: 10,
    labelLimit: 300,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    grid: true,
    gridOpacity: 0.3,
    tickCount: 8,
  },
  legend: {
    orient: 'bottom',
    labelFontSize: 10,
    labelLimit: 320,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    columns: 4,
    symbolStrokeWidth: 2,
  },
  header: { labelFontSize: 11, titleFontSize: 11 },
  line: { strokeWidth: 2 },
  point: { size: 40 },
};

/** Axis label formats: years without thousands separators; large numbers in SI with units in titles. */
export const FORMAT = { year: 'd', si: '~s', ratio: '~g' } as const;
