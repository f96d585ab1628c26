// Sourced defaults for the regional AI-accelerator fleet (issue 8): a stock model of every AI
// accelerator in a region, not the frontier developer's sites. Defaults describe the US.
// Tags as in shared/reference/infrastructure.md: Q quoted, P paraphrased, R recall, E derived.

export interface Shipment {
  year: number;
  units: number;
  board_w: number;
  generation: string;
}

// Data-center GPU shipments worldwide: 2.67M (2022) and 3.85M (2023) incl. AMD and Intel
// (TechInsights via HPCwire / Tom's Hardware, 2024; Q). Earlier years are back-extrapolated at the
// 2022->2023 growth, 3.85/2.67 = 1.44x/yr (E, an assumption: no unit series was found for
// 2014-2021). Mean board power per shipment year is an assumption for the whole mix, flagship
// trainers with inference cards: V100/P100 250-300 W with T4 70 W (<= 2019: 250 W), A100 400 W
// with A10/T4 (2020-21: 300 W), H100 700 W ramping with L4/A10 (2022: 400 W, 2023: 500 W).
const GROWTH_2022_2023 = 3.85e6 / 2.67e6;
const boardW = (y: number) => (y <= 2019 ? 250 : y <= 2021 ? 300 : y === 2022 ? 400 : 500);
const generation = (y: number) => (y <= 2019 ? 'pre-A100 (V100/P100/T4)' : y <= 2021 ? 'A100 era' : 'H100 era');
export const US_SHIPMENTS: Shipment[] = Array.from({ length: 10 }, (_, i) => 2014 + i).map((year) => ({
  year,
  units: year === 2023 ? 3.85e6 : 2.67e6 * Math.pow(GROWTH_2022_2023, year - 2022),
  board_w: boardW(year),
  generation: generation(year),
}));

export const FLEET_DEFAULTS = {
  region: 'US',
  // Epoch AI: H100-equivalents grow ~1.65x/yr to 2030 (E, infrastructure.md 1); a new generation
  // brings ~1.5x H100e per unit per year (assumption), so units grow ~1.65/1.5 = 1.1x/yr (E).
  units_growth_per_year: 1.1,
  // Flagship TDP ladder A100 400 W (2020) -> B200 1,000 W (2024) is ~1.26x/yr (Q ladder, E rate);
  // the shipped mix includes inference cards, so take 1.15x/yr (assumption).
  board_w_growth_per_year: 1.15,
  // Assumption: between the US share of global data-center electricity (~45%, IEA "Energy and AI",
  // 2025; R) and of AI supercomputer performance (~75%, Epoch AI 2025; R).
  region_share: 0.6,
  life_years: 5, // hyperscaler server depreciation 5-6 years (company filings; R)
  server_overhead: 1.82, // DGX H100: 10.2 kW per 8 x 700 W GPUs (NVIDIA; P)
  // ~80% utilization of 700 W in a SemiAnalysis-based estimate of a 100k-H100 cluster (P); inference
  // runs burstier: 50% (assumption).
  training_draw_of_tdp: 0.8,
  inference_draw_of_tdp: 0.5,
  inference_share: 0.4, // assumption (as baseline-2025): no published split of AI compute
  inference_share_year: 2023,
  inference_share_growth_per_year: 1.1, // assumption: test-time compute grows the inference share
  max_inference_share: 0.8, // assumption
  // Uptime average 1.58 (2023; Q) vs ~1.3 for new/large builds (Uptime 2024; P): AI halls in between.
  pue: 1.4,
  pue_change_per_year: 1,
  // LBNL 2024 (Shehabi et al.): 76 TWh in 2018 (Q); 58 TWh (2014) -> 76 TWh (2018) is 7%/yr (Q/E).
  non_ai: { anchor_year: 2018, anchor_total_dc_twh: 76, growth_per_year: 1.07 },
  // 176 TWh = 4.4% of US electricity in 2023 (LBNL 2024; Q) -> 4,000 TWh (E). Growth is an
  // assumption between flat 2018-2023 (76 TWh = 1.9% also gives 4,000 TWh; E) and LBNL's implied
  // 2028 total (325 TWh / 6.7% = 4,850 TWh, 3.9%/yr; E).
  region_demand: { year: 2023, twh: 4000, growth_per_year: 1.02 },
} as const;
