/**
 * Futures-curve shape from generic contracts, scaled by a robust price level
 * (not by `|cl1|`, which explodes near zero prices):
 * - `curveSlope = (c_far − c_1) / scale` (> 0 contango, < 0 backwardation);
 * - `curveCurvature = (c_1 − 2 c_2 + c_3) / scale`;
 * - `rollYield = (c_1 − c_2) / scale · (12 / monthsApart)`, annualized, > 0 in
 *   backwardation (what a long rolling position earns from the curve).
 *
 * @example
 * ```ts
 * import { curveSlope } from "./curve_shape.ts";
 * curveSlope(Float64Array.of(50), Float64Array.of(52), Float64Array.of(50)); // [0.04]
 * ```
 * @module
 */

function same(fn: string, ...xs: Float64Array[]): void {
  for (const x of xs) {
    if (x.length !== xs[0].length) {
      throw new RangeError(`${fn}: inputs have lengths ${xs.map((y) => y.length).join(", ")}`);
    }
  }
}

/**
 * `(far − front) / scale`.
 *
 * @example
 * ```ts
 * const c1 = Float64Array.of(50, 60), c2 = Float64Array.of(51, 59), c3 = Float64Array.of(52, 58), s = Float64Array.of(50, 60);
 * curveSlope(c1, c3, s); // [0.04, -0.0333…]
 * ```
 */
export function curveSlope(front: Float64Array, far: Float64Array, scale: Float64Array): Float64Array {
  same("curveSlope", front, far, scale);
  return front.map((f, t) => (far[t] - f) / scale[t]);
}

/**
 * `(c1 − 2 c2 + c3) / scale`.
 *
 * @example
 * ```ts
 * const c1 = Float64Array.of(50, 60), c2 = Float64Array.of(51, 59), c3 = Float64Array.of(52, 58), s = Float64Array.of(50, 60);
 * curveCurvature(c1, c2, c3, s); // [0, 0]
 * ```
 */
export function curveCurvature(
  c1: Float64Array,
  c2: Float64Array,
  c3: Float64Array,
  scale: Float64Array,
): Float64Array {
  same("curveCurvature", c1, c2, c3, scale);
  return c1.map((a, t) => (a - 2 * c2[t] + c3[t]) / scale[t]);
}

/**
 * `(c1 − c2) / scale · 12 / monthsApart`.
 *
 * @throws {RangeError} when monthsApart ≤ 0
 * @example
 * ```ts
 * const c1 = Float64Array.of(50, 60), c2 = Float64Array.of(51, 59), c3 = Float64Array.of(52, 58), s = Float64Array.of(50, 60);
 * rollYield(c1, c2, s, 1); // [-0.24, 0.2]
 * ```
 */
export function rollYield(c1: Float64Array, c2: Float64Array, scale: Float64Array, monthsApart = 1): Float64Array {
  same("rollYield", c1, c2, scale);
  if (!(monthsApart > 0)) throw new RangeError(`rollYield: monthsApart must be > 0, got ${monthsApart}`);
  const k = 12 / monthsApart;
  return c1.map((a, t) => ((a - c2[t]) / scale[t]) * k);
}
