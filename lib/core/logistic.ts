/**
 * The logistic function, the one sigmoid of the project (LSTM gates, bounded multipliers, losses).
 * @module
 */

/**
 * The logistic function `σ(z) = 1 / (1 + e^{−z})`, evaluated without overflow for any sign of `z`.
 *
 * @example
 * ```ts
 * import { logistic } from "./logistic.ts";
 * console.assert(logistic(0) === 0.5);
 * ```
 */
export function logistic(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
