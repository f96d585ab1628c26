// The interactive layer of a report page, still self-contained and offline: vega, vega-lite and
// vega-embed are inlined from node_modules (no network, no CDN), each figure's Vega-Lite spec is
// embedded a second time in an interactive variant, and a small script draws it with vega-embed in
// place of the static SVG: tooltips on every mark (the datum's fields), and a legend whose entries
// hide and show their series (walls, scenarios, user populations). With scripts off, or if anything
// fails, the static SVG stays: it is the page's content, the interactive view only replaces it.
// Invariant: pure in (spec); the inlined libraries are the installed versions' bytes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Config, TopLevelSpec } from 'vega-lite';
import { THEME } from '../charts/theme.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Colour fields whose legend entries toggle their series. */
const TOGGLE_FIELDS = new Set(['wall', 'scenario', 'users', 'series', 'part', 'design', 'region', 'kind']);

/**
 * The spec as the page draws it live: every unit view that colours by a toggle field gets a point
 * selection bound to its legend (click an entry to show only that series, shift-click for more,
 * double-click to reset) and dims what is not selected; units that already encode opacity keep it.
 */
export function interactiveSpec(spec: TopLevelSpec): TopLevelSpec {
  const out = structuredClone(spec) as unknown as Json;
  let n = 0;
  // layers share one legend per field: the first layer defines the selection, its siblings use it
  const visit = (node: unknown, inherited: Json | undefined, shared: Map<string, string>): void => {
    if (!isObj(node)) return;
    // a layer's encoding is its parent's with its own channels on top (Vega-Lite's rule)
    const enc = { ...(inherited ?? {}), ...(isObj(node.encoding) ? node.encoding : {}) };
    if (node.mark !== undefined) toggle(node, enc, shared);
    if (Array.isArray(node.layer)) {
      const layerShared = new Map<string, string>();
      for (const l of node.layer) visit(l, enc, layerShared);
    }
    for (const k of ['vconcat', 'hconcat', 'concat'])
      if (Array.isArray(node[k])) for (const v of node[k] as unknown[]) visit(v, undefined, new Map());
    if (isObj(node.spec)) visit(node.spec, undefined, new Map());
  };
  const toggle = (unit: Json, enc: Json, shared: Map<string, string>) => {
    const color = enc.color;
    if (!isObj(color) || typeof color.field !== 'string' || !TOGGLE_FIELDS.has(color.field)) return;
    if (color.legend === null || enc.opacity !== undefined) return;
    let name = shared.get(color.field);
    if (!name) {
      name = `legend_${n++}`;
      shared.set(color.field, name);
      const params = Array.isArray(unit.params) ? unit.params : [];
      unit.params = [...params, { name, select: { type: 'point', fields: [color.field] }, bind: 'legend' }];
    }
    const own = isObj(unit.encoding) ? unit.encoding : {};
    unit.encoding = { ...own, opacity: { condition: { param: name, value: 1 }, value: 0.12 } };
  };
  visit(out, undefined, new Map());
  return out as unknown as TopLevelSpec;
}

/** The Vega-Lite config the page draws with: the report theme, tooltips on every mark. */
export const LIVE_CONFIG: Config = { ...THEME, mark: { tooltip: { content: 'data' } } };

const require = createRequire(import.meta.url);
/** Bundles inlined in the page: [package, file next to its entry point]. */
const LIBRARIES: [string, string][] = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
];
let cached: string | undefined;

/** The three libraries as inline scripts (read once per process). */
export function libraryScripts(): string {
  cached ??= LIBRARIES.map(([pkg, file]) => {
    const code = readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
    return `<script>${code.replace(/<\/script/gi, '<\\/script')}</script>`;
  }).join('\n');
  return cached;
}

/** Draws every figure live; leaves the static SVG wherever that fails. */
export const INIT_SCRIPT = `(function () {
  if (typeof vegaEmbed !== 'function') return;
  // tooltip values: numbers to 4 significant digits (exponent form beyond 1e5 or below 1e-3), text escaped
  function show(v) {
    var s = typeof v === 'number' && isFinite(v) && v !== 0 && !Number.isInteger(v)
      ? (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3 ? v.toExponential(3) : String(Number(v.toPrecision(4))))
      : typeof v === 'number' && Math.abs(v) >= 1e6 ? v.toExponential(3) : String(v);
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  }
  var config = JSON.parse(document.getElementById('firstwall-live-config').textContent);
  var specs = document.querySelectorAll('script.vega-lite-live');
  for (var i = 0; i < specs.length; i++) {
    (function (s) {
      var figure = s.closest('figure');
      var target = figure && figure.querySelector('.live');
      if (!target) return;
      var spec;
      try { spec = JSON.parse(s.textContent); } catch (e) { return; }
      vegaEmbed(target, spec, { renderer: 'svg', actions: false, config: config, tooltip: { theme: 'light', sanitize: show } })
        .then(function () { figure.classList.add('is-live'); })
        .catch(function () { /* the static SVG stays */ });
    })(specs[i]);
  }
})();`;
