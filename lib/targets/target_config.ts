/**
 * Validated configuration of the multiplier target: quantile level `tau`,
 * margin period of risk `mpor` (days), feature `lookback` (days) and multiplier
 * bounds `[mMin, mMax]`.
 * @module
 */

/** Parameters that define the correction-factor target. */
export interface TargetConfig {
  /** Quantile level τ of the conditional quantile, in (0, 1); default 0.99. */
  readonly tau: number;
  /** Margin period of risk in days, an integer ≥ 1; default 1. */
  readonly mpor: number;
  /** Lookback window (days) of the features / sequence models, an integer ≥ 1; default 20. */
  readonly lookback: number;
  /** Lower multiplier bound; default 0.8. */
  readonly mMin: number;
  /** Upper multiplier bound; default 1.5. */
  readonly mMax: number;
}

/** Defaults of {@link TargetConfig} (the handbook's `τ = 0.99`, bounds `[0.8, 1.5]`). */
export const DEFAULT_TARGET_CONFIG: TargetConfig = Object.freeze({
  tau: 0.99,
  mpor: 1,
  lookback: 20,
  mMin: 0.8,
  mMax: 1.5,
});

/**
 * Check a quantile level τ: a finite number strictly inside (0, 1).
 *
 * @throws {RangeError} naming `name` and the value otherwise
 * @example
 * ```ts
 * validateTau(0.99); // ok
 * ```
 */
export function validateTau(tau: number, name = "tau"): number {
  if (typeof tau !== "number" || !Number.isFinite(tau) || tau <= 0 || tau >= 1) {
    throw new RangeError(`${name} must be a number in (0, 1), got ${tau}`);
  }
  return tau;
}

/**
 * Check multiplier bounds: finite, `mMin < mMax`.
 *
 * @throws {RangeError} naming `mMin`/`mMax` and the values otherwise
 * @example
 * ```ts
 * validateBounds(0.8, 1.5); // ok
 * ```
 */
export function validateBounds(mMin: number, mMax: number): void {
  if (typeof mMin !== "number" || !Number.isFinite(mMin)) {
    throw new RangeError(`mMin must be a finite number, got ${mMin}`);
  }
  if (typeof mMax !== "number" || !Number.isFinite(mMax)) {
    throw new RangeError(`mMax must be a finite number, got ${mMax}`);
  }
  if (mMin >= mMax) throw new RangeError(`mMin must be < mMax, got mMin=${mMin} ≥ mMax=${mMax}`);
}

function positiveInt(v: unknown, name: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new RangeError(`${name} must be an integer ≥ 1, got ${v}`);
  }
  return v;
}

const KEYS = new Set(["tau", "mpor", "lookback", "mMin", "mMax"]);

/**
 * Build a validated {@link TargetConfig} from partial input (missing keys take
 * the defaults). Unknown keys, `tau ∉ (0,1)`, `mpor < 1`, `lookback < 1` and
 * `mMin ≥ mMax` are rejected.
 *
 * @throws {RangeError} naming the offending key and value
 * @example
 * ```ts
 * const cfg = targetConfig({ tau: 0.975, mpor: 2 });
 * console.assert(cfg.mMax === 1.5);
 * ```
 */
export function targetConfig(input: Partial<TargetConfig> = {}): TargetConfig {
  if (input === null || typeof input !== "object") {
    throw new TypeError(`targetConfig: input must be an object, got ${input}`);
  }
  for (const k of Object.keys(input)) {
    if (!KEYS.has(k)) throw new RangeError(`targetConfig: unknown key "${k}"`);
  }
  const c = { ...DEFAULT_TARGET_CONFIG, ...input };
  validateTau(c.tau);
  positiveInt(c.mpor, "mpor");
  positiveInt(c.lookback, "lookback");
  validateBounds(c.mMin, c.mMax);
  return Object.freeze(c);
}
