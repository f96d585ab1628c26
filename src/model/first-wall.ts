// Reading the verdict off the steps. The first wall is the coupled solve's binding constraint at the
// first step where the achievable run falls short of the target, with the other active constraints
// listed; crossings are the first year each wall's own permit falls below the target; growth is the
// achievable run's yearly growth against the target's; the algorithmic shortfall is the first step
// where progress falls behind what the plan assumed.
import type { FirstWall, RunResult, StepResult, WallCrossing } from '../result/types.ts';

export function crossings(steps: StepResult[], wallIds: readonly string[]): WallCrossing[] {
  const out: WallCrossing[] = [];
  // plain loops, each wall's entry read once a step (every run reads its crossings)
  for (const w of wallIds) {
    for (const s of steps) {
      const permit = s.walls[w];
      if (permit && permit.headroom < 1) {
        out.push({ wall: w, year: s.year, headroom: permit.headroom });
        break;
      }
    }
  }
  return out.sort((a, b) => a.year - b.year || wallIds.indexOf(a.wall) - wallIds.indexOf(b.wall));
}

export function firstWall(steps: StepResult[]): FirstWall | null {
  const s = steps.find((x) => x.achievable.headroom < 1);
  if (!s) return null;
  const a = s.achievable;
  return {
    wall: a.binding,
    year: s.year,
    headroom: a.headroom,
    limited_by: a.limited_by,
    also_active: a.active.filter((c) => c.wall !== a.binding),
  };
}

export function nearest(steps: StepResult[]): WallCrossing {
  let best = steps[0];
  for (const s of steps) if (s.achievable.headroom < best.achievable.headroom) best = s;
  return { wall: best.achievable.binding, year: best.year, headroom: best.achievable.headroom };
}

/** Geometric-mean yearly growth of the target and of the achievable run over the horizon. */
export function growth(steps: StepResult[]): RunResult['growth'] {
  const first = steps[0];
  const last = steps[steps.length - 1];
  const years = last.year - first.year;
  if (!(years > 0)) return { target_per_year: 1, achieved_per_year: 1 };
  const rate = (a: number, b: number) => (a > 0 && b > 0 ? Math.pow(b / a, 1 / years) : 0);
  return {
    target_per_year: rate(first.target_flop, last.target_flop),
    achieved_per_year: rate(first.achievable.flop, last.achievable.flop),
  };
}

export function algorithmicShortfall(steps: StepResult[]): RunResult['algorithmic_shortfall'] {
  const s = steps.find((x) => x.algorithms.shortfall_ratio < 1 - 1e-9);
  return s ? { year: s.year, ratio: s.algorithms.shortfall_ratio } : null;
}
