/**
 * Every attribution of one IM measure (HS-ES or HS-VaR) over a unit P&L matrix, with the adding-up checks:
 * standalone and the diversification benefit, Euler/component (ES exact tail average, VaR kernel-smoothed),
 * pro-rata by standalone, incremental, marginal (finite difference), exact Shapley and the margin of every
 * coalition; and both measures at one as-of date with the Euler-ES and Shapley efficiency tolerances enforced.
 * @module
 */
import { hsMargin, hsVarEs } from "../margin/hs.ts";
import type { Matrix } from "../margin/matrix.ts";
import { eulerEs, eulerVar } from "./euler.ts";
import { incremental } from "./incremental.ts";
import { marginal } from "./marginal.ts";
import { proRata } from "./pro_rata.ts";
import { shapley } from "./shapley.ts";
import { diversificationBenefit } from "./standalone.ts";
import { scenarioMarginFn } from "./unit_margin_fn.ts";

/** The two IM measures attributed. */
export const DESK_MEASURES = ["es", "var"] as const;
/** An IM measure: HS expected shortfall or HS value at risk. */
export type DeskMeasure = typeof DESK_MEASURES[number];

/** A value per unit id. */
export type PerUnit = Record<string, number>;

/** Attribution of one measure at one as-of date. */
export interface MeasureAttribution {
  total: number;
  standalone: PerUnit;
  sumStandalone: number;
  diversificationBenefit: number;
  diversificationRatio: number;
  euler: PerUnit;
  eulerShare: PerUnit;
  proRata: PerUnit;
  proRataShare: PerUnit;
  incremental: PerUnit;
  sumIncremental: number;
  marginal: PerUnit;
  /** Margin of every non-empty coalition (key = member ids concatenated), the inputs of Shapley. */
  coalitions: Record<string, number>;
  shapley: PerUnit;
  shapleyShare: PerUnit;
  /** VaR only: kernel-smoothed VaR at the library's default bandwidth, and the rescale factor VaR / smoothed. */
  kernel?: { smoothedTotal: number; rescale: number };
  negativeEuler: string[];
  negativeShapley: string[];
  negativeProRata: string[];
  checks: {
    eulerSumAbsErr: number;
    eulerSumRelErr: number;
    shapleyEfficiencyAbsErr: number;
    proRataSumAbsErr: number;
    marginalVsEulerMaxAbs: number;
  };
}

/** Options of {@link attributeMeasure}. */
export interface AttributeOptions {
  /** Unit ids, one per matrix row. */
  unitIds: readonly string[];
  /** Quantile level τ of VaR and ES. */
  tau: number;
  /** Relative step of the marginal finite difference. */
  marginalEps: number;
}

/**
 * Attribution of `measure` over the units × scenarios P&L matrix `m`.
 *
 * @throws {RangeError} when the scenario margin function's total differs from the plain HS engine's, or Shapley is
 *   not exact (too many units)
 * @example
 * ```ts
 * import { attributeMeasure } from "./desk_attribution.ts";
 * import { createMatrix } from "../margin/matrix.ts";
 * const m = createMatrix(2, 100, Array.from({ length: 200 }, (_, i) => (i < 100 ? 1 : -0.9) * Math.sin(i % 100)));
 * const a = attributeMeasure(m, "es", { unitIds: ["A", "B"], tau: 0.99, marginalEps: 1e-4 });
 * console.assert(a.checks.eulerSumRelErr < 1e-12 && a.negativeEuler.length === 1); // B hedges A
 * ```
 */
export function attributeMeasure(m: Matrix, measure: DeskMeasure, opts: AttributeOptions): MeasureAttribution {
  const ids = opts.unitIds, U = ids.length;
  const perUnit = (x: ArrayLike<number>): PerUnit => Object.fromEntries(ids.map((id, j) => [id, x[j]]));
  const sum = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);
  const negatives = (x: ArrayLike<number>) => ids.filter((_, j) => x[j] < 0);
  const fn = scenarioMarginFn(m, { tau: opts.tau, measure });
  const div = diversificationBenefit(fn, U);
  const total = div.total;
  // Independent total from the plain HS engine on the portfolio P&L vector.
  const port = new Float64Array(m.cols);
  for (let j = 0; j < U; j++) for (let s = 0; s < m.cols; s++) port[s] += m.data[j * m.cols + s];
  const hsTotal = hsMargin(port, { tau: opts.tau, measure });
  if (hsTotal !== total) throw new RangeError(`${measure}: scenarioMarginFn total ${total} ≠ hsMargin ${hsTotal}`);
  const eu = measure === "es" ? eulerEs(m, opts.tau) : eulerVar(m, opts.tau);
  const pr = proRata(fn, U);
  const inc = incremental(fn, U);
  const mg = marginal(fn, U, { eps: opts.marginalEps });
  const sh = shapley(fn, U);
  const coalitions: Record<string, number> = {};
  for (let mask = 1; mask < 1 << U; mask++) {
    const w = Float64Array.from(ids, (_, j) => (mask >>> j) & 1);
    coalitions[ids.filter((_, j) => (mask >>> j) & 1).join("")] = fn(w);
  }
  if (!sh.exact) throw new RangeError(`shapley: expected exact values for ${U} units`);
  const eulerSumAbsErr = Math.abs(sum(eu.contributions) - total);
  const share = (x: ArrayLike<number>) => perUnit(Array.from(x, (v) => v / total));
  let marginalVsEulerMaxAbs = 0;
  for (let j = 0; j < U; j++) {
    marginalVsEulerMaxAbs = Math.max(marginalVsEulerMaxAbs, Math.abs(mg.component[j] - eu.contributions[j]));
  }
  return {
    total,
    standalone: perUnit(div.standalone),
    sumStandalone: div.sumStandalone,
    diversificationBenefit: div.benefit,
    diversificationRatio: div.ratio,
    euler: perUnit(eu.contributions),
    eulerShare: share(eu.contributions),
    proRata: perUnit(pr),
    proRataShare: share(pr),
    incremental: perUnit(inc),
    sumIncremental: sum(inc),
    marginal: perUnit(mg.marginal),
    coalitions,
    shapley: perUnit(sh.values),
    shapleyShare: share(sh.values),
    ...("smoothedVar" in eu ? { kernel: { smoothedTotal: eu.smoothedVar, rescale: eu.var / eu.smoothedVar } } : {}),
    negativeEuler: negatives(eu.contributions),
    negativeShapley: negatives(sh.values),
    negativeProRata: negatives(pr),
    checks: {
      eulerSumAbsErr,
      eulerSumRelErr: eulerSumAbsErr / Math.abs(total),
      shapleyEfficiencyAbsErr: Math.abs(sum(sh.values) - (sh.total - sh.empty)),
      proRataSumAbsErr: Math.abs(sum(pr) - total),
      marginalVsEulerMaxAbs,
    },
  };
}

/** Options of {@link deskAttribution}: those of {@link attributeMeasure} and the tolerances it enforces. */
export interface DeskAttributionOptions extends AttributeOptions {
  /** Largest relative miss of the Euler-ES contributions' sum. */
  eulerEsTol: number;
  /** Largest Shapley efficiency error, relative to max(1, total). */
  shapleyTol: number;
  /** Names the date in errors. */
  label: string;
}

/**
 * Both measures attributed over `m`, with the Euler-ES adding-up and Shapley efficiency tolerances enforced.
 *
 * @throws {RangeError} naming `label` when a check misses its tolerance
 * @example
 * ```ts
 * import { deskAttribution } from "./desk_attribution.ts";
 * import { createMatrix } from "../margin/matrix.ts";
 * const m = createMatrix(2, 100, Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.3)));
 * const a = deskAttribution(m, { unitIds: ["A", "B"], tau: 0.99, marginalEps: 1e-4, eulerEsTol: 1e-9, shapleyTol: 1e-9, label: "demo" });
 * console.assert(a.es.total >= a.var.total);
 * ```
 */
export function deskAttribution(
  m: Matrix,
  opts: DeskAttributionOptions,
): { es: MeasureAttribution; var: MeasureAttribution } {
  const es = attributeMeasure(m, "es", opts), v = attributeMeasure(m, "var", opts);
  if (!(es.checks.eulerSumRelErr <= opts.eulerEsTol)) {
    throw new RangeError(
      `${opts.label}: Euler ES contributions miss the total by ${es.checks.eulerSumRelErr} (rel) > eulerEsTol`,
    );
  }
  for (const a of [es, v]) {
    if (!(a.checks.shapleyEfficiencyAbsErr <= opts.shapleyTol * Math.max(1, a.total))) {
      throw new RangeError(`${opts.label}: Shapley efficiency error ${a.checks.shapleyEfficiencyAbsErr} > shapleyTol`);
    }
  }
  return { es, var: v };
}

/**
 * Largest gap between the attribution's standalone ES/VaR of each unit and the plain HS engine's on the unit rows
 * (floored at 0, as margins are): a cross-check of the matrix engine.
 *
 * @example
 * ```ts
 * import { deskAttribution, standaloneVsHsVarEs } from "./desk_attribution.ts";
 * import { createMatrix } from "../margin/matrix.ts";
 * const m = createMatrix(2, 100, Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.3)));
 * const opts = { unitIds: ["A", "B"], tau: 0.99, marginalEps: 1e-4, eulerEsTol: 1e-9, shapleyTol: 1e-9, label: "demo" };
 * console.assert(standaloneVsHsVarEs(m, deskAttribution(m, opts), opts) === 0);
 * ```
 */
export function standaloneVsHsVarEs(
  m: Matrix,
  a: { es: Pick<MeasureAttribution, "standalone">; var: Pick<MeasureAttribution, "standalone"> },
  opts: { unitIds: readonly string[]; tau: number },
): number {
  const hsRows = hsVarEs(m, opts.tau);
  let maxAbs = 0;
  opts.unitIds.forEach((id, j) => {
    maxAbs = Math.max(
      maxAbs,
      Math.abs(a.es.standalone[id] - Math.max(0, hsRows.es[j])),
      Math.abs(a.var.standalone[id] - Math.max(0, hsRows.var[j])),
    );
  });
  return maxAbs;
}
