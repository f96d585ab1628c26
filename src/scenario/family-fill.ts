// A named model family fills the fields a scenario leaves out, before the schema's defaults do:
// scenario field > the family's catalog entry (src/scenario/families.ts, each sourced) > schema
// default. Applied to the loader's copy of the document (never to what the user wrote), so
// positions and `raw` stay the user's; the scenario hash covers the filled values.
// Invariant: only absent fields are filled, and only for a family the catalog knows (an unknown
// name is left for the schema's enum to report).
import { familyOf } from './families.ts';

type Doc = Record<string, unknown>;

const isMap = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets doc[section][key] = value where the section's key is absent (creating the section). */
function fillAbsent(doc: Doc, section: string, values: Doc): void {
  const current = doc[section];
  if (current !== undefined && !isMap(current)) return; // a wrong type: the schema reports it
  const target: Doc = current ?? {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && !(k in target)) target[k] = v;
  doc[section] = target;
}

export function fillFromFamily(doc: Doc): void {
  const model = doc.model;
  if (!isMap(model) || typeof model.family !== 'string') return;
  const f = familyOf(model.family);
  if (!f) return;
  fillAbsent(doc, 'model', {
    ...f.shape,
    ...(f.batch ? { critical_batch_tokens: f.batch.tokens, critical_batch_law: f.batch.law } : {}),
  });
  if (f.router)
    fillAbsent(doc, 'moe', {
      balancing: f.router.balancing,
      ep_devices: f.router.ep_devices,
      node_limit: f.router.node_limit,
      dispatch_bytes_per_element: f.router.dispatch_bytes_per_element,
      combine_bytes_per_element: f.router.combine_bytes_per_element,
    });
  fillAbsent(doc, 'data', { tokens_per_param: f.tokens_per_active_param });
}
