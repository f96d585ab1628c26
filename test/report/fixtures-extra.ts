// Fixtures for the cost, fleet and Monte Carlo parts of reports, with hand-checkable numbers:
// a US fleet (AI TWh = 4 x 1.35^(y - 2018), non-AI 72 x 1.03^(y - 2018), region 4,000 TWh x
// 1.01^(y - 2018)); a 500-sample sweep (first-wall counts below, headroom p50 on the baseline
// curves with p5 = p50 / 2 and p95 = 2 x p50); and one-at-a-time swings of three inputs.
import type { FleetResult } from '../../src/result/fleet-types.ts';
import type { InferenceStep } from '../../src/result/cost-types.ts';
import type { FleetYear } from '../../src/result/fleet-types.ts';
import type { OatResult } from '../../src/montecarlo/sensitivity.ts';
import { RESULT_FORMAT, type SweepResult } from '../../src/montecarlo/sweep-result.ts';
import { wilsonInterval } from '../../src/montecarlo/wilson.ts';
import { WALLS, type Wall } from '../../src/walls/registry.ts';
import type { Uncertainty } from '../../src/report/uncertainty.ts';
import { BASELINE_CURVES } from './fixtures.ts';

function fleetYear(year: number): FleetYear {
  const t = year - 2018;
  const ai_twh = 4 * 1.35 ** t;
  const non_ai_twh = 72 * 1.03 ** t;
  const region_twh = 4000 * 1.01 ** t;
  const installed = 1e6 * 1.3 ** t;
  return {
    year,
    deliveries: installed * 0.3,
    retirements: installed * 0.1,
    installed,
    installed_by_generation: { fixture: installed },
    inference_share: 0.4,
    training_gpus: installed * 0.6,
    inference_gpus: installed * 0.4,
    it_mw: (ai_twh * 1e6) / 8760 / 1.4,
    facility_mw: (ai_twh * 1e6) / 8760,
    pue: 1.4,
    ai_twh,
    non_ai_twh,
    total_dc_twh: ai_twh + non_ai_twh,
    region_twh,
    ai_share: ai_twh / region_twh,
    total_dc_share: (ai_twh + non_ai_twh) / region_twh,
  };
}

export const FLEET: FleetResult = { region: 'US', years: Array.from({ length: 13 }, (_, i) => fleetYear(2018 + i)) };

/** First-wall counts of the fixture sweep (sum 500). */
export const FIRST_WALL_COUNTS: Record<Wall | 'none', number> = {
  compute: 10,
  memory: 80,
  network: 0,
  power: 180,
  cooling: 10,
  data: 215,
  none: 5,
};

export function sweepFixture(): SweepResult {
  const n = 500;
  const years = Array.from({ length: 16 }, (_, i) => 2025 + i);
  return {
    format: RESULT_FORMAT,
    firstwall_version: '0.2.0',
    scenario: { name: 'uncertain-2025', file: 'scenarios/uncertain-2025.yaml', hash: 'cd'.repeat(32) },
    seed: 2025,
    samples: n,
    model_seed: 'per-sample',
    years,
    end_year: 2040,
    first_wall: {
      confidence: 0.95,
      interval: 'wilson',
      walls: ([...WALLS, 'none'] as const).map((wall) => {
        const count = FIRST_WALL_COUNTS[wall];
        const ci = wilsonInterval(count, n);
        return { wall, count, probability: count / n, ci_low: ci.low, ci_high: ci.high };
      }),
    },
    first_wall_year: { samples_with_wall: 495, share_none: 0.01, p5: 2026, p50: 2027, p95: 2030 },
    headroom: WALLS.map((wall) => ({
      wall,
      steps: years.map((year) => {
        const p50 = BASELINE_CURVES[wall][0] * BASELINE_CURVES[wall][1] ** (year - 2025);
        return { year, p5: p50 / 2, p50, p95: p50 * 2 };
      }),
    })),
    inputs: [
      {
        pointer: '/demand/growth_per_year',
        where: 'scenarios/uncertain-2025.yaml:16:20',
        spec: { dist: 'lognormal', median: 11.3, p90: 14.1 },
        nominal: 11.3,
        sampled: { mean: 11.5, p5: 8.1, p50: 11.3, p95: 15.7 },
        spearman_first_wall_year: -0.14,
      },
      {
        pointer: '/algorithms/halving_years',
        where: 'scenarios/uncertain-2025.yaml:22:18',
        spec: { dist: 'lognormal', median: 0.667, p90: 0.96 },
        nominal: 0.667,
        sampled: { mean: 0.69, p5: 0.42, p50: 0.667, p95: 1.06 },
        spearman_first_wall_year: -0.8,
      },
    ],
  };
}

/** Nominal first wall 2027 at headroom 0.5; halving years swings it 2029 (p10) to 2026 (p90). */
export const OAT: OatResult = {
  year: 2027,
  wall: 'binding',
  nominal: { first_wall_year: 2027, headroom: 0.5 },
  rows: [
    {
      pointer: '/demand/growth_per_year',
      p10: 9.1,
      p90: 14.1,
      at_p10: { first_wall_year: 2028, headroom: 0.8 },
      at_p90: { first_wall_year: 2026, headroom: 0.25 },
    },
    {
      pointer: '/compute/gpu_supply_growth_per_year',
      p10: 1.45,
      p90: 1.85,
      at_p10: { first_wall_year: 2027, headroom: 0.45 },
      at_p90: { first_wall_year: 2027, headroom: 0.55 },
    },
    {
      pointer: '/algorithms/halving_years',
      p10: 0.46,
      p90: 0.96,
      at_p10: { first_wall_year: 2029, headroom: 1.6 },
      at_p90: { first_wall_year: 2026, headroom: 0.2 },
    },
  ],
};

export const uncertaintyFixture = (): Uncertainty => ({ sweep: sweepFixture(), sensitivity: OAT });

/** Real-time inference with two populations: one beside campus-a (campus-b 300 km away), one 8,000 km
 * from both (another continent); 20 ms budget, 4.9 us/km, 20 hops x 50 us, 100,000 inference
 * accelerators per campus, 60,000 needed split 2:1. */
export const INFERENCE: Required<InferenceStep> = {
  latency_budget_ms: 20,
  servable_gpus: 200000,
  needed_gpus: 60000,
  headroom: 0,
  path: { fiber_us_per_km: 4.9, route_factor: 1, hops: 20, hop_latency_us: 50, server_time_ms: 0 },
  sites: [
    { name: 'campus-a', inference_gpus: 100000 },
    { name: 'campus-b', inference_gpus: 100000 },
  ],
  users: [
    {
      name: 'near',
      demand_share: 2 / 3,
      radius_km: 19000 / 9.8,
      sites_in_reach: ['campus-a', 'campus-b'],
      servable_gpus: 200000,
      needed_gpus: 40000,
      headroom: 5,
      distance_km: { 'campus-a': 0, 'campus-b': 300 },
    },
    {
      name: 'far',
      demand_share: 1 / 3,
      radius_km: 19000 / 9.8,
      sites_in_reach: [],
      servable_gpus: 0,
      needed_gpus: 20000,
      headroom: 0,
      distance_km: { 'campus-a': 8000, 'campus-b': 8300 },
    },
  ],
};
