// The generated sentences under report sections, checked against hand-worked numbers: the cost
// reading recovers the depreciation life the cost model was given and the energy price at which
// energy is exactly half of the run's cost; the fleet caption keeps AI and all data centres apart.
import { describe, expect, test } from 'vitest';
import { costOf } from '../../src/cost/breakdown.ts';
import { COST_DEFAULTS } from '../../src/cost/defaults.ts';
import type { CostParams } from '../../src/cost/params.ts';
import type { RunCost } from '../../src/result/cost-types.ts';
import { costReading, costSentence } from '../../src/report/sentences/cost.ts';
import { aiVersusAllSentence } from '../../src/report/sentences/fleet.ts';
import type { PublishedFigure } from '../../src/fleet/published.ts';
import { baseline } from './fixtures.ts';
import { FLEET } from './fixtures-extra.ts';

const PARAMS: CostParams = { ...COST_DEFAULTS, depreciation_years: 5 };
/** 10,000 accelerators at $30,000 for 100 days, 1.7 kW of IT each at PUE 1.2, $80/MWh. */
function runCost(energyPrice = 80): RunCost {
  const x = { gpus: 10_000, seconds: 100 * 86_400, price_usd_per_gpu: 30_000, it_w_per_gpu: 1700, pue: 1.2 };
  const b = costOf({ ...x, energy_price_usd_per_mwh: energyPrice }, PARAMS);
  return {
    ...b,
    gpus: x.gpus,
    days: 100,
    accelerator_price_usd: x.price_usd_per_gpu,
    energy_price_usd_per_mwh: energyPrice,
    usd_per_effective_flop: 0,
    usd_per_flop: 0,
  };
}

describe('cost reading', () => {
  test('recovers the 5-year depreciation and the per-accelerator-hour split', () => {
    const r = costReading(2030, runCost());
    expect(r.depreciation_years).toBeCloseTo(5, 12);
    // energy per accelerator-hour: 1.7 kW x 1.2 x $80/MWh = $0.1632
    expect(r.energy_usd_per_gpu_hour).toBeCloseTo(1.7 * 1.2 * 0.08, 12);
  });
  test('at the half price, energy is exactly half of the run cost', () => {
    const r = costReading(2030, runCost());
    expect(r.half_price_usd_per_mwh).toBeGreaterThan(80);
    expect(runCost(r.half_price_usd_per_mwh).energy_share).toBeCloseTo(0.5, 12);
  });
  test('the sentence says energy stays within its range, why, and where it would pass half', () => {
    const result = baseline();
    for (const s of result.steps) s.cost!.run = runCost();
    const share = runCost().energy_share;
    const half = Math.round(costReading(2040, runCost()).half_price_usd_per_mwh);
    const s = costSentence(result)!;
    expect(s).toContain(`Energy stays ${(share * 100).toFixed(1)}% of the frontier run's cost over 2025-2040`);
    expect(s).toContain('depreciated over 5.0 years');
    expect(s).toContain(`only at an energy price of $${half}/MWh`);
  });
  test('no costs, no sentence', () => {
    const r = baseline();
    for (const s of r.steps) delete s.cost;
    expect(costSentence(r)).toBeNull();
  });
});

describe('AI versus all data centres', () => {
  test('2030: AI 4 x 1.35^12 of 4,000 x 1.01^12 TWh, all data centres adds 72 x 1.03^12; a point figure is named as all-DC', () => {
    const region = 4000 * 1.01 ** 12;
    const ai = (4 * 1.35 ** 12) / region;
    const all = (4 * 1.35 ** 12 + 72 * 1.03 ** 12) / region;
    const bcg: PublishedFigure = {
      source: 'BCG 2023',
      region: 'US',
      year: 2030,
      measure: 'all_dc',
      kind: 'projection',
      twh: [390, 390],
      share: [0.075, 0.075],
      tag: 'Q',
      cite: 'test',
    };
    const s = aiVersusAllSentence(FLEET, [bcg])!;
    expect(s).toContain(
      `In 2030 the model puts AI accelerators at ${(ai * 100).toFixed(1)}% of US electricity and all data centres (AI and conventional) at ${(all * 100).toFixed(1)}%.`,
    );
    expect(s).toContain('7.5% (BCG 2023) count all data centres');
  });
});
