// Flows over the topology, simulated as fluids on the discrete-event engine (microseconds): a
// message of n bytes from src to dst waits its path latency, then drains at its max-min fair rate,
// which is recomputed whenever a flow starts or ends. Flows that share no link (transitively) form
// separate components; only the component that changed is re-solved (the incremental update).
// Invariant: at every instant each active flow has the max-min fair rate of its component, and a
// flow ends exactly when its bytes are drained (within COMPLETION_TOL_US); with a rate-update
// quantum q > 0, completions are handled at the next multiple of q instead, so a flow may end up to
// q late (its share idles meanwhile): times are then upper bounds, off by at most q per dependency.
import { WaterFill } from './fair-share.ts';
import { MAX_PATH_LINKS, type Topology } from './topology.ts';

/** What the flow network needs from the engine (the engine's Environment fits this shape). */
export interface Scheduler {
  readonly now: number;
  schedule<A>(delay: number, fn: (arg: A) => void, arg: A): { cancel(): boolean };
}

/** Numerical tolerance, not a model parameter: a flow within 1 ns of done ends with its batch. */
const COMPLETION_TOL_US = 1e-3;

/** What an exchange needs to put a message on the network (FlowNetwork, or a dry run's byte count). */
export interface FlowSink {
  readonly topo: Topology;
  send(src: number, dst: number, bytes: number, label: string, onDone?: (() => void) | null): void;
  /** Runs fn after delay_us of simulated time (a dry run runs it at once). */
  after(delay_us: number, fn: () => void): void;
}

export interface FlowRecord {
  src: number;
  dst: number;
  bytes: number;
  label: string;
  start_us: number;
  active_us: number;
  end_us: number;
}

interface Component {
  root: number;
  flows: number[];
  timer: { cancel(): boolean } | null;
}

export class FlowNetwork implements FlowSink {
  /** Flows started (messages with bytes > 0 between distinct GPUs). */
  flowsStarted = 0;
  /** Fair-share solves run (one per changed component per instant). */
  solves = 0;
  readonly records: FlowRecord[] = [];
  private readonly recordFlows: boolean;
  private remaining = new Float64Array(1024);
  private rate = new Float64Array(1024);
  private last = new Float64Array(1024);
  private offsets = new Int32Array(1025);
  private links = new Int32Array(1024 * 4);
  private readonly done: ((() => void) | null)[] = [];
  private readonly meta: {
    src: number;
    dst: number;
    bytes: number;
    label: string;
    start_us: number;
    active_us: number;
  }[] = [];
  private readonly parent: Int32Array;
  private readonly comps: (Component | null)[];
  private readonly dirty: number[] = [];
  private settleQueued = false;
  private readonly solver: WaterFill;
  private readonly pathBuf = new Int32Array(MAX_PATH_LINKS);

  private readonly quantum_us: number;

  constructor(
    private readonly env: Scheduler,
    readonly topo: Topology,
    opts: { record?: boolean; quantum_us?: number } = {},
  ) {
    this.quantum_us = opts.quantum_us ?? 0;
    if (!(this.quantum_us >= 0 && Number.isFinite(this.quantum_us)))
      throw new RangeError(`quantum_us must be finite and >= 0 (got ${this.quantum_us})`);
    const L = topo.capacity_B_per_us.length;
    this.parent = Int32Array.from({ length: L }, (_, i) => i);
    this.comps = new Array<Component | null>(L).fill(null);
    this.solver = new WaterFill(topo.capacity_B_per_us);
    this.recordFlows = opts.record ?? false;
  }

  /** Sends `bytes` from src to dst now; calls onDone when the last byte has arrived. */
  send(src: number, dst: number, bytes: number, label: string, onDone: (() => void) | null = null): void {
    if (!(bytes >= 0 && Number.isFinite(bytes))) throw new RangeError(`bytes must be finite and >= 0 (got ${bytes})`);
    if (src === dst || bytes === 0) {
      // A local copy or an empty message costs nothing on the network.
      if (onDone) this.env.schedule(0, onDone, undefined);
      return;
    }
    const f = this.allocate(src, dst, bytes, label, onDone);
    this.env.schedule(this.topo.latency_us(src, dst), (id: number) => this.activate(id), f);
  }

  after(delay_us: number, fn: () => void): void {
    this.env.schedule(delay_us, fn, undefined);
  }

  private allocate(src: number, dst: number, bytes: number, label: string, onDone: (() => void) | null): number {
    const f = this.flowsStarted++;
    if (f + 1 >= this.remaining.length) this.growFlows();
    const n = this.topo.path(src, dst, this.pathBuf);
    const base = this.offsets[f];
    if (base + n > this.links.length) this.links = growInt(this.links, base + n);
    this.links.set(this.pathBuf.subarray(0, n), base);
    this.offsets[f + 1] = base + n;
    this.remaining[f] = bytes;
    this.done.push(onDone);
    this.meta.push({ src, dst, bytes, label, start_us: this.env.now, active_us: NaN });
    return f;
  }

  private activate(f: number): void {
    this.meta[f].active_us = this.env.now;
    this.last[f] = this.env.now;
    this.rate[f] = 0;
    let root = this.find(this.links[this.offsets[f]]);
    for (let k = this.offsets[f] + 1; k < this.offsets[f + 1]; k++) root = this.union(root, this.links[k]);
    this.component(root).flows.push(f);
    this.markDirty(root);
  }

  private component(root: number): Component {
    let c = this.comps[root];
    if (!c) this.comps[root] = c = { root, flows: [], timer: null };
    return c;
  }

  private markDirty(root: number): void {
    this.dirty.push(root);
    if (!this.settleQueued) {
      this.settleQueued = true;
      this.env.schedule(0, () => this.settle(), undefined);
    }
  }

  /** Re-solves every changed component, then runs the callbacks of flows that ended. */
  private settle(): void {
    this.settleQueued = false;
    const ended: number[] = [];
    const roots = this.dirty.splice(0).map((r) => this.find(r));
    for (const root of [...new Set(roots)].sort((a, b) => a - b)) this.solveComponent(this.component(root), ended);
    for (const f of ended) this.finish(f);
  }

  private solveComponent(c: Component, ended: number[]): void {
    const now = this.env.now;
    const { remaining, rate, last } = this;
    const alive: number[] = [];
    for (const f of c.flows) {
      remaining[f] -= rate[f] * (now - last[f]);
      last[f] = now;
      if (rate[f] > 0 && remaining[f] <= rate[f] * COMPLETION_TOL_US) ended.push(f);
      else alive.push(f);
    }
    c.flows = alive;
    c.timer?.cancel();
    c.timer = null;
    if (alive.length === 0) return;
    this.solves++;
    this.solver.solve({ offsets: this.offsets, links: this.links }, alive, alive.length, rate);
    let next = Infinity;
    for (const f of alive) next = Math.min(next, remaining[f] / rate[f]);
    const q = this.quantum_us;
    if (q > 0) next = Math.max(q, Math.ceil((now + next) / q) * q - now);
    c.timer = this.env.schedule(next, (r: number) => this.markDirty(r), c.root);
  }

  private finish(f: number): void {
    const m = this.meta[f];
    if (this.recordFlows) this.records.push({ ...m, end_us: this.env.now });
    const cb = this.done[f];
    this.done[f] = null;
    if (cb) cb();
  }

  private find(l: number): number {
    const p = this.parent;
    while (p[l] !== l) {
      p[l] = p[p[l]];
      l = p[l];
    }
    return l;
  }

  /** Joins the component of `root` with link l's; the smaller root index survives (determinism). */
  private union(root: number, l: number): number {
    const other = this.find(l);
    if (other === root) return root;
    const [keep, drop] = root < other ? [root, other] : [other, root];
    this.parent[drop] = keep;
    const d = this.comps[drop];
    if (d) {
      d.timer?.cancel();
      const k = this.component(keep);
      // Bring the absorbed flows to now at their old rates before they are re-solved together.
      for (const f of d.flows) k.flows.push(f);
      this.comps[drop] = null;
      this.markDirty(keep);
    }
    return keep;
  }

  private growFlows(): void {
    const n = this.remaining.length * 2;
    this.remaining = growFloat(this.remaining, n);
    this.rate = growFloat(this.rate, n);
    this.last = growFloat(this.last, n);
    this.offsets = growInt(this.offsets, n + 1);
  }
}

function growFloat(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

function growInt(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
