// Published figures for data-centre electricity by region and for the world, for the charts (bands
// for ranges, markers for point figures), the model-vs-published table and the back-cast tests.
// Every row says what it measures: all data centres (`all_dc`) or AI accelerators / AI servers
// only (`ai`); and whether it is an estimate of the past or a projection. Tags as in
// shared/reference/infrastructure.md: Q quoted, P paraphrased, R recall, E derived (arithmetic in
// `cite`). Invariant: low <= high in every pair; a point figure has low = high.

import { PUBLISHED_FIGURES } from './published-figures.ts';

export type Measure = 'all_dc' | 'ai';
export type Tag = 'Q' | 'P' | 'R' | 'E';

export interface PublishedFigure {
  /** Label in charts and tables. */
  source: string;
  /** US, China, Europe, RoW or World. */
  region: string;
  year: number;
  measure: Measure;
  kind: 'estimate' | 'projection';
  /** TWh a year, [low, high]; null when the source gives only a share. */
  twh: [number, number] | null;
  /** Share of the region's electricity, [low, high]. */
  share: [number, number] | null;
  /** AI's share of all data-centre electricity, [low, high] (AI figures only). */
  ai_share_of_dc?: [number, number];
  tag: Tag;
  cite: string;
}

export const PUBLISHED: PublishedFigure[] = PUBLISHED_FIGURES;

/** Published rows for a region (World included by name). */
export function publishedFor(region: string, list: PublishedFigure[] = PUBLISHED): PublishedFigure[] {
  return list.filter((p) => p.region === region);
}

/** IEA's 2024 split of world data-centre electricity, "about 45% US, 25% China, 15% Europe" (Q). */
export const IEA_2024_SPLIT: Record<string, number> = { US: 0.45, China: 0.25, Europe: 0.15 };

// ---- issue-8 shape, kept for the single-region chart (US) ----

export interface PublishedRange {
  source: string;
  year: number;
  low_share: number;
  high_share: number;
  low_twh: number | null;
  high_twh: number | null;
}

/** US all-data-centre figures with a share (the issue-8 list; each measures all data centres). */
export const US_PUBLISHED: PublishedRange[] = [
  { source: 'LBNL 2024 (actual)', year: 2018, low_share: 0.019, high_share: 0.019, low_twh: 76, high_twh: 76 },
  { source: 'LBNL 2024 (actual)', year: 2023, low_share: 0.044, high_share: 0.044, low_twh: 176, high_twh: 176 },
  { source: 'LBNL 2024', year: 2028, low_share: 0.067, high_share: 0.12, low_twh: 325, high_twh: 580 },
  { source: 'EPRI 2024', year: 2030, low_share: 0.046, high_share: 0.091, low_twh: null, high_twh: null },
  { source: 'BCG 2023', year: 2030, low_share: 0.075, high_share: 0.075, low_twh: 390, high_twh: 390 },
  { source: 'EPRI 2026', year: 2030, low_share: 0.09, high_share: 0.17, low_twh: null, high_twh: null },
];

/** LBNL 2024 US totals (TWh): 2018 and 2023 quoted, 2019-2022 interpolated (E, see above). */
export const LBNL_US_TWH: Record<number, number> = Object.fromEntries(
  PUBLISHED.filter((p) => p.region === 'US' && p.source.startsWith('LBNL 2024') && p.kind === 'estimate').map((p) => [
    p.year,
    p.twh![0],
  ]),
);
