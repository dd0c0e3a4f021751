/**
 * SSVI surface (Gatheral & Jacquier 2014, "Arbitrage-free SVI volatility
 * surfaces", Quantitative Finance 14(1), eq. 4.1) with the power-law
 * curvature of their §4.3:
 * `w(k, θ) = θ/2 · (1 + ρφk + √((φk + ρ)² + 1 − ρ²))`,
 * `φ(θ) = η / (θ^γ (1 + θ)^{1−γ})`, where θ is the ATM total variance.
 * Their Corollary 4.1: with 0 < γ ≤ ½ the surface is free of static
 * arbitrage when η(1 + |ρ|) ≤ 2 (and θ is non-decreasing in T).
 *
 * @example
 * ```ts
 * import { ssviTotalVariance } from "./ssvi.ts";
 * ssviTotalVariance({ rho: -0.7, eta: 1.2, gamma: 0.4 }, 0.04, 0); // = θ = 0.04
 * ```
 * @module
 */

import type { SviParams } from "./svi.ts";

/** SSVI power-law parameters. */
export interface SsviParams {
  rho: number;
  eta: number;
  gamma: number;
}

/**
 * Check SSVI parameters: |ρ| < 1, η > 0, γ ∈ (0, 1).
 *
 * @throws {RangeError} naming the parameter and value
 * @example
 * ```ts
 * validateSsviParams({ rho: -0.7, eta: 1.2, gamma: 0.4 });
 * ```
 */
export function validateSsviParams(p: SsviParams, label = "ssvi"): void {
  if (!(Math.abs(p.rho) < 1)) throw new RangeError(`${label}: SSVI rho must satisfy |rho| < 1, got ${p.rho}`);
  if (!(p.eta > 0) || !Number.isFinite(p.eta)) {
    throw new RangeError(`${label}: SSVI eta must be finite and > 0, got ${p.eta}`);
  }
  if (!(p.gamma > 0 && p.gamma < 1)) throw new RangeError(`${label}: SSVI gamma must be in (0, 1), got ${p.gamma}`);
}

/**
 * Power-law curvature φ(θ).
 *
 * @example
 * ```ts
 * ssviPhi({ rho: -0.7, eta: 1.2, gamma: 0.4 }, 0.04);
 * ```
 */
export function ssviPhi(p: SsviParams, theta: number): number {
  return p.eta / (Math.pow(theta, p.gamma) * Math.pow(1 + theta, 1 - p.gamma));
}

/**
 * SSVI total variance at log-moneyness k on the slice with ATM total variance θ.
 *
 * @example
 * ```ts
 * ssviTotalVariance({ rho: -0.7, eta: 1.2, gamma: 0.4 }, 0.04, -0.2);
 * ```
 */
export function ssviTotalVariance(p: SsviParams, theta: number, k: number): number {
  const phi = ssviPhi(p, theta);
  const u = phi * k + p.rho;
  return 0.5 * theta * (1 + p.rho * phi * k + Math.sqrt(u * u + 1 - p.rho * p.rho));
}

/**
 * The SSVI slice at θ as raw SVI parameters (Gatheral & Jacquier 2014, Lemma 3.2 mapping):
 * a = θ(1 − ρ²)/2, b = θφ/2, ρ, m = −ρ/φ, σ = √(1 − ρ²)/φ.
 *
 * @example
 * ```ts
 * ssviSliceToSvi({ rho: -0.7, eta: 1.2, gamma: 0.4 }, 0.04);
 * ```
 */
export function ssviSliceToSvi(p: SsviParams, theta: number): SviParams {
  const phi = ssviPhi(p, theta);
  const q = Math.sqrt(1 - p.rho * p.rho);
  return { a: 0.5 * theta * (1 - p.rho * p.rho), b: 0.5 * theta * phi, rho: p.rho, m: -p.rho / phi, sigma: q / phi };
}
