/**
 * L2 weight decay for the host-trained networks: the penalty `(λ/2)·Σ w²` over the decayed variables (the kernels,
 * not the biases) added to a batch's loss, and its gradient `λ·w` added to the variables' gradients. With λ = 0
 * the loss and gradients are returned untouched (a network without decay trains bit for bit as before).
 *
 * @example
 * ```ts
 * import { addWeightDecay } from "./weight_decay.ts";
 * const w = [Float32Array.of(1, -2), Float32Array.of(5)];
 * const out = addWeightDecay({ loss: 1, grads: [Float32Array.of(0, 0), Float32Array.of(0)] }, w, [true, false], 0.1);
 * console.assert(Math.abs(out.loss - 1.25) < 1e-9 && out.grads[0][1] === Math.fround(-0.2) && out.grads[1][0] === 0);
 * ```
 * @module
 */

/**
 * The batch loss and gradients with the L2 penalty of the variables flagged in `decayed` (gradients updated in
 * place and returned).
 *
 * @throws {RangeError} on λ < 0 or not finite, or `weights`, `grads` and `decayed` of different lengths or shapes
 * @example
 * ```ts
 * import { addWeightDecay } from "./weight_decay.ts";
 * const same = { loss: 2, grads: [Float32Array.of(3)] };
 * console.assert(addWeightDecay(same, [Float32Array.of(4)], [true], 0) === same);
 * ```
 */
export function addWeightDecay<T extends { loss: number; grads: readonly Float32Array[] }>(
  out: T,
  weights: readonly Float32Array[],
  decayed: readonly boolean[],
  lambda: number,
): T {
  const fn = "addWeightDecay (lib/models/weight_decay.ts)";
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`${fn}: lambda must be >= 0, got ${lambda}`);
  if (lambda === 0) return out;
  if (weights.length !== out.grads.length || decayed.length !== weights.length) {
    throw new RangeError(
      `${fn}: ${weights.length} weights, ${out.grads.length} gradients and ${decayed.length} decay flags`,
    );
  }
  let pen = 0;
  for (let k = 0; k < weights.length; k++) {
    if (!decayed[k]) continue;
    const w = weights[k], g = out.grads[k];
    if (w.length !== g.length) throw new RangeError(`${fn}: variable ${k} has ${w.length} weights, ${g.length} grads`);
    for (let i = 0; i < w.length; i++) {
      g[i] += lambda * w[i];
      pen += w[i] * w[i];
    }
  }
  return { ...out, loss: out.loss + 0.5 * lambda * pen };
}
