/**
 * The common currency of every attribution method: a margin function over
 * units (trades, desks, funds). `fn(w)` is the margin of the portfolio made of
 * `w[j]` times unit `j` (`w = 1…1` is the whole portfolio, `w = e_j` unit `j`
 * alone, 0/1 weights a coalition). Any engine can be wrapped this way; for
 * scenario-based engines {@link scenarioMarginFn} does it directly.
 *
 * @example
 * ```ts
 * import { scenarioMarginFn } from "./unit_margin_fn.ts";
 * import { createMatrix } from "../margin/matrix.ts";
 * const unitPnl = createMatrix(2, 4, [-1, 0, 1, 2, -3, 1, 0, 0]); // 2 units × 4 scenarios
 * const fn = scenarioMarginFn(unitPnl, { tau: 0.75, measure: "es" });
 * fn(new Float64Array([1, 1])); // ES of the sum
 * ```
 * @module
 */
import { checkMatrix, type Matrix } from "../margin/matrix.ts";
import { checkConfidence } from "../core/check.ts";
import { varEsOfLossesInPlace } from "../margin/var_es.ts";

/** Margin of the portfolio `Σ_j w[j]·unit_j`. */
export type UnitMarginFn = (weights: Float64Array) => number;

/** Options of {@link scenarioMarginFn}. */
export interface ScenarioMarginOptions {
  /** Quantile level τ in (0, 1). Default 0.99. */
  tau?: number;
  /** `"es"` (default) or `"var"`. */
  measure?: "var" | "es";
  /** Floor the margin at 0 (default true). Set false for the raw risk measure (e.g. to match Euler sums). */
  floor?: boolean;
}

/**
 * HS margin over units from a `units × scenarios` P&L matrix.
 *
 * @throws {RangeError} on a bad matrix, zero scenarios, `tau` outside (0, 1), unknown measure;
 *   the returned function throws on a weight vector of the wrong length or with non-finite entries
 * @example
 * ```ts
 * import { createMatrix } from "../margin/matrix.ts";
 * scenarioMarginFn(createMatrix(1, 2, [-5, 5]), { tau: 0.75, measure: "var" })(new Float64Array([2])); // 10
 * ```
 */
export function scenarioMarginFn(unitPnl: Matrix, opts: ScenarioMarginOptions = {}): UnitMarginFn {
  const fn = "scenarioMarginFn";
  checkMatrix(fn, "unitPnl", unitPnl);
  if (unitPnl.cols === 0) throw new RangeError(`${fn}: unitPnl has 0 scenario columns (empty lookback)`);
  const tau = opts.tau ?? 0.99;
  checkConfidence(fn, tau, "tau");
  const measure = opts.measure ?? "es";
  if (measure !== "var" && measure !== "es") {
    throw new RangeError(`${fn}: measure must be "var" or "es", got ${String(measure)}`);
  }
  const floor = opts.floor ?? true;
  const { rows: U, cols: S, data } = unitPnl;
  const buf = new Float64Array(S), out = new Float64Array(2);
  const idx = measure === "var" ? 0 : 1;
  return (w: Float64Array): number => {
    checkWeights("scenarioMarginFn(weights)", w, U);
    buf.fill(0);
    for (let j = 0; j < U; j++) {
      const a = w[j];
      if (a === 0) continue;
      const o = j * S;
      for (let s = 0; s < S; s++) buf[s] -= a * data[o + s];
    }
    varEsOfLossesInPlace(buf, tau, out);
    return floor ? Math.max(0, out[idx]) : out[idx];
  };
}

/**
 * Throw unless `w` has `n` finite entries.
 *
 * @example
 * ```ts
 * checkWeights("fn", new Float64Array([1, 0]), 2);
 * ```
 */
export function checkWeights(fn: string, w: ArrayLike<number>, n: number): void {
  if (w === null || typeof w !== "object" || w.length !== n) {
    throw new RangeError(`${fn}: weights must have length ${n} (one per unit), got ${w?.length}`);
  }
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(w[j])) throw new RangeError(`${fn}: weights[${j}] must be finite, got ${w[j]}`);
  }
}

/**
 * Throw unless `fn` is a function and `nUnits` an integer ≥ 1.
 *
 * @example
 * ```ts
 * checkUnitFn("standalone", (w) => w[0], 1);
 * ```
 */
export function checkUnitFn(name: string, fn: UnitMarginFn, nUnits: number): void {
  if (typeof fn !== "function") throw new TypeError(`${name}: marginFn must be a function, got ${typeof fn}`);
  if (!Number.isInteger(nUnits) || nUnits < 1) {
    throw new RangeError(`${name}: nUnits must be an integer >= 1, got ${nUnits}`);
  }
}

/**
 * Call `fn` and check that it returned a finite number.
 *
 * @example
 * ```ts
 * evalMargin("x", (w) => w[0], new Float64Array([1])); // 1
 * ```
 */
export function evalMargin(name: string, fn: UnitMarginFn, w: Float64Array): number {
  const v = fn(w);
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`${name}: marginFn returned ${String(v)} for weights [${Array.from(w).join(", ")}]`);
  }
  return v;
}
