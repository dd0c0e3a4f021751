/**
 * Nelder–Mead simplex minimiser for small unconstrained problems (the outer
 * search of the SVI and SSVI calibrations). Standard coefficients: reflection
 * 1, expansion 2, contraction ½, shrink ½. Deterministic; no allocation per
 * iteration beyond the simplex itself.
 *
 * @example
 * ```ts
 * import { nelderMead } from "./nelder_mead.ts";
 * const r = nelderMead((p) => (p[0] - 1) ** 2 + (p[1] + 2) ** 2, new Float64Array([0, 0]));
 * r.x; // ≈ [1, -2]
 * ```
 * @module
 */

/** Options for {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Initial simplex edge per coordinate (default 0.1·max(1, |x0_i|)·… scalar 0.1 applied per coordinate). */
  step?: number | Float64Array;
  /** Maximum objective evaluations (default 200·n). */
  maxEval?: number;
  /** Stop when the spread of objective values across the simplex is below this (default 1e-14). */
  fTol?: number;
  /** Stop when the simplex diameter is below this (default 1e-10). */
  xTol?: number;
}

/** Result of {@link nelderMead}. */
export interface NelderMeadResult {
  x: Float64Array;
  f: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Minimise `f` from `x0`. NaN objective values are treated as +∞, so a
 * function may return NaN (or Infinity) to reject infeasible points.
 *
 * @throws {RangeError} when x0 is empty or not finite
 * @example
 * ```ts
 * nelderMead((p) => Math.abs(p[0] - 3), new Float64Array([0])).x[0]; // ≈ 3
 * ```
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  opts: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  if (n === 0) throw new RangeError("nelderMead: x0 must have at least one coordinate");
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i])) throw new RangeError(`nelderMead: x0[${i}] must be finite, got ${x0[i]}`);
  }
  const maxEval = opts.maxEval ?? 200 * n;
  const fTol = opts.fTol ?? 1e-14;
  const xTol = opts.xTol ?? 1e-10;
  const ev = (x: Float64Array): number => {
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const pts: Float64Array[] = [];
  const fv = new Float64Array(n + 1);
  pts.push(Float64Array.from(x0));
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(x0);
    const st = opts.step === undefined
      ? 0.1 * Math.max(1, Math.abs(x0[i]))
      : typeof opts.step === "number"
      ? opts.step
      : opts.step[i];
    p[i] += st;
    pts.push(p);
  }
  let evals = 0;
  for (let i = 0; i <= n; i++) {
    fv[i] = ev(pts[i]);
    evals++;
  }
  const order = new Int32Array(n + 1);
  const centroid = new Float64Array(n), xr = new Float64Array(n), xe = new Float64Array(n), xc = new Float64Array(n);
  let converged = false;
  while (evals < maxEval) {
    for (let i = 0; i <= n; i++) order[i] = i;
    order.sort((a, b) => fv[a] - fv[b] || a - b);
    const best = order[0], worst = order[n], second = order[n - 1];
    // convergence
    let diam = 0;
    for (let i = 1; i <= n; i++) {
      const p = pts[order[i]];
      for (let j = 0; j < n; j++) diam = Math.max(diam, Math.abs(p[j] - pts[best][j]));
    }
    const spread = fv[worst] - fv[best];
    if ((spread <= fTol * (Math.abs(fv[best]) + fTol) || spread <= 1e-300) && diam <= Math.sqrt(xTol) || diam <= xTol) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const p = pts[order[i]];
      for (let j = 0; j < n; j++) centroid[j] += p[j] / n;
    }
    const pw = pts[worst];
    for (let j = 0; j < n; j++) xr[j] = centroid[j] + (centroid[j] - pw[j]);
    const fr = ev(xr);
    evals++;
    if (fr < fv[best]) {
      for (let j = 0; j < n; j++) xe[j] = centroid[j] + 2 * (centroid[j] - pw[j]);
      const fe = ev(xe);
      evals++;
      if (fe < fr) {
        pw.set(xe);
        fv[worst] = fe;
      } else {
        pw.set(xr);
        fv[worst] = fr;
      }
      continue;
    }
    if (fr < fv[second]) {
      pw.set(xr);
      fv[worst] = fr;
      continue;
    }
    const outside = fr < fv[worst];
    for (let j = 0; j < n; j++) {
      xc[j] = outside ? centroid[j] + 0.5 * (xr[j] - centroid[j]) : centroid[j] + 0.5 * (pw[j] - centroid[j]);
    }
    const fc = ev(xc);
    evals++;
    if (fc < (outside ? fr : fv[worst])) {
      pw.set(xc);
      fv[worst] = fc;
      continue;
    }
    // shrink towards the best point
    const pb = pts[best];
    for (let i = 0; i <= n; i++) {
      if (i === best) continue;
      const p = pts[i];
      for (let j = 0; j < n; j++) p[j] = pb[j] + 0.5 * (p[j] - pb[j]);
      fv[i] = ev(p);
      evals++;
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (fv[i] < fv[bi]) bi = i;
  return { x: Float64Array.from(pts[bi]), f: fv[bi], evaluations: evals, converged };
}
