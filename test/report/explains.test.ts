// `run` and the report explain themselves: buildouts and events step by step, what limits each wall,
// why the first wall binds (resource, lead times, the planner's orders, elasticities), and real-time
// inference against the speed of light on the shipped scenario where it binds. Numbers checked
// against the fixture's hand-built values and the round-trip formula.
import { describe, expect, test } from 'vitest';
import { stepActivity, summarize, wallLimits } from '../../src/report/step-activity.ts';
import { firstWallExplanation, leverFor } from '../../src/report/sentences/first-wall.ts';
import { inferenceSentences } from '../../src/report/sentences/inference.ts';
import { budgetToServe, hasSitingDetail, headroomAtBudget } from '../../src/charts/inference.ts';
import { runText } from '../../src/cli/run-table.ts';
import { explanation } from '../../src/report/explanation.ts';
import { buildRunReport } from '../../src/report/run-report.ts';
import { loadAndRun } from '../../src/model/load-and-run.ts';
import { roundTripMs } from '../../src/walls/inference-siting.ts';
import { isMoe } from '../../src/report/sentences/charts.ts';
import { baseline } from './fixtures.ts';

describe('buildouts and events step by step', () => {
  test('each buildout is ordered in one step and lands in the step at or after its landing', () => {
    const a = stepActivity(baseline());
    const at = (y: number) => a.find((x) => x.year === y)!;
    // fixture: #4 200,000 B200 ordered 2025 lands 2025.5; #1 grid 500 MW ordered 2025.25 lands 2030.1;
    // #2 on-site 350 MW ordered 2025.5 lands 2028.4; #3 retrofit ordered 2026 lands 2027.6
    expect(at(2025).ordered).toBe('grid +500 MW; on-site +350 MW; GPUs +200,000 B200');
    expect(at(2025).landed).toBe('-');
    expect(at(2026).landed).toBe('GPUs +200,000 B200');
    expect(at(2026).ordered).toBe('retrofit to direct_liquid');
    expect(at(2028).landed).toBe('retrofit to direct_liquid');
    expect(at(2029).landed).toBe('on-site +350 MW');
    expect(at(2031).landed).toBe('grid +500 MW');
    // #5 lands after the horizon: ordered in 2033, never landed
    expect(at(2033).ordered).toBe('grid +1,000 MW');
    expect(a.filter((x) => x.landed.includes('1,000'))).toEqual([]);
    // events applied by the step they precede: 2027.5 in 2028, 2029 in 2029
    expect(at(2028).events).toBe('HBM shortage (2027.5)');
    expect(at(2029).events).toBe('Abilene phase 2 (2029)');
  });
  test('amounts of one kind and generation add up', () => {
    const b = baseline().buildouts;
    expect(summarize([b[0], b[4]])).toBe('grid +1,500 MW');
    expect(summarize([])).toBe('-');
  });
  test("what limits each wall's own permit, as runs of years", () => {
    const r = baseline();
    for (const s of r.steps) s.walls.memory.limited_by = s.year < 2030 ? 'HBM supply' : 'HBM capacity';
    expect(wallLimits(r, ['memory', 'power'])).toEqual([
      { wall: 'memory', text: 'HBM supply 2025-2029, HBM capacity 2030-2040' },
      { wall: 'power', text: 'grid 2025-2040' },
    ]);
  });
});

describe('why the first wall binds', () => {
  const r = baseline(); // power binds first in 2026 (0.9 x 1.6 x 0.55 = 0.792)
  const lead = {
    lead_times: {
      grid: { median_years: 5, p90_years: 10 },
      onsite_generation: { median_years: 3, p90_years: 5 },
      site_acquisition: { median_years: 2.5, p90_years: 4.5 },
    },
    gpu_supply_per_year: 1e6,
    gpu_supply_growth_per_year: 1.5,
    hbm_supply_tb_per_year: 1e5,
    hbm_supply_growth_per_year: 1.5,
  };
  const lines = firstWallExplanation(r, lead);
  test('names the resource, its quantities and the run share', () => {
    const s = r.steps[1];
    expect(lines[0]).toBe('Why power binds first in 2026: the achievable run is 0.79 of the target, limited by grid.');
    const need = s.quantities.run_facility_mw_needed;
    const fleet = Math.round(need / 0.67)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    expect(lines[1]).toContain(`Facility power in service: ${s.quantities.available_power_mw} MW.`);
    expect(lines[1]).toContain(
      `The run gets 67% of the fleet, so the target run's ~${Math.round(need)} MW means ~${fleet} MW`,
    );
  });
  test('says by when each buildout that adds it would have had to be ordered', () => {
    const l = lines.find((x) => x.startsWith('To move it'))!;
    expect(l).toContain('grid connections (median 5 yr, p90 10 yr: ordered by 2021, before the horizon starts)');
    expect(l).toContain('on-site generation (median 3 yr, p90 5 yr: ordered by 2023, before the horizon starts)');
  });
  test("the planner's orders: the first grid or on-site order and how many land by the crossing", () => {
    // fixture power orders: #1 grid (2025.25 -> 2030.1), #2 on-site (2025.5 -> 2028.4), #5 grid (after the horizon)
    expect(lines).toContain(
      "The planner's first such order (2025.25, grid connection 500 MW at campus-a) lands 2030.1; 0 of 3 land by 2026.",
    );
  });
  test('elasticity: +10% of the binding resource at elasticity 1, against the yearly fall of the headroom', () => {
    // achievable headroom 0.9 x 1.6 x 0.55^t: it falls 1/0.55 a year; +10% moves the crossing ln 1.1 / ln(1/0.55) years
    const shift = Math.log(1.1) / Math.log(1 / 0.55);
    const l = lines.find((x) => x.startsWith('Elasticities'))!;
    expect(l).toContain('+10% grid (power): achievable +10%');
    expect(l).toContain(`lifts the headroom from 0.79 to 0.87`);
    expect(l).toContain(
      `falls behind the target 1.8x a year there, so that moves the crossing by ~${shift.toPrecision(2)} years`,
    );
  });
  test('walls no buildout moves say so', () => {
    expect(leverFor('network', 'latency')?.otherwise).toMatch(/no buildout moves it/);
    expect(leverFor('data', 'quality tokens')?.otherwise).toMatch(/no buildout adds tokens/);
  });
  test('without the parameters (a report of a result file) it names the buildouts but no lead times', () => {
    const bare = firstWallExplanation(r);
    expect(bare).toContain('It is added by grid connections, on-site generation, new campuses.');
    expect(bare.join(' ')).not.toContain('median');
  });
});

describe('the speed of light on the shipped scenario where it binds', () => {
  const r = loadAndRun('scenarios/inference-far-users.yaml');
  const eu = 'western-europe';
  test('the European users have no site within a 20 ms round trip at any step', () => {
    for (const s of r.steps) {
      const u = s.inference!.users.find((x) => x.name === eu)!;
      expect(u.sites_in_reach).toEqual([]);
      expect(u.headroom).toBe(0);
      // 20 ms less 20 hops x 50 us, over 2 x 4.9 us/km: (20 - 1) x 1000 / 9.8 = 1,938.8 km
      expect(u.radius_km).toBeCloseTo(19000 / 9.8, 6);
    }
  });
  test('servable capacity against the budget: the nearest site (8,000 km) enters at its round trip, 2 x 8,000 x 4.9 us + 1 ms = 79.4 ms', () => {
    const i = r.steps[0].inference!;
    expect(hasSitingDetail(i)).toBe(true);
    if (!hasSitingDetail(i)) return;
    const rt = roundTripMs(8000, i.path);
    expect(rt).toBeCloseTo(79.4, 9);
    expect(headroomAtBudget(i, rt - 0.01)[eu]).toBe(0);
    expect(headroomAtBudget(i, rt + 0.01)[eu]).toBeGreaterThan(0);
    expect(budgetToServe(i, eu)).toBeCloseTo(rt, 6);
  });
  test('the sentences say where it binds and what would serve them', () => {
    const words = inferenceSentences(r).join(' ');
    expect(words).toContain('western-europe: no site in reach');
    expect(words).toContain('its nearest site is 8,000 km away, a 79.4 ms round trip');
  });
  test('run prints it; the report draws the servable-capacity chart and its table', async () => {
    r.explanation = explanation(r);
    const text = runText(r);
    expect(text).toContain('Real-time inference and the speed of light');
    expect(text).toContain('Buildouts and events per step');
    expect(text).toContain("What limits each wall's own permit");
    const { files } = await buildRunReport({ result: r });
    const paths = files.map((f) => f.path);
    expect(paths).toContain('charts/inference.svg');
    const html = String(files.find((f) => f.path === 'index.html')!.content);
    expect(html).toContain('<section id="inference">');
    expect(html).toContain('<section id="why">');
    expect(html).toContain('<section id="activity">');
  });
});

describe('only what applies', () => {
  test('a dense family gets no router chart, no router note, and its calibration is named as unused', async () => {
    const r = baseline();
    for (const s of r.steps) s.quantities.params_total = s.quantities.params_active; // dense: every parameter active
    expect(isMoe(r)).toBe(false);
    r.workload = { source: 'calibration', calibration_file: 'cal.json', network: 'simulated' };
    const { files } = await buildRunReport({
      result: r,
      router: { experts: [{ expert: 0, tokens: 1 }], imbalance: 1, mechanism: 'x' },
    });
    expect(files.map((f) => f.path)).not.toContain('charts/router.svg');
    const html = String(files.find((f) => f.path === 'index.html')!.content);
    expect(html).not.toContain('Router chart');
    expect(html).toContain('the family is dense, so the micro-MoE calibration (cal.json) changes nothing');
  });
  test("a family's declared kind decides over its shape", () => {
    const r = baseline(); // MoE-shaped
    r.workload = { ...r.workload, family: { ...(r.workload.family ?? {}), kind: 'dense' } } as typeof r.workload;
    expect(isMoe(r)).toBe(false);
    r.workload.family!.kind = 'moe';
    for (const s of r.steps) s.quantities.params_total = s.quantities.params_active;
    expect(isMoe(r)).toBe(true);
  });
  test('an MoE family gets the router chart', async () => {
    const r = baseline(); // the fixture's family is MoE-shaped: 670B total, 37B active (DeepSeek-V3's ratio)
    expect(isMoe(r)).toBe(true);
    const { files } = await buildRunReport({
      result: r,
      router: {
        experts: [0, 1, 2, 3].map((expert) => ({ expert, tokens: 100 + expert })),
        imbalance: 1.02,
        mechanism: 'x',
      },
    });
    expect(files.map((f) => f.path)).toContain('charts/router.svg');
  });
});
