/**
 * Backtest exceptions (breaches): a day is an exception when the realized loss
 * over the MPOR exceeds the margin held, `L_t > IM_t` (losses positive).
 *
 * @example
 * ```ts
 * import { exceptions } from "./exceptions.ts";
 * const e = exceptions([1, 5, 2], [3, 3, 3]); // e.count = 1, e.flags = [0, 1, 0]
 * ```
 * @module
 */
import { checkFinitePair } from "../core/check.ts";

/** Exception indicators and counts. */
export interface Exceptions {
  /** 1 where `loss > margin`, else 0. */
  flags: Uint8Array;
  /** Number of exceptions. */
  count: number;
  /** Number of observations. */
  n: number;
  /** `count / n`. */
  rate: number;
}

/**
 * Exception flags of realized losses against margins.
 *
 * @throws {RangeError} on non-finite values, mismatched or empty series
 * @example
 * ```ts
 * exceptions(new Float64Array([0, 2]), new Float64Array([1, 1])).rate; // 0.5
 * ```
 */
export function exceptions(losses: ArrayLike<number>, margins: ArrayLike<number>): Exceptions {
  checkFinitePair("exceptions", "losses", losses, "margins", margins);
  const n = losses.length;
  const flags = new Uint8Array(n);
  let count = 0;
  for (let t = 0; t < n; t++) {
    if (losses[t] > margins[t]) {
      flags[t] = 1;
      count++;
    }
  }
  return { flags, count, n, rate: count / n };
}
