// The rendered scene of a chart, for tests that ask where things are: every item of the Vega
// scenegraph with its absolute bounds (group offsets summed), its mark type, role and datum, and
// the view's own size. Rendered headless as the report renders it (the theme, no canvas).
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compileSpec } from '../../../src/report/render.ts';

export interface SceneItem {
  mark: string;
  role: string;
  name: string;
  datum: Record<string, unknown>;
  text?: string;
  /** Absolute bounds in the SVG's coordinates (padding included). */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Absolute origin of the item (its group's offset plus its own x, y). */
  x: number;
  y: number;
}

export interface Scene {
  width: number;
  height: number;
  items: SceneItem[];
  /** The SVG vega renders from the same view. */
  svg: string;
}

interface Node {
  marktype?: string;
  role?: string;
  name?: string;
  items?: Node[];
  x?: number;
  y?: number;
  datum?: Record<string, unknown>;
  text?: string | string[];
  bounds?: { x1: number; y1: number; x2: number; y2: number };
  mark?: Node;
}

export async function scene(spec: TopLevelSpec): Promise<Scene> {
  const view = new vega.View(vega.parse(compileSpec(spec)), { renderer: 'none' });
  await view.runAsync();
  const items: SceneItem[] = [];
  // the SVG renderer translates the scene by the view's origin plus its padding
  const origin = view.origin();
  const pad = view.padding() as { left: number; top: number };
  const walk = (node: Node, ox: number, oy: number, mark: Node | null) => {
    if (node.marktype !== undefined) {
      // a mark: its items sit in the enclosing group's coordinates
      for (const it of node.items ?? []) walk(it, ox, oy, node);
      return;
    }
    if (mark && node.bounds) {
      const b = node.bounds;
      items.push({
        mark: mark.marktype ?? '',
        role: mark.role ?? '',
        name: mark.name ?? '',
        datum: node.datum ?? {},
        ...(node.text !== undefined ? { text: ([] as string[]).concat(node.text).join(' ') } : {}),
        x1: ox + b.x1,
        y1: oy + b.y1,
        x2: ox + b.x2,
        y2: oy + b.y2,
        x: ox + (node.x ?? 0),
        y: oy + (node.y ?? 0),
      });
    }
    // a group item's children are offset by the group's x, y
    const gx = mark?.marktype === 'group' ? ox + (node.x ?? 0) : ox;
    const gy = mark?.marktype === 'group' ? oy + (node.y ?? 0) : oy;
    for (const child of node.items ?? []) walk(child, gx, gy, null);
  };
  walk((view.scenegraph() as unknown as { root: Node }).root, origin[0] + pad.left, origin[1] + pad.top, null);
  const svg = await view.toSVG();
  view.finalize();
  const size = (attr: string) => Number(new RegExp(`<svg[^>]* ${attr}="([\\d.]+)"`).exec(svg)?.[1]);
  return { width: size('width'), height: size('height'), items, svg };
}
