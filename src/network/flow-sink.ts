// What collectives put messages on: the flow network (flow-network.ts) or a dry run that only
// counts bytes per link (lower-bound.ts), and what a finished message reports back.
// Invariant: a sink calls each message's handler exactly once, when its last byte is in.
import type { Topology } from './topology.ts';

/** A completion handler that takes a tag instead of a closure per flow (no allocation per message). */
export interface FlowHandler {
  flowDone(tag: number): void;
}

/** What an exchange needs to put a message on the network (FlowNetwork, or a dry run's byte count). */
export interface FlowSink {
  readonly topo: Topology;
  send(src: number, dst: number, bytes: number, label: string, onDone?: (() => void) | null): void;
  /** As send, with onDone a FlowHandler called with `tag` (or a plain callback, tag unused). */
  sendTagged(
    src: number,
    dst: number,
    bytes: number,
    label: string,
    onDone: FlowHandler | (() => void) | null,
    tag: number,
  ): void;
  /** Runs fn after delay_us of simulated time (a dry run runs it at once). */
  after(delay_us: number, fn: () => void): void;
  /** About `flows` more messages will be sent (sizes the flow tables once; a hint, never a limit). */
  reserve(flows: number): void;
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

/** Runs a message's completion: a plain callback, or a handler with the message's tag. */
export function callDone(cb: FlowHandler | (() => void), tag: number): void {
  if (typeof cb === 'function') cb();
  else cb.flowDone(tag);
}
