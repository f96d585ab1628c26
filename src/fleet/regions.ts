// Sourced regional inputs of the world fleet (issue 19): the United States, China, Europe and the
// rest of the world. Each region installs a share of worldwide accelerator shipments (by shipment
// year), runs them at its PUE, carries a non-AI data-centre load anchored at one published total
// (one year, nothing fitted per year), has a total electricity demand, and a grid buildout rate
// that bounds its data-centre load after the grid's base year. Invariant: at every year the
// default shares of the four regions sum to 1.
// Tags: Q quoted, P paraphrased, R recall, E derived (arithmetic shown).

export interface SharePoint {
  year: number;
  share: number;
}
export interface RegionInputs {
  /** Share of worldwide shipments by shipment year (linear between points, flat outside). */
  accelerator_share: readonly SharePoint[];
  pue: number;
  pue_year: number;
  pue_change_per_year: number;
  non_ai: { anchor_year: number; anchor_total_dc_twh: number; growth_per_year: number };
  region_demand: { year: number; twh: number; growth_per_year: number };
  grid: {
    year: number;
    capacity_gw: number | null;
    buildout_gw_per_year: number;
    buildout_growth_per_year: number;
    utilization: number;
  };
}

// Non-AI growth, every region: the IEA's conventional-server electricity grows ~9%/yr against
// ~30%/yr for accelerated servers, base case (Energy and AI, 2025; P via a reading of the report page).
const NON_AI_GROWTH = 1.09;
// Grid utilization: LBNL converts energy to interconnection capacity at an assumed 50% average
// utilization (2024 report: 325-580 TWh = 74-132 GW in 2028; 2025 update: 148 GW in 2030; P).
const UTILIZATION = 0.5;
// LBNL 2025 update (Jun 2026; P): 192 TWh in 2024 -> 649 TWh in 2030 = 148 GW, "17.4 GW/yr of new
// capacity from 2024". 192 TWh / (0.5 x 8.766 TWh/GW) = 43.8 GW in 2024 (E), so the US adds
// 17.4 / 43.8 = 0.40 of its 2024 capacity a year (E). No regional figure was found elsewhere: the
// other regions get the same relative pace on their IEA 2024 totals (E, assumption; Europe's
// connection limits in Ireland and the Netherlands suggest it is high there).
const GRID_PACE = 17.4 / (192 / (UTILIZATION * 8.766));
const paced = (twh2024: number) => Math.round(10 * GRID_PACE * (twh2024 / (UTILIZATION * 8.766))) / 10;

export const REGION_DEFAULTS: Record<'US' | 'China' | 'Europe' | 'RoW', RegionInputs> = {
  US: {
    // Epoch AI (Pilz et al. 2025): the US hosts ~75% of AI supercomputer performance (May 2025; Q); in
    // 2019 the US-China split was roughly 60-40 (FT via killercharts, citing Epoch; P). Shares of
    // shipments are taken equal to these performance shares (assumption): 0.60 to 2021, 0.75 from 2025.
    accelerator_share: [
      { year: 2021, share: 0.6 },
      { year: 2025, share: 0.75 },
    ],
    // LBNL 2025 update: national average PUE 1.55 (2018) -> 1.45 (2024) -> 1.36 (2030) (P);
    // (1.45 / 1.55)^(1/6) = 0.989/yr (E), which gives 1.36 in 2030 (E).
    pue: 1.55,
    pue_year: 2018,
    pue_change_per_year: 0.989,
    // LBNL 2024 (Shehabi et al.): 76 TWh in 2018 (Q).
    non_ai: { anchor_year: 2018, anchor_total_dc_twh: 76, growth_per_year: NON_AI_GROWTH },
    // 176 TWh = 4.4% of US electricity in 2023 (LBNL 2024; Q) -> 4,000 TWh (E). 2%/yr: assumption
    // between flat 2018-2023 (76 TWh = 1.9% also gives 4,000 TWh; E) and LBNL's implied 2028 total
    // (325 TWh / 6.7% = 4,850 TWh, 3.9%/yr; E); 192 TWh = 4.7% in 2024 (LBNL 2025 update; P) gives
    // 4,085 TWh (E), 4,000 x 1.02 = 4,080.
    region_demand: { year: 2023, twh: 4000, growth_per_year: 1.02 },
    grid: {
      year: 2024,
      capacity_gw: null,
      buildout_gw_per_year: 17.4,
      buildout_growth_per_year: 1,
      utilization: UTILIZATION,
    },
  },
  China: {
    // Epoch AI: China ~15% of AI supercomputer performance (May 2025; Q) and ~40% in 2019 (P, as
    // above). IDC: >500k accelerator chips in China in H1 2023 (P) against 3.85M worldwide GPUs
    // (Q) is ~26% (E). 0.30 to 2021 (assumption between the two), 0.15 from 2025 (Q).
    accelerator_share: [
      { year: 2021, share: 0.3 },
      { year: 2025, share: 0.15 },
    ],
    pue: 1.5, // NDRC/MIIT action plan (Jul 2024): national average PUE below 1.5 by 2025 (Q; target)
    pue_year: 2024,
    pue_change_per_year: 1,
    // "Newer government figures put demand at 77 TWh in 2022" (Carbon Brief explainer, Apr 2025; Q in
    // a copy). The IEA's 102 TWh for 2024 is not used here, so the 2024 check is out of sample.
    non_ai: { anchor_year: 2022, anchor_total_dc_twh: 77, growth_per_year: NON_AI_GROWTH },
    // NEA: 10.4 trillion kWh in 2025, +5% year on year (Xinhua, Jan 2026; Q); 9.2 trillion in 2023 (Q).
    region_demand: { year: 2025, twh: 10_400, growth_per_year: 1.05 },
    grid: {
      year: 2024,
      capacity_gw: null,
      buildout_gw_per_year: paced(102), // IEA 2024: 102 TWh (Q) at the US pace (E): 9.2 GW/yr
      buildout_growth_per_year: 1,
      utilization: UTILIZATION,
    },
  },
  Europe: {
    // Epoch AI: Germany, Japan and France "now play marginal roles" (Q); 5% (assumption).
    accelerator_share: [{ year: 2021, share: 0.05 }],
    pue: 1.46, // Uptime Institute 2020 survey, Europe's regional average (Q via hostkey's summary)
    pue_year: 2024,
    pue_change_per_year: 1,
    // IEA Energy and AI (2025): Europe 68 TWh in 2024 (Q, Guardian/Graphic News chart). No independent
    // earlier figure on the IEA's boundary was found (the EC's EU28 76.8 TWh for 2018 and the IEA's
    // own ~100 TWh EU figure for 2022 are on other boundaries), so Europe is anchored on the IEA year
    // itself: its 2024 total matches by construction.
    non_ai: { anchor_year: 2024, anchor_total_dc_twh: 68, growth_per_year: NON_AI_GROWTH },
    // EU ~2,700 TWh plus UK, Norway, Switzerland and other Europe ~700 TWh (R); +1.7%/yr expected for
    // the EU in 2024 (IEA mid-year update 2024 via Deccan Herald; P): 1%/yr (assumption).
    region_demand: { year: 2024, twh: 3400, growth_per_year: 1.01 },
    grid: {
      year: 2024,
      capacity_gw: null,
      buildout_gw_per_year: paced(68), // 6.2 GW/yr (E)
      buildout_growth_per_year: 1,
      utilization: UTILIZATION,
    },
  },
  RoW: {
    accelerator_share: [{ year: 2021, share: 0.05 }], // the remainder: 1 - US - China - Europe (E)
    pue: 1.6, // Uptime 2023 world average 1.58 (Q); developing markets run higher (Uptime 2025; P)
    pue_year: 2024,
    pue_change_per_year: 1,
    // IEA 2024: Asia Pacific excluding China 48 TWh + rest of world 15 TWh = 63 TWh (Q; E sum). As
    // Europe, anchored on the IEA year (matches by construction).
    non_ai: { anchor_year: 2024, anchor_total_dc_twh: 63, growth_per_year: NON_AI_GROWTH },
    // World: 415 TWh is ~1.5% (IEA; Q) -> ~27,700 TWh in 2024 (E), less the US (4,080), China
    // (10,400 / 1.05 = 9,905) and Europe (3,400): 10,300 TWh (E). ~4%/yr: world demand growth in
    // 2024 (IEA via Deccan Herald; P).
    region_demand: { year: 2024, twh: 10_300, growth_per_year: 1.04 },
    grid: {
      year: 2024,
      capacity_gw: null,
      buildout_gw_per_year: paced(63), // 5.7 GW/yr (E)
      buildout_growth_per_year: 1,
      utilization: UTILIZATION,
    },
  },
};

/** The region's share of year y's worldwide shipments: linear between points, flat outside. */
export function shareAt(points: readonly SharePoint[], y: number): number {
  if (points.length === 0) return 0;
  const p = [...points].sort((a, b) => a.year - b.year);
  if (y <= p[0].year) return p[0].share;
  for (let i = 1; i < p.length; i++) {
    if (y <= p[i].year) {
      const t = (y - p[i - 1].year) / (p[i].year - p[i - 1].year);
      return p[i - 1].share + t * (p[i].share - p[i - 1].share);
    }
  }
  return p[p.length - 1].share;
}
