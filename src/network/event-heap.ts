// The flow network's own pending events: a binary min-heap ordered by (time, seq) on typed
// arrays, each event a kind and an integer argument. The order is the engine's for same-priority
// events (time, then insertion order), so a network that keeps its events here and hands the
// engine one timer per instant runs them exactly as one engine timer per event would.
// Invariant: pop order is strictly increasing in (time, seq); seq values are unique.
export class EventHeap {
  private time: Float64Array;
  private seq: Int32Array;
  private kind: Uint8Array;
  private arg: Int32Array;
  size = 0;

  constructor(capacity = 256) {
    this.time = new Float64Array(capacity);
    this.seq = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.arg = new Int32Array(capacity);
  }

  topTime(): number {
    return this.time[0];
  }

  topSeq(): number {
    return this.seq[0];
  }

  topKind(): number {
    return this.kind[0];
  }

  topArg(): number {
    return this.arg[0];
  }

  push(t: number, s: number, k: number, a: number): void {
    if (this.size === this.time.length) this.grow();
    const { time, seq, kind, arg } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (time[p] < t || (time[p] === t && seq[p] < s)) break;
      time[i] = time[p];
      seq[i] = seq[p];
      kind[i] = kind[p];
      arg[i] = arg[p];
      i = p;
    }
    time[i] = t;
    seq[i] = s;
    kind[i] = k;
    arg[i] = a;
  }

  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    const { time, seq, kind, arg } = this;
    const t = time[n],
      s = seq[n],
      k = kind[n],
      a = arg[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (time[c + 1] < time[c] || (time[c + 1] === time[c] && seq[c + 1] < seq[c]))) c++;
      if (t < time[c] || (t === time[c] && s < seq[c])) break;
      time[i] = time[c];
      seq[i] = seq[c];
      kind[i] = kind[c];
      arg[i] = arg[c];
      i = c;
    }
    time[i] = t;
    seq[i] = s;
    kind[i] = k;
    arg[i] = a;
  }

  private grow(): void {
    const n = this.time.length * 2;
    const time = new Float64Array(n),
      seq = new Int32Array(n),
      kind = new Uint8Array(n),
      arg = new Int32Array(n);
    time.set(this.time);
    seq.set(this.seq);
    kind.set(this.kind);
    arg.set(this.arg);
    this.time = time;
    this.seq = seq;
    this.kind = kind;
    this.arg = arg;
  }
}
