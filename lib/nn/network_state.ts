/**
 * The saved state of a fitted tfjs network: feature width, the training
 * standardizer and every weight (exact float32 values), as JSON-safe data —
 * shared by the multiplier networks and the action classifier.
 * @module
 */
import { decodeArray, encodeArray, type EncodedArray } from "./array_codec.ts";
import type { Standardizer } from "./standardizer.ts";
import type { tf } from "./tf_backend.ts";
import { restoreWeights, snapshotWeights } from "./train_loop.ts";

/** A fitted network with its input standardizer. */
export interface FittedNetwork {
  model: tf.LayersModel;
  scaler: Standardizer;
  /** Feature width. */
  d: number;
}

/**
 * JSON-safe state of a fitted network.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
 * const s = encodeNetworkState({ model, scaler: { mean: Float64Array.of(0, 0), sd: Float64Array.of(1, 1) }, d: 2 });
 * ```
 */
export function encodeNetworkState(t: FittedNetwork): Record<string, unknown> {
  return {
    d: t.d,
    mean: encodeArray(t.scaler.mean),
    sd: encodeArray(t.scaler.sd),
    weights: snapshotWeights(t.model).map((w) => ({ shape: w.shape, data: encodeArray(w.data) })),
  };
}

/**
 * Rebuild a network from {@link encodeNetworkState}'s output: `build(d)` makes
 * the (untrained) architecture, whose weights are then set from the state.
 *
 * @throws {TypeError} naming `kind` when the state is malformed or does not fit the architecture
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const build = (d: number) => tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [d] })] });
 * const s = encodeNetworkState({ model: build(2), scaler: { mean: Float64Array.of(0, 0), sd: Float64Array.of(1, 1) }, d: 2 });
 * const net = decodeNetworkState("demo", JSON.parse(JSON.stringify(s)), build);
 * ```
 */
export function decodeNetworkState(
  kind: string,
  state: Readonly<Record<string, unknown>>,
  build: (d: number) => tf.LayersModel,
): FittedNetwork {
  const s = state as {
    d: number;
    mean: EncodedArray;
    sd: EncodedArray;
    weights: { shape: number[]; data: EncodedArray }[];
  };
  if (!Number.isInteger(s?.d) || !Array.isArray(s.weights)) throw new TypeError(`${kind}: malformed saved state`);
  const scaler = { mean: decodeArray(s.mean) as Float64Array, sd: decodeArray(s.sd) as Float64Array };
  const model = build(s.d);
  const w = s.weights.map((e) => ({ shape: e.shape, data: decodeArray(e.data) as Float32Array }));
  if (w.length !== model.weights.length) {
    model.dispose();
    throw new TypeError(
      `${kind}: saved state has ${w.length} weight arrays, the architecture has ${model.weights.length}`,
    );
  }
  restoreWeights(model, w);
  return { model, scaler, d: s.d };
}
