// Flows over the topology, simulated as fluids on the discrete-event engine (microseconds): a
// message of n bytes from src to dst waits its path latency, then drains at its max-min fair rate,
// which is recomputed whenever a flow starts or ends. Flows that share no link (transitively) form
// separate components; only the component that changed is re-solved (the incremental update).
// Invariant: at every instant each active flow has the max-min fair rate of its component, and a
// flow ends exactly when its bytes are drained (within COMPLETION_TOL_US); with a rate-update
// quantum q > 0, completions are handled at the next multiple of q instead, so a flow may end up to
// q late (its share idles meanwhile): times are then upper bounds, off by at most q per dependency.
import { LinkFill } from './link-fill.ts';
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
  /** Active flows in activation (and merge) order: flows[0 .. n). */
  flows: Int32Array;
  n: number;
  /** The component's links: links[0 .. nl). */
  links: Int32Array;
  nl: number;
  timer: { cancel(): boolean } | null;
}

/** A completion handler that takes a tag instead of a closure per flow (no allocation per message). */
export interface FlowHandler {
  flowDone(tag: number): void;
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
  private startUs = new Float64Array(1024);
  private activeUs = new Float64Array(1024);
  private offsets = new Int32Array(1025);
  private links = new Int32Array(1024 * 4);
  private doneTag = new Int32Array(1024);
  private readonly done: (FlowHandler | (() => void) | null)[] = [];
  /** Only when recording: what a trace shows of each flow. */
  private readonly meta: { src: number; dst: number; bytes: number; label: string }[] = [];
  private readonly parent: Int32Array;
  private readonly comps: (Component | null)[];
  private readonly dirty: number[] = [];
  private readonly ended: number[] = [];
  private settleQueued = false;
  private readonly solver: LinkFill;
  private dead = new Uint8Array(1024);
  private readonly pathBuf = new Int32Array(MAX_PATH_LINKS);
  private readonly activateFn = (f: number): void => this.activate(f);
  private readonly markDirtyFn = (root: number): void => this.markDirty(root);
  private readonly settleFn = (): void => this.settle();

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
    this.solver = new LinkFill(topo.capacity_B_per_us);
    this.recordFlows = opts.record ?? false;
  }

  /** Sends `bytes` from src to dst now; calls onDone when the last byte has arrived. */
  send(src: number, dst: number, bytes: number, label: string, onDone: (() => void) | null = null): void {
    this.sendTagged(src, dst, bytes, label, onDone, 0);
  }

  /** As send, with onDone a FlowHandler called with `tag` (or a plain callback, tag unused). */
  sendTagged(
    src: number,
    dst: number,
    bytes: number,
    label: string,
    onDone: FlowHandler | (() => void) | null,
    tag: number,
  ): void {
    if (!(bytes >= 0 && Number.isFinite(bytes))) throw new RangeError(`bytes must be finite and >= 0 (got ${bytes})`);
    if (src === dst || bytes === 0) {
      // A local copy or an empty message costs nothing on the network.
      if (onDone) this.env.schedule(0, () => call(onDone, tag), undefined);
      return;
    }
    const f = this.allocate(src, dst, bytes, label, onDone, tag);
    this.env.schedule(this.topo.latency_us(src, dst), this.activateFn, f);
  }

  after(delay_us: number, fn: () => void): void {
    this.env.schedule(delay_us, fn, undefined);
  }

  private allocate(
    src: number,
    dst: number,
    bytes: number,
    label: string,
    onDone: FlowHandler | (() => void) | null,
    tag: number,
  ): number {
    const f = this.flowsStarted++;
    if (f + 1 >= this.remaining.length) this.growFlows();
    const n = this.topo.path(src, dst, this.pathBuf);
    const base = this.offsets[f];
    if (base + n > this.links.length) this.links = growInt(this.links, base + n);
    for (let i = 0; i < n; i++) this.links[base + i] = this.pathBuf[i];
    this.offsets[f + 1] = base + n;
    this.remaining[f] = bytes;
    this.startUs[f] = this.env.now;
    this.done.push(onDone);
    this.doneTag[f] = tag;
    if (this.recordFlows) this.meta.push({ src, dst, bytes, label });
    return f;
  }

  private activate(f: number): void {
    this.activeUs[f] = this.env.now;
    this.last[f] = this.env.now;
    this.rate[f] = 0;
    let root = this.find(this.links[this.offsets[f]]);
    this.component(root);
    for (let k = this.offsets[f] + 1; k < this.offsets[f + 1]; k++) root = this.union(root, this.links[k]);
    pushFlow(this.component(root), f);
    this.solver.add(f, this.offsets, this.links);
    this.markDirty(root);
  }

  private component(root: number): Component {
    let c = this.comps[root];
    if (!c) {
      // A root without a component is a link no flow has used yet: the component of that link alone.
      const links = new Int32Array(4);
      links[0] = root;
      this.comps[root] = c = { root, flows: new Int32Array(16), n: 0, links, nl: 1, timer: null };
    }
    return c;
  }

  private markDirty(root: number): void {
    this.dirty.push(root);
    if (!this.settleQueued) {
      this.settleQueued = true;
      this.env.schedule(0, this.settleFn, undefined);
    }
  }

  /** Re-solves every changed component, then runs the callbacks of flows that ended. */
  private settle(): void {
    this.settleQueued = false;
    const ended = this.ended;
    ended.length = 0;
    const dirty = this.dirty;
    for (let i = 0; i < dirty.length; i++) dirty[i] = this.find(dirty[i]);
    dirty.sort((a, b) => a - b);
    let prev = -1;
    for (let i = 0; i < dirty.length; i++) {
      if (dirty[i] === prev) continue;
      prev = dirty[i];
      this.solveComponent(this.component(prev), ended);
    }
    dirty.length = 0;
    for (let i = 0; i < ended.length; i++) this.finish(ended[i]);
  }

  private solveComponent(c: Component, ended: number[]): void {
    const now = this.env.now;
    const { remaining, rate, last } = this;
    const flows = c.flows;
    let alive = 0;
    for (let i = 0; i < c.n; i++) {
      const f = flows[i];
      remaining[f] -= rate[f] * (now - last[f]);
      last[f] = now;
      if (rate[f] > 0 && remaining[f] <= rate[f] * COMPLETION_TOL_US) {
        ended.push(f);
        this.dead[f] = 1;
      } else flows[alive++] = f;
    }
    c.n = alive;
    c.timer?.cancel();
    c.timer = null;
    if (alive === 0) return;
    this.solves++;
    this.solver.solve(c.links, c.nl, this.offsets, this.links, rate, this.dead);
    let next = Infinity;
    for (let i = 0; i < alive; i++) {
      const f = flows[i];
      const t = remaining[f] / rate[f];
      if (t < next) next = t;
    }
    const q = this.quantum_us;
    if (q > 0) next = Math.max(q, Math.ceil((now + next) / q) * q - now);
    c.timer = this.env.schedule(next, this.markDirtyFn, c.root);
  }

  private finish(f: number): void {
    if (this.recordFlows)
      this.records.push({
        ...this.meta[f],
        start_us: this.startUs[f],
        active_us: this.activeUs[f],
        end_us: this.env.now,
      });
    const cb = this.done[f];
    this.done[f] = null;
    if (cb) call(cb, this.doneTag[f]);
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
    const k = this.component(keep),
      d = this.component(drop);
    this.parent[drop] = keep;
    d.timer?.cancel();
    // The absorbed flows keep their old rates and `last`; the re-solve brings them to now.
    for (let i = 0; i < d.n; i++) pushFlow(k, d.flows[i]);
    for (let i = 0; i < d.nl; i++) {
      if (k.nl === k.links.length) k.links = growInt(k.links, k.nl * 2);
      k.links[k.nl++] = d.links[i];
    }
    this.comps[drop] = null;
    if (d.n > 0) this.markDirty(keep);
    return keep;
  }

  private growFlows(): void {
    const n = this.remaining.length * 2;
    this.remaining = growFloat(this.remaining, n);
    this.rate = growFloat(this.rate, n);
    this.last = growFloat(this.last, n);
    this.startUs = growFloat(this.startUs, n);
    this.activeUs = growFloat(this.activeUs, n);
    this.doneTag = growInt(this.doneTag, n);
    const dead = new Uint8Array(n);
    dead.set(this.dead);
    this.dead = dead;
    this.offsets = growInt(this.offsets, n + 1);
  }
}

function call(cb: FlowHandler | (() => void), tag: number): void {
  if (typeof cb === 'function') cb();
  else cb.flowDone(tag);
}

function pushFlow(c: Component, f: number): void {
  if (c.n === c.flows.length) c.flows = growInt(c.flows, c.n * 2);
  c.flows[c.n++] = f;
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
