/**
 * Levenberg–Marquardt least squares for small parameter vectors (SABR
 * calibration), with a forward-difference Jacobian and Marquardt's diagonal
 * scaling. Deterministic; buffers are allocated once per call.
 *
 * @example
 * ```ts
 * import { levenbergMarquardt } from "./levenberg_marquardt.ts";
 * const t = [0, 1, 2, 3], y = [1, 2.7, 7.4, 20.1];
 * const r = levenbergMarquardt((p, out) => {
 *   for (let i = 0; i < 4; i++) out[i] = p[0] * Math.exp(p[1] * t[i]) - y[i];
 * }, new Float64Array([1, 0.5]), 4);
 * r.x; // ≈ [1, 1]
 * ```
 * @module
 */
import { choleskyInPlace, choleskySolve } from "../core/cholesky.ts";

/** Options for {@link levenbergMarquardt}. */
export interface LevenbergMarquardtOptions {
  /** Maximum iterations (default 100). */
  maxIter?: number;
  /** Stop when the relative reduction of the cost falls below this (default 1e-15). */
  fTol?: number;
  /** Stop when the relative step is below this (default 1e-12). */
  xTol?: number;
  /** Initial damping (default 1e-3). */
  lambda0?: number;
}

/** Result of {@link levenbergMarquardt}: `cost` is ½·Σ r². */
export interface LevenbergMarquardtResult {
  x: Float64Array;
  cost: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Minimise ½‖r(p)‖² where `residuals(p, out)` fills `out` (length `m`).
 * Non-finite residuals reject a trial step (the damping grows).
 *
 * @throws {RangeError} when m < number of parameters, or x0 is not finite, or the start point has non-finite residuals
 * @example
 * ```ts
 * levenbergMarquardt((p, o) => { o[0] = p[0] - 2; o[1] = 0; }, new Float64Array([0]), 2).x[0]; // 2
 * ```
 */
export function levenbergMarquardt(
  residuals: (p: Float64Array, out: Float64Array) => void,
  x0: Float64Array,
  m: number,
  opts: LevenbergMarquardtOptions = {},
): LevenbergMarquardtResult {
  const n = x0.length;
  if (!(m >= n)) throw new RangeError(`levenbergMarquardt: need at least ${n} residuals, got m=${m}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i])) throw new RangeError(`levenbergMarquardt: x0[${i}] must be finite, got ${x0[i]}`);
  }
  const maxIter = opts.maxIter ?? 100, fTol = opts.fTol ?? 1e-15, xTol = opts.xTol ?? 1e-12;
  let lambda = opts.lambda0 ?? 1e-3;
  const x = Float64Array.from(x0), xt = new Float64Array(n), xp = new Float64Array(n);
  const r = new Float64Array(m), rt = new Float64Array(m), rp = new Float64Array(m);
  const J = new Float64Array(m * n), A = new Float64Array(n * n), g = new Float64Array(n), d = new Float64Array(n);
  const M = new Float64Array(n * n), rhs = new Float64Array(n);
  let evals = 0;
  const cost = (v: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < m; i++) s += v[i] * v[i];
    return 0.5 * s;
  };
  residuals(x, r);
  evals++;
  let c = cost(r);
  if (!Number.isFinite(c)) throw new RangeError(`levenbergMarquardt: residuals at x0 are not finite (cost ${c})`);
  let iter = 0, converged = false;
  outer: for (; iter < maxIter; iter++) {
    // Jacobian by forward differences
    for (let j = 0; j < n; j++) {
      xp.set(x);
      const h = 1e-7 * Math.max(1e-3, Math.abs(x[j]));
      xp[j] += h;
      residuals(xp, rp);
      evals++;
      for (let i = 0; i < m; i++) J[i * n + j] = (rp[i] - r[i]) / h;
    }
    A.fill(0);
    g.fill(0);
    for (let i = 0; i < m; i++) {
      for (let a = 0; a < n; a++) {
        const ja = J[i * n + a];
        g[a] += ja * r[i];
        for (let b = 0; b <= a; b++) A[a * n + b] += ja * J[i * n + b];
      }
    }
    for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) A[b * n + a] = A[a * n + b];
    let gmax = 0;
    for (let a = 0; a < n; a++) gmax = Math.max(gmax, Math.abs(g[a]));
    if (gmax <= 1e-300 || c === 0) {
      converged = true;
      break;
    }
    for (let tries = 0; tries < 30; tries++) {
      M.set(A);
      for (let a = 0; a < n; a++) {
        M[a * n + a] += lambda * Math.max(A[a * n + a], 1e-12);
        rhs[a] = -g[a];
      }
      if (!solveSpd(M, rhs, d, n)) {
        lambda *= 10;
        continue;
      }
      let stepNorm = 0, xNorm = 0;
      for (let a = 0; a < n; a++) {
        xt[a] = x[a] + d[a];
        stepNorm += d[a] * d[a];
        xNorm += x[a] * x[a];
      }
      residuals(xt, rt);
      evals++;
      const ct = cost(rt);
      if (Number.isFinite(ct) && ct <= c) {
        const rel = (c - ct) / Math.max(c, 1e-300);
        x.set(xt);
        r.set(rt);
        c = ct;
        lambda = Math.max(lambda / 10, 1e-12);
        if (rel <= fTol || Math.sqrt(stepNorm) <= xTol * (Math.sqrt(xNorm) + xTol)) {
          converged = true;
          iter++;
          break outer;
        }
        continue outer;
      }
      lambda *= 10;
      if (lambda > 1e16) {
        converged = true; // no further decrease possible: a (local) minimum to working precision
        break outer;
      }
    }
    break;
  }
  return { x, cost: c, iterations: iter, evaluations: evals, converged };
}

/** Cholesky solve of an n×n SPD system; returns false when not positive definite. */
function solveSpd(M: Float64Array, b: Float64Array, out: Float64Array, n: number): boolean {
  if (!choleskyInPlace(M, n)) return false;
  choleskySolve(M, n, b, out);
  return true;
}
