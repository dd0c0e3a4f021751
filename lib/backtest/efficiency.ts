/**
 * Margin efficiency: how much margin is held, and how much of it exceeds the
 * loss it had to cover.
 *
 * @example
 * ```ts
 * import { efficiency } from "./efficiency.ts";
 * efficiency([1, -2, 3], [4, 4, 4]); // averageMargin 4, meanExcess 3.333…, meanExcessOverPositiveLoss 2.666…
 * ```
 * @module
 */
import { checkFiniteArray, checkFinitePair } from "../core/check.ts";

/** Efficiency metrics. */
export interface Efficiency {
  /** Mean margin. */
  averageMargin: number;
  /** Mean of `margin − loss`. */
  meanExcess: number;
  /** Mean of `margin − max(loss, 0)` — margin not used by any realized loss. */
  meanExcessOverPositiveLoss: number;
  /** `averageMargin / mean(benchmark)` when a benchmark series is given (e.g. the static rule), else NaN. */
  relativeToBenchmark: number;
}

/**
 * Efficiency of a margin series against realized losses (and optionally a benchmark margin).
 *
 * @throws {RangeError} on non-finite values, mismatched or empty series
 * @example
 * ```ts
 * efficiency([0], [2], [4]).relativeToBenchmark; // 0.5
 * ```
 */
export function efficiency(
  losses: ArrayLike<number>,
  margins: ArrayLike<number>,
  benchmark?: ArrayLike<number>,
): Efficiency {
  const fn = "efficiency";
  checkFinitePair(fn, "losses", losses, "margins", margins);
  const n = losses.length;
  let m = 0, ex = 0, exp = 0;
  for (let t = 0; t < n; t++) {
    m += margins[t];
    ex += margins[t] - losses[t];
    exp += margins[t] - Math.max(losses[t], 0);
  }
  let rel = NaN;
  if (benchmark !== undefined) {
    checkFiniteArray(fn, "benchmark", benchmark);
    if (benchmark.length !== n) {
      throw new RangeError(`${fn}: benchmark.length must equal ${n}, got ${benchmark.length}`);
    }
    let b = 0;
    for (let t = 0; t < n; t++) b += benchmark[t];
    rel = m / b;
  }
  return { averageMargin: m / n, meanExcess: ex / n, meanExcessOverPositiveLoss: exp / n, relativeToBenchmark: rel };
}
