// The only module that imports vega: compiles a Vega-Lite spec with the theme (collecting every
// warning instead of printing it), renders it headless to SVG, and rasterizes SVG to PNG with resvg.
// Invariant: same spec -> byte-identical SVG (no canvas, inline data, a seeded vega random).
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import { THEME } from '../charts/theme.ts';

export interface Rendered {
  svg: string;
  /** Warnings from vega-lite compile and vega parse/render; a clean chart has none. */
  warnings: string[];
}

/** A vega-lite logger that keeps messages instead of writing them to the console. */
function collectingLogger(into: string[]) {
  let level = 0;
  const push = (...args: readonly unknown[]) => {
    into.push(args.map(String).join(' '));
  };
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      push('error:', ...args);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      push(...args);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/** Compiles a Vega-Lite spec to a Vega spec with the theme; warnings are collected, not printed. */
export function compileSpec(spec: TopLevelSpec, warnings: string[] = []): vega.Spec {
  return compile(spec, { config: THEME, logger: collectingLogger(warnings) }).spec;
}

/** Fixed seed for any vega transform that samples (none of ours do; kept for byte-identical output). */
const VEGA_SEED = 20250101;

/** vega exports setRandom/randomLCG at runtime but its typings omit them. */
function seedVegaRandom(): void {
  const v = vega as unknown as { setRandom?: (r: () => number) => void; randomLCG?: (seed: number) => () => number };
  if (v.setRandom && v.randomLCG) v.setRandom(v.randomLCG(VEGA_SEED));
}

/**
 * Vega numbers clip paths and gradients with a process-wide counter, so the same chart gets
 * different ids depending on what was rendered before; renumber them from 1 in order of appearance.
 */
export function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/(id="|url\(#)(clip|gradient|pattern)(\d+)/g, (_m, pre: string, kind: string, n: string) => {
    const key = kind + n;
    if (!ids.has(key)) ids.set(key, `${kind}${ids.size + 1}`);
    return pre + ids.get(key);
  });
}

/** Renders a Vega-Lite spec to SVG headless (renderer "none", no DOM, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<Rendered> {
  const warnings: string[] = [];
  const vg = compileSpec(spec, warnings);
  seedVegaRandom();
  const view = new vega.View(vega.parse(vg), {
    renderer: 'none',
    logger: collectingLogger(warnings) as unknown as vega.LoggerInterface,
  });
  try {
    const svg = renumberIds(await view.toSVG());
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}

/**
 * Rasterizes an SVG to PNG at 2x its size (print quality). Uses the system's fonts, so PNG bytes
 * may differ between machines; the SVG is the tested, deterministic artifact.
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
