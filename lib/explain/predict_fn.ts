/**
 * The model-agnostic prediction interface every explainer in `lib/explain` works over.
 * @module
 */
import { checkFunction, checkMatrix } from "./_checks.ts";

/**
 * Batch prediction: `x` is an `n × d` row-major matrix, the result holds one prediction (e.g. the margin
 * multiplier m) per row. A tfjs network, a random forest or a linear model all fit behind this signature.
 *
 * @example
 * ```ts
 * const w = [0.5, -1];
 * const linear: PredictFn = (x, n, d) => {
 *   const out = new Float64Array(n);
 *   for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i] += w[j] * x[i * d + j];
 *   return out;
 * };
 * ```
 */
export type PredictFn = (x: Float64Array, n: number, d: number) => Float64Array | Promise<Float64Array>;

/**
 * Call `predict` on an `n × d` matrix, await it, and check that it returned `n` finite numbers.
 *
 * @param caller name of the calling explainer, used in error messages
 * @throws {TypeError} when `predict` returns something other than a Float64Array (or number array) of length `n`
 * @throws {RangeError} when a prediction is not finite
 * @example
 * ```ts
 * const y = await callPredict("demo", (_x, n) => new Float64Array(n).fill(1), new Float64Array(4), 2, 2);
 * console.assert(y.length === 2 && y[0] === 1);
 * ```
 */
export async function callPredict(
  caller: string,
  predict: PredictFn,
  x: Float64Array,
  n: number,
  d: number,
): Promise<Float64Array> {
  const raw: unknown = await predict(x, n, d);
  let y: Float64Array;
  if (raw instanceof Float64Array) y = raw;
  else if (Array.isArray(raw) || ArrayBuffer.isView(raw)) y = Float64Array.from(raw as ArrayLike<number>);
  else throw new TypeError(`${caller}: predict must return a Float64Array of length ${n}, got ${typeof raw}`);
  if (y.length !== n) {
    throw new TypeError(`${caller}: predict returned ${y.length} values for ${n} rows (d = ${d})`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) {
      throw new RangeError(`${caller}: predict returned ${y[i]} for synthetic row ${i} of ${n}`);
    }
  }
  return y;
}

/**
 * The argument checks every explainer starts with: `predict` is a function and `x` an `n × d` matrix.
 *
 * @param caller name of the calling explainer, used in error messages
 * @throws {TypeError|RangeError} as `checkFunction` and `checkMatrix` of `_checks.ts`
 * @example
 * ```ts
 * checkPredictInput("demo", (_x, n) => new Float64Array(n), new Float64Array(6), 3, 2); // ok
 * ```
 */
export function checkPredictInput(caller: string, predict: PredictFn, x: Float64Array, n: number, d: number): void {
  checkFunction(caller, "predict", predict);
  checkMatrix(caller, "x", x, n, d);
}
