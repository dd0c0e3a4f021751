/**
 * Shapley-value allocation of a margin over units: each unit gets its average
 * marginal contribution over all orders of joining the portfolio. Coalition
 * `S` has value `v(S) = fn(1_S)` (0/1 weights).
 *
 * - exact for up to `exactMax` units (default 12): every coalition is
 *   evaluated once (2ⁿ calls) and
 *   `φ_j = Σ_{S ∌ j} |S|!(n−|S|−1)!/n! · (v(S ∪ j) − v(S))`;
 * - above that, permutation sampling (Castro et al. 2009) with a seeded PRNG:
 *   `nPermutations` random orders, each unit's mean marginal contribution and
 *   its standard error `sd/√m`. Each sampled order telescopes, so the estimates
 *   still add up exactly to `v(N) − v(∅)`.
 *
 * Properties: efficiency (`Σφ = v(N) − v(∅)`), symmetry (interchangeable units
 * get equal values), null player, additivity.
 *
 * @example
 * ```ts
 * import { shapley } from "./shapley.ts";
 * import { createPrng } from "../core/prng.ts";
 * const r = shapley((w) => Math.hypot(3 * w[0], 4 * w[1]), 2, { prng: createPrng(1) });
 * r.values; // [2, 3]: (3 + (5−4))/2, (4 + (5−3))/2
 * ```
 * @module
 */
import { permutation, type Prng } from "../core/prng.ts";
import { checkUnitFn, evalMargin, type UnitMarginFn } from "./unit_margin_fn.ts";

/** Options of {@link shapley}. */
export interface ShapleyOptions {
  /** Seeded PRNG for permutation sampling (required above `exactMax` units). */
  prng?: Prng;
  /** Largest number of units computed exactly. Default 12 (at most 20). */
  exactMax?: number;
  /** Number of sampled permutations above `exactMax`. Default 1000. */
  nPermutations?: number;
}

/** Shapley values. */
export interface ShapleyResult {
  /** Per-unit Shapley values. */
  values: Float64Array;
  /** Per-unit standard errors (0 when exact). */
  stdErr: Float64Array;
  /** Whether the values are exact. */
  exact: boolean;
  /** Number of margin-function calls. */
  evaluations: number;
  /** `v(N)`, the whole portfolio's margin. */
  total: number;
  /** `v(∅)`, the empty portfolio's margin (usually 0). */
  empty: number;
}

/**
 * Shapley allocation of `marginFn` over `nUnits` units.
 *
 * @throws {TypeError} when `marginFn` is not a function or sampling is needed without a `prng`;
 *   {RangeError} on `nUnits` < 1, `exactMax` outside [1, 20], `nPermutations` < 2, a non-finite margin
 * @example
 * ```ts
 * shapley((w) => w[0] + w[1], 2).values; // [1, 1]
 * ```
 */
export function shapley(marginFn: UnitMarginFn, nUnits: number, opts: ShapleyOptions = {}): ShapleyResult {
  const name = "shapley";
  checkUnitFn(name, marginFn, nUnits);
  const exactMax = opts.exactMax ?? 12;
  if (!Number.isInteger(exactMax) || exactMax < 1 || exactMax > 20) {
    throw new RangeError(`${name}: exactMax must be an integer in [1, 20], got ${exactMax}`);
  }
  const n = nUnits;
  const w = new Float64Array(n);
  if (n <= exactMax) {
    const N = 1 << n;
    const v = new Float64Array(N);
    for (let mask = 0; mask < N; mask++) {
      for (let j = 0; j < n; j++) w[j] = (mask >>> j) & 1;
      v[mask] = evalMargin(name, marginFn, w);
    }
    // weight by coalition size: s!(n−s−1)!/n!
    const wt = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      let lg = 0;
      for (let i = 2; i <= s; i++) lg += Math.log(i);
      for (let i = 2; i <= n - s - 1; i++) lg += Math.log(i);
      for (let i = 2; i <= n; i++) lg -= Math.log(i);
      wt[s] = Math.exp(lg);
    }
    const values = new Float64Array(n);
    for (let mask = 0; mask < N; mask++) {
      const size = popcount(mask);
      for (let j = 0; j < n; j++) {
        if ((mask >>> j) & 1) continue;
        values[j] += wt[size] * (v[mask | (1 << j)] - v[mask]);
      }
    }
    return { values, stdErr: new Float64Array(n), exact: true, evaluations: N, total: v[N - 1], empty: v[0] };
  }
  const prng = opts.prng;
  if (prng === undefined || typeof prng.next !== "function") {
    throw new TypeError(`${name}: ${n} units > exactMax ${exactMax} needs a seeded prng for permutation sampling`);
  }
  const m = opts.nPermutations ?? 1000;
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`${name}: nPermutations must be an integer >= 2, got ${m}`);
  w.fill(0);
  const empty = evalMargin(name, marginFn, w);
  const sum = new Float64Array(n), sum2 = new Float64Array(n);
  let evaluations = 1, total = empty;
  for (let it = 0; it < m; it++) {
    const order = permutation(n, prng);
    w.fill(0);
    let prev = empty;
    for (let r = 0; r < n; r++) {
      const j = order[r];
      w[j] = 1;
      const cur = evalMargin(name, marginFn, w);
      evaluations++;
      const d = cur - prev;
      sum[j] += d;
      sum2[j] += d * d;
      prev = cur;
    }
    total = prev;
  }
  const values = new Float64Array(n), stdErr = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const mean = sum[j] / m;
    values[j] = mean;
    const varj = Math.max(0, (sum2[j] - m * mean * mean) / (m - 1));
    stdErr[j] = Math.sqrt(varj / m);
  }
  return { values, stdErr, exact: false, evaluations, total, empty };
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}
