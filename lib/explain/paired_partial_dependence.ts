/**
 * Partial dependence of two models on one feature over the same quantile
 * levels of that feature: model A's grid (`gridSize` levels, ties merged) fixes
 * the levels, model B is evaluated at those levels, so the two curves are
 * comparable point by point.
 *
 * @example
 * ```ts
 * import { pairedPartialDependence } from "./paired_partial_dependence.ts";
 * import type { PredictFn } from "./predict_fn.ts";
 * const f: PredictFn = (x, n) => Float64Array.from({ length: n }, (_, i) => 2 * x[i]);
 * const g: PredictFn = (x, n) => Float64Array.from({ length: n }, (_, i) => -x[i]);
 * const { a, b } = await pairedPartialDependence(f, g, Float64Array.of(0, 1, 2, 3), 4, 1, 0, { gridSize: 3 });
 * console.assert(a.grid.join() === b.grid.join() && a.pdp[0] === -2 * b.pdp[0]);
 * ```
 * @module
 */
import { partialDependence, type PartialDependenceResult } from "./partial_dependence.ts";
import type { PredictFn } from "./predict_fn.ts";

/**
 * PDP/ICE of `feature` for models `fa` and `fb` on the rows of `x` (`n × d`), `fb` at `fa`'s quantile levels.
 *
 * @throws {TypeError | RangeError} from {@link partialDependence}
 * @example
 * ```ts
 * import { pairedPartialDependence } from "./paired_partial_dependence.ts";
 * const one = (_x: Float64Array, n: number) => new Float64Array(n).fill(1);
 * const r = await pairedPartialDependence(one, one, Float64Array.of(1, 2), 2, 1, 0, { gridSize: 2 });
 * console.assert(r.b.pdp.every((v) => v === 1));
 * ```
 */
export async function pairedPartialDependence(
  fa: PredictFn,
  fb: PredictFn,
  x: Float64Array,
  n: number,
  d: number,
  feature: number,
  opts: { gridSize: number },
): Promise<{ a: PartialDependenceResult; b: PartialDependenceResult }> {
  const a = await partialDependence(fa, x, n, d, feature, { gridSize: opts.gridSize });
  const b = await partialDependence(fb, x, n, d, feature, { probabilities: a.probabilities });
  return { a, b };
}
