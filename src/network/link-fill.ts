// Max-min fair rates by progressive filling (water-filling; Bertsekas & Gallager, Data Networks,
// 1992, 6.5.2) over persistent per-link lists of active flows, for the flow network's incremental
// re-solves: a component is solved from its own links' lists, without gathering its flows' paths
// and rebuilding link lists at every event (fair-share.ts does that for one-off solves).
// The heap holds one entry per link whose key may lag below the link's current share (shares only
// rise as flows freeze), so a popped entry is either current (freeze it) or re-pushed once.
// Invariant: after solve(), every live flow of the solved links has its max-min fair rate: no link
// over capacity, and each flow has a saturated link on which no flow gets more (same as fair-share.ts).
import { MinHeap } from './min-heap.ts';

export class LinkFill {
  private readonly lists: Int32Array[];
  private readonly len: Int32Array;
  private readonly rem: Float64Array;
  private readonly count: Int32Array;
  /** Links whose list holds a retired flow (compacted at their next solve). */
  private readonly stale: Uint8Array;
  private frozen = new Int32Array(1024);
  private epoch = 0;
  private readonly heap: MinHeap;

  constructor(private readonly capacity: Float64Array) {
    const L = capacity.length;
    this.lists = Array.from({ length: L }, () => new Int32Array(4));
    this.len = new Int32Array(L);
    this.rem = new Float64Array(L);
    this.count = new Int32Array(L);
    this.stale = new Uint8Array(L);
    // at most one entry per link at a time (a lagging entry is popped before it is pushed again)
    this.heap = new MinHeap(L);
  }

  /** Flow f (path links[offsets[f] .. offsets[f+1])) joins its links' lists. */
  add(f: number, offsets: Int32Array, links: Int32Array): void {
    for (let k = offsets[f]; k < offsets[f + 1]; k++) {
      const l = links[k];
      if (this.len[l] === this.lists[l].length) {
        const b = new Int32Array(this.lists[l].length * 2);
        b.set(this.lists[l]);
        this.lists[l] = b;
      }
      this.lists[l][this.len[l]++] = f;
    }
    if (f >= this.frozen.length) {
      const b = new Int32Array(Math.max(f + 1, this.frozen.length * 2));
      b.set(this.frozen);
      this.frozen = b;
    }
  }

  /** Flow f (dead[f] now 1) leaves its links' lists at their next solve (only those lists are compacted). */
  retire(f: number, offsets: Int32Array, links: Int32Array): void {
    for (let k = offsets[f]; k < offsets[f + 1]; k++) this.stale[links[k]] = 1;
  }

  /**
   * Sets rate[f] for every live flow on the listed links (retired flows leave the lists first) and
   * returns the earliest drain time, min remaining[f] / rate[f] over those flows (Infinity: none).
   * The listed links must be closed under the flows' paths (a connected component).
   */
  solve(
    compLinks: Int32Array,
    nLinks: number,
    offsets: Int32Array,
    links: Int32Array,
    rate: Float64Array,
    dead: Uint8Array,
    remaining: Float64Array,
  ): number {
    const { rem, count, heap, lists, len, frozen, capacity, stale } = this;
    const epoch = ++this.epoch;
    heap.clear();
    for (let i = 0; i < nLinks; i++) {
      const l = compLinks[i];
      let n = len[l];
      if (stale[l] === 1) {
        stale[l] = 0;
        const list = lists[l];
        n = 0;
        for (let j = 0; j < len[l]; j++) if (!dead[list[j]]) list[n++] = list[j];
        len[l] = n;
      }
      count[l] = n;
      rem[l] = capacity[l];
      if (n > 0) heap.push(capacity[l] / n, l);
    }
    let next = Infinity;
    while (heap.size > 0) {
      const l = heap.topVal();
      const key = heap.topKey();
      heap.pop();
      if (count[l] === 0) continue;
      const level = Math.max(0, rem[l]) / count[l];
      if (level !== key) {
        heap.push(level, l); // lagging entry: re-push at the current share
        continue;
      }
      const list = lists[l];
      for (let j = 0; j < len[l]; j++) {
        const f = list[j];
        if (frozen[f] === epoch) continue;
        frozen[f] = epoch;
        rate[f] = level;
        const t = remaining[f] / level;
        if (t < next) next = t;
        for (let k = offsets[f]; k < offsets[f + 1]; k++) {
          const m = links[k];
          rem[m] -= level;
          count[m]--;
        }
      }
    }
    return next;
  }
}
