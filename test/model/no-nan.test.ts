// No NaN or Infinity ever reaches a result, and the energy balance holds, whatever valid numbers a
// scenario holds: empty fleets, zero supply, tiny data stocks, huge growth, instant or slow lead
// times (fast-check).
import { expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';
import { resultValidator } from '../../src/result/schema.ts';
import { expectEnergyBalance } from './energy-balance.ts';

const base = loadScenario('test/fixtures/model/single-site.yaml');

test.prop(
  {
    gpus: fc.integer({ min: 0, max: 2_000_000 }),
    grid: fc.double({ min: 0.5, max: 1e5, noNaN: true }),
    growth: fc.double({ min: 0.5, max: 50, noNaN: true }),
    supply: fc.double({ min: 0, max: 1e8, noNaN: true }),
    hbm: fc.double({ min: 0, max: 1e8, noNaN: true }),
    stock: fc.double({ min: 1, max: 1e16, noNaN: true }),
    mfu: fc.double({ min: 0.01, max: 1, noNaN: true }),
    lead: fc.double({ min: 0, max: 20, noNaN: true }),
    slowdown: fc.double({ min: 0, max: 5, noNaN: true }),
  },
  { numRuns: 40 },
)('random valid inputs give a finite, schema-valid result that keeps the energy balance', (v) => {
  const scenario = structuredClone(base.scenario);
  scenario.sites[0].installed = [{ accelerator: 'H100', count: v.gpus }];
  scenario.sites[0].grid_mw = v.grid;
  scenario.sites[0].max_grid_mw = v.grid * 3;
  scenario.demand.growth_per_year = v.growth;
  scenario.compute = { ...scenario.compute, gpu_supply_per_year: v.supply, mfu: v.mfu };
  scenario.memory = { ...scenario.memory, hbm_supply_tb_per_year: v.hbm };
  scenario.data = { ...scenario.data, stock_tokens: v.stock };
  scenario.algorithms = { ...scenario.algorithms, halving_slowdown_per_year: v.slowdown };
  scenario.planner = {
    ...scenario.planner,
    lead_times: { ...scenario.planner.lead_times, grid: { median_years: v.lead, p90_years: v.lead * 2 } },
  };
  const result = runScenario({ ...base, scenario });
  const json = JSON.stringify(result);
  expect(json).not.toMatch(/NaN|Infinity/);
  expectEnergyBalance(result);
  const validate = resultValidator();
  expect(validate(JSON.parse(json)), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
});
