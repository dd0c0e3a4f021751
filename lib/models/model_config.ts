/**
 * Validation shared by every model's config: unknown keys, bounds, τ, seed
 * and minimum training rows (integer and positive fields: `checkInt`/`checkPositive` in lib/core/check.ts).
 * @module
 */
import { checkInt } from "../core/check.ts";
import { validateBounds, validateTau } from "../targets/target_config.ts";

/** Fields every model config has. */
export interface BaseModelConfig {
  /** Coverage level, default 0.99. */
  readonly tau: number;
  /** Lower multiplier bound, default 0.8. */
  readonly mMin: number;
  /** Upper multiplier bound, default 1.5. */
  readonly mMax: number;
  /** Seed of every random choice (initialisers, batches, bagging); default 0. */
  readonly seed: number;
  /** Minimum training rows; fit throws below it. */
  readonly minTrain: number;
}

/** Defaults of {@link BaseModelConfig}. */
export const BASE_DEFAULTS: BaseModelConfig = Object.freeze({ tau: 0.99, mMin: 0.8, mMax: 1.5, seed: 0, minTrain: 20 });

/**
 * Merge `input` over `defaults`, reject unknown keys, and validate the base
 * fields. Model-specific fields are checked by the caller with
 * `checkInt`/`checkPositive` from lib/core/check.ts.
 *
 * @throws {RangeError} naming `model` and the offending key/value
 * @example
 * ```ts
 * const c = mergeConfig("mlp", { ...BASE_DEFAULTS, hidden: 8 }, { tau: 0.95 });
 * ```
 */
export function mergeConfig<C extends BaseModelConfig>(model: string, defaults: C, input: Partial<C> = {}): C {
  if (input === null || typeof input !== "object") {
    throw new TypeError(`${model}: config must be an object, got ${input}`);
  }
  for (const k of Object.keys(input)) {
    if (!(k in defaults)) throw new RangeError(`${model}: unknown config key "${k}"`);
  }
  const c = { ...defaults, ...input } as C;
  validateTau(c.tau, `${model}: tau`);
  try {
    validateBounds(c.mMin, c.mMax);
  } catch (e) {
    throw new RangeError(`${model}: ${(e as Error).message}`);
  }
  if (!Number.isInteger(c.seed)) throw new RangeError(`${model}: seed must be an integer, got ${c.seed}`);
  checkInt(model, "minTrain", c.minTrain, 2);
  return c;
}
