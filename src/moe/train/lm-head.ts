// The LM head and the next-token cross-entropy: logits = h·Headᵀ (h already normed), loss = mean over
// rows of −log softmax(logits)[target] (exponentials by fastExp in float32, Math.exp in float64);
// backward dlogits = (softmax − onehot)/n. Invariant: the
// forward leaves the probabilities in `probs` (n × V), which the backward turns into dlogits in place.
import type { Backend } from '../kern/backend.ts';
import type { Buf } from '../kern/buf.ts';
import { fastExp } from '../kern/fast-exp.ts';
import { linearBackward, linearForward } from './linear.ts';

/** Mean cross-entropy (nats) of the n rows; probs holds the softmax afterwards. */
export function headForward(
  be: Backend,
  h: Buf,
  n: number,
  d: number,
  head: Buf,
  V: number,
  target: Int32Array,
  probs: Buf,
): number {
  linearForward(be, h, 0, n, d, head, V, probs, 0);
  const exact = probs instanceof Float64Array;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const o = i * V;
    let max = -Infinity;
    for (let j = 0; j < V; j++) max = Math.max(max, probs[o + j]);
    const logit = probs[o + target[i]];
    let sum = 0;
    for (let j = 0; j < V; j++) {
      const e = exact ? Math.exp(probs[o + j] - max) : fastExp(probs[o + j] - max);
      probs[o + j] = e;
      sum += e;
    }
    loss += Math.log(sum) + max - logit;
    const inv = 1 / sum;
    for (let j = 0; j < V; j++) probs[o + j] *= inv;
  }
  return loss / n;
}

/** dHead += dlogitsᵀ·h, dh = dlogits·Head (dlogits built in place of probs). */
export function headBackward(
  be: Backend,
  h: Buf,
  n: number,
  d: number,
  head: Buf,
  V: number,
  target: Int32Array,
  probs: Buf,
  dHead: Buf,
  dh: Buf,
): void {
  const inv = 1 / n;
  for (let i = 0; i < n; i++) {
    const o = i * V;
    for (let j = 0; j < V; j++) probs[o + j] *= inv;
    probs[o + target[i]] -= inv;
  }
  linearBackward(be, h, 0, n, d, head, V, probs, 0, dHead, dh, 0, false);
}
