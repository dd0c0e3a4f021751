/**
 * SABR implied volatility: Hagan, Kumar, Lesniewski & Woodward (2002),
 * "Managing smile risk", Wilmott, eq. (2.17a) — the lognormal (Black)
 * expansion — with an optional shift `s` (shifted SABR: F + s, K + s, for
 * negative rates or prices near zero).
 *
 * @example
 * ```ts
 * import { sabrVol } from "./sabr.ts";
 * sabrVol(0.03, 0.039, 1, { alpha: 0.3, beta: 0.6, nu: 0.02, rho: 0.01 }); // 1.16725837321531 (QuantLib)
 * ```
 * @module
 */

/** SABR parameters: α > 0 initial vol, β ∈ [0, 1] CEV exponent, ν ≥ 0 vol-of-vol, ρ ∈ (−1, 1). */
export interface SabrParams {
  alpha: number;
  beta: number;
  nu: number;
  rho: number;
}

/**
 * Check SABR parameters.
 *
 * @throws {RangeError} naming `label`, the parameter and its value
 * @example
 * ```ts
 * validateSabrParams({ alpha: 0.3, beta: 0.6, nu: 0.02, rho: 0.01 });
 * ```
 */
export function validateSabrParams(p: SabrParams, label = "sabr"): void {
  if (!(p.alpha > 0) || !Number.isFinite(p.alpha)) {
    throw new RangeError(`${label}: SABR alpha must be finite and > 0, got ${p.alpha}`);
  }
  if (!(p.beta >= 0 && p.beta <= 1)) throw new RangeError(`${label}: SABR beta must be in [0, 1], got ${p.beta}`);
  if (!(p.nu >= 0) || !Number.isFinite(p.nu)) {
    throw new RangeError(`${label}: SABR nu must be finite and >= 0, got ${p.nu}`);
  }
  if (!(Math.abs(p.rho) < 1)) throw new RangeError(`${label}: SABR rho must satisfy |rho| < 1, got ${p.rho}`);
}

/**
 * Hagan lognormal SABR volatility without argument checks (hot loops).
 * `F`, `K` already shifted and positive.
 */
export function sabrVolUnchecked(
  K: number,
  F: number,
  T: number,
  alpha: number,
  beta: number,
  nu: number,
  rho: number,
): number {
  const omb = 1 - beta;
  const fk = F * K;
  const A = Math.pow(fk, omb); // (FK)^{1−β}
  const sqrtA = Math.sqrt(A);
  // ln(F/K), with a series near F = K to keep full precision
  const eps = (F - K) / K;
  const logM = Math.abs(eps) > 1e-8 ? Math.log(F / K) : eps - 0.5 * eps * eps;
  const z = (nu / alpha) * sqrtA * logM;
  const C = omb * omb * logM * logM;
  const D = sqrtA * (1 + C / 24 + C * C / 1920);
  const d = 1 + T * (omb * omb * alpha * alpha / (24 * A) + 0.25 * rho * beta * nu * alpha / sqrtA +
        (2 - 3 * rho * rho) * nu * nu / 24);
  let mult: number;
  if (z * z > 1e-15) {
    const xz = Math.log((Math.sqrt(1 - 2 * rho * z + z * z) + z - rho) / (1 - rho));
    mult = z / xz;
  } else {
    // z/x(z) = 1 − ρz/2 + (2 − 3ρ²) z²/12 + O(z³)
    mult = 1 - 0.5 * rho * z + (2 - 3 * rho * rho) * z * z / 12;
  }
  return (alpha / D) * mult * d;
}

/**
 * SABR (shifted) lognormal implied volatility at strike `K`.
 *
 * @param shift added to F and K (default 0)
 * @throws {RangeError} naming the value when F + shift ≤ 0, K + shift ≤ 0, T ≤ 0 or parameters are invalid
 * @example
 * ```ts
 * sabrVol(0.09, 0.039, 1, { alpha: 0.3, beta: 0.6, nu: 0.02, rho: 0.01 }); // 0.930289384251337
 * ```
 */
export function sabrVol(K: number, F: number, T: number, p: SabrParams, shift = 0): number {
  validateSabrParams(p, "sabrVol");
  const f = F + shift, k = K + shift;
  if (!(f > 0) || !Number.isFinite(f)) throw new RangeError(`sabrVol: shifted forward F+shift must be > 0, got ${f}`);
  if (!(k > 0) || !Number.isFinite(k)) {
    throw new RangeError(`sabrVol: shifted strike K+shift must be > 0, got ${k} (K=${K})`);
  }
  if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`sabrVol: expiry T must be finite and > 0, got ${T}`);
  return sabrVolUnchecked(k, f, T, p.alpha, p.beta, p.nu, p.rho);
}

/**
 * SABR volatilities over an array of strikes.
 *
 * @example
 * ```ts
 * sabrVolArray(new Float64Array([0.03, 0.09]), 0.039, 1, { alpha: 0.3, beta: 0.6, nu: 0.02, rho: 0.01 });
 * ```
 */
export function sabrVolArray(
  K: Float64Array,
  F: number,
  T: number,
  p: SabrParams,
  shift = 0,
  out = new Float64Array(K.length),
): Float64Array {
  for (let i = 0; i < K.length; i++) out[i] = sabrVol(K[i], F, T, p, shift);
  return out;
}
