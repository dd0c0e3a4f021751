/**
 * Empirical Value-at-Risk and Expected Shortfall of a scenario P&L vector.
 *
 * Sign convention: inputs are P&L (profit positive); VaR and ES are reported
 * as losses (positive = loss), so they may be negative for a portfolio that
 * gains in every scenario. Margin functions floor them at 0.
 *
 * Definitions, with `n` scenarios, losses `L = −pnl` sorted ascending
 * `L(1) ≤ … ≤ L(n)`, quantile level `α` (`tau`) and `x = n·α`, `k = ⌈x⌉`:
 *
 * - `VaR_α = L(k)` — the empirical α-quantile (smallest loss with at least a
 *   fraction α of scenarios at or below it);
 * - `ES_α = [Σ_{i>k} L(i) + (k − x)·L(k)] / (n − x)` — the Acerbi–Tasche tail
 *   average; when `n(1−α)` is an integer (2,500 scenarios at 99%) it is the
 *   plain mean of the `n(1−α)` largest losses.
 *
 * `x` is snapped to the nearest integer when within 1e-9 of it, so 2500·0.99
 * counts as exactly 2475 despite floating point.
 *
 * The work is a quickselect (expected O(n)), not a sort — from 256 losses on in WebAssembly
 * ({@link quickselectWasm}), with the same result and the same final order (the ES sums the tail in that order).
 *
 * @example
 * ```ts
 * import { varEs } from "./var_es.ts";
 * const pnl = Float64Array.from({ length: 100 }, (_, i) => i - 50); // −50..49
 * const r = varEs(pnl, 0.95); // r.var = 45, r.es = 48
 * ```
 * @module
 */
import { checkConfidence, checkFiniteArray } from "../core/check.ts";
import { hsKernels } from "./hs_kernels.ts";

/** VaR and ES of one P&L vector, as losses. */
export interface VarEs {
  /** Value-at-Risk (loss, positive = loss). */
  var: number;
  /** Expected Shortfall (loss, positive = loss). */
  es: number;
}

/**
 * Position of the VaR order statistic for `n` scenarios at `tau`:
 * `k` (1-based, ascending losses), the weight `k − x` of `L(k)` in ES and the
 * ES denominator `n − x`.
 *
 * @example
 * ```ts
 * tailIndex(2500, 0.99); // { k: 2475, weight: 0, denom: 25 }
 * ```
 */
export function tailIndex(n: number, tau: number): { k: number; weight: number; denom: number } {
  let x = n * tau;
  const r = Math.round(x);
  if (Math.abs(x - r) <= 1e-9 * Math.max(1, x)) x = r;
  const k = Math.min(n, Math.max(1, Math.ceil(x)));
  return { k, weight: k - x, denom: n - x };
}

/**
 * Rearrange `a[lo..hi]` so that `a[k]` holds the value it would have after an
 * ascending sort, everything before it is ≤ and everything after it is ≥.
 * Iterative Hoare partitioning with median-of-three pivots.
 *
 * @example
 * ```ts
 * const a = new Float64Array([5, 1, 4, 2, 3]);
 * quickselect(a, 2); // a[2] === 3
 * ```
 */
export function quickselect(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    if (hi === lo + 1) {
      if (a[lo] > a[hi]) {
        const t = a[lo];
        a[lo] = a[hi];
        a[hi] = t;
      }
      return a[k];
    }
    const mid = (lo + hi) >>> 1;
    // median of three into a[mid]
    let x = a[lo], y = a[mid], z = a[hi];
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    a[lo] = x;
    a[mid] = y;
    a[hi] = z;
    const pivot = y;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** From this many losses on, {@link varEsOfLossesInPlace} selects in WebAssembly (2–4× faster at 2,500). */
const WASM_MIN = 256;
let wasmView: Float64Array | undefined;

/**
 * {@link quickselect} in the WebAssembly kernel of `hs_kernels.ts`, which leaves the array in exactly the order
 * the JavaScript does (tested): `a` is copied into the kernels' memory, selected there and copied back.
 *
 * @example
 * ```ts
 * const a = new Float64Array([5, 1, 4, 2, 3]);
 * quickselectWasm(a, 2); // 3, and a is as quickselect(a, 2) leaves it
 * ```
 */
export function quickselectWasm(a: Float64Array, k: number): number {
  const n = a.length;
  const lAt = 8 * n, rAt = lAt + 4 * (n + 2); // L and R hold n + 2 int32 (R[−1] reads inside L)
  const kern = hsKernels(rAt + 4 * (n + 2));
  if (wasmView === undefined || wasmView.buffer !== kern.memory.buffer) wasmView = new Float64Array(kern.memory.buffer);
  wasmView.set(a, 0);
  const v = kern.select(0, n, k, lAt, rAt);
  a.set(wasmView.subarray(0, n));
  return v;
}

/**
 * Hot-path kernel: VaR and ES of the `losses` vector (positive = loss), which
 * is reordered in place. No argument checks. Writes `[var, es]` into `out`.
 *
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * varEsOfLossesInPlace(new Float64Array([1, 2, 3, 4]), 0.5, out); // out = [2, 3.5]
 * ```
 */
export function varEsOfLossesInPlace(losses: Float64Array, tau: number, out: Float64Array): void {
  const n = losses.length;
  const { k, weight, denom } = tailIndex(n, tau);
  const v = n >= WASM_MIN ? quickselectWasm(losses, k - 1) : quickselect(losses, k - 1);
  let s = 0;
  for (let i = k; i < n; i++) s += losses[i];
  out[0] = v;
  out[1] = (s + weight * v) / denom;
}

/**
 * VaR and ES (as losses) of a scenario P&L vector (profit positive).
 *
 * @throws {RangeError} on an empty vector, a non-finite value (naming its index) or tau outside (0, 1)
 * @example
 * ```ts
 * varEs(new Float64Array([-4, -3, -2, -1]), 0.5); // { var: 2, es: 3.5 }
 * ```
 */
export function varEs(pnl: ArrayLike<number>, tau: number): VarEs {
  checkConfidence("varEs", tau, "tau");
  checkFiniteArray("varEs", "pnl", pnl);
  if (pnl.length === 0) throw new RangeError("varEs: pnl is empty (lookback of 0 scenarios)");
  const losses = new Float64Array(pnl.length);
  for (let i = 0; i < pnl.length; i++) losses[i] = -pnl[i];
  const out = new Float64Array(2);
  varEsOfLossesInPlace(losses, tau, out);
  return { var: out[0], es: out[1] };
}
