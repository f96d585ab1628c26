// Max-min fair sharing by progressive filling (water-filling): every flow's rate rises together
// until a link is full; the flows through that link freeze at its fair share, and the rest keep
// rising. The result is the unique max-min fair allocation (Bertsekas & Gallager, Data Networks,
// 1992, section 6.5.2).
// Invariant: no link carries more than its capacity, and every flow is bottlenecked at some link
// where it has the largest rate (the max-min condition); tested in test/network/fair-share.test.ts.
import { MinHeap } from './min-heap.ts';

/** Flows in compressed form: flow f uses links[offsets[f] .. offsets[f+1]). */
export interface FlowPaths {
  offsets: Int32Array;
  links: Int32Array;
}

/** Scratch arrays sized to the link count, reused across calls to avoid allocation per event. */
export class WaterFill {
  private rem: Float64Array;
  private count: Int32Array;
  private stamp: Int32Array;
  private epoch = 0;
  private linkFlowStart: Int32Array;
  private linkFlowFill: Int32Array;
  private linkFlows = new Int32Array(1024);
  private frozen = new Uint8Array(1024);
  private touched = new Int32Array(1024);
  private readonly heap = new MinHeap(1024);

  constructor(private readonly capacity: Float64Array) {
    const L = capacity.length;
    this.rem = new Float64Array(L);
    this.count = new Int32Array(L);
    this.stamp = new Int32Array(L);
    this.linkFlowStart = new Int32Array(L + 1);
    this.linkFlowFill = new Int32Array(L);
  }

  /**
   * Sets rate[f] for every f in `flows` (ids into `paths`) to its max-min fair rate. Links used by
   * no listed flow are ignored, so a connected component can be solved on its own.
   */
  solve(paths: FlowPaths, flows: ArrayLike<number>, nFlows: number, rate: Float64Array): void {
    const touchedCount = this.gatherLinks(paths, flows, nFlows);
    this.buildLinkLists(paths, flows, nFlows, touchedCount);
    if (this.frozen.length < nFlows) this.frozen = new Uint8Array(nFlows * 2);
    this.frozen.fill(0, 0, nFlows);
    const { rem, count, heap, touched } = this;
    heap.clear();
    for (let i = 0; i < touchedCount; i++) {
      const l = touched[i];
      heap.push(rem[l] / count[l], l);
    }
    while (heap.size > 0) {
      const l = heap.topVal();
      const key = heap.topKey();
      heap.pop();
      if (count[l] === 0) continue;
      const level = Math.max(0, rem[l]) / count[l];
      if (level !== key) {
        heap.push(level, l); // stale entry: the link's share changed since it was pushed
        continue;
      }
      // (A key above the level can only come from rounding in rem; the re-push above handles it.)
      this.freezeLink(l, level, paths, flows, rate);
    }
  }

  /** Collects the distinct links of the listed flows and their unfrozen-flow counts. */
  private gatherLinks(paths: FlowPaths, flows: ArrayLike<number>, nFlows: number): number {
    const { offsets, links } = paths;
    const epoch = ++this.epoch;
    let n = 0;
    for (let i = 0; i < nFlows; i++) {
      const f = flows[i];
      for (let k = offsets[f]; k < offsets[f + 1]; k++) {
        const l = links[k];
        if (this.stamp[l] !== epoch) {
          this.stamp[l] = epoch;
          this.rem[l] = this.capacity[l];
          this.count[l] = 0;
          if (n === this.touched.length) this.touched = grow(this.touched);
          this.touched[n++] = l;
        }
        this.count[l]++;
      }
    }
    return n;
  }

  /** CSR of link -> listed-flow positions (indices into `flows`). */
  private buildLinkLists(paths: FlowPaths, flows: ArrayLike<number>, nFlows: number, nLinks: number): void {
    const { offsets, links } = paths;
    const start = this.linkFlowStart,
      fill = this.linkFlowFill,
      touched = this.touched;
    let total = 0;
    for (let i = 0; i < nLinks; i++) {
      const l = touched[i];
      start[l] = total;
      fill[l] = total;
      total += this.count[l];
    }
    if (this.linkFlows.length < total) this.linkFlows = new Int32Array(total * 2);
    for (let i = 0; i < nFlows; i++) {
      const f = flows[i];
      for (let k = offsets[f]; k < offsets[f + 1]; k++) this.linkFlows[fill[links[k]]++] = i;
    }
  }

  /** Freezes every unfrozen flow through link l at `level` and charges its other links. */
  private freezeLink(l: number, level: number, paths: FlowPaths, flows: ArrayLike<number>, rate: Float64Array): void {
    const { offsets, links } = paths;
    const { rem, count, frozen, linkFlows, linkFlowStart, linkFlowFill } = this;
    for (let j = linkFlowStart[l]; j < linkFlowFill[l]; j++) {
      const i = linkFlows[j];
      if (frozen[i]) continue;
      frozen[i] = 1;
      const f = flows[i];
      rate[f] = level;
      for (let k = offsets[f]; k < offsets[f + 1]; k++) {
        const m = links[k];
        rem[m] -= level;
        count[m]--;
        // No push here: m's heap entry now holds a key at or below its level (levels only rise
        // as flows freeze), so it pops early, finds itself stale and is re-pushed once (solve()).
      }
    }
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Convenience form for tests and small uses: rates of flows given as lists of link indices. */
export function maxMinFair(capacities: readonly number[], flowLinks: readonly (readonly number[])[]): number[] {
  const offsets = new Int32Array(flowLinks.length + 1);
  flowLinks.forEach((p, i) => (offsets[i + 1] = offsets[i] + p.length));
  const links = new Int32Array(offsets[flowLinks.length]);
  flowLinks.forEach((p, i) => links.set(p, offsets[i]));
  for (const p of flowLinks) {
    if (p.length === 0) throw new RangeError('every flow needs at least one link');
    for (const l of p) if (!(l >= 0 && l < capacities.length)) throw new RangeError(`link ${l} out of range`);
  }
  const rate = new Float64Array(flowLinks.length);
  const ids = Int32Array.from(flowLinks.keys());
  new WaterFill(Float64Array.from(capacities)).solve({ offsets, links }, ids, ids.length, rate);
  return Array.from(rate);
}
