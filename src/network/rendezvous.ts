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
// Messages live in typed arrays and wait in linked lists (per receiver before they start, per latch
// after their bytes are in): an exchange of thousands of messages allocates nothing per message.
// Invariant: every GPU's onDone runs exactly once, after its entry and its last message; a message
// is never put on the network before its receiver has entered; waiting messages start, and held
// messages arrive, first-in first-out.
import type { FlowHandler, FlowSink } from './flow-sink.ts';
import { growFloat, growInt } from './grow.ts';

/** No follow-up callback, no latch (send's defaults). */
export const NONE = -1;

export class Rendezvous implements FlowHandler {
  private readonly entered: Uint8Array;
  private readonly left: Int32Array;
  /** Per receiver: the first and last message waiting for it to enter (NONE: none). */
  private readonly waitHead: Int32Array;
  private readonly waitTail: Int32Array;
  // Message table: sender, receiver, bytes, label, follow-up and latch of message m, and the next
  // message in the list m waits in (for its receiver, then for its latch).
  private msgS: Int32Array;
  private msgD: Int32Array;
  private msgBytes: Float64Array;
  private msgLabel: Int32Array;
  private msgThen: Int32Array;
  private msgHeld: Int32Array;
  private next: Int32Array;
  private n = 0;
  private readonly thens: (() => void)[] = [];
  /** Per latch: open, and the first and last held message whose bytes are in. */
  private latchOpen: number[] = [];
  private latchHead: number[] = [];
  private latchTail: number[] = [];

  /**
   * `tasks[i]`: messages GPU i takes part in (as sender or receiver) plus any local stages it
   * signals itself with `finish(i)`. onDone(i) runs when all have finished. `labels`: the names
   * send's label indices stand for (traces).
   */
  constructor(
    private readonly net: FlowSink,
    private readonly base: number,
    tasks: Int32Array,
    private readonly labels: readonly string[],
    private readonly onDone: (i: number) => void,
  ) {
    const G = tasks.length;
    this.entered = new Uint8Array(G);
    this.left = Int32Array.from(tasks);
    this.waitHead = new Int32Array(G).fill(NONE);
    this.waitTail = new Int32Array(G).fill(NONE);
    // each message counts once at its sender and once at its receiver
    let ends = 0;
    for (let i = 0; i < G; i++) ends += tasks[i];
    const cap = Math.max(16, Math.ceil(ends / 2));
    this.msgS = new Int32Array(cap);
    this.msgD = new Int32Array(cap);
    this.msgBytes = new Float64Array(cap);
    this.msgLabel = new Int32Array(cap);
    this.msgThen = new Int32Array(cap);
    this.msgHeld = new Int32Array(cap);
    this.next = new Int32Array(cap);
    net.reserve(Math.ceil(ends / 2));
  }

  hasEntered(i: number): boolean {
    return this.entered[i] === 1;
  }

  /** Registers a follow-up for send's `then` (an index, so a message holds no closure). */
  callback(fn: () => void): number {
    this.thens.push(fn);
    return this.thens.length - 1;
  }

  /** A new closed latch for send's `held` (see send). */
  latch(): number {
    this.latchOpen.push(0);
    this.latchHead.push(NONE);
    this.latchTail.push(NONE);
    return this.latchOpen.length - 1;
  }

  /** Opens a latch: held messages whose bytes are in arrive now, in the order their bytes came in. */
  open(latch: number): void {
    if (this.latchOpen[latch]) return;
    this.latchOpen[latch] = 1;
    let m = this.latchHead[latch];
    this.latchHead[latch] = this.latchTail[latch] = NONE;
    while (m !== NONE) {
      const nx = this.next[m];
      this.arrived(m);
      m = nx;
    }
  }

  /** GPU i joins the collective: messages waiting for it start now. */
  enter(i: number): void {
    if (this.entered[i]) throw new Error(`GPU ${i} entered the collective twice`);
    this.entered[i] = 1;
    let m = this.waitHead[i];
    this.waitHead[i] = this.waitTail[i] = NONE;
    while (m !== NONE) {
      const nx = this.next[m];
      this.put(m);
      m = nx;
    }
    if (this.left[i] === 0) this.onDone(i);
  }

  /**
   * Sends s -> d (local indices) once d has entered; callback `then` runs on arrival, after the
   * bookkeeping. With latch `held`, the message counts as arrived only once the latch is open too
   * (cut-through relays: a forward cannot end before the relay's own inputs are in).
   */
  send(s: number, d: number, bytes: number, label: number, then: number = NONE, held: number = NONE): void {
    const m = this.n++;
    if (m === this.msgS.length) this.grow();
    this.msgS[m] = s;
    this.msgD[m] = d;
    this.msgBytes[m] = bytes;
    this.msgLabel[m] = label;
    this.msgThen[m] = then;
    this.msgHeld[m] = held;
    if (this.entered[d]) this.net.sendTagged(this.base + s, this.base + d, bytes, this.labels[label], this, m);
    else {
      this.next[m] = NONE;
      if (this.waitTail[d] === NONE) this.waitHead[d] = m;
      else this.next[this.waitTail[d]] = m;
      this.waitTail[d] = m;
    }
  }

  private put(m: number): void {
    this.net.sendTagged(
      this.base + this.msgS[m],
      this.base + this.msgD[m],
      this.msgBytes[m],
      this.labels[this.msgLabel[m]],
      this,
      m,
    );
  }

  /** A message's last byte is in (FlowHandler). */
  flowDone(m: number): void {
    const held = this.msgHeld[m];
    if (held === NONE || this.latchOpen[held]) return this.arrived(m);
    this.next[m] = NONE;
    if (this.latchTail[held] === NONE) this.latchHead[held] = m;
    else this.next[this.latchTail[held]] = m;
    this.latchTail[held] = m;
  }

  private arrived(m: number): void {
    const s = this.msgS[m],
      d = this.msgD[m],
      left = this.left;
    // finish(s) then finish(d), written out: the hot path of every message
    if (left[s] <= 0) throw tooMany(s);
    if (--left[s] === 0 && this.entered[s]) this.onDone(s);
    if (left[d] <= 0) throw tooMany(d);
    if (--left[d] === 0 && this.entered[d]) this.onDone(d);
    const then = this.msgThen[m];
    if (then !== NONE) this.thens[then]();
  }

  /** One of GPU i's tasks is over. */
  finish(i: number): void {
    if (this.left[i] <= 0) throw tooMany(i);
    if (--this.left[i] === 0 && this.entered[i]) this.onDone(i);
  }

  private grow(): void {
    const n = this.msgS.length * 2;
    this.msgS = growInt(this.msgS, n);
    this.msgD = growInt(this.msgD, n);
    this.msgLabel = growInt(this.msgLabel, n);
    this.msgThen = growInt(this.msgThen, n);
    this.msgHeld = growInt(this.msgHeld, n);
    this.next = growInt(this.next, n);
    this.msgBytes = growFloat(this.msgBytes, n);
  }
}

function tooMany(i: number): Error {
  return new Error(`GPU ${i}: more completions than tasks`);
}
