/**
 * Attribution of SIMM (or any margin) to units — trades, sub-portfolios, sensitivity ids — over a
 * generic margin function `margin(weights)`, where `weights[i]` scales unit i's sensitivities
 * (1 = as held, 0 = removed). Self-contained on purpose (the generic library lives in lib/attribution).
 *
 * Methods:
 * - **standalone**: a_i = margin(e_i), the unit's margin on its own.
 * - **Euler** (finite differences): a_i = [margin(1 + ε e_i) − margin(1 − ε e_i)] / (2ε), i.e. unit i's
 *   sensitivities scaled by 1 ± ε with everything else held.
 * - **pro-rata by standalone**: a_i = total × standalone_i / Σ standalone.
 * - **Shapley**: exact over all 2^n coalitions for n ≤ 12 (configurable), else permutation sampling with
 *   a seeded PRNG, reporting the Monte-Carlo standard error of each contribution.
 *
 * **Where SIMM is non-additive (Euler sum ≠ total).** Without concentration add-ons every SIMM step is
 * positively homogeneous of degree one in the sensitivities: weighted sensitivities are linear, K_b and
 * the inter-bucket / ψ aggregations are square roots of quadratic forms, the clamp
 * S_b = max(min(Σ WS, K_b), −K_b) and the curvature max(·, 0) commute with positive scaling, and the
 * curvature λ depends on θ = Σ CVR / Σ |CVR| only, which is scale free. Euler's theorem then gives
 * Σ_i a_i = SIMM (up to the finite-difference error, and except at kinks such as a bucket where the
 * clamp or the curvature floor switches, or a change of winning regulation). Concentration breaks this:
 * once |Σ s| of a qualifier / currency / pair exceeds its threshold T, CR = sqrt(|Σ s| / T) > 1 makes the
 * weighted sensitivity RW·s·CR grow like |s|^{3/2}, so SIMM is locally homogeneous of a degree between 1
 * and 1.5 and the Euler contributions sum to **more** than the total (for a single concentrated factor,
 * exactly 1.5 × its margin). At |Σ s| = T the margin has a kink (CR switches from 1 to the square root).
 * Delta (CR) and vega (VCR) concentration both do this; the 1-day calibration applies none. Fixed
 * add-ons and notional add-ons are linear in their own rows; product-class multipliers are linear.
 *
 * @example
 * ```ts
 * import { eulerAttribution, shapleyAttribution, standaloneAttribution } from "./attribution.ts";
 * // a toy "margin": sqrt of a quadratic form, homogeneous of degree one
 * const margin = (w: Float64Array) => Math.sqrt(w[0] ** 2 + w[1] ** 2 + w[0] * w[1]);
 * const e = eulerAttribution(margin, 2);
 * console.assert(Math.abs(e.contributions[0] + e.contributions[1] - e.total) < 1e-8);
 * const s = shapleyAttribution(margin, 2);
 * console.assert(Math.abs(s.contributions[0] - s.contributions[1]) < 1e-12);
 * console.assert(standaloneAttribution(margin, 2).contributions[0] === 1);
 * ```
 * @module
 */

import { createPrng } from "../core/prng.ts";

/**
 * A margin as a function of per-unit weights (length n; 1 = as held, 0 = removed).
 *
 * @example
 * ```ts
 * import type { MarginFunction } from "./attribution.ts";
 * const f: MarginFunction = (w) => Math.hypot(w[0], w[1]);
 * console.assert(f(new Float64Array([3, 4])) === 5);
 * ```
 */
export type MarginFunction = (unitSubsetWeights: Float64Array) => number;

/**
 * Result of an attribution.
 *
 * @example
 * ```ts
 * import { standaloneAttribution } from "./attribution.ts";
 * const r = standaloneAttribution((w) => w[0] + w[1], 2);
 * console.assert(r.method === "standalone" && r.gap === 0);
 * ```
 */
export interface AttributionResult {
  /** Method name. */
  readonly method: "standalone" | "euler" | "pro-rata" | "shapley-exact" | "shapley-sampled";
  /** margin(all ones). */
  readonly total: number;
  /** Contribution of each unit. */
  readonly contributions: Float64Array;
  /** Σ contributions − total (0 for additive methods; Euler's non-additivity otherwise). */
  readonly gap: number;
  /** Monte-Carlo standard error of each contribution (sampled Shapley only). */
  readonly standardErrors?: Float64Array;
  /** Number of margin evaluations used. */
  readonly evaluations: number;
}

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`attribution: number of units must be an integer >= 1, got ${n}`);
  }
}

function finish(
  method: AttributionResult["method"],
  total: number,
  contributions: Float64Array,
  evaluations: number,
  standardErrors?: Float64Array,
): AttributionResult {
  let s = 0;
  for (const c of contributions) s += c;
  return { method, total, contributions, gap: s - total, evaluations, standardErrors };
}

/**
 * Standalone margin of each unit.
 *
 * @example
 * ```ts
 * import { standaloneAttribution } from "./attribution.ts";
 * const r = standaloneAttribution((w) => Math.hypot(w[0], 2 * w[1]), 2);
 * console.assert(r.contributions[1] === 2);
 * ```
 */
export function standaloneAttribution(margin: MarginFunction, n: number): AttributionResult {
  checkN(n);
  const w = new Float64Array(n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    w.fill(0);
    w[i] = 1;
    out[i] = margin(w);
  }
  w.fill(1);
  return finish("standalone", margin(w), out, n + 1);
}

/**
 * Euler (marginal) contributions by central finite differences: unit i scaled by 1 ± ε.
 *
 * @param epsilon relative bump (default 1e-4)
 * @throws {RangeError} when epsilon is not in (0, 1)
 * @example
 * ```ts
 * import { eulerAttribution } from "./attribution.ts";
 * const r = eulerAttribution((w) => Math.hypot(w[0], w[1]), 2);
 * console.assert(Math.abs(r.gap) < 1e-8);
 * ```
 */
export function eulerAttribution(margin: MarginFunction, n: number, epsilon = 1e-4): AttributionResult {
  checkN(n);
  if (!(epsilon > 0 && epsilon < 1)) {
    throw new RangeError(`eulerAttribution: epsilon must be in (0, 1), got ${epsilon}`);
  }
  const w = new Float64Array(n).fill(1);
  const total = margin(w);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    w[i] = 1 + epsilon;
    const up = margin(w);
    w[i] = 1 - epsilon;
    const down = margin(w);
    w[i] = 1;
    out[i] = (up - down) / (2 * epsilon);
  }
  return finish("euler", total, out, 2 * n + 1);
}

/**
 * Pro-rata allocation of the total by standalone margins.
 *
 * @throws {RangeError} when every standalone margin is zero
 * @example
 * ```ts
 * import { proRataAttribution } from "./attribution.ts";
 * const r = proRataAttribution((w) => Math.hypot(w[0], w[1]), 2);
 * console.assert(Math.abs(r.contributions[0] - Math.SQRT2 / 2) < 1e-12);
 * ```
 */
export function proRataAttribution(margin: MarginFunction, n: number): AttributionResult {
  const sa = standaloneAttribution(margin, n);
  let sum = 0;
  for (const c of sa.contributions) sum += c;
  if (sum === 0) throw new RangeError("proRataAttribution: all standalone margins are zero");
  const out = sa.contributions.map((c) => (sa.total * c) / sum);
  return finish("pro-rata", sa.total, out, sa.evaluations);
}

/**
 * Options for {@link shapleyAttribution}.
 *
 * @example
 * ```ts
 * import { shapleyAttribution } from "./attribution.ts";
 * const r = shapleyAttribution((w) => w[0] + w[1], 2, { maxExact: 0, permutations: 10, seed: 1 });
 * console.assert(r.method === "shapley-sampled");
 * ```
 */
export interface ShapleyOptions {
  /** Largest n computed exactly (default 12; 2^n margin evaluations). */
  readonly maxExact?: number;
  /** Number of sampled permutations when n > maxExact (default 200). */
  readonly permutations?: number;
  /** PRNG seed for sampling (default 1). */
  readonly seed?: number;
}

/**
 * Shapley values of the cooperative game v(S) = margin(1_S) − margin(∅): exact for n ≤ maxExact, else
 * by sampling random permutations (each gives one marginal contribution per unit) with standard errors.
 * The contributions sum to margin(all) − margin(∅) (exactly in the exact case, and per permutation in
 * the sampled case).
 *
 * @throws {RangeError} on a bad option value
 * @example
 * ```ts
 * import { shapleyAttribution } from "./attribution.ts";
 * const r = shapleyAttribution((w) => w[0] + 2 * w[1] + w[2], 3);
 * console.assert(Math.abs(r.contributions[1] - 2) < 1e-12);
 * ```
 */
export function shapleyAttribution(margin: MarginFunction, n: number, options: ShapleyOptions = {}): AttributionResult {
  checkN(n);
  const maxExact = options.maxExact ?? 12;
  if (!Number.isInteger(maxExact) || maxExact < 0 || maxExact > 24) {
    throw new RangeError(`shapleyAttribution: maxExact must be an integer in [0, 24], got ${maxExact}`);
  }
  const w = new Float64Array(n);
  const empty = margin(w);
  w.fill(1);
  const total = margin(w);
  if (n <= maxExact) {
    const size = 1 << n;
    const v = new Float64Array(size);
    for (let mask = 0; mask < size; mask++) {
      for (let i = 0; i < n; i++) w[i] = (mask >>> i) & 1;
      v[mask] = margin(w);
    }
    // weight(|S|) = |S|! (n − |S| − 1)! / n!
    const fact = [1];
    for (let k = 1; k <= n; k++) fact.push(fact[k - 1] * k);
    const weight = Array.from({ length: n }, (_, s) => (fact[s] * fact[n - s - 1]) / fact[n]);
    const out = new Float64Array(n);
    for (let mask = 0; mask < size; mask++) {
      let bits = 0;
      for (let m = mask; m !== 0; m &= m - 1) bits++;
      for (let i = 0; i < n; i++) {
        if ((mask >>> i) & 1) continue;
        out[i] += weight[bits] * (v[mask | (1 << i)] - v[mask]);
      }
    }
    return finish("shapley-exact", total, out, size + 2);
  }
  const perms = options.permutations ?? 200;
  if (!Number.isInteger(perms) || perms < 2) {
    throw new RangeError(`shapleyAttribution: permutations must be an integer >= 2, got ${perms}`);
  }
  const rng = createPrng(options.seed ?? 1);
  const sum = new Float64Array(n), sum2 = new Float64Array(n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let evaluations = 2;
  for (let p = 0; p < perms; p++) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    w.fill(0);
    let prev = empty;
    for (let k = 0; k < n; k++) {
      const u = order[k];
      w[u] = 1;
      const cur = k === n - 1 ? total : margin(w);
      if (k !== n - 1) evaluations++;
      const d = cur - prev;
      sum[u] += d;
      sum2[u] += d * d;
      prev = cur;
    }
  }
  const out = new Float64Array(n), se = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const mean = sum[i] / perms;
    out[i] = mean;
    const variance = Math.max(sum2[i] / perms - mean * mean, 0) * (perms / (perms - 1));
    se[i] = Math.sqrt(variance / perms);
  }
  return finish("shapley-sampled", total, out, evaluations, se);
}
