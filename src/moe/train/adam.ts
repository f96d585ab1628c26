// AdamW (Loshchilov & Hutter 2019, arXiv 1711.05101: decoupled weight decay) with global-norm
// gradient clipping, over the tensors of tensorList in their fixed order. Moments are float64.
// Invariant: one step is a pure function of (parameters, gradients, moments, step count, lr):
// every sum runs in tensor order, so training is bit-for-bit repeatable.
import type { Buf } from '../kern/buf.ts';

export interface AdamConfig {
  beta1: number;
  beta2: number;
  eps: number;
  weight_decay: number;
  /** clip the global gradient L2 norm to this (0 = no clipping) */
  clip_norm: number;
}

export const DEFAULT_ADAM: AdamConfig = {
  beta1: 0.9, // GPT-3 (Brown et al. 2020, App. B): β1 = 0.9 [R]
  beta2: 0.95, // GPT-3 App. B: β2 = 0.95 [R]
  eps: 1e-8, // GPT-3 App. B: ε = 1e-8 [R]
  weight_decay: 0.1, // GPT-3 App. B: weight decay 0.1 [R]
  clip_norm: 1, // GPT-3 App. B: clip the global norm at 1.0 [R]
};

export interface Tensor {
  name: string;
  t: Buf;
}

/** Norm gains are not decayed (decay pulls them to 0, not to their neutral 1): the usual exemption for 1-D parameters. */
const decays = (name: string): boolean => !/\/g[12]$|^gf$/.test(name);

export class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  steps = 0;

  constructor(
    readonly params: Tensor[],
    readonly grads: Tensor[],
    readonly cfg: AdamConfig = DEFAULT_ADAM,
  ) {
    if (params.length !== grads.length || params.some((p, i) => p.t.length !== grads[i].t.length))
      throw new Error('Adam: parameters and gradients differ in shape');
    this.m = params.map((p) => new Float64Array(p.t.length));
    this.v = params.map((p) => new Float64Array(p.t.length));
  }

  /** Global L2 norm of the gradients. */
  gradNorm(): number {
    let ss = 0;
    for (const { t } of this.grads) for (let i = 0; i < t.length; i++) ss += t[i] * t[i];
    return Math.sqrt(ss);
  }

  /** One update at learning rate `lr`; returns the gradient norm before clipping. */
  step(lr: number): number {
    const { beta1: b1, beta2: b2, eps, weight_decay: wd, clip_norm } = this.cfg;
    const norm = this.gradNorm();
    const scale = clip_norm > 0 && norm > clip_norm ? clip_norm / norm : 1;
    this.steps++;
    const c1 = 1 - Math.pow(b1, this.steps),
      c2 = 1 - Math.pow(b2, this.steps);
    this.params.forEach((p, k) => {
      const g = this.grads[k].t,
        m = this.m[k],
        v = this.v[k],
        x = p.t,
        decay = decays(p.name) ? lr * wd : 0;
      for (let i = 0; i < x.length; i++) {
        const gi = g[i] * scale;
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        x[i] = x[i] - decay * x[i] - (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
      }
    });
    return norm;
  }
}
