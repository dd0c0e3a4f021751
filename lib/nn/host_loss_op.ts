/**
 * A loss computed on the host as a one-kernel tfjs op: the forward pass reads the network output once and returns
 * the loss as a scalar; the backward pass is `dy · ∂loss/∂output` from the same host pass. The losses of the
 * workspace (`multiplierObjective`, `huberOp`, `crossEntropyOp`) are written this way, so a network body keeps tfjs
 * autodiff while its loss costs one kernel.
 * @module
 */
import { tf } from "./tf_backend.ts";

/** A loss of a batch's network outputs `z` (row-major) and `∂loss/∂z`. */
export type OutputLoss = (z: Float32Array) => { loss: number; dz: Float32Array };

/**
 * The tfjs op of a host loss `f(values) = { loss, dz }` of `output` (any shape; `dz = ∂loss/∂output` in its
 * element order).
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const x = tf.variable(tf.tensor1d([1, 2]));
 * const sumOfSquares = (v: Float32Array) => ({ loss: v[0] * v[0] + v[1] * v[1], dz: Float32Array.of(2 * v[0], 2 * v[1]) });
 * const { value, grads } = tf.variableGrads(() => hostLossOp(x, sumOfSquares), [x]);
 * // value 5, grads [2, 4]
 * ```
 */
export function hostLossOp(output: tf.Tensor, f: OutputLoss): tf.Scalar {
  const op = tf.customGrad((...inputs) => {
    const x = inputs[0] as tf.Tensor;
    const { loss, dz } = f(x.dataSync() as Float32Array);
    return { value: tf.scalar(loss), gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.tensor(dz, x.shape)) };
  });
  return op(output) as tf.Scalar;
}
