// Reading the verdict off the steps: when each wall first falls below headroom 1, the first wall
// (the binding wall at the first step where any headroom < 1), and the nearest approach otherwise.
import type { StepResult, WallCrossing } from '../result/types.ts';
import { WALLS } from '../result/walls.ts';

export function crossings(steps: StepResult[]): WallCrossing[] {
  const out: WallCrossing[] = [];
  for (const w of WALLS) {
    const s = steps.find((x) => x.walls[w].headroom < 1);
    if (s) out.push({ wall: w, year: s.year, headroom: s.walls[w].headroom });
  }
  return out.sort((a, b) => a.year - b.year || WALLS.indexOf(a.wall) - WALLS.indexOf(b.wall));
}

export function firstWall(steps: StepResult[]): WallCrossing | null {
  const s = steps.find((x) => x.walls[x.binding].headroom < 1);
  return s ? { wall: s.binding, year: s.year, headroom: s.walls[s.binding].headroom } : null;
}

export function nearest(steps: StepResult[]): WallCrossing {
  let best = steps[0];
  for (const s of steps) if (s.walls[s.binding].headroom < best.walls[best.binding].headroom) best = s;
  return { wall: best.binding, year: best.year, headroom: best.walls[best.binding].headroom };
}
