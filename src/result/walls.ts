// The seven walls, in a fixed order. The order is also the tie-break: when two walls have the same
// headroom, the earlier one is reported as binding (memory and network headroom can only equal
// compute's when neither lowers effective FLOP/s, and then compute is the honest answer).

export const WALLS = ['compute', 'memory', 'network', 'power', 'cooling', 'data', 'algorithms'] as const;
export type Wall = (typeof WALLS)[number];

export function isWall(x: unknown): x is Wall {
  return typeof x === 'string' && (WALLS as readonly string[]).includes(x);
}

/** Colour per wall, the same in every chart (Okabe-Ito, colour-blind safe; Okabe & Ito 2008). */
export const WALL_COLORS: Record<Wall, string> = {
  compute: '#0072B2',
  memory: '#56B4E9',
  network: '#009E73',
  power: '#D55E00',
  cooling: '#CC79A7',
  data: '#E69F00',
  algorithms: '#000000',
};
