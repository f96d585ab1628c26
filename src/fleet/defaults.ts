// Sourced defaults for the AI-accelerator fleet (issues 8 and 19): a stock model of every AI
// accelerator in a region (or in each region of the world), not the frontier developer's sites.
// Worldwide shipments by product line and generation, and the fleet-wide settings every region
// shares. Regional inputs (share of shipments, PUE, non-AI load, electricity, grid) live in
// regions.ts; FLEET_DEFAULTS' regional part is the United States.
// Tags as in shared/reference/infrastructure.md: Q quoted, P paraphrased, R recall, E derived.
import { REGION_DEFAULTS } from './regions.ts';

export interface Shipment {
  year: number;
  units: number;
  board_w: number;
  generation: string;
  /** Product line; each line is projected on its own after its last listed year. */
  line: string;
}

// GPU line. Data-center GPUs shipped worldwide, all vendors: 2.67M (2022) and 3.85M (2023)
// (TechInsights via HPCwire / Tom's Hardware, Jun 2024; Q). 2014-2021 are back-extrapolated at the
// 2022->2023 growth, 3.85/2.67 = 1.44x/yr (E; no unit series was found; NVIDIA's data-center
// revenue, ~$2.9B in FY2019 (R) against $15.0B in FY2023 (Q), gives a similar 2018 count). 2024:
// 4.82M high-end server GPUs (Digitimes Research, Jun 2024, via ftcelectronics; Q; NVIDIA 92.5%,
// AMD 7.3%; lower-end cards are not in it). Mean board power per shipment year is an assumption for
// the whole mix, flagships with inference cards: V100/P100 250-300 W with T4 70 W (<= 2019: 250 W),
// A100 400 W with A10/T4 (2020-21: 300 W), H100 700 W ramping with L4/A10 (2022: 400 W, 2023: 500 W),
// H100/H200 700 W with H20 (~400 W; R) and MI300X 750 W (2024: 650 W).
const GPU: [number, number, number, string][] = [
  [2014, 143_000, 250, 'pre-A100 (P100/V100/T4)'],
  [2015, 206_000, 250, 'pre-A100 (P100/V100/T4)'],
  [2016, 297_000, 250, 'pre-A100 (P100/V100/T4)'],
  [2017, 428_000, 250, 'pre-A100 (P100/V100/T4)'],
  [2018, 618_000, 250, 'pre-A100 (P100/V100/T4)'],
  [2019, 891_000, 250, 'pre-A100 (P100/V100/T4)'],
  [2020, 1_285_000, 300, 'A100 era (A100/A10/T4)'],
  [2021, 1_852_000, 300, 'A100 era (A100/A10/T4)'],
  [2022, 2_670_000, 400, 'H100 era (A100/H100/L4)'],
  [2023, 3_850_000, 500, 'H100 era (A100/H100/L4)'],
  [2024, 4_820_000, 650, 'Hopper (H100/H200/H20, MI300X)'],
];
// TPU line (Google's own accelerators, not in the GPU counts): ~2M TPUs in 2023 (TechInsights,
// "Google is the third-largest designer of data center processors as of 2023"; P via a translated
// copy). Earlier years back-extrapolated at the same 1.44x/yr from 2016, the first full year after
// TPU v1 (E, assumption). Board power 250 W (assumption: TPU v4 chips ~200 W (R), later parts more).
const TPU: [number, number, number, string][] = [
  [2016, 154_000, 250, 'TPU v1-v3'],
  [2017, 222_000, 250, 'TPU v1-v3'],
  [2018, 321_000, 250, 'TPU v1-v3'],
  [2019, 463_000, 250, 'TPU v1-v3'],
  [2020, 667_000, 250, 'TPU v3-v4'],
  [2021, 962_000, 250, 'TPU v4'],
  [2022, 1_387_000, 250, 'TPU v4'],
  [2023, 2_000_000, 250, 'TPU v4-v5'],
];

const lineOf = (line: string) => (r: [number, number, number, string]) => ({
  year: r[0],
  units: r[1],
  board_w: r[2],
  generation: r[3],
  line,
});
export const WORLD_SHIPMENTS: Shipment[] = [...GPU.map(lineOf('GPU')), ...TPU.map(lineOf('TPU'))];

/** Fleet-wide settings (all regions) with the US as the default single region. */
export const FLEET_DEFAULTS = {
  region: 'US',
  // Epoch AI: ~1.65x/yr H100-equivalents to 2030 (E, infrastructure.md 1); a new generation brings
  // ~1.5x H100e per unit per year (assumption), so units grow ~1.65/1.5 = 1.1x/yr (E).
  units_growth_per_year: 1.1,
  // Flagship TDP ladder A100 400 W (2020) -> B200 1,000 W (2024) is ~1.26x/yr (Q ladder, E rate); the
  // shipped mix includes inference cards: 1.15x/yr (assumption). Units x power: 1.1 x 1.15 = 1.27x/yr,
  // near the IEA's ~30%/yr for accelerated-server electricity, base case (Energy and AI, 2025; P) (E).
  board_w_growth_per_year: 1.15,
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
  ...REGION_DEFAULTS.US,
} as const;
