/**
 * Weighted softmax cross-entropy of class logits and its exact gradient,
 * computed on the host in float64, and the same as a tfjs op (one kernel
 * forward, one backward) for the classifiers' training loop.
 *
 * For row `i` with logits `z_i ∈ ℝ^K`, label `y_i` and class weight `w_y`:
 * `loss = Σ_i w_{y_i}·(logΣ_k e^{z_ik} − z_{i,y_i}) / Σ_i w_{y_i}` and
 * `∂loss/∂z_ik = w_{y_i}·(p_ik − 1[k = y_i]) / Σ_i w_{y_i}` with `p = softmax(z)`.
 * @module
 */
import type { tf } from "./tf_backend.ts";
import { hostLossOp } from "./host_loss_op.ts";

/**
 * Loss and gradient of the weighted softmax cross-entropy for `b` rows of `K`
 * logits (row-major) and labels in `[0, K)`.
 *
 * @throws {RangeError} on mismatched lengths or a label outside `[0, K)`
 * @example
 * ```ts
 * const { loss } = softmaxCrossEntropy(Float32Array.of(0, 0, 0), Int8Array.of(1), Float64Array.of(1, 1, 1));
 * // loss = log 3
 * ```
 */
export function softmaxCrossEntropy(
  logits: Float32Array,
  y: Int8Array,
  classWeight: Float64Array,
): { loss: number; dz: Float32Array } {
  const b = y.length, K = classWeight.length;
  if (logits.length !== b * K) {
    throw new RangeError(`softmaxCrossEntropy: ${logits.length} logits for ${b} rows × ${K} classes`);
  }
  const dz = new Float32Array(b * K);
  const p = new Float64Array(K);
  let loss = 0, wsum = 0;
  for (let i = 0; i < b; i++) {
    const yi = y[i];
    if (!(yi >= 0 && yi < K)) throw new RangeError(`softmaxCrossEntropy: label[${i}] = ${yi} is not in [0, ${K})`);
    const o = i * K;
    let mx = -Infinity;
    for (let k = 0; k < K; k++) mx = Math.max(mx, logits[o + k]);
    let s = 0;
    for (let k = 0; k < K; k++) s += p[k] = Math.exp(logits[o + k] - mx);
    const w = classWeight[yi];
    loss += w * (Math.log(s) + mx - logits[o + yi]);
    wsum += w;
    for (let k = 0; k < K; k++) dz[o + k] = w * (p[k] / s - (k === yi ? 1 : 0));
  }
  for (let j = 0; j < dz.length; j++) dz[j] /= wsum;
  return { loss: loss / wsum, dz };
}

/**
 * {@link softmaxCrossEntropy} as a tfjs op of the logits `[b, K]`.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const z = tf.variable(tf.zeros([2, 3]));
 * const { grads } = tf.variableGrads(() => crossEntropyOp(z, Int8Array.of(0, 2), Float64Array.of(1, 1, 1)), [z]);
 * ```
 */
export function crossEntropyOp(logits: tf.Tensor, y: Int8Array, classWeight: Float64Array): tf.Scalar {
  return hostLossOp(logits, (z) => softmaxCrossEntropy(z, y, classWeight));
}
