// Random shocks: each `shocks:` entry is a Poisson process (rate per year) of supply disruptions or
// energy price spikes. Arrival times come from the stream `shocks.<index>.arrivals` alone, so adding
// a shock never moves another, and a run stays a pure function of (scenario, seed).
import type { RandomStreams } from '../engine/rng.ts';
import type { Event as ScenarioEvent, Shock as ShockSpec } from '../scenario/types.gen.ts';

/** The shock's occurrences in [start, end] as scripted events (exponential inter-arrival times). */
export function shockEvents(
  spec: ShockSpec,
  index: number,
  streams: RandomStreams,
  start: number,
  end: number,
): ScenarioEvent[] {
  if (!(spec.rate_per_year > 0)) return [];
  const rng = streams.get(`shocks.${index}.arrivals`);
  const out: ScenarioEvent[] = [];
  for (
    let t = start + rng.exponential(1 / spec.rate_per_year);
    t <= end;
    t += rng.exponential(1 / spec.rate_per_year)
  ) {
    const label = spec.label ?? `random ${spec.kind.replace('_', ' ')}`;
    out.push(
      spec.kind === 'supply_shock'
        ? { at: t, kind: spec.kind, label, payload: spec.payload }
        : { at: t, kind: spec.kind, label, payload: spec.payload },
    );
  }
  return out;
}
