/**
 * The backtest of a margin series against realised losses on a set of rows: exceptions, Kupiec's proportion of
 * failures, Christoffersen's independence test and the average margin.
 * @module
 */
import { christoffersen } from "./christoffersen.ts";
import { exceptions } from "./exceptions.ts";
import { kupiecPof } from "./kupiec.ts";

/** {@link marginBacktest}'s result. */
export interface MarginBacktest {
  n: number;
  exceptions: number;
  breachRate: number;
  kupiecLR: number;
  kupiecP: number;
  christoffersenIndLR: number;
  christoffersenIndP: number;
  avgIm: number;
  /** 1 where the loss exceeded the margin, per row of `rows`. */
  flags: Uint8Array;
}

/**
 * Backtest `im` against `loss` on the rows `rows` (both indexed by date; `loss[t]` realised over (t, t+h]).
 *
 * @throws {RangeError} when a selected loss or margin is not finite, or `tau` is outside (0, 1)
 * @example
 * ```ts
 * import { marginBacktest } from "./margin_backtest.ts";
 * const b = marginBacktest(Float64Array.of(1, 5, 2, 9), Float64Array.of(3, 3, 3, 3), [0, 1, 2], 0.99);
 * console.assert(b.n === 3 && b.exceptions === 1 && b.avgIm === 3);
 * ```
 */
export function marginBacktest(
  loss: Float64Array,
  im: Float64Array,
  rows: readonly number[],
  tau: number,
): MarginBacktest {
  const l = Float64Array.from(rows, (i) => loss[i]);
  const m = Float64Array.from(rows, (i) => im[i]);
  const ex = exceptions(l, m);
  const kup = kupiecPof(ex.count, ex.n, tau);
  const chr = christoffersen(ex.flags, tau);
  let sum = 0;
  for (const v of m) sum += v;
  return {
    n: ex.n,
    exceptions: ex.count,
    breachRate: ex.rate,
    kupiecLR: kup.lr,
    kupiecP: kup.pValue,
    christoffersenIndLR: chr.independence.lr,
    christoffersenIndP: chr.independence.pValue,
    avgIm: sum / m.length,
    flags: ex.flags,
  };
}
