/**
 * Christoffersen (1998) tests: independence of exceptions (first-order Markov
 * alternative) and conditional coverage (`LR_cc = LR_pof + LR_ind`, `χ²(2)`).
 *
 * From the flags `I_t` the transition counts `n_ij = #{t ≥ 1: I_{t−1} = i, I_t = j}`
 * give `π01 = n01/(n00+n01)`, `π11 = n11/(n10+n11)`, `π = (n01+n11)/(n−1)` and
 * `LR_ind = −2·[(n00+n10)·ln(1−π) + (n01+n11)·ln π − n00·ln(1−π01) − n01·ln π01
 * − n10·ln(1−π11) − n11·ln π11]` (`0·ln 0 = 0`). `LR_pof` is Kupiec's statistic on
 * all `n` flags (the common convention; Christoffersen's original conditions on the first).
 *
 * @example
 * ```ts
 * import { christoffersen } from "./christoffersen.ts";
 * const r = christoffersen([0, 0, 1, 1, 0, 0, 0, 0, 0, 0], 0.95);
 * r.independence.lr; // ≈ 1.0205 (n00=6, n01=1, n10=1, n11=1)
 * ```
 * @module
 */
import { checkConfidence } from "../core/check.ts";
import { chi2Sf1, chi2Sf2 } from "../core/distributions.ts";
import { kupiecPof, type LrTest, xlogy } from "./kupiec.ts";

/** Result of {@link christoffersen}. */
export interface ChristoffersenResult {
  /** Transition counts. */
  n00: number;
  n01: number;
  n10: number;
  n11: number;
  /** Kupiec unconditional coverage test (χ²(1)). */
  pof: LrTest;
  /** Independence test (χ²(1)). */
  independence: LrTest;
  /** Conditional coverage test `LR_pof + LR_ind` (χ²(2)). */
  conditionalCoverage: LrTest;
}

/**
 * Christoffersen independence and conditional-coverage tests on a 0/1 exception sequence.
 *
 * @throws {RangeError} on fewer than 2 flags, a flag other than 0/1 (naming its index), tau outside (0, 1)
 * @example
 * ```ts
 * christoffersen(new Uint8Array(250), 0.99).conditionalCoverage.pValue;
 * ```
 */
export function christoffersen(flags: ArrayLike<number | boolean>, tau: number): ChristoffersenResult {
  const fn = "christoffersen";
  checkConfidence(fn, tau, "tau");
  if (flags === null || typeof flags !== "object" || typeof flags.length !== "number") {
    throw new TypeError(`${fn}: flags must be an array of 0/1, got ${String(flags)}`);
  }
  const n = flags.length;
  if (n < 2) throw new RangeError(`${fn}: flags needs at least 2 observations, got ${n}`);
  const I = new Uint8Array(n);
  let x = 0;
  for (let t = 0; t < n; t++) {
    const v = flags[t];
    if (v === 1 || v === true) I[t] = 1;
    else if (v !== 0 && v !== false) throw new RangeError(`${fn}: flags[${t}] must be 0 or 1, got ${String(v)}`);
    x += I[t];
  }
  let n00 = 0, n01 = 0, n10 = 0, n11 = 0;
  for (let t = 1; t < n; t++) {
    const a = I[t - 1], b = I[t];
    if (a === 0) b === 0 ? n00++ : n01++;
    else b === 0 ? n10++ : n11++;
  }
  const pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / (n - 1);
  const lInd = Math.max(
    0,
    -2 * (xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi) - xlogy(n00, 1 - pi01) - xlogy(n01, pi01) -
      xlogy(n10, 1 - pi11) - xlogy(n11, pi11)),
  );
  const pof = kupiecPof(x, n, tau);
  const lcc = pof.lr + lInd;
  return {
    n00,
    n01,
    n10,
    n11,
    pof: { lr: pof.lr, pValue: pof.pValue },
    independence: { lr: lInd, pValue: chi2Sf1(lInd) },
    conditionalCoverage: { lr: lcc, pValue: chi2Sf2(lcc) },
  };
}

/** Result of {@link christoffersenNonOverlapping}: the tests on the subsample, with its size. */
export interface NonOverlappingChristoffersen extends ChristoffersenResult {
  /** Number of flags in the subsample (`offset`, `offset + mpor`, …). */
  n: number;
}

/**
 * Christoffersen's tests on the non-overlapping subsample of the flags: every `mpor`-th day from `offset`. With
 * overlapping `mpor`-day losses consecutive daily flags are dependent by construction, so the independence test on
 * all days rejects a calibrated model almost surely; on days `mpor` apart the windows do not overlap and the test has
 * its nominal size. The primary independence test for `mpor > 1`.
 *
 * @throws {RangeError} on `mpor` < 1, `offset` outside [0, mpor), a subsample of fewer than 2 flags, or bad flags
 *   (as {@link christoffersen}, the index then being the subsample's)
 * @example
 * ```ts
 * import { christoffersenNonOverlapping } from "./christoffersen.ts";
 * // a breach on days 4–5 (one 2-day event) counts once on the even days
 * const flags = [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0];
 * const r = christoffersenNonOverlapping(flags, 0.9, 2);
 * console.assert(r.n === 6 && r.n01 === 1 && r.n11 === 0);
 * ```
 */
export function christoffersenNonOverlapping(
  flags: ArrayLike<number | boolean>,
  tau: number,
  mpor: number,
  offset = 0,
): NonOverlappingChristoffersen {
  const fn = "christoffersenNonOverlapping";
  if (flags === null || typeof flags !== "object" || typeof flags.length !== "number") {
    throw new TypeError(`${fn}: flags must be an array of 0/1, got ${String(flags)}`);
  }
  if (!Number.isInteger(mpor) || mpor < 1) throw new RangeError(`${fn}: mpor must be an integer >= 1, got ${mpor}`);
  if (!Number.isInteger(offset) || offset < 0 || offset >= mpor) {
    throw new RangeError(`${fn}: offset must be an integer in [0, ${mpor}), got ${offset}`);
  }
  const sub: (number | boolean)[] = [];
  for (let t = offset; t < flags.length; t += mpor) sub.push(flags[t]);
  if (sub.length < 2) {
    throw new RangeError(
      `${fn}: the subsample needs at least 2 flags, got ${sub.length} (n ${flags.length}, mpor ${mpor})`,
    );
  }
  return { ...christoffersen(sub, tau), n: sub.length };
}
