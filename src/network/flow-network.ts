// Flows over the topology, simulated as fluids on the discrete-event engine (microseconds): a
// message of n bytes from src to dst waits its path latency, then drains at its max-min fair rate,
// which is recomputed whenever a flow starts or ends. Flows that share no link (transitively) form
// separate components; only the component that changed is re-solved (the incremental update).
// The network keeps its own events (activations, re-solves, completion timers, after() calls) in
// an EventHeap ordered by (time, seq), the engine's order, and takes one engine timer per instant
// at which it has events: no engine object per message. Messages sent back to back for the same
// activation instant share one activation event (a batch of consecutive flow ids), activated in
// send order: the order one event per flow would give, since nothing was scheduled between them.
// Callbacks read the time as `now` (exact; the engine clock is the network's to within rounding).
// Invariant: at every instant each active flow has the max-min fair rate of its component, and a
// flow ends exactly when its bytes are drained (within COMPLETION_TOL_US); with a rate-update
// quantum q > 0, completions are handled at the next multiple of q instead, so a flow may end up to
// q late (its share idles meanwhile): times are then upper bounds, off by at most q per dependency.
// The network's events run in (time, seq) order; an engine event of other code at the same
// instant runs before or after all of them, not between.
import { EventHeap } from './event-heap.ts';
import { callDone, type FlowHandler, type FlowRecord, type FlowSink } from './flow-sink.ts';
import { growByte, growFloat, growInt, objectArray } from './grow.ts';
import { LinkFill } from './link-fill.ts';
import { MAX_PATH_LINKS, type Topology } from './topology.ts';

// (FlowRecord also from here: traces and the netsim command read it with the network)
export type { FlowRecord } from './flow-sink.ts';

/** What the flow network needs from the engine (the engine's Environment fits this shape). */
export interface Scheduler {
  readonly now: number;
  schedule<A>(delay: number, fn: (arg: A) => void, arg: A): { cancel(): boolean };
}

/** Numerical tolerance, not a model parameter: a flow within 1 ns of done ends with its batch. */
const COMPLETION_TOL_US = 1e-3;

/** The network's event kinds (EventHeap kind; the argument in brackets). */
const ACTIVATE = 0, // a batch of flows becomes active [batch]
  SETTLE = 1, // re-solve the dirty components [-]
  WAKE = 2, // a component's next completion [root; stale unless its timerSeq]
  CALL = 3; // an after() or local-copy callback [index into calls]
/** Largest event seq (EventHeap keeps seqs as int32). */
const MAX_SEQ = 2 ** 31 - 1;

interface Component {
  root: number;
  /** Active flows in activation (and merge) order: flows[0 .. n). */
  flows: Int32Array;
  n: number;
  /** The component's links: links[0 .. nl). */
  links: Int32Array;
  nl: number;
  /** Seq of the pending WAKE event (-1: none); a WAKE with another seq is stale (cancelled). */
  timerSeq: number;
}

export class FlowNetwork implements FlowSink {
  /** Flows started (messages with bytes > 0 between distinct GPUs). */
  flowsStarted = 0;
  /** Fair-share solves run (one per changed component per instant). */
  solves = 0;
  readonly records: FlowRecord[] = [];
  private readonly recordFlows: boolean;
  /** The network's clock: the time of the event being run (NaN first: a double field from the start). */
  private clock = NaN;
  private readonly events = new EventHeap(1024);
  private seq = 0;
  /** The engine timer that runs the next instant's events, and its time (Infinity: none). */
  private wake: { cancel(): boolean } | null = null;
  private wakeAt = Infinity;
  private running = false;
  private readonly calls = objectArray<(() => void) | undefined>();
  // Per flow f: bytes left, rate, time `remaining` was last brought up to date, ended, the tag
  // for its handler; its path is links[offsets[f] .. offsets[f+1]).
  private remaining = new Float64Array(1024);
  private rate = new Float64Array(1024);
  private last = new Float64Array(1024);
  private dead = new Uint8Array(1024);
  private doneTag = new Int32Array(1024);
  private offsets = new Int32Array(1025);
  private links = new Int32Array(1024 * 4);
  /** Flow f's completion handler is handlers[handler[f]]: flows sent back to back by one handler share an entry. */
  private handler = new Int32Array(1024);
  private readonly handlers = objectArray<FlowHandler | (() => void) | null>();
  private lastHandler: FlowHandler | (() => void) | null | undefined = undefined;
  /** Only when recording: what a trace shows of each flow. */
  private readonly meta: Omit<FlowRecord, 'end_us'>[] = [];
  /** Flows promised by reserve() (the tables grow to them at once). */
  private reserved = 0;
  /** Batch b activates flows [batchStart[b], batchStop[b]); the open batch (-1: none) may still grow. */
  private readonly batchStart: number[] = [];
  private readonly batchStop: number[] = [];
  // (NaN, not 0: the fields hold doubles from the start, so V8 never changes their representation)
  private openBatch = -1;
  private openNow = NaN;
  private openDelay = NaN;
  private readonly parent: Int32Array;
  private readonly comps: (Component | null)[];
  /** Roots marked dirty since the last settle (each once: dirtyMark), and a scratch for their roots now. */
  private readonly dirty: number[] = [];
  private readonly dirtyMark: Uint8Array;
  private readonly dirtyRoots: Int32Array;
  private ended = new Int32Array(1024);
  private settleQueued = false;
  private readonly solver: LinkFill;
  private readonly runFn = (): void => this.runInstant();

  private readonly quantum_us: number;

  constructor(
    private readonly env: Scheduler,
    readonly topo: Topology,
    opts: { record?: boolean; quantum_us?: number } = {},
  ) {
    this.quantum_us = opts.quantum_us ?? 0;
    if (!(this.quantum_us >= 0 && Number.isFinite(this.quantum_us)))
      throw new RangeError(`quantum_us must be finite and >= 0 (got ${this.quantum_us})`);
    this.clock = env.now;
    const L = topo.capacity_B_per_us.length;
    this.parent = Int32Array.from({ length: L }, (_, i) => i);
    this.comps = new Array<Component | null>(L).fill(null);
    this.dirtyMark = new Uint8Array(L);
    this.dirtyRoots = new Int32Array(L);
    this.solver = new LinkFill(topo.capacity_B_per_us);
    this.recordFlows = opts.record ?? false;
  }

  /** The simulated time (us): in a callback, the time of its event. */
  get now(): number {
    return this.clock;
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
      if (onDone) this.after(0, () => callDone(onDone, tag));
      return;
    }
    const f = this.flowsStarted++;
    if (f + 1 >= this.remaining.length) this.growFlows(Math.max(2 * this.remaining.length, this.reserved + 1));
    const at = this.offsets[f];
    if (at + MAX_PATH_LINKS > this.links.length) this.links = growInt(this.links, 2 * (at + MAX_PATH_LINKS));
    this.offsets[f + 1] = at + this.topo.path(src, dst, this.links, at);
    this.remaining[f] = bytes;
    if (onDone !== this.lastHandler) {
      this.lastHandler = onDone;
      this.handlers.push(onDone);
    }
    this.handler[f] = this.handlers.length - 1;
    this.doneTag[f] = tag;
    const now = this.clock,
      delay = this.topo.latency_us(src, dst);
    if (this.recordFlows) this.meta.push({ src, dst, bytes, label, start_us: now, active_us: NaN });
    if (this.openBatch >= 0 && now === this.openNow && delay === this.openDelay) {
      this.batchStop[this.openBatch] = f + 1;
      return;
    }
    const b = this.batchStart.length;
    this.batchStart.push(f);
    this.batchStop.push(f + 1);
    this.at(delay, ACTIVATE, b);
    this.openBatch = b;
    this.openNow = now;
    this.openDelay = delay;
  }

  after(delay_us: number, fn: () => void): void {
    this.calls.push(fn);
    this.at(delay_us, CALL, this.calls.length - 1);
  }

  reserve(flows: number): void {
    // tables grow when the first of these flows comes (one growth for the exchanges set up together)
    this.reserved = Math.max(this.reserved, this.flowsStarted) + flows;
  }

  /** Every event of the network goes through here (and closes the open batch); returns its seq. */
  private at(delay: number, kind: number, arg: number): number {
    if (!(delay >= 0) || delay === Infinity) throw new RangeError(`delay must be finite and >= 0 (got ${delay})`);
    this.openBatch = -1;
    const time = this.clock + delay,
      seq = this.seq++;
    if (seq === MAX_SEQ) throw new RangeError('flow network: event sequence space exhausted (2^31 events)');
    this.events.push(time, seq, kind, arg);
    if (!this.running && time < this.wakeAt) this.arm(time);
    return seq;
  }

  /** (Re)sets the engine timer for the instant at `time`. */
  private arm(time: number): void {
    this.wake?.cancel();
    this.wakeAt = time;
    // the engine's clock may sit a rounding step past ours: never a negative delay
    this.wake = this.env.schedule(Math.max(0, time - this.env.now), this.runFn, undefined);
  }

  /** Runs the events of the next instant in (time, seq) order, those they add at it included. */
  private runInstant(): void {
    this.wake = null;
    this.wakeAt = Infinity;
    this.running = true;
    const ev = this.events;
    let instant = NaN;
    while (ev.size > 0) {
      const kind = ev.topKind(),
        arg = ev.topArg();
      if (kind === WAKE && this.comps[arg]?.timerSeq !== ev.topSeq()) {
        ev.pop(); // cancelled: dropped without moving the clock
        continue;
      }
      const time = ev.topTime();
      if (time !== instant && instant === instant) break; // the next instant: back to the engine
      ev.pop();
      this.clock = instant = time;
      if (kind === ACTIVATE) this.activate(arg);
      else if (kind === SETTLE) this.settle();
      else if (kind === WAKE) {
        this.comps[arg]!.timerSeq = -1; // fired
        this.markDirty(arg);
      } else {
        const fn = this.calls[arg]!;
        this.calls[arg] = undefined;
        fn();
      }
    }
    this.running = false;
    if (ev.size > 0) this.arm(ev.topTime());
  }

  /** Batch b's flows become active, in send order, each in the component of its links. */
  private activate(b: number): void {
    if (this.openBatch === b) this.openBatch = -1; // fired: later sends start a new batch
    const now = this.clock;
    const { rate, last, offsets, links, comps, solver, dirtyMark } = this;
    for (let f = this.batchStart[b]; f < this.batchStop[b]; f++) {
      last[f] = now;
      rate[f] = 0;
      if (this.recordFlows) this.meta[f].active_us = now;
      const k1 = offsets[f + 1];
      let k = offsets[f];
      let root = this.find(links[k]);
      if (comps[root] === null) this.component(root);
      for (k++; k < k1; k++) root = this.union(root, links[k]);
      pushFlow(comps[root]!, f);
      solver.add(f, offsets, links);
      if (dirtyMark[root] === 0) {
        dirtyMark[root] = 1;
        this.dirty.push(root);
      }
    }
    if (!this.settleQueued) {
      this.settleQueued = true;
      this.at(0, SETTLE, 0);
    }
  }

  private component(root: number): Component {
    let c = this.comps[root];
    if (!c) {
      // A root without a component is a link no flow has used yet: the component of that link alone.
      const links = new Int32Array(4);
      links[0] = root;
      this.comps[root] = c = { root, flows: new Int32Array(16), n: 0, links, nl: 1, timerSeq: -1 };
    }
    return c;
  }

  private markDirty(root: number): void {
    if (this.dirtyMark[root] === 0) {
      this.dirtyMark[root] = 1;
      this.dirty.push(root);
    }
    if (!this.settleQueued) {
      this.settleQueued = true;
      this.at(0, SETTLE, 0);
    }
  }

  /** Re-solves every changed component (in root order), then runs the callbacks of flows that ended. */
  private settle(): void {
    this.settleQueued = false;
    const { dirty, dirtyMark, dirtyRoots } = this;
    const n = dirty.length;
    for (let i = 0; i < n; i++) {
      dirtyMark[dirty[i]] = 0;
      dirtyRoots[i] = this.find(dirty[i]);
    }
    dirty.length = 0;
    const roots = n > 1 ? dirtyRoots.subarray(0, n).sort() : dirtyRoots;
    let ended = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && roots[i] === roots[i - 1]) continue;
      ended = this.solveComponent(this.component(roots[i]), ended);
    }
    const now = this.clock;
    for (let i = 0; i < ended; i++) {
      const f = this.ended[i];
      if (this.recordFlows) this.records.push({ ...this.meta[f], end_us: now });
      const cb = this.handlers[this.handler[f]];
      if (cb) callDone(cb, this.doneTag[f]);
    }
  }

  /** Brings c's flows to now, moves those drained into ended[nEnded ..), re-solves the rest; returns the new count. */
  private solveComponent(c: Component, nEnded: number): number {
    const now = this.clock;
    const { remaining, rate, last, dead } = this;
    const flows = c.flows;
    if (nEnded + c.n > this.ended.length) this.ended = growInt(this.ended, 2 * (nEnded + c.n));
    const ended = this.ended;
    let alive = 0;
    for (let i = 0; i < c.n; i++) {
      const f = flows[i];
      remaining[f] -= rate[f] * (now - last[f]);
      last[f] = now;
      if (rate[f] > 0 && remaining[f] <= rate[f] * COMPLETION_TOL_US) {
        ended[nEnded++] = f;
        dead[f] = 1;
        this.solver.retire(f, this.offsets, this.links);
      } else flows[alive++] = f;
    }
    c.n = alive;
    c.timerSeq = -1; // a pending completion is re-timed below
    if (alive === 0) return nEnded;
    this.solves++;
    let next = this.solver.solve(c.links, c.nl, this.offsets, this.links, rate, dead, remaining);
    const q = this.quantum_us;
    if (q > 0) next = Math.max(q, Math.ceil((now + next) / q) * q - now);
    c.timerSeq = this.at(next, WAKE, c.root);
    return nEnded;
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
    const keep = root < other ? root : other,
      drop = root < other ? other : root;
    const k = this.component(keep),
      d = this.component(drop);
    this.parent[drop] = keep;
    // (d's pending completion, if any, goes stale with it)
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

  private growFlows(n: number): void {
    this.remaining = growFloat(this.remaining, n);
    this.rate = growFloat(this.rate, n);
    this.last = growFloat(this.last, n);
    this.doneTag = growInt(this.doneTag, n);
    this.handler = growInt(this.handler, n);
    this.ended = growInt(this.ended, n); // sized with the flows: a settle never grows it
    this.dead = growByte(this.dead, n);
    this.offsets = growInt(this.offsets, n + 1);
  }
}

function pushFlow(c: Component, f: number): void {
  if (c.n === c.flows.length) c.flows = growInt(c.flows, c.n * 2);
  c.flows[c.n++] = f;
}
