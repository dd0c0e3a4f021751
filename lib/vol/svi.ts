/**
 * Raw SVI total-variance smile (Gatheral 2004):
 * `w(k) = a + b·(ρ·(k − m) + √((k − m)² + σ²))`, with `k = ln(K/F)` and
 * `w = σ_BS²·T`. Parameter validation, evaluation and analytic derivatives.
 *
 * @example
 * ```ts
 * import { sviTotalVariance } from "./svi.ts";
 * const p = { a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 };
 * sviTotalVariance(p, 0.1); // = a + b·σ = 0.12
 * ```
 * @module
 */

/** Raw SVI parameters. */
export interface SviParams {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
}

/**
 * Check SVI parameters: all finite, b ≥ 0, |ρ| < 1, σ > 0.
 *
 * @throws {RangeError} naming `label`, the parameter and its value
 * @example
 * ```ts
 * validateSviParams({ a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 }, "slice 1");
 * ```
 */
export function validateSviParams(p: SviParams, label = "svi"): void {
  for (const key of ["a", "b", "rho", "m", "sigma"] as const) {
    if (!Number.isFinite(p[key])) throw new RangeError(`${label}: SVI parameter ${key} must be finite, got ${p[key]}`);
  }
  if (p.b < 0) throw new RangeError(`${label}: SVI parameter b must be >= 0, got ${p.b}`);
  if (!(Math.abs(p.rho) < 1)) throw new RangeError(`${label}: SVI parameter rho must satisfy |rho| < 1, got ${p.rho}`);
  if (!(p.sigma > 0)) throw new RangeError(`${label}: SVI parameter sigma must be > 0, got ${p.sigma}`);
}

/**
 * Total implied variance at log-moneyness `k`.
 *
 * @example
 * ```ts
 * sviTotalVariance({ a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 }, 0); // ≈ 0.1455
 * ```
 */
export function sviTotalVariance(p: SviParams, k: number): number {
  const x = k - p.m;
  return p.a + p.b * (p.rho * x + Math.sqrt(x * x + p.sigma * p.sigma));
}

/**
 * Total implied variance over an array of log-moneyness values.
 *
 * @example
 * ```ts
 * sviTotalVarianceArray({ a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 }, new Float64Array([-0.5, 0, 0.5]));
 * ```
 */
export function sviTotalVarianceArray(p: SviParams, k: Float64Array, out = new Float64Array(k.length)): Float64Array {
  const s2 = p.sigma * p.sigma;
  for (let i = 0; i < k.length; i++) {
    const x = k[i] - p.m;
    out[i] = p.a + p.b * (p.rho * x + Math.sqrt(x * x + s2));
  }
  return out;
}

/**
 * `[w, ∂w/∂k, ∂²w/∂k²]` at `k`, analytic.
 *
 * @example
 * ```ts
 * const [w, w1, w2] = sviDerivatives({ a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 }, 0);
 * ```
 */
export function sviDerivatives(p: SviParams, k: number): [number, number, number] {
  const x = k - p.m;
  const r = Math.sqrt(x * x + p.sigma * p.sigma);
  return [
    p.a + p.b * (p.rho * x + r),
    p.b * (p.rho + x / r),
    p.b * p.sigma * p.sigma / (r * r * r),
  ];
}

/**
 * Minimum of the SVI total variance over k: `a + b·σ·√(1 − ρ²)`, attained at
 * `k* = m − ρσ/√(1 − ρ²)`. Negative means the smile has negative variance somewhere.
 *
 * @example
 * ```ts
 * sviMinVariance({ a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 }); // ≈ 0.0116
 * ```
 */
export function sviMinVariance(p: SviParams): { w: number; k: number } {
  const q = Math.sqrt(1 - p.rho * p.rho);
  return { w: p.a + p.b * p.sigma * q, k: p.m - p.rho * p.sigma / q };
}
