/**
 * Mean Huber loss of predictions against targets and its exact gradient,
 * computed on the host in float64, and the same as a tfjs op (one kernel
 * forward, one backward) for regression networks (DeepMargin's `y`).
 *
 * With `e_i = ŷ_i − y_i` and threshold `δ`: `h(e) = e²/2` for `|e| ≤ δ`, else
 * `δ·(|e| − δ/2)`; `loss = Σ_i h(e_i) / b` and `∂loss/∂ŷ_i = clip(e_i, −δ, δ) / b`
 * (tfjs's `tf.losses.huberLoss` with its default mean reduction).
 * @module
 */
import type { tf } from "./tf_backend.ts";
import { hostLossOp } from "./host_loss_op.ts";

/**
 * Mean Huber loss and its gradient with respect to the predictions.
 *
 * @throws {RangeError} on mismatched or empty inputs, or `delta` not finite and > 0
 * @example
 * ```ts
 * const { loss, dPred } = huberLoss(Float32Array.of(0, 3), Float32Array.of(0, 0), 1);
 * // loss = (0 + 1·(3 − 0.5)) / 2 = 1.25; dPred = [0, 0.5]
 * ```
 */
export function huberLoss(
  pred: ArrayLike<number>,
  target: ArrayLike<number>,
  delta: number,
): { loss: number; dPred: Float32Array } {
  const b = target.length;
  if (pred.length !== b) throw new RangeError(`huberLoss: ${pred.length} predictions for ${b} targets`);
  if (b === 0) throw new RangeError("huberLoss: no rows");
  if (!(delta > 0) || !Number.isFinite(delta)) {
    throw new RangeError(`huberLoss: delta must be finite and > 0, got ${delta}`);
  }
  const dPred = new Float32Array(b);
  let loss = 0;
  for (let i = 0; i < b; i++) {
    const e = pred[i] - target[i];
    const a = Math.abs(e);
    if (a <= delta) {
      loss += 0.5 * e * e;
      dPred[i] = e / b;
    } else {
      loss += delta * (a - 0.5 * delta);
      dPred[i] = (e > 0 ? delta : -delta) / b;
    }
  }
  return { loss: loss / b, dPred };
}

/**
 * {@link huberLoss} as a tfjs op of the predictions (any shape; `target` in the same element order).
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const p = tf.variable(tf.tensor1d([0.5, 2]));
 * const { value, grads } = tf.variableGrads(() => huberOp(p, Float32Array.of(0, 0), 1), [p]);
 * console.log(value.dataSync()[0], grads[p.name].dataSync()); // 0.8125, [0.25, 0.5]
 * ```
 */
export function huberOp(pred: tf.Tensor, target: Float32Array, delta: number): tf.Scalar {
  return hostLossOp(pred, (p) => {
    const { loss, dPred } = huberLoss(p, target, delta);
    return { loss, dz: dPred };
  });
}
