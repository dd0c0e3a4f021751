/**
 * Adam (Kingma & Ba 2015) applied on the host to tfjs variables: one pass per
 * variable over its gradient, in float64, written back with one `assign`.
 *
 * Why not `tf.train.adam`: for the small networks of this project a training
 * step is bound by per-op dispatch, and tfjs's Adam issues about a dozen
 * kernels per variable per step. Doing the update in one host loop per
 * variable removes most of that cost (see `models_bench.ts`). The update rule
 * is tfjs's (bias-corrected moments, `ε = 1e-7` added to `√v̂`), so results
 * stay comparable; it is deterministic (plain float64 arithmetic in a fixed order). On the wasm backend the
 * gradients are read in place on the wasm heap (no copy).
 * @module
 */
import { tf, wasmHeapView } from "./tf_backend.ts";

/** Hyperparameters of {@link HostAdam}. */
export interface HostAdamConfig {
  readonly learningRate: number;
  /** Default 0.9. */
  readonly beta1?: number;
  /** Default 0.999. */
  readonly beta2?: number;
  /** Default 1e-7 (tfjs's backend epsilon). */
  readonly epsilon?: number;
}

/**
 * Adam state for a fixed list of variables.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const w = tf.variable(tf.tensor1d([1, -2]));
 * const adam = new HostAdam([w], { learningRate: 0.1 });
 * const { grads } = tf.variableGrads(() => tf.sum(tf.square(w)) as tf.Scalar, [w]);
 * adam.step([grads[w.name]]);
 * // w moved by -0.1 · sign(gradient) on the first step: [0.9, -1.9]
 * ```
 */
export class HostAdam {
  private readonly vars: readonly tf.Variable[];
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private readonly w: Float64Array[];
  private readonly out: Float32Array[];
  private lr: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;
  private t = 0;

  /** @throws {RangeError} on a non-positive learning rate or betas outside [0, 1) */
  constructor(vars: readonly tf.Variable[], config: HostAdamConfig) {
    const { learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 } = config;
    if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new RangeError(`HostAdam: learningRate must be finite and > 0, got ${learningRate}`);
    }
    for (const [k, b] of [["beta1", beta1], ["beta2", beta2]] as const) {
      if (!(b >= 0 && b < 1)) throw new RangeError(`HostAdam: ${k} must be in [0, 1), got ${b}`);
    }
    if (!(epsilon > 0)) throw new RangeError(`HostAdam: epsilon must be > 0, got ${epsilon}`);
    this.vars = vars;
    this.lr = learningRate;
    this.b1 = beta1;
    this.b2 = beta2;
    this.eps = epsilon;
    this.m = vars.map((x) => new Float64Array(x.size));
    this.v = vars.map((x) => new Float64Array(x.size));
    this.w = vars.map((x) => Float64Array.from(x.dataSync() as Float32Array));
    this.out = this.w.map((w) => Float32Array.from(w));
  }

  /** The step size of the next {@link step} (a learning-rate schedule sets it per epoch). */
  get learningRate(): number {
    return this.lr;
  }

  /** @throws {RangeError} on a non-finite or non-positive value */
  set learningRate(value: number) {
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new RangeError(`HostAdam: learningRate must be finite and > 0, got ${value}`);
    }
    this.lr = value;
  }

  /**
   * One Adam step; `grads[i]` is the gradient of variable `i` (same shape).
   * The gradient tensors are read, not disposed.
   *
   * @throws {RangeError} when a gradient is missing, has the wrong size or a non-finite value
   */
  step(grads: readonly (tf.Tensor | undefined)[]): void {
    this.checkCount(grads.length);
    this.t++;
    for (let k = 0; k < this.vars.length; k++) {
      const variable = this.vars[k], gt = grads[k];
      if (gt === undefined) throw new RangeError(`HostAdam.step: no gradient for variable ${variable.name}`);
      this.update(k, wasmHeapView(gt) ?? gt.dataSync() as Float32Array);
      // A new tensor, not an in-place write: the wasm backend caches packed matrix-product weights per tensor.
      const next = tf.tensor(this.out[k], variable.shape, "float32");
      variable.assign(next);
      next.dispose();
    }
  }

  /**
   * The float32 weights as of the last step (initially the variables' values), one array per variable: what a
   * host-side forward pass uses between {@link stepHost} calls. Updated in place by each step.
   */
  get hostWeights(): readonly Float32Array[] {
    return this.out;
  }

  /**
   * One Adam step on host gradients, updating {@link hostWeights} only (same arithmetic as {@link step}); the
   * variables keep their values until {@link writeBack}.
   *
   * @throws {RangeError} when a gradient is missing, has the wrong size or a non-finite value
   */
  stepHost(grads: readonly Float32Array[]): void {
    this.checkCount(grads.length);
    this.t++;
    for (let k = 0; k < this.vars.length; k++) {
      if (grads[k] === undefined) {
        throw new RangeError(`HostAdam.stepHost: no gradient for variable ${this.vars[k].name}`);
      }
      this.update(k, grads[k]);
    }
  }

  /** Write {@link hostWeights} into the variables (after {@link stepHost}). */
  writeBack(): void {
    this.vars.forEach((variable, k) => {
      const next = tf.tensor(this.out[k], variable.shape, "float32");
      variable.assign(next);
      next.dispose();
    });
  }

  private checkCount(n: number): void {
    if (n !== this.vars.length) {
      throw new RangeError(`HostAdam.step: ${n} gradients for ${this.vars.length} variables`);
    }
  }

  /** The update of variable `k` from gradient `g` into `w[k]` (float64) and `out[k]` (float32). */
  private update(k: number, g: Float32Array): void {
    const name = this.vars[k].name;
    const m = this.m[k], v = this.v[k], w = this.w[k], out = this.out[k];
    if (g.length !== w.length) {
      throw new RangeError(`HostAdam.step: gradient of ${name} has ${g.length} values, expected ${w.length}`);
    }
    const c1 = 1 - this.b1 ** this.t, c2 = 1 - this.b2 ** this.t;
    const { b1, b2, lr, eps } = this;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i];
      if (!Number.isFinite(gi)) {
        throw new RangeError(`HostAdam.step: gradient of ${name}[${i}] is ${gi} at step ${this.t}`);
      }
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      w[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
      out[i] = w[i];
    }
  }
}
