// Published figures for US data-center electricity, for charts (bands) and the back-cast test.
// Each row names its source as in shared/reference/infrastructure.md section 6 (all Q there).

export interface PublishedRange {
  source: string;
  year: number;
  low_share: number;
  high_share: number;
  low_twh: number | null;
  high_twh: number | null;
}

export const US_PUBLISHED: PublishedRange[] = [
  { source: 'LBNL 2024 (actual)', year: 2018, low_share: 0.019, high_share: 0.019, low_twh: 76, high_twh: 76 },
  { source: 'LBNL 2024 (actual)', year: 2023, low_share: 0.044, high_share: 0.044, low_twh: 176, high_twh: 176 },
  { source: 'LBNL 2024', year: 2028, low_share: 0.067, high_share: 0.12, low_twh: 325, high_twh: 580 },
  { source: 'EPRI 2024', year: 2030, low_share: 0.046, high_share: 0.091, low_twh: null, high_twh: null },
  { source: 'BCG 2023', year: 2030, low_share: 0.075, high_share: 0.075, low_twh: 390, high_twh: 390 },
  { source: 'EPRI 2026', year: 2030, low_share: 0.09, high_share: 0.17, low_twh: null, high_twh: null },
];

/** LBNL 2024 US totals the back-cast is checked against (TWh). */
export const LBNL_US_TWH = { 2018: 76, 2023: 176 } as const;
