/**
 * What the tfjs layers of `lib/nn` (`Linear`, `Lstm`, `LayerNorm`, `MultiHeadSelfAttention`) share: the arguments
 * of a layer with a width, its check, and the input shape a layer is built for.
 * @module
 */
import type { tf } from "./tf_backend.ts";

/** Arguments of a layer with `units` outputs. */
export interface UnitsLayerArgs {
  readonly units: number;
  readonly inputShape?: tf.Shape;
  readonly name?: string;
}

/**
 * `units` when it is an integer ≥ 1.
 *
 * @throws {RangeError} naming the layer and the value otherwise
 * @example
 * ```ts
 * layerUnits("Linear", 3); // 3
 * ```
 */
export function layerUnits(layer: string, units: number): number {
  if (!Number.isInteger(units) || units < 1) {
    throw new RangeError(`${layer}: units must be an integer ≥ 1, got ${units}`);
  }
  return units;
}

/**
 * The (first) input shape a layer's `build` / `computeOutputShape` receives.
 *
 * @example
 * ```ts
 * inputShapeOf([[null, 5, 3]]); // [null, 5, 3]
 * inputShapeOf([null, 4]); // [null, 4]
 * ```
 */
export function inputShapeOf(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
}
