// What the schema cannot say about event payloads: an accelerator a delivery names must be in the
// catalog. (The schema checks each event kind's payload and site: schemas/scenario.schema.json,
// $defs/event.)
import type { FirstwallScenario } from './types.gen.ts';
import type { Inconsistency } from './consistency.ts';

export function checkEventPayloads(s: FirstwallScenario): Inconsistency[] {
  const accelerators = s.hardware.map((h) => h.name);
  return (s.events ?? []).flatMap((ev, i) =>
    ev.kind === 'gpu_delivery' && !accelerators.includes(ev.payload.accelerator)
      ? [
          {
            path: ['events', String(i), 'payload', 'accelerator'],
            message: `/events/${i}/payload/accelerator "${ev.payload.accelerator}" is not in /hardware`,
          },
        ]
      : [],
  );
}
