// The compute and memory walls' resources at a step: the supply alive and delivered per generation,
// summed over a supply ledger in cohort order (src/datacenter/world.ts). A run's steps keep the fold
// between steps (LedgerFold, a RetireCursor with its sums: src/datacenter/retire-cursor.ts); a
// retirement (some step in most runs past their first retirement_years) folds again from the first
// cohort still alive.
import type { Params } from '../params/params.ts';
import type { GenerationCount } from '../walls/inputs.ts';
import { cursorHolds, restartCursor, type RetireCursor } from './retire-cursor.ts';
import { isAlive, type SupplyCohort } from './world.ts';

/** One ledger's fold as a run's steps keep it (src/datacenter/run-cache.ts). Cohorts [start, upto)
 * are folded into the sums: each was either retired at `t` or alive and delivered (so stays
 * delivered). */
export interface LedgerFold extends RetireCursor {
  /** The generations summed (their cohorts' names), in order of first appearance, and their sums:
   * the first `n` entries (overwritten when the fold starts again: emptying the arrays would drop
   * their backing stores, a runtime call and a reallocation each time). */
  names: string[];
  sums: number[];
  n: number;
}

export function newLedgerFold(): LedgerFold {
  // one literal, not a spread of newRetireCursor() (a spread's copy would grow a new map per run)
  return { list: null, t: -Infinity, start: 0, upto: 0, retire: Infinity, names: [], sums: [], n: 0 };
}

/** Supply alive and delivered at t per generation, in order of first appearance (summed in cohort
 * order). `fold`: the run's kept fold of this ledger, brought to t (absent: one pass over it all). */
export function supplyCounts(cohorts: SupplyCohort[], t: number, p: Params, fold?: LedgerFold): GenerationCount[] {
  const out: GenerationCount[] = [];
  let names: string[] | undefined; // out's names, for the rest below (most steps have none)
  let from = 0;
  if (fold !== undefined) {
    bringTo(fold, cohorts, t);
    for (let j = 0; j < fold.n; j++) out.push({ acc: p.hardware_by_name.get(fold.names[j])!, count: fold.sums[j] });
    from = fold.upto; // the rest, after a cohort not yet delivered: as a fresh pass
  }
  for (let i = from; i < cohorts.length; i++) {
    const c = cohorts[i];
    if (!isAlive(c, t) || !(c.from <= t + 1e-9)) continue; // in service, then delivered
    names ??= fold !== undefined ? fold.names.slice(0, fold.n) : [];
    const j = names.indexOf(c.accelerator);
    if (j < 0) {
      names.push(c.accelerator);
      out.push({ acc: p.hardware_by_name.get(c.accelerator)!, count: 0 + c.count });
    } else out[j].count += c.count;
  }
  return out;
}

/** The fold brought to t: kept where no summed cohort has retired since, else started again past
 * the retired head; then extended over the cohorts whose inclusion is settled. */
function bringTo(f: LedgerFold, cohorts: SupplyCohort[], t: number): void {
  if (!cursorHolds(f, cohorts, t)) {
    restartCursor(f, cohorts, t);
    f.n = 0;
  }
  f.t = t;
  let i = f.upto;
  for (; i < cohorts.length; i++) {
    const c = cohorts[i];
    if (!isAlive(c, t)) continue; // retired: left out at every later step too
    if (!(c.from <= t + 1e-9)) break; // not delivered yet: summed from a later step on
    let j = 0;
    while (j < f.n && f.names[j] !== c.accelerator) j++; // indexOf over the entries in use
    if (j === f.n) {
      f.names[j] = c.accelerator;
      f.sums[j] = 0 + c.count;
      f.n++;
    } else f.sums[j] += c.count;
    if (c.retire_at < f.retire) f.retire = c.retire_at;
  }
  f.upto = i;
}
