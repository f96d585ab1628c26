// The walls, in reporting order. Adding a wall is one new module exporting a WallDefinition and one
// line here; results, tables and charts take their ids, labels and colours from this list. The
// order is also the tie-break when two walls' headrooms are equal (the earlier is listed first).
import { computeWall } from './compute.ts';
import { coolingWall } from './cooling.ts';
import { dataWall } from './data.ts';
import { memoryWall } from './memory.ts';
import { networkWall } from './network.ts';
import { powerWall } from './power.ts';
import type { WallDefinition } from './types.ts';

export const WALL_REGISTRY: readonly WallDefinition[] = [
  computeWall,
  memoryWall,
  networkWall,
  powerWall,
  coolingWall,
  dataWall,
];

/** The shipped walls' ids, in reporting order. */
export const WALLS = WALL_REGISTRY.map((w) => w.id);

export function wallById(id: string, registry: readonly WallDefinition[] = WALL_REGISTRY): WallDefinition | undefined {
  return registry.find((w) => w.id === id);
}

/** Colour per wall id (shipped walls; a toy wall brings its own). */
export const WALL_COLORS: Record<string, string> = Object.fromEntries(WALL_REGISTRY.map((w) => [w.id, w.color]));

/** A wall id (the shipped ones, or one a caller registers). */
export type Wall = string;

export function isWall(x: unknown, registry: readonly WallDefinition[] = WALL_REGISTRY): x is Wall {
  return typeof x === 'string' && registry.some((w) => w.id === x);
}
