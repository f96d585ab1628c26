// Who may send to whom, and when a GPU's part of an exchange is over, for one collective among
// local GPUs [base, base+G):
// - Rendezvous: a message s -> d starts only once d has entered the collective. NCCL's network
//   transport is receiver-driven (the receiver posts its buffer, then the sender writes), and
//   DeepEP's RDMA buffers hold only a few chunks until the receiver's kernel consumes them, so a
//   GPU still busy with the previous collective does not yet take the next one's bytes.
// - Completion: a GPU's kernel of the collective ends when all its sends and all its receives are
//   done (stream order: the next kernel on that GPU starts only then).
// Without both rules, combine bytes from GPUs that finished dispatch early took the links of GPUs
// still receiving dispatch, so the straggler's dispatch (and the layer) grew under max-min sharing,
// and lowering hop latency let that happen sooner (the layer got slower at zero latency).
// Invariant: every GPU's onDone runs exactly once, after its entry and its last message; a message
// is never put on the network before its receiver has entered.
import { FlowNetwork, type FlowHandler, type FlowSink } from './flow-network.ts';

/** Opens once; callbacks registered before run at opening, after it at once. */
export class Latch {
  private waiting: (() => void)[] | null = [];
  open(): void {
    const w = this.waiting;
    this.waiting = null;
    if (w) for (const fn of w) fn();
  }
  whenOpen(fn: () => void): void {
    if (this.waiting) this.waiting.push(fn);
    else fn();
  }
}

export class Rendezvous implements FlowHandler {
  private readonly entered: Uint8Array;
  /** Messages waiting for their receiver, as ids into the message arrays, per receiver. */
  private readonly waiting: number[][];
  private readonly left: Int32Array;
  // Message table: sender, receiver, bytes, label, follow-up and latch of message m.
  private msgS: number[] = [];
  private msgD: number[] = [];
  private msgBytes: number[] = [];
  private msgLabel: string[] = [];
  private msgThen: ((() => void) | null)[] = [];
  private msgHeld: (Latch | undefined)[] = [];
  private readonly fast: FlowNetwork | null;

  /**
   * `tasks[i]`: messages GPU i takes part in (as sender or receiver) plus any local stages it
   * signals itself with `finish(i)`. onDone(i) runs when all have finished.
   */
  constructor(
    private readonly net: FlowSink,
    private readonly base: number,
    tasks: Int32Array,
    private readonly onDone: (i: number) => void,
  ) {
    const G = tasks.length;
    this.entered = new Uint8Array(G);
    this.waiting = Array.from({ length: G }, () => []);
    this.left = Int32Array.from(tasks);
    this.fast = net instanceof FlowNetwork ? net : null;
  }

  hasEntered(i: number): boolean {
    return this.entered[i] === 1;
  }

  /** GPU i joins the collective: messages waiting for it start now. */
  enter(i: number): void {
    if (this.entered[i]) throw new Error(`GPU ${i} entered the collective twice`);
    this.entered[i] = 1;
    const w = this.waiting[i];
    this.waiting[i] = [];
    for (const m of w) this.put(m);
    if (this.left[i] === 0) this.onDone(i);
  }

  /**
   * Sends s -> d (local indices) once d has entered; `then` runs on arrival, after the bookkeeping.
   * With `held`, the message counts as arrived only once the latch is open too (cut-through relays:
   * a forward cannot end before the relay's own inputs are in).
   */
  send(s: number, d: number, bytes: number, label: string, then: (() => void) | null = null, held?: Latch): void {
    const m = this.msgS.length;
    this.msgS.push(s);
    this.msgD.push(d);
    this.msgBytes.push(bytes);
    this.msgLabel.push(label);
    this.msgThen.push(then);
    this.msgHeld.push(held);
    if (this.entered[d]) this.put(m);
    else this.waiting[d].push(m);
  }

  private put(m: number): void {
    const src = this.base + this.msgS[m],
      dst = this.base + this.msgD[m];
    if (this.fast) this.fast.sendTagged(src, dst, this.msgBytes[m], this.msgLabel[m], this, m);
    else this.net.send(src, dst, this.msgBytes[m], this.msgLabel[m], () => this.flowDone(m));
  }

  /** A message's last byte is in (FlowHandler). */
  flowDone(m: number): void {
    const held = this.msgHeld[m];
    if (held) held.whenOpen(() => this.arrived(m));
    else this.arrived(m);
  }

  private arrived(m: number): void {
    this.finish(this.msgS[m]);
    this.finish(this.msgD[m]);
    const then = this.msgThen[m];
    if (then) then();
  }

  /** One of GPU i's tasks is over. */
  finish(i: number): void {
    if (this.left[i] <= 0) throw new Error(`GPU ${i}: more completions than tasks`);
    if (--this.left[i] === 0 && this.entered[i]) this.onDone(i);
  }
}
