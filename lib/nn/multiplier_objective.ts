/**
 * The networks' training objective and its exact gradient with respect to the
 * output logits, computed on the host in float64 (one pass, no tfjs kernels).
 *
 * With `m = mMin + (mMax − mMin)·σ(z)` and `u = r − m` over a batch of `b` rows:
 *
 * - pinball: `mean(max(τu, (τ−1)u))` (or `mean(u²)` for the `"mse"` objective);
 * - breach penalty: `λ·mean(max(u, 0)²)`;
 * - smoothness: `μ·mean(|m − m_prev|)` (the absolute day-over-day change of
 *   the multiplier over time-ordered pairs), where `m_prev` comes from the
 *   logits `z[b..2b)` of each row's previous day (the caller appends them).
 *
 * {@link multiplierObjective} wraps it as a tfjs op with a custom gradient, so
 * the network body keeps tfjs autodiff while the loss costs one kernel.
 * @module
 */
import { logistic } from "../core/logistic.ts";
import type { tf } from "./tf_backend.ts";
import { hostLossOp } from "./host_loss_op.ts";

/** The objective's settings. */
export interface ObjectiveSpec {
  readonly tau: number;
  readonly mMin: number;
  readonly mMax: number;
  readonly objective: "pinball" | "mse";
  readonly breachPenalty: number;
  readonly smoothness: number;
}

/**
 * Loss and `∂loss/∂z` for logits `z` (length `b`, or `2b` with smoothness: the
 * second half are the previous days' logits) and targets `r` (length `b`).
 *
 * At the pinball kink `u = 0` the subgradient `τ − 1` side is used (as tfjs's
 * `maximum` gradient does). The smoothness term's (sub)gradient is
 * `μ·sign(m − m_prev)/b` on `m` and its negative on `m_prev`, with
 * `sign(0) = 0`.
 *
 * @throws {RangeError} when the lengths do not match
 * @example
 * ```ts
 * const spec = { tau: 0.9, mMin: 0.8, mMax: 1.5, objective: "pinball", breachPenalty: 0, smoothness: 0 } as const;
 * const { loss, dz } = objectiveAndGradient(Float32Array.of(0), Float32Array.of(2), spec);
 * // m = 1.15, u = 0.85: loss = 0.9 · 0.85, dz = −0.9 · 0.7 · σ'(0) = −0.1575
 * if (Math.abs(loss - 0.765) > 1e-6 || Math.abs(dz[0] + 0.1575) > 1e-6) throw new Error("pinball");
 *
 * // smoothness μ = 2 on the absolute change: m = 1.15 today, m_prev = 0.8 + 0.7·σ(−2) yesterday
 * const smooth = objectiveAndGradient(Float32Array.of(0, -2), Float32Array.of(1.15), { ...spec, smoothness: 2 });
 * const mPrev = 0.8 + 0.7 / (1 + Math.exp(2));
 * if (Math.abs(smooth.loss - 2 * (1.15 - mPrev)) > 1e-6) throw new Error("absolute change");
 * ```
 */
export function objectiveAndGradient(
  z: Float32Array,
  r: Float32Array,
  spec: ObjectiveSpec,
): { loss: number; dz: Float32Array } {
  const b = r.length;
  const smooth = spec.smoothness > 0;
  if (z.length !== (smooth ? 2 * b : b)) {
    throw new RangeError(
      `objectiveAndGradient: ${z.length} logits for ${b} targets (expected ${smooth ? 2 * b : b})`,
    );
  }
  const span = spec.mMax - spec.mMin, tau = spec.tau, lam = spec.breachPenalty, mu = spec.smoothness;
  const mse = spec.objective === "mse";
  const dz = new Float32Array(z.length);
  let loss = 0;
  for (let i = 0; i < b; i++) {
    const s = logistic(z[i]);
    const m = spec.mMin + span * s;
    const u = r[i] - m;
    let dm: number; // ∂(row loss)/∂m
    if (mse) {
      loss += u * u;
      dm = -2 * u;
    } else if (u > 0) {
      loss += tau * u;
      dm = -tau;
    } else {
      loss += (tau - 1) * u;
      dm = 1 - tau;
    }
    if (lam > 0 && u > 0) {
      loss += lam * u * u;
      dm -= 2 * lam * u;
    }
    if (smooth) {
      const sp = logistic(z[b + i]);
      const diff = span * (s - sp);
      const sign = diff > 0 ? 1 : diff < 0 ? -1 : 0;
      loss += mu * Math.abs(diff);
      dm += mu * sign;
      dz[b + i] = (-mu * sign * span * sp * (1 - sp)) / b;
    }
    dz[i] = (dm * span * s * (1 - s)) / b;
  }
  return { loss: loss / b, dz };
}

/**
 * The objective as a tfjs op of the logits `z` (`[b]` or `[2b]`), with the
 * gradient of {@link objectiveAndGradient}. `r` is the batch's target.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const spec = { tau: 0.99, mMin: 0.8, mMax: 1.5, objective: "pinball", breachPenalty: 0, smoothness: 0 } as const;
 * const z = tf.variable(tf.tensor1d([0, 1]));
 * const { value, grads } = tf.variableGrads(() => multiplierObjective(z, Float32Array.of(1, 2), spec), [z]);
 * ```
 */
export function multiplierObjective(z: tf.Tensor, r: Float32Array, spec: ObjectiveSpec): tf.Scalar {
  return hostLossOp(z, (v) => objectiveAndGradient(v, r, spec));
}
