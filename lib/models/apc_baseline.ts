/**
 * The baseline IM with an EMIR anti-procyclicality (APC) tool, written as a
 * multiplier on the baseline so that it is compared like any other model. The
 * margin rules are those of `lib/margin/apc.ts` (EMIR RTS 153/2013 Art. 28),
 * applied to the series in one feature column and divided by the baseline:
 *
 * - `buffer`: column = the baseline IM level `M_t` (any positive multiple of
 *   it); `m_t = apcBuffer(M)_t / M_t` — `1 + buffer` in normal times, the
 *   buffer absorbs rises on stress days (stress detected by `apcBuffer` from a
 *   rise above `releaseThreshold` over `releaseWindow` days). Without a column,
 *   the constant `1 + buffer`.
 * - `stressed_weight`: column = `S_t / M_t` (stressed-period IM over baseline);
 *   `m_t = (1 − w) + w·S_t/M_t`.
 * - `floor`: column = `F_t / M_t` (10-year-lookback IM over baseline);
 *   `m_t = max(1, F_t/M_t)`.
 *
 * The buffer is path-dependent, so `predict` reads its frame in time order.
 * All multipliers are clipped to `[mMin, mMax]`. `fit` learns nothing (it
 * validates the inputs): the tools are rules, not estimates.
 * @module
 */
import { apcBuffer, apcFloor, apcStressedWeight } from "../margin/apc.ts";
import { clipMultiplier } from "../targets/bounded_multiplier.ts";
import { pinballLoss } from "../targets/pinball_loss.ts";
import { type Dataset, validateFeatures, validateSplits } from "./dataset.ts";
import type { FitOptions, FitReport, Forecaster, SavedForecaster } from "./forecaster.ts";
import { onePassReport, settleFit } from "./forecaster.ts";
import { checkInt, checkPositive } from "../core/check.ts";
import { BASE_DEFAULTS, type BaseModelConfig, mergeConfig } from "./model_config.ts";

/** Configuration of {@link apcBaseline}. */
export interface ApcBaselineConfig extends BaseModelConfig {
  /** Which APC tool. */
  readonly tool: "buffer" | "stressed_weight" | "floor";
  /** Buffer share for `buffer`, default 0.25. */
  readonly buffer: number;
  /** Weight of the stressed IM for `stressed_weight`, default 0.25. */
  readonly stressedWeight: number;
  /** Feature column: baseline IM level for `buffer` (−1 = constant buffer), the IM ratio for `stressed_weight`/`floor`. */
  readonly column: number;
  /** `buffer`: relative rise of `M` over `releaseWindow` days that signals stress, default 0.25. */
  readonly releaseThreshold: number;
  /** `buffer`: days over which the rise is measured, default 5. */
  readonly releaseWindow: number;
}

/** Defaults of {@link ApcBaselineConfig}. */
export const APC_BASELINE_DEFAULTS: ApcBaselineConfig = Object.freeze({
  ...BASE_DEFAULTS,
  tool: "buffer",
  buffer: 0.25,
  stressedWeight: 0.25,
  column: -1,
  releaseThreshold: 0.25,
  releaseWindow: 5,
});

/**
 * Validated APC config.
 *
 * @example
 * ```ts
 * const c = apcBaselineConfig({ tool: "floor", column: 4 });
 * ```
 */
export function apcBaselineConfig(input: Partial<ApcBaselineConfig> = {}): ApcBaselineConfig {
  const c = mergeConfig("apcBaseline", APC_BASELINE_DEFAULTS, input);
  if (!["buffer", "stressed_weight", "floor"].includes(c.tool)) {
    throw new RangeError(`apcBaseline: tool must be "buffer", "stressed_weight" or "floor", got ${c.tool}`);
  }
  checkPositive("apcBaseline", "buffer", c.buffer, true);
  checkPositive("apcBaseline", "stressedWeight", c.stressedWeight, true);
  if (c.stressedWeight > 1) throw new RangeError(`apcBaseline: stressedWeight must be ≤ 1, got ${c.stressedWeight}`);
  checkInt("apcBaseline", "column", c.column, -1);
  if (c.tool !== "buffer" && c.column < 0) {
    throw new RangeError(
      `apcBaseline: tool "${c.tool}" needs column (the feature holding its IM ratio), got ${c.column}`,
    );
  }
  checkPositive("apcBaseline", "releaseThreshold", c.releaseThreshold, true);
  checkInt("apcBaseline", "releaseWindow", c.releaseWindow, 1);
  return c;
}

class ApcBaseline implements Forecaster<ApcBaselineConfig> {
  readonly kind = "apc_baseline";
  constructor(readonly config: ApcBaselineConfig, private d?: number) {}
  fit(train: Dataset, valid: Dataset, opts: FitOptions = {}): Promise<FitReport> {
    return settleFit(() => {
      const c = this.config;
      const { nTrain, nValid } = validateSplits("apcBaseline", train, valid, c.minTrain);
      if (c.column >= train.d) throw new RangeError(`apcBaseline: column ${c.column} ≥ d = ${train.d}`);
      this.d = train.d;
      const tl = pinballLoss(train.r, this.predict(train.x), c.tau);
      const vl = pinballLoss(valid.r, this.predict(valid.x), c.tau);
      return onePassReport(this.kind, nTrain, nValid, tl, vl, opts);
    });
  }
  predict(x: Float64Array): Float64Array {
    const d = this.d, c = this.config;
    if (d === undefined) throw new TypeError("apcBaseline.predict: model is not fitted");
    const n = validateFeatures(x, d, "apcBaseline.predict x");
    if (c.column < 0) return new Float64Array(n).fill(clipMultiplier(1 + c.buffer, c.mMin, c.mMax));
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = x[i * d + c.column];
    let margin: Float64Array;
    if (c.tool === "buffer") {
      for (let i = 0; i < n; i++) {
        if (!(v[i] > 0)) {
          throw new RangeError(`apcBaseline.predict: x[${i}, ${c.column}] (baseline IM) must be > 0, got ${v[i]}`);
        }
      }
      margin = apcBuffer(v, { buffer: c.buffer, releaseThreshold: c.releaseThreshold, releaseWindow: c.releaseWindow });
      for (let i = 0; i < n; i++) margin[i] /= v[i];
    } else {
      const ones = new Float64Array(n).fill(1);
      margin = c.tool === "stressed_weight" ? apcStressedWeight(ones, v, c.stressedWeight) : apcFloor(ones, v);
    }
    for (let i = 0; i < n; i++) margin[i] = clipMultiplier(margin[i], c.mMin, c.mMax);
    return margin;
  }
  save(): SavedForecaster {
    if (this.d === undefined) throw new TypeError("apcBaseline.save: model is not fitted");
    return { kind: this.kind, format: 1, config: { ...this.config }, state: { d: this.d } };
  }
  dispose(): void {}
}

/**
 * Create an APC baseline (buffer, stressed weight or floor) as a multiplier model.
 *
 * @throws {RangeError} on an invalid config
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = apcBaseline({ tool: "buffer", buffer: 0.25 });
 * await f.fit(train, valid);
 * f.predict(test.x); // 1.25 everywhere (no IM column: constant buffer)
 * ```
 */
export function apcBaseline(config: Partial<ApcBaselineConfig> = {}): Forecaster<ApcBaselineConfig> {
  return new ApcBaseline(apcBaselineConfig(config));
}

/**
 * Restore a saved APC baseline.
 *
 * @throws {TypeError} on a wrong kind or malformed state
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = apcBaseline();
 * await f.fit(train, valid);
 * const g = loadApcBaseline(f.save());
 * ```
 */
export function loadApcBaseline(saved: SavedForecaster): Forecaster<ApcBaselineConfig> {
  if (saved?.kind !== "apc_baseline") throw new TypeError(`loadApcBaseline: saved model has kind ${saved?.kind}`);
  const s = saved.state as { d: number } | null;
  if (s === null || !Number.isInteger(s.d)) throw new TypeError("loadApcBaseline: malformed state");
  return new ApcBaseline(apcBaselineConfig(saved.config as Partial<ApcBaselineConfig>), s.d);
}
