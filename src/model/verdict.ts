// The answer in words: the first wall (the coupled solve's binding constraint where the achievable
// run first falls short), what limited it and what else was active; when each wall's own permit
// first falls short; growth achieved against the target; algorithms beside physical compute; and
// how certain the verdict is over lead-time draws.
import { formatHeadroom, formatYear } from '../result/format.ts';
import type { RunResult } from '../result/types.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The model family, its tokens per active parameter and, for MoE, what the router cost at the first step. */
function modelSentence(r: RunResult): string | null {
  const f = r.workload.family;
  if (!f) return null;
  const ratio = `${f.tokens_per_active_param.toPrecision(3)} tokens per active parameter (${f.tokens_per_active_param_from})`;
  const router = r.workload.router;
  const q = r.steps[0]?.quantities.routing;
  if (!router || !q) return `Model: ${f.label}, ${ratio}.`;
  const l = router.learned_skew;
  const beside =
    l.measured_cv !== null && l.used !== 'measured' ? `; the micro-MoE measured CV ${l.measured_cv.toFixed(2)}` : '';
  return (
    `Model: ${f.label}, ${ratio}. Router in ${formatYear(r.steps[0].year)}: busiest GPU ${q.imbalance_device.toFixed(2)}x and busiest node ${q.imbalance_nic.toFixed(2)}x the mean load, ${pct(q.straggler_fraction + q.dropped_fraction)} of step time ` +
    `(learned skew ${l.used}, per-expert CV ${l.cv.toFixed(3)}${beside}).`
  );
}

export function verdict(r: RunResult): string {
  const lines: string[] = [];
  const f = r.first_wall;
  if (!f) {
    const n = r.nearest;
    lines.push(
      `No wall binds by ${formatYear(r.horizon.end_year)}: the achievable run meets the target every step (closest: ${formatHeadroom(n.headroom)} in ${formatYear(n.year)}, ${n.wall}).`,
    );
  } else {
    const also = f.also_active.map((a) => `${a.wall} (${a.limited_by}, elasticity ${a.elasticity.toFixed(2)})`);
    lines.push(
      `First wall: ${f.wall} in ${formatYear(f.year)}: the achievable run is ${formatHeadroom(f.headroom)} of the target, limited by ${f.limited_by}.` +
        (also.length ? ` Also active: ${also.join('; ')}.` : ''),
    );
  }
  if (r.crossings.length)
    lines.push(
      `Each wall's own permit first falls below the target: ${r.crossings.map((c) => `${c.wall} ${formatYear(c.year)}`).join(', ')}.`,
    );
  lines.push(
    `Growth: the achievable run grows ${r.growth.achieved_per_year.toPrecision(3)}x/yr against a target of ${r.growth.target_per_year.toPrecision(3)}x/yr.`,
  );
  const model = modelSentence(r);
  if (model) lines.push(model);
  const a = r.algorithmic_shortfall;
  lines.push(
    a
      ? `Algorithms: progress falls behind the plan from ${formatYear(a.year)} (achieved gain / assumed = ${formatHeadroom(a.ratio)}), so effective compute falls short by that factor on top.`
      : 'Algorithms: progress keeps pace with the plan (effective compute = physical x the assumed gain).',
  );
  const grid = gridSentence(r);
  if (grid) lines.push(grid);
  const c = r.certainty;
  if (c) {
    const shares = Object.entries(c.first_wall_probability).map(([w, p]) => `${w} ${pct(p)}`);
    const span = c.first_year
      ? `; first-wall year ${formatYear(c.first_year.min)}-${formatYear(c.first_year.max)} (median ${formatYear(c.first_year.median)})`
      : '';
    lines.push(`Certainty over ${c.draws} lead-time draws: ${shares.join(', ')}${span}. ` + agreement(r));
  }
  return lines.join('\n');
}

/** Whether this draw's first wall is the most likely one, saying so when the likeliest walls tie. */
function agreement(r: RunResult): string {
  const c = r.certainty!;
  const top = Math.max(...Object.values(c.first_wall_probability));
  const likeliest = Object.keys(c.first_wall_probability).filter((w) => c.first_wall_probability[w] === top);
  const mine = r.first_wall?.wall ?? 'none';
  if (!c.agrees) return 'This draw is not the most likely outcome: read the shares, or run `firstwall sweep`.';
  if (likeliest.length === 1) return 'This draw agrees with the most likely first wall.';
  const others = likeliest.filter((w) => w !== mine);
  return `This draw's first wall ties with ${others.join(' and ')} as the most likely: the draws do not decide between them; run \`firstwall sweep\` for more.`;
}

/** Which regions' grid buildout capped the planner's new grid orders, and when. */
function gridSentence(r: RunResult): string | null {
  const limits = r.grid_limits ?? [];
  if (limits.length === 0) return null;
  const years = new Map<string, number[]>();
  for (const l of limits) years.set(l.region, [...(years.get(l.region) ?? []), Math.floor(l.at + 1e-9)]);
  const parts = [...years].map(([region, ys]) => `${region} ${Math.min(...ys)}-${Math.max(...ys)}`);
  return `Grid: the region's share of its grid buildout capped new grid orders in ${parts.join(', ')} (${limits.length} reviews; see grid_limits).`;
}
