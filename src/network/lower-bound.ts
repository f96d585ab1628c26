// The busiest-link lower bound of a set of messages: no schedule can finish before the link that
// carries the most bytes (relative to its capacity) has moved them, plus the smallest latency of
// the messages on it. A dry run of an exchange on a LinkLoad (a FlowSink that only adds bytes per
// link and completes every message at once) gives the bound for exactly the simulated routing sample.
// Invariant: load[l] is the sum of the bytes of every message whose path uses link l.
import { callDone, type FlowHandler, type FlowSink } from './flow-sink.ts';
import { MAX_PATH_LINKS, type Topology } from './topology.ts';

export interface BusiestLink {
  /** max over links of bytes / capacity, plus the least latency of a message on that link. */
  bound_us: number;
  /** The bandwidth part alone: max over links of bytes / capacity. */
  bandwidth_us: number;
  link: string;
  bytes: number;
}

export class LinkLoad implements FlowSink {
  readonly load: Float64Array;
  private readonly minLatency: Float64Array;
  private readonly path = new Int32Array(MAX_PATH_LINKS);

  constructor(readonly topo: Topology) {
    this.load = new Float64Array(topo.capacity_B_per_us.length);
    this.minLatency = new Float64Array(topo.capacity_B_per_us.length).fill(Infinity);
  }

  send(src: number, dst: number, bytes: number, label: string, onDone: (() => void) | null = null): void {
    this.sendTagged(src, dst, bytes, label, onDone, 0);
  }

  sendTagged(
    src: number,
    dst: number,
    bytes: number,
    _label: string,
    onDone: FlowHandler | (() => void) | null,
    tag: number,
  ): void {
    const n = this.topo.path(src, dst, this.path);
    const lat = this.topo.latency_us(src, dst);
    for (let i = 0; i < n; i++) {
      const l = this.path[i];
      this.load[l] += bytes;
      this.minLatency[l] = Math.min(this.minLatency[l], lat);
    }
    if (onDone) callDone(onDone, tag);
  }

  after(_delay_us: number, fn: () => void): void {
    fn();
  }

  reserve(): void {}

  busiest(): BusiestLink {
    const cap = this.topo.capacity_B_per_us;
    let best = -1,
      t = 0;
    for (let l = 0; l < cap.length; l++) {
      const x = this.load[l] / cap[l];
      if (x > t) ((t = x), (best = l));
    }
    if (best < 0) return { bound_us: 0, bandwidth_us: 0, link: 'none', bytes: 0 };
    return {
      bound_us: t + this.minLatency[best],
      bandwidth_us: t,
      link: this.topo.linkName(best),
      bytes: this.load[best],
    };
  }
}
