/**
 * Restore any saved model by its `kind`.
 * @module
 */
import { loadApcBaseline } from "./apc_baseline.ts";
import type { Forecaster, SavedForecaster } from "./forecaster.ts";
import { loadLinearQuantile } from "./linear_quantile.ts";
import { loadLstm } from "./lstm.ts";
import { loadMlp } from "./mlp.ts";
import { loadQuantileForest } from "./quantile_forest.ts";
import { loadStaticMultiplier } from "./static_multiplier.ts";
import { loadTransformer } from "./transformer.ts";

const LOADERS: Readonly<Record<string, (s: SavedForecaster) => Forecaster | Promise<Forecaster>>> = Object.freeze({
  mlp: loadMlp,
  lstm: loadLstm,
  transformer: loadTransformer,
  quantile_forest: loadQuantileForest,
  linear_quantile: loadLinearQuantile,
  static: loadStaticMultiplier,
  apc_baseline: loadApcBaseline,
});

/**
 * Restore a model saved with `save()` (after `JSON.parse`), whatever its kind.
 *
 * @throws {TypeError} on an unknown kind or format
 * @example
 * ```ts
 * import { staticMultiplier } from "./static_multiplier.ts";
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid } = syntheticQuantileProblem({ nTrain: 100, nValid: 20, nTest: 1, seed: 1, tau: 0.99 });
 * const f = staticMultiplier();
 * await f.fit(train, valid);
 * const json = JSON.stringify(f.save()); // e.g. written to a file
 * const g = await loadForecaster(JSON.parse(json));
 * ```
 */
export async function loadForecaster(saved: SavedForecaster): Promise<Forecaster> {
  if (saved === null || typeof saved !== "object") {
    throw new TypeError(`loadForecaster: expected an object, got ${saved}`);
  }
  if (saved.format !== 1) throw new TypeError(`loadForecaster: unsupported format ${saved.format}`);
  const load = LOADERS[saved.kind];
  if (load === undefined) {
    throw new TypeError(`loadForecaster: unknown kind "${saved.kind}" (known: ${Object.keys(LOADERS).join(", ")})`);
  }
  return await load(saved);
}
