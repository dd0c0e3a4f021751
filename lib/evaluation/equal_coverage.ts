/**
 * Compare margin rules at equal coverage: scale each rule to the same breach rate and compare the margin it then
 * holds. {@link marginRatioAtTarget} gives the headline — a model's average margin at the target breach rate relative
 * to a reference rule's, pooled over positions, with a paired circular moving-block bootstrap interval —;
 * {@link deployableScale} and {@link applyScale} give the deployable version, whose scale is fixed on the fitting
 * (training + validation) dates only and then applied unchanged to the test dates.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { marginRatioAtTarget } from "./equal_coverage.ts";
 * const rng = createPrng(1);
 * const vol = Float64Array.from({ length: 400 }, (_, t) => (t % 100 < 50 ? 1 : 3));
 * const loss = vol.map((s) => s * rng.normal());
 * const r = marginRatioAtTarget([{ loss, margin: vol, reference: new Float64Array(400).fill(2) }], 0.05, {
 *   blockLength: 20,
 *   resamples: 200,
 *   prng: createPrng(2),
 * });
 * console.assert(r.estimate < 1); // knowing the volatility needs less margin for the same breach rate
 * ```
 * @module
 */
import type { Prng } from "../core/prng.ts";
import { checkConfidence, checkFiniteArray } from "../core/check.ts";
import { blockBootstrapCi } from "./block_bootstrap.ts";
import { breachScaleOn, type BreachScaleSeries, marginAtBreachRate, prepareBreachScale } from "./frontier.ts";

/** One position: realised loss, the model's margin and the reference (static) margin on the same dates. */
export interface CoverageSeries {
  loss: ArrayLike<number>;
  margin: ArrayLike<number>;
  reference: ArrayLike<number>;
}

/** Options of {@link marginRatioAtTarget}. */
export interface EqualCoverageOptions {
  /** Dates per bootstrap block (≥ 1, ≤ the number of dates). */
  blockLength: number;
  /** Bootstrap resamples (≥ 2). */
  resamples: number;
  /** The seeded stream the blocks are drawn from. */
  prng: Prng;
  /** Interval level, default 0.95. */
  level?: number;
}

/**
 * Pooled average margin at the target breach rate, model over reference, with a paired block-bootstrap interval.
 * On the dates of a draw (the original dates for the estimate), each position's model margin and reference margin are
 * scaled separately to their smallest scale with breach rate ≤ `target` ({@link marginAtBreachRate}); the ratio is
 * `Σ_positions avgMargin_model / Σ_positions avgMargin_reference`. The dates are resampled jointly across positions
 * (all positions must have the same dates) and the same draw serves both rules, so the comparison is paired.
 *
 * @throws {RangeError} on no positions, positions of different lengths, bad series (naming the position, the series,
 *   the index and the value), a target outside (0, 1), bad bootstrap options, or a draw where the reference holds
 *   no margin at the target (every loss ≤ 0)
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { marginRatioAtTarget } from "./equal_coverage.ts";
 * const loss = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], m = new Array(10).fill(5);
 * // the same rule twice: ratio 1 on every draw
 * const r = marginRatioAtTarget([{ loss, margin: m, reference: m }], 0.1, {
 *   blockLength: 3,
 *   resamples: 50,
 *   prng: createPrng(1),
 * });
 * console.assert(r.estimate === 1 && r.lo === 1 && r.hi === 1);
 * ```
 */
export function marginRatioAtTarget(
  positions: readonly CoverageSeries[],
  target: number,
  opts: EqualCoverageOptions,
): { estimate: number; lo: number; hi: number } {
  const fn = "marginRatioAtTarget";
  if (!Array.isArray(positions) || positions.length === 0) {
    throw new RangeError(`${fn}: positions must be a non-empty array, got ${String(positions)}`);
  }
  checkConfidence(fn, target, "target");
  const n = positions[0]?.loss?.length;
  const model: BreachScaleSeries[] = [], ref: BreachScaleSeries[] = [];
  positions.forEach((p, j) => {
    for (const name of ["loss", "margin", "reference"] as const) {
      const x = p?.[name];
      if (x === null || typeof x !== "object" || typeof x.length !== "number") {
        throw new TypeError(`${fn}: positions[${j}].${name} must be a Float64Array or number array, got ${String(x)}`);
      }
      if (x.length !== n) {
        throw new RangeError(
          `${fn}: positions[${j}].${name}.length must equal positions[0].loss.length (${n}), got ${x.length}`,
        );
      }
    }
    for (const name of ["margin", "reference"] as const) {
      try {
        (name === "margin" ? model : ref).push(prepareBreachScale(p.loss, p[name]));
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        throw new RangeError(`${fn}: positions[${j}] (${name}): ${e.message.replace(/^prepareBreachScale: /, "")}`);
      }
    }
  });
  const statistic = (idx: Int32Array): number => {
    let a = 0, b = 0;
    for (let j = 0; j < model.length; j++) {
      a += breachScaleOn(model[j], idx, target).avgMargin;
      b += breachScaleOn(ref[j], idx, target).avgMargin;
    }
    if (!(b > 0)) throw new RangeError(`${fn}: the reference holds no margin at target ${target} on a draw`);
    return a / b;
  };
  const ci = blockBootstrapCi(n, statistic, opts);
  return { estimate: ci.estimate, lo: ci.lo, hi: ci.hi };
}

/**
 * The deployable scale: the smallest `k` whose breach rate on the fitting dates (training + validation only) is
 * ≤ `target` ({@link marginAtBreachRate}`.k`). Apply it unchanged to the test dates with {@link applyScale}.
 *
 * @throws {RangeError} as {@link marginAtBreachRate}
 * @example
 * ```ts
 * import { deployableScale } from "./equal_coverage.ts";
 * console.assert(deployableScale([1, 2, 3, 4], [2, 2, 2, 2], 0.25) === 1.5);
 * ```
 */
export function deployableScale(lossFit: ArrayLike<number>, marginFit: ArrayLike<number>, target: number): number {
  return marginAtBreachRate(lossFit, marginFit, target).k;
}

/**
 * `k · margin`, element by element (a deployable scale applied to out-of-sample margins).
 *
 * @throws {RangeError} on a scale that is not finite and ≥ 0 or a non-finite margin (naming the index and value)
 * @example
 * ```ts
 * import { applyScale, deployableScale } from "./equal_coverage.ts";
 * const k = deployableScale([1, 2, 3, 4], [2, 2, 2, 2], 0.25);
 * console.assert(applyScale([2, 4], k)[1] === 6);
 * ```
 */
export function applyScale(margin: ArrayLike<number>, k: number): Float64Array {
  if (typeof k !== "number" || !Number.isFinite(k) || k < 0) {
    throw new RangeError(`applyScale: k must be a finite number >= 0, got ${String(k)}`);
  }
  checkFiniteArray("applyScale", "margin", margin);
  const out = new Float64Array(margin.length);
  for (let i = 0; i < margin.length; i++) out[i] = k * margin[i];
  return out;
}
