// One wall's verdict: permitted FLOP, headroom = permitted / target, and what limited it.
// Invariant: finite, non-negative numbers only (a zero target is a caller error).
import type { WallAssessment } from '../result/types.ts';

export function assessWall(
  permitted_flop: number,
  target_flop: number,
  limited_by: string,
  detail: Record<string, number> = {},
): WallAssessment {
  if (!(target_flop > 0) || !Number.isFinite(target_flop))
    throw new RangeError(`target FLOP must be finite and > 0 (got ${target_flop})`);
  if (!(permitted_flop >= 0) || !Number.isFinite(permitted_flop))
    throw new RangeError(`permitted FLOP must be finite and >= 0 (got ${permitted_flop}, ${limited_by})`);
  return new WallRecord(permitted_flop, permitted_flop / target_flop, limited_by, detail);
}

/** A wall's verdict built by a constructor, not an object literal: every wall of every step makes
 * one, and a literal's allocation site that V8 pretenures builds each object on a slow path
 * (src/datacenter/quantities.ts measured it). `declare` fields emit nothing; key order as assigned. */
class WallRecord {
  declare permitted_flop: number;
  declare headroom: number;
  declare limited_by: string;
  declare detail: Record<string, number>;
  constructor(permittedFlop: number, headroom: number, limitedBy: string, detail: Record<string, number>) {
    this.permitted_flop = permittedFlop;
    this.headroom = headroom;
    this.limited_by = limitedBy;
    this.detail = detail;
  }
}

/** The smaller of two candidate limits, with the name of the one that won (the first on a tie; ''
 * and Infinity when neither is below Infinity). Two named arguments rather than a record of them:
 * the record's Object.entries was most of the memory wall's time. */
export function tighter(nameA: string, a: number, nameB: string, b: number): { value: number; name: string } {
  let name = '';
  let value = Infinity;
  if (a < value) [name, value] = [nameA, a];
  if (b < value) [name, value] = [nameB, b];
  return { value, name };
}
