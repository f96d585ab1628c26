// Maps a JSON-pointer path in the merged scenario back to `file:line:col` in the layer that holds
// it. Rule: walk the path from the root; at each segment keep the layers that have it; a list is
// owned wholly by the most derived layer that defines it (lists replace, they do not merge).
import type { Node } from 'yaml';
import { yamlLib } from '../io/lazy-modules.ts';
import { position, type YamlSource } from './source.ts';

interface Hit {
  src: YamlSource;
  node: Node;
}

function child(node: Node, seg: string): Node | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlLib();
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
    return (pair?.value ?? undefined) as Node | undefined;
  }
  if (isSeq(node)) return node.items[Number(seg)] as Node | undefined;
  return undefined;
}

/** Key node of a map entry, to point at an offending key rather than its value. */
export function keyNode(node: Node, key: string): Node | undefined {
  const { isMap, isPair, isScalar } = yamlLib();
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return pair?.key as Node | undefined;
}

/** The deepest node along `path`, in the layer that owns it, plus how many segments matched. */
export function locateNode(layers: YamlSource[], path: string[]): Hit & { depth: number } {
  let hits: Hit[] = layers
    .map((src) => ({ src, node: src.doc.contents as Node }))
    .filter((h) => h.node)
    .reverse(); // most derived first
  let depth = 0;
  for (const seg of path) {
    const next = hits
      .map((h) => ({ src: h.src, node: child(h.node, seg) }))
      .filter((h): h is Hit => h.node !== undefined && h.node !== null);
    if (!next.length) break;
    hits = yamlLib().isSeq(next[0].node) ? [next[0]] : next;
    depth++;
  }
  return { ...hits[0], depth };
}

export function locate(layers: YamlSource[], path: string[], key?: string): string {
  if (key !== undefined) {
    const hit = locateNode(layers, [...path, key]);
    if (hit.depth === path.length + 1) {
      const parent = hit.src.doc.getIn(path, true) as Node | undefined;
      const k = parent ? keyNode(parent, key) : undefined;
      if (k?.range) return position(hit.src, k.range[0]);
    }
  }
  const hit = locateNode(layers, path);
  return position(hit.src, hit.node?.range?.[0] ?? 0);
}
