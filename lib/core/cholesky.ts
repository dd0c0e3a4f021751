/**
 * Cholesky factorisation `A = L Lᵀ` of a symmetric positive-definite `p × p` matrix and the triangular solves that
 * use it: the one copy behind the least-squares steps of Levenberg–Marquardt (lib/vol), the IRLS steps of linear
 * quantile regression (lib/models) and the KernelSHAP regression (lib/explain). Row-major `Float64Array`s; only the
 * lower triangle is read and written.
 *
 * @example
 * ```ts
 * import { choleskyInPlace, choleskySolve } from "./cholesky.ts";
 * const a = Float64Array.of(4, 0, 2, 5); // [[4, 2], [2, 5]], lower triangle used
 * console.assert(choleskyInPlace(a, 2));
 * const x = choleskySolve(a, 2, Float64Array.of(6, 12)); // [[4, 2], [2, 5]]·x = [6, 12]
 * console.assert(x[0] === 0.375 && x[1] === 2.25);
 * ```
 * @module
 */

/**
 * Factor `a` in place into its lower Cholesky factor `L` (column by column: `L_jj = √(a_jj + jitter − Σ_k L_jk²)`,
 * `L_ij = (a_ij − Σ_k L_ik L_jk) / L_jj`). Returns false, leaving `a` partly overwritten, as soon as a pivot
 * `a_jj + jitter − Σ_k L_jk²` is not above `minPivot`.
 *
 * @param jitter added to every diagonal entry before its pivot (default 0: none)
 * @param minPivot the largest pivot still rejected (default 0: the matrix must be positive definite)
 * @example
 * ```ts
 * import { choleskyInPlace } from "./cholesky.ts";
 * console.assert(!choleskyInPlace(Float64Array.of(1, 0, 2, 4), 2)); // [[1, 2], [2, 4]] is singular
 * ```
 */
export function choleskyInPlace(a: Float64Array, p: number, jitter = 0, minPivot = 0): boolean {
  for (let j = 0; j < p; j++) {
    let s = jitter === 0 ? a[j * p + j] : a[j * p + j] + jitter;
    for (let k = 0; k < j; k++) s -= a[j * p + k] * a[j * p + k];
    if (!(s > minPivot)) return false;
    const l = Math.sqrt(s);
    a[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let t = a[i * p + j];
      for (let k = 0; k < j; k++) t -= a[i * p + k] * a[j * p + k];
      a[i * p + j] = t / l;
    }
  }
  return true;
}

/**
 * Solve `L Lᵀ x = b` by forward and back substitution with the factor from {@link choleskyInPlace}; writes `x`
 * into `out` (default: `b` itself, overwritten) and returns it.
 *
 * @example
 * ```ts
 * import { choleskySolve } from "./cholesky.ts";
 * const l = Float64Array.of(2, 0, 0, 3); // L = diag(2, 3)
 * console.assert(choleskySolve(l, 2, Float64Array.of(8, 18))[1] === 2);
 * ```
 */
export function choleskySolve(l: Float64Array, p: number, b: Float64Array, out: Float64Array = b): Float64Array {
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * out[k];
    out[i] = s / l[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = out[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * out[k];
    out[i] = s / l[i * p + i];
  }
  return out;
}
