/**
 * The static benchmark: one constant multiplier, the in-sample τ-quantile of
 * the training ratios, clipped to the bounds — 99% coverage calibrated on the
 * training period and held fixed.
 * @module
 */
import { clipMultiplier } from "../targets/bounded_multiplier.ts";
import { empiricalQuantile } from "../targets/empirical_quantile.ts";
import { pinballLoss } from "../targets/pinball_loss.ts";
import { type Dataset, validateFeatures, validateSplits } from "./dataset.ts";
import type { FitOptions, FitReport, Forecaster, SavedForecaster } from "./forecaster.ts";
import { onePassReport, settleFit } from "./forecaster.ts";
import { BASE_DEFAULTS, type BaseModelConfig, mergeConfig } from "./model_config.ts";

/** Configuration of {@link staticMultiplier} (only the base fields). */
export type StaticConfig = BaseModelConfig;

/**
 * Validated static-benchmark config.
 *
 * @example
 * ```ts
 * const c = staticConfig({ tau: 0.99 });
 * ```
 */
export function staticConfig(input: Partial<StaticConfig> = {}): StaticConfig {
  return mergeConfig("static", BASE_DEFAULTS, input);
}

class StaticMultiplier implements Forecaster<StaticConfig> {
  readonly kind = "static";
  constructor(readonly config: StaticConfig, private m?: number, private d?: number) {}
  fit(train: Dataset, valid: Dataset, opts: FitOptions = {}): Promise<FitReport> {
    return settleFit(() => {
      const c = this.config;
      const { nTrain, nValid } = validateSplits("static", train, valid, c.minTrain);
      const m = clipMultiplier(empiricalQuantile(train.r, c.tau), c.mMin, c.mMax);
      this.m = m;
      this.d = train.d;
      const tl = pinballLoss(train.r, new Float64Array(nTrain).fill(m), c.tau);
      const vl = pinballLoss(valid.r, new Float64Array(nValid).fill(m), c.tau);
      return onePassReport(this.kind, nTrain, nValid, tl, vl, opts);
    });
  }
  /** The fitted constant. */
  get multiplier(): number | undefined {
    return this.m;
  }
  predict(x: Float64Array): Float64Array {
    if (this.m === undefined || this.d === undefined) throw new TypeError("static.predict: model is not fitted");
    const n = validateFeatures(x, this.d, "static.predict x");
    return new Float64Array(n).fill(this.m);
  }
  save(): SavedForecaster {
    if (this.m === undefined) throw new TypeError("static.save: model is not fitted");
    return { kind: this.kind, format: 1, config: { ...this.config }, state: { m: this.m, d: this.d } };
  }
  dispose(): void {}
}

/**
 * Create the static benchmark.
 *
 * @throws {RangeError} on an invalid config
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = staticMultiplier({ tau: 0.99 });
 * await f.fit(train, valid);
 * f.predict(test.x); // every entry = clip(q_0.99(train.r))
 * ```
 */
export function staticMultiplier(config: Partial<StaticConfig> = {}): Forecaster<StaticConfig> {
  return new StaticMultiplier(staticConfig(config));
}

/**
 * Restore a saved static benchmark.
 *
 * @throws {TypeError} on a wrong kind or malformed state
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = staticMultiplier();
 * await f.fit(train, valid);
 * const g = loadStaticMultiplier(f.save());
 * ```
 */
export function loadStaticMultiplier(saved: SavedForecaster): Forecaster<StaticConfig> {
  if (saved?.kind !== "static") throw new TypeError(`loadStaticMultiplier: saved model has kind ${saved?.kind}`);
  const s = saved.state as { m: number; d: number } | null;
  if (s === null || !Number.isFinite(s.m) || !Number.isInteger(s.d)) {
    throw new TypeError("loadStaticMultiplier: malformed state");
  }
  return new StaticMultiplier(staticConfig(saved.config as Partial<StaticConfig>), s.m, s.d);
}
