// Chart: the speed of light. Real-time inference servable capacity against the round-trip latency
// budget at one step: for each user population, the inference accelerators at sites within its
// radius over its share of the real-time demand (1 = exactly enough), as the budget grows from a
// few milliseconds; the scenario's budget is the vertical rule. A site joins a population's curve
// at the budget whose round trip reaches it (2 x distance x fibre us/km x route factor + hops +
// server time; src/walls/inference-siting.ts), so the curves are steps.
// Invariant: pure; built only from the step's inference record (path, sites, distances).
import type { InferenceStep } from '../result/cost-types.ts';
import { inferenceSiting, roundTripMs, type UsersSpec } from '../walls/inference-siting.ts';
import { GENERATION_COLORS, NEUTRAL, SIZE } from './theme.ts';
import { VL_SCHEMA, type Spec } from './common.ts';

/** True when the step carries what the curve needs (results before issue 15 do not). */
export function hasSitingDetail(i: InferenceStep | undefined): i is Required<InferenceStep> {
  return !!i && !!i.path && !!i.sites && i.users.every((u) => u.distance_km !== undefined);
}

function usersSpec(i: Required<InferenceStep>): UsersSpec[] {
  return i.users.map((u) => ({
    name: u.name,
    demand_share: u.demand_share,
    distance_km: i.sites.map((s) => u.distance_km![s.name] ?? null),
  }));
}

/** Each population's headroom (servable / needed) at a budget, and all together. */
export function headroomAtBudget(i: Required<InferenceStep>, budgetMs: number): Record<string, number> {
  const r = inferenceSiting(budgetMs, i.path, usersSpec(i), i.sites, i.needed_gpus);
  return Object.fromEntries(r.users.map((u) => [u.name, u.headroom]));
}

/** The budgets at which some site enters some population's reach, within [lo, hi]. */
export function breakpoints(i: Required<InferenceStep>, lo: number, hi: number): number[] {
  const ds = i.users.flatMap((u) => Object.values(u.distance_km!).filter((d): d is number => d !== null));
  const bs = ds.map((d) => roundTripMs(d, i.path) + 1e-9).filter((b) => b > lo + 1e-6 && b < hi);
  return [...new Set([lo, ...bs, hi])].sort((a, b) => a - b);
}

/** The least budget at which a population's servable capacity meets its need (null: never, within hi). */
export function budgetToServe(i: Required<InferenceStep>, user: string, hi = BUDGET_MAX_MS): number | null {
  for (const b of breakpoints(i, BUDGET_MIN_MS, hi)) if (headroomAtBudget(i, b)[user] >= 1) return b;
  return null;
}

/** The budget axis: 1 ms (a metro round trip) to 300 ms (around the world over fibre). */
export const BUDGET_MIN_MS = 1;
export const BUDGET_MAX_MS = 300;

export function inferenceChart(i: Required<InferenceStep>, year: number, scenario: string): Spec {
  const rows = breakpoints(i, BUDGET_MIN_MS, BUDGET_MAX_MS).flatMap((b) =>
    Object.entries(headroomAtBudget(i, b)).map(([users, headroom]) => ({
      budget_ms: Math.round(b * 1000) / 1000,
      users,
      headroom: Math.min(headroom, 1e3),
    })),
  );
  const names = i.users.map((u) => u.name);
  return {
    $schema: VL_SCHEMA,
    title: {
      text: `${scenario}: real-time inference the speed of light allows, ${Math.round(year)}`,
      subtitle: [
        'Accelerators within reach of each user population / its share of the demand,',
        `against the round-trip budget (fibre ${i.path.fiber_us_per_km} us/km); 1 = just enough;`,
        `dashed: the scenario's ${i.latency_budget_ms} ms budget`,
      ],
    },
    width: SIZE.width,
    height: SIZE.smallHeight * 1.6,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', interpolate: 'step-after', point: { size: 14 } },
        encoding: {
          x: {
            field: 'budget_ms',
            type: 'quantitative',
            title: 'Round-trip latency budget (ms, log)',
            scale: { type: 'log', domain: [BUDGET_MIN_MS, BUDGET_MAX_MS], nice: false },
            axis: { values: [1, 2, 5, 10, 20, 50, 100, 200], format: '~g' },
          },
          y: { field: 'headroom', type: 'quantitative', title: 'Servable / needed' },
          color: {
            field: 'users',
            type: 'nominal',
            title: 'Users',
            sort: names,
            scale: { domain: names, range: GENERATION_COLORS.slice(0, Math.max(1, names.length)) },
          },
        },
      },
      {
        data: { values: [{ budget_ms: i.latency_budget_ms }] },
        mark: { type: 'rule', strokeDash: [5, 3], color: NEUTRAL.target },
        encoding: { x: { field: 'budget_ms', type: 'quantitative' } },
      },
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', strokeDash: [2, 2], color: '#333333' },
        encoding: { y: { field: 'one', type: 'quantitative' } },
      },
    ],
  } as Spec;
}
