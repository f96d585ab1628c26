// The module graph of src/ is layered: a folder may import from its own folder and from folders
// below it, never from above (so there is no folder cycle). The engine imports nothing outside
// itself. A new folder must be given its place here before anything can import it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Bottom to top. Root files: index.ts is the public API (top). */
export const LAYERS = [
  'io',
  'engine',
  'distributions',
  'scenario',
  'params',
  'result',
  'demand',
  'moe',
  'calibrate',
  'network',
  'workload',
  'walls',
  'datacenter',
  'planner',
  'fleet',
  'cost',
  'model',
  'montecarlo',
  'charts',
  'report',
  'cli',
] as const;

const SRC = 'src';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

/** Relative specifiers of static imports, re-exports, dynamic import() and tsImport() calls. */
export function importSpecifiers(source: string): string[] {
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\btsImport\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  return [...source.matchAll(re)].map((m) => m[1]);
}

function folderOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  return parts.length > 1 ? parts[0] : '(root)';
}

function layerIndex(folder: string): number {
  return folder === '(root)' ? LAYERS.length : (LAYERS as readonly string[]).indexOf(folder);
}

interface Edge {
  file: string;
  target: string;
  from: string;
  to: string;
}

function edges(): Edge[] {
  return sourceFiles(SRC).flatMap((file) =>
    importSpecifiers(readFileSync(file, 'utf8')).map((spec) => {
      const target = normalize(join(dirname(file), spec));
      return { file, target, from: folderOf(file), to: folderOf(target) };
    }),
  );
}

describe('architecture', () => {
  const all = edges();

  test('importSpecifiers finds static, type, dynamic and tsImport imports', () => {
    const src = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/b.ts';",
      "export { c } from './c.ts';",
      "const d = await import('../d/d.ts');",
      "await tsImport('./e.ts', import.meta.url);",
      "import 'node:fs';",
    ].join('\n');
    expect(importSpecifiers(src)).toEqual(['./a.ts', '../b/b.ts', './c.ts', '../d/d.ts', './e.ts']);
  });

  test('every folder of src/ has a layer', () => {
    const folders = new Set(sourceFiles(SRC).map(folderOf));
    folders.delete('(root)');
    const unknown = [...folders].filter((f) => layerIndex(f) < 0);
    expect(unknown, 'add these folders to LAYERS in test/architecture.test.ts').toEqual([]);
  });

  test('no folder imports from a folder above it (the folder graph is a DAG)', () => {
    const upward = all
      .filter((e) => e.from !== e.to && !e.target.startsWith('..') && layerIndex(e.to) >= layerIndex(e.from))
      .map((e) => `${e.file} (${e.from}) imports ${e.target} (${e.to})`);
    expect(upward).toEqual([]);
  });

  test('the engine imports nothing outside itself', () => {
    const out = all.filter((e) => e.from === 'engine' && e.to !== 'engine').map((e) => `${e.file} -> ${e.target}`);
    expect(out).toEqual([]);
  });

  test('only src/index.ts (the public API) sits at the root', () => {
    const root = sourceFiles(SRC).filter((f) => folderOf(f) === '(root)');
    expect(root).toEqual([join(SRC, 'index.ts')]);
  });
});
