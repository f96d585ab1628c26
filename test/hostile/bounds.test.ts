// Issue 17 item 1 and 2 ("Why"): schema-valid values used to hang the run, blow memory, throw a
// bare RangeError or put NaN/Infinity in results. Each is now refused by `validate` (and so by
// `run`) with exit 2 at the changed value's file:line:col; the counts that size a run (steps,
// reviews) are checked by validate too.
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli/helpers.ts';
import { mutate } from './mutate.ts';

const BASE = 'scenarios/baseline-2025.yaml';
const FLEET = 'scenarios/fleet-us-2030.yaml';

const WHY: [string, string, (string | number)[], number, RegExp][] = [
  // hangs and runaway memory
  ['step_years 0.00001 hung', BASE, ['horizon', 'step_years'], 0.00001, /\/horizon\/step_years must be >= 0.019/],
  ['step_years 0.0001 took 21 s and 1.6 GB', BASE, ['horizon', 'step_years'], 0.0001, /must be >= 0.019/],
  ['step_years 1e-9 threw Invalid array length', BASE, ['horizon', 'step_years'], 1e-9, /must be >= 0.019/],
  ['review_every_years 0.0001 hung', BASE, ['planner', 'review_every_years'], 0.0001, /must be >= 0.019/],
  // exit 1 with a stack trace (RangeError)
  ['halving_years 4e-320', BASE, ['algorithms', 'halving_years'], 4e-320, /\/algorithms\/halving_years must be >= 0.1/],
  ['growth_per_year 1e-300', BASE, ['demand', 'growth_per_year'], 1e-300, /\/demand\/growth_per_year must be >= 0.1/],
  ['expert_ffn_ratio 1e308', BASE, ['model', 'expert_ffn_ratio'], 1e308, /\/model\/expert_ffn_ratio must be <= 100/],
  [
    'synthetic_tokens_per_year 1e308',
    BASE,
    ['data', 'synthetic_tokens_per_year'],
    1e308,
    /must be <= 1000000000000000000/,
  ],
  ['rack_kw 1e-300', BASE, ['hardware', 0, 'rack_kw'], 1e-300, /\/hardware\/0\/rack_kw must be >= 0.1/],
  // NaN / Infinity in results
  ['frontier_run_flop 1e-300', BASE, ['demand', 'frontier_run_flop'], 1e-300, /must be >= 1000000000000000/],
  ['inter_site_gbit_per_s 4e-320', BASE, ['network', 'inter_site_gbit_per_s'], 4e-320, /must be >= 1/],
  ['energy_price_usd_per_mwh 1e308', BASE, ['sites', 0, 'energy_price_usd_per_mwh'], 1e308, /must be <= 10000/],
  ['lead-time median 1e-300', BASE, ['planner', 'lead_times', 'grid', 'median_years'], 1e-300, /must be >= 0.019/],
  ['fleet life_years 1e-300', FLEET, ['fleet', 'life_years'], 1e-300, /\/fleet\/life_years must be >= 0.5/],
];

describe('issue 17 "Why": each schema-valid value that broke a run is refused at its position', () => {
  test.each(WHY)('%s', async (_name, base, path, value, message) => {
    const m = mutate(base, path, value);
    for (const cmd of ['validate', 'run']) {
      const r = await runCli([cmd, m.file]);
      expect(r.code, r.stderr).toBe(2);
      const line = r.stderr.split('\n')[0];
      expect(line.startsWith(`${m.where}: `), line).toBe(true);
      expect(line).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('counts that size a run are checked on load (validate = run)', () => {
  test('weekly steps over 90 years are more than 2,000 steps', async () => {
    const m = mutate(mutate(BASE, ['horizon', 'start_year'], 1950).file, ['horizon', 'step_years'], 0.02);
    const r = await runCli(['validate', m.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${m.where}: /horizon/step_years 0.02 gives 4501 steps over 90 years; the limit is 2000 steps`,
    );
  });
  test('weekly reviews over 90 years are more than 2,000 reviews', async () => {
    const m = mutate(mutate(BASE, ['horizon', 'start_year'], 1950).file, ['planner', 'review_every_years'], 0.02);
    const r = await runCli(['validate', m.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${m.where}: /planner/review_every_years 0.02 gives 4501 reviews`);
  });
  test('a horizon over a century is refused', async () => {
    const m = mutate(BASE, ['horizon', 'end_year'], 2200);
    const r = await runCli(['validate', m.file]);
    expect(r.stderr).toContain(
      `${m.where}: /horizon/end_year is 175 years after /horizon/start_year; the limit is 100 years`,
    );
  });
  test('growth that compounds past a physical limit is refused at the growth factor', async () => {
    const m = mutate(BASE, ['demand', 'growth_per_year'], 100);
    const r = await runCli(['validate', m.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^${m.where}: /demand/growth_per_year: the demanded run \\(FLOP\\) would reach .* the limit is 1.00e\\+60`,
      ),
    );
  });
  test('weekly steps and reviews over the shipped 15-year horizon are accepted and run', async () => {
    const m = mutate(mutate(BASE, ['horizon', 'step_years'], 0.019).file, ['planner', 'review_every_years'], 0.019);
    expect((await runCli(['validate', m.file])).code).toBe(0);
  });
});

describe('found by the fuzzer after the walls redesign (0.2.0)', () => {
  const HGX = 'scenarios/scale-out-hgx.yaml';
  test.each([
    ['a grid connection of 1e-300 MW (the run cost was Infinity)', HGX, ['sites', 0, 'grid_mw']],
    ['a cooling plant of 1e-300 MW', BASE, ['sites', 0, 'cooling', 'capacity_mw']],
    ['max_onsite_generation_mw 5e-4', BASE, ['sites', 0, 'max_onsite_generation_mw']],
  ] as [string, string, (string | number)[]][])('%s is refused: 0 or at least 1 kW', async (_name, base, path) => {
    const value = path[path.length - 1] === 'max_onsite_generation_mw' ? 5e-4 : 1e-300;
    const m = mutate(base, path, value);
    for (const cmd of ['validate', 'run']) {
      const r = await runCli([cmd, m.file, ...(cmd === 'run' ? ['--draws', '0'] : [])]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(
        `${m.where}: /${path.join('/')} must be 0 or at least 0.001 MW (1 kW, about one accelerator) (got ${value})`,
      );
    }
  });
  test('a scripted cooling expansion of 1e-300 MW is refused at its payload', async () => {
    const m = mutate(BASE, ['events', 1, 'payload', 'mw'], 1e-300);
    const r = await runCli(['validate', m.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${m.where}: /events/1/payload/mw must be >= 0.001 (got 1e-300)`);
  });
  test("the interconnection queue's study time has its p90 checked against its median", async () => {
    const m = mutate(BASE, ['planner', 'grid_queue'], {
      study_slots: 4,
      study_years: { median_years: 2, p90_years: 1 },
    });
    const r = await runCli(['validate', m.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /: \/planner\/grid_queue\/study_years\/p90_years must be >= \/planner\/grid_queue\/study_years\/median_years \(2\) \(got 1\)/,
    );
  });
});

describe('validate checks the fleet section as run fills it (found by the fuzzer)', () => {
  test('a fleet region renamed to one without defaults is refused by validate and run at its name', async () => {
    const m = mutate('scenarios/regional-grid-queue.yaml', ['fleet', 'regions', 3, 'name'], 'text');
    for (const cmd of ['validate', 'run']) {
      const r = await runCli([cmd, m.file, ...(cmd === 'run' ? ['--draws', '0'] : [])]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(
        `${m.where}: /fleet/regions/3/name: fleet region "text": give accelerator_share or region_share (no defaults for it)`,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('fleet grid and shares (found by the fuzzer after the region grid link)', () => {
  test('a grid utilization of 5e-324 (the capacity was Infinity) is refused at its line', async () => {
    const m = mutate('scenarios/regional-grid-queue.yaml', ['fleet', 'regions', 0, 'grid', 'utilization'], 5e-324);
    const r = await runCli(['validate', m.file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`${m.where}: /fleet/regions/0/grid/utilization must be >= 0.01 (got 5e-324)`);
  });
  test("regions' shares summing past 1 name the summed fields", async () => {
    const m = mutate(
      FLEET.replace('us-2030', 'world-2035'),
      ['fleet', 'regions', 0, 'accelerator_share', 0, 'share'],
      1,
    );
    const r = await runCli(['validate', m.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      ": /fleet/regions (/fleet/regions/*/accelerator_share/*/share at /fleet/regions/*/accelerator_share/*/year, or /fleet/regions/*/region_share): fleet.regions: the regions' accelerator shares sum to",
    );
  });
});
