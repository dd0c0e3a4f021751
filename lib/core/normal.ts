/**
 * The standard normal distribution: density, CDF (through Cody's `erfc`) and quantile — the one copy of each in
 * the project (Black-76, the implied-vol solver, the SPAN 2-like concentration charge, the Diebold–Mariano test and
 * the overlapping traffic light all use these).
 *
 * simple-statistics is not used here: its `cumulativeStdNormalProbability` reads a two-decimal table, its
 * `errorFunction` is a series good to ~1e-7 and its `probit` inherits an inverse-erf approximation of ~1e-3; the
 * backtests need the far tails (χ²₁ p-values, Φ(−10) ≈ 7.6e−24) to ~1e-15 relative, so Cody's erfc and a
 * Newton-polished Acklam quantile stay, with their golden tests in `normal_test.ts`.
 *
 * @example
 * ```ts
 * import { normCdf, normInv } from "./normal.ts";
 * console.assert(Math.abs(normCdf(normInv(0.99)) - 0.99) < 1e-15);
 * ```
 * @module
 */

const INV_SQRT2 = 0.7071067811865476;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Standard normal density `φ(x) = e^{−x²/2} / √(2π)`.
 *
 * @example
 * ```ts
 * import { normPdf } from "./normal.ts";
 * console.assert(normPdf(0) === 0.3989422804014327);
 * ```
 */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Standard normal CDF `Φ(x) = erfc(−x/√2) / 2`, accurate to ~1e-16 relative in both tails
 * (W. J. Cody's rational Chebyshev approximation of erfc); NaN for NaN.
 *
 * @example
 * ```ts
 * import { normCdf } from "./normal.ts";
 * console.assert(normCdf(0) === 0.5);
 * console.assert(Math.abs(normCdf(1.96) - 0.9750021048517795) < 1e-15);
 * ```
 */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = -x * INV_SQRT2;
  return 0.5 * erfc(z);
}

/**
 * Complementary error function `erfc(x) = 1 − erf(x)` (W. J. Cody 1969, rational Chebyshev approximations on
 * [0, 0.5), [0.5, 4) and [4, ∞)), relative accuracy ~1e-16.
 *
 * @example
 * ```ts
 * import { erfc } from "./normal.ts";
 * console.assert(erfc(0) === 1);
 * console.assert(Math.abs(erfc(1) - 0.15729920705028516) < 1e-16);
 * ```
 */
export function erfc(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax < 0.5) {
    const t = ax * ax;
    const top = (((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t +
          377.485237685302021) * t + 3209.37758913846947;
    const bot = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t +
      2844.23683343917062;
    const e = x * top / bot;
    return 1 - e;
  } else if (ax < 4) {
    const top = (((((((2.15311535474403846e-8 * ax + 0.564188496988670089) * ax + 8.88314979438837594) *
                            ax + 66.1191906371416295) * ax + 298.635138197400131) * ax + 881.952221241769090) * ax +
              1712.04761263407058) * ax + 2051.07837782607147) * ax + 1230.33935479799725;
    const bot = (((((((ax + 15.7449261107098347) * ax + 117.693950891312499) * ax + 537.181101862009858) *
                        ax + 1621.38957456669019) * ax + 3290.79923573345963) * ax + 4362.61909014324716) * ax +
          3439.36767414372164) * ax + 1230.33935480374942;
    r = top / bot;
  } else {
    const z = 1 / (ax * ax);
    const top = ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z +
              0.125781726111229246) * z + 0.0160837851487422766) * z + 6.58749161529837803e-4;
    const bot = ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 0.527905102951428412) * z +
          0.0605183413124413191) * z + 2.33520497626869185e-3;
    r = (INV_SQRT_PI - z * top / bot) / ax;
  }
  // exp(-x^2) computed in two pieces to keep precision.
  const xs = Math.trunc(ax * 16) / 16;
  const del = (ax - xs) * (ax + xs);
  r *= Math.exp(-xs * xs) * Math.exp(-del);
  return x < 0 ? 2 - r : r;
}
const INV_SQRT_PI = 0.5641895835477563;

// Acklam's rational approximation of Φ⁻¹ (P. J. Acklam 2003, relative error < 1.2e-9): central region
// coefficients A/B, tail coefficients C/D; the tails switch at p = 0.02425.
const A = [
  -39.69683028665376,
  220.9460984245205,
  -275.9285104469687,
  138.357751867269,
  -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293,
  -0.3223964580411365,
  -2.400758277161838,
  -2.549732539343734,
  4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Acklam's tail rational function of `q = √(−2 log p)`. */
function acklamTail(q: number): number {
  return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
    ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
}

/**
 * Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9), without polishing:
 * a starting point for solvers (the implied-vol iteration), and the first stage of {@link normInv}.
 * Returns −∞ for `p ≤ 0` and +∞ for `p ≥ 1` (and for NaN).
 *
 * @example
 * ```ts
 * import { normInvApprox } from "./normal.ts";
 * console.assert(Math.abs(normInvApprox(0.975) - 1.959963984540054) < 1e-8);
 * ```
 */
export function normInvApprox(p: number): number {
  if (!(p > 0 && p < 1)) return p <= 0 ? -Infinity : Infinity;
  if (p < P_LOW) return acklamTail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - P_LOW) return -acklamTail(Math.sqrt(-2 * Math.log1p(-p)));
  const q = p - 0.5, r = q * q;
  return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * Standard normal quantile `Φ⁻¹(p)`: {@link normInvApprox} polished by two Newton steps on the accurate
 * {@link normCdf} (relative error ~1e-15). Used by the margin engines (SPAN 2-like concentration) and the
 * backtests (overlapping traffic light).
 *
 * @throws {RangeError} when `p` is outside (0, 1)
 * @example
 * ```ts
 * import { normInv } from "./normal.ts";
 * console.assert(Math.abs(normInv(0.99) - 2.3263478740408408) < 1e-15);
 * ```
 */
export function normInv(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normInv: p must lie in (0, 1), got ${p}`);
  let x = normInvApprox(p);
  for (let i = 0; i < 2; i++) {
    const e = normCdf(x) - p;
    const pdf = normPdf(x);
    if (pdf > 0) x -= e / pdf;
  }
  return x;
}
