/**
 * The month-by-month history of a desk attribution: per measure the series of the total and of each unit's
 * standalone, Euler, pro-rata, incremental and Shapley allocation (rounded to cents), and a summary — how many
 * months each unit's allocation was negative under each method, each unit's smallest Euler component, the range
 * of the total and the worst adding-up errors.
 * @module
 */
import { DESK_MEASURES, type DeskMeasure, type MeasureAttribution, type PerUnit } from "./desk_attribution.ts";

/** One as-of date's attribution of both measures. */
export interface DatedAttribution {
  asOf: string;
  es: MeasureAttribution;
  var: MeasureAttribution;
}

/** Per measure: the total and each method's allocation per unit, one value per month. */
export interface MeasureHistorySeries {
  total: number[];
  standalone: Record<string, number[]>;
  euler: Record<string, number[]>;
  proRata: Record<string, number[]>;
  incremental: Record<string, number[]>;
  shapley: Record<string, number[]>;
}

/** Per measure: the summary of the months. */
export interface MeasureHistorySummary {
  negativeEulerMonths: PerUnit;
  negativeShapleyMonths: PerUnit;
  negativeProRataMonths: PerUnit;
  negativeIncrementalMonths: PerUnit;
  minEuler: PerUnit;
  maxTotal: number;
  minTotal: number;
}

/** {@link attributionHistory}'s result. */
export interface AttributionHistory {
  series: { dates: string[]; es: MeasureHistorySeries; var: MeasureHistorySeries };
  summary: {
    from: string;
    to: string;
    months: number;
    maxEulerEsSumAbsErr: number;
    maxEulerEsSumRelErr: number;
    maxShapleyEfficiencyAbsErr: number;
    es: MeasureHistorySummary;
    var: MeasureHistorySummary;
  };
}

const METHODS = ["standalone", "euler", "proRata", "incremental", "shapley"] as const;

/**
 * Series and summary of `hist` (one entry per month end, in date order) for the units `unitIds`.
 *
 * @throws {RangeError} when `hist` is empty
 * @example
 * ```ts
 * import { attributionHistory } from "./attribution_history.ts";
 * import { deskAttribution } from "./desk_attribution.ts";
 * import { createMatrix } from "../margin/matrix.ts";
 * const opts = { unitIds: ["A", "B"], tau: 0.99, marginalEps: 1e-4, eulerEsTol: 1e-9, shapleyTol: 1e-9, label: "demo" };
 * const hist = [1, 2].map((k) => ({ asOf: `2020-0${k}-28`, ...deskAttribution(createMatrix(2, 100, Array.from({ length: 200 }, (_, i) => Math.sin(i * k))), opts) }));
 * const h = attributionHistory(hist, ["A", "B"]);
 * console.assert(h.summary.months === 2 && h.series.es.euler.A.length === 2);
 * ```
 */
export function attributionHistory(hist: readonly DatedAttribution[], unitIds: readonly string[]): AttributionHistory {
  if (hist.length === 0) throw new RangeError(`attributionHistory: no month ends`);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const seriesOf = (meas: DeskMeasure): MeasureHistorySeries => {
    const per = (k: typeof METHODS[number]) =>
      Object.fromEntries(unitIds.map((id) => [id, hist.map((a) => r2(a[meas][k][id]))]));
    return {
      total: hist.map((a) => r2(a[meas].total)),
      standalone: per("standalone"),
      euler: per("euler"),
      proRata: per("proRata"),
      incremental: per("incremental"),
      shapley: per("shapley"),
    };
  };
  const countNeg = (meas: DeskMeasure, k: "euler" | "shapley" | "proRata" | "incremental") =>
    Object.fromEntries(unitIds.map((id) => [id, hist.filter((a) => a[meas][k][id] < 0).length]));
  const maxOf = (f: (a: DatedAttribution) => number) => Math.max(...hist.map(f));
  const summaryOf = (meas: DeskMeasure): MeasureHistorySummary => ({
    negativeEulerMonths: countNeg(meas, "euler"),
    negativeShapleyMonths: countNeg(meas, "shapley"),
    negativeProRataMonths: countNeg(meas, "proRata"),
    negativeIncrementalMonths: countNeg(meas, "incremental"),
    minEuler: Object.fromEntries(unitIds.map((id) => [id, Math.min(...hist.map((a) => a[meas].euler[id]))])),
    maxTotal: maxOf((a) => a[meas].total),
    minTotal: Math.min(...hist.map((a) => a[meas].total)),
  });
  const [es, v] = DESK_MEASURES.map((m) => ({ series: seriesOf(m), summary: summaryOf(m) }));
  return {
    series: { dates: hist.map((a) => a.asOf), es: es.series, var: v.series },
    summary: {
      from: hist[0].asOf,
      to: hist[hist.length - 1].asOf,
      months: hist.length,
      maxEulerEsSumAbsErr: maxOf((a) => a.es.checks.eulerSumAbsErr),
      maxEulerEsSumRelErr: maxOf((a) => a.es.checks.eulerSumRelErr),
      maxShapleyEfficiencyAbsErr: maxOf((a) =>
        Math.max(a.es.checks.shapleyEfficiencyAbsErr, a.var.checks.shapleyEfficiencyAbsErr)
      ),
      es: es.summary,
      var: v.summary,
    },
  };
}
