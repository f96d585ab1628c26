// Checks the schema cannot express: values that are each valid but do not fit together
// (a horizon that ends before it starts, an unknown accelerator name, duplicate site names, a
// lead time whose p90 is below its median, a site with GPUs and no power at all).
import type { FirstwallScenario } from './types.gen.ts';
import { checkEventPayloads } from './event-payloads.ts';
import { checkHorizonLimits } from './horizon-limits.ts';
import { checkPowerFloors } from './power-floor.ts';
import { checkRegionLinks } from './region-links.ts';

export interface Inconsistency {
  path: string[];
  message: string;
}

export function checkConsistency(s: FirstwallScenario): Inconsistency[] {
  const out: Inconsistency[] = [];
  if (s.horizon.end_year < s.horizon.start_year) {
    out.push({
      path: ['horizon', 'end_year'],
      message: `/horizon/end_year must be >= /horizon/start_year (${s.horizon.start_year}) (got ${s.horizon.end_year})`,
    });
  }
  duplicates(s.hardware.map((h) => h.name)).forEach((i) =>
    out.push({
      path: ['hardware', String(i), 'name'],
      message: `/hardware/${i}/name duplicates an earlier accelerator name "${s.hardware[i].name}"`,
    }),
  );
  duplicates(s.sites.map((x) => x.name)).forEach((i) =>
    out.push({
      path: ['sites', String(i), 'name'],
      message: `/sites/${i}/name duplicates an earlier site name "${s.sites[i].name}"`,
    }),
  );
  const names = new Set(s.hardware.map((h) => h.name));
  s.sites.forEach((site, i) => {
    (site.installed ?? []).forEach((inst, j) => {
      if (!names.has(inst.accelerator)) {
        out.push({
          path: ['sites', String(i), 'installed', String(j), 'accelerator'],
          message: `/sites/${i}/installed/${j}/accelerator "${inst.accelerator}" is not in /hardware (/hardware/*/name: ${[...names].join(', ')})`,
        });
      }
    });
    const gpus = (site.installed ?? []).reduce((a, x) => a + x.count, 0);
    if (gpus > 0 && site.grid_mw + (site.onsite_generation_mw ?? 0) <= 0) {
      out.push({
        path: ['sites', String(i), 'grid_mw'],
        message: `/sites/${i} has ${gpus} accelerators installed but no power (grid_mw and onsite_generation_mw are 0)`,
      });
    }
    if (site.max_grid_mw !== undefined && site.max_grid_mw < site.grid_mw) {
      out.push({
        path: ['sites', String(i), 'max_grid_mw'],
        message: `/sites/${i}/max_grid_mw must be >= /sites/${i}/grid_mw (${site.grid_mw}) (got ${site.max_grid_mw})`,
      });
    }
  });
  const leadTimes: [string[], { median_years: number; p90_years: number } | undefined][] = [
    ...Object.entries(s.planner?.lead_times ?? {}).map(
      ([name, lt]) => [['planner', 'lead_times', name], lt] as [string[], typeof lt],
    ),
    [['planner', 'grid_queue', 'study_years'], s.planner?.grid_queue?.study_years],
  ];
  for (const [at, lt] of leadTimes) {
    if (lt && lt.p90_years < lt.median_years) {
      out.push({
        path: [...at, 'p90_years'],
        message: `/${at.join('/')}/p90_years must be >= /${at.join('/')}/median_years (${lt.median_years}) (got ${lt.p90_years})`,
      });
    }
  }
  const siteNames = new Set(s.sites.map((x) => x.name));
  (s.events ?? []).forEach((ev, i) => {
    if (ev.site !== undefined && !siteNames.has(ev.site)) {
      out.push({
        path: ['events', String(i), 'site'],
        message: `/events/${i}/site "${ev.site}" is not a site in /sites (/sites/*/name: ${[...siteNames].join(', ')})`,
      });
    }
  });
  out.push(...checkModelShape(s), ...checkAvailability(s));
  out.push(...checkEventPayloads(s), ...checkRegionLinks(s));
  out.push(...checkHorizonLimits(s));
  out.push(...checkPowerFloors(s));
  return out;
}

function duplicates(names: string[]): number[] {
  return names.flatMap((n, i) => (names.indexOf(n) < i ? [i] : []));
}

/** A model family whose counts contradict each other would give negative layer or head counts. */
function checkModelShape(s: FirstwallScenario): Inconsistency[] {
  const m = s.model;
  if (!m) return [];
  const out: Inconsistency[] = [];
  const pairs: [keyof NonNullable<FirstwallScenario['model']>, keyof NonNullable<FirstwallScenario['model']>][] = [
    ['moe_layers', 'layers'],
    ['top_k', 'routed_experts'],
    ['kv_heads', 'heads'],
  ];
  for (const [small, big] of pairs) {
    const a = m[small] as number | undefined;
    const b = m[big] as number | undefined;
    if (a !== undefined && b !== undefined && a > b)
      out.push({ path: ['model', small], message: `/model/${small} must be <= /model/${big} (${b}) (got ${a})` });
  }
  return out;
}

/** Accelerators in service (installed at the start, or delivered by an event) must exist by then. */
function checkAvailability(s: FirstwallScenario): Inconsistency[] {
  const out: Inconsistency[] = [];
  const first = new Map(s.hardware.map((h) => [h.name, h.first_year]));
  const index = new Map(s.hardware.map((h, k) => [h.name, k]));
  s.sites.forEach((site, i) =>
    (site.installed ?? []).forEach((inst, j) => {
      const y = first.get(inst.accelerator);
      if (y !== undefined && inst.count > 0 && y > s.horizon.start_year) {
        out.push({
          path: ['sites', String(i), 'installed', String(j), 'accelerator'],
          message: `/sites/${i}/installed/${j}/accelerator "${inst.accelerator}" is installed at the horizon start (/horizon/start_year ${s.horizon.start_year}) but first available in ${y} (/hardware/${index.get(inst.accelerator)}/first_year)`,
        });
      }
    }),
  );
  (s.events ?? []).forEach((ev, i) => {
    const name =
      ev.kind === 'gpu_delivery' ? (ev.payload as Record<string, unknown> | undefined)?.accelerator : undefined;
    const y = typeof name === 'string' ? first.get(name) : undefined;
    if (y !== undefined && y > ev.at)
      out.push({
        path: ['events', String(i), 'at'],
        message: `/events/${i} delivers "${String(name)}" at ${ev.at}, before it is first available (${y}, /hardware/${index.get(name as string)}/first_year)`,
      });
  });
  return out;
}
