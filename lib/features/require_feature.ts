/**
 * A named column of a feature frame, with an error that says which parameter asked for a feature the frame lacks.
 * @module
 */
import { featureColumn, type FeatureFrame } from "./feature_frame.ts";

/**
 * Column `name` of `frame`; `where` names who asked (e.g. "params crudeCorr") in the error.
 *
 * @throws {RangeError} naming `where`, the feature and the frame's features when the frame lacks it
 * @example
 * ```ts
 * import { requireFeature } from "./require_feature.ts";
 * import { assembleFeatureFrame } from "./feature_frame.ts";
 * const f = assembleFeatureFrame(["2020-01-02"], [
 *   { name: "x", values: Float64Array.of(1), description: "demo", unit: "1", group: "historical", lookback: 1 },
 * ]);
 * console.assert(requireFeature(f, "x", "params demo")[0] === 1);
 * ```
 */
export function requireFeature(frame: FeatureFrame, name: string, where: string): Float64Array {
  if (!frame.names.includes(name)) {
    throw new RangeError(
      `${where}: params name feature "${name}", which the frame lacks (have ${frame.names.join(", ")})`,
    );
  }
  return featureColumn(frame, name);
}
