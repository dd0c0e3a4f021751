/**
 * The statistics report of a synthetic feature frame against its ground truth: per-feature summary statistics,
 * the Pearson/Spearman matrices of a chosen subset with the oracle multiplier, the scale-free oracle and the
 * forward realized vol, and every feature's correlation with each of the three (with the five features most
 * correlated with the oracle multiplier in absolute value).
 * @module
 */
import { type ColumnSummary, columnSummary } from "./column_summary.ts";
import { type CorrelationMatrix, correlationMatrix, pearsonOver } from "./correlation.ts";
import { completeRows, featureColumn, type FeatureFrame } from "./feature_frame.ts";
import { forwardRealizedVol } from "./forward_realized_vol.ts";
import { requireFeature } from "./require_feature.ts";

/** The oracle columns, one value per frame row (NaN where undefined). */
export interface OracleColumns {
  /** Oracle multiplier q* / IM. */
  multiplier: Float64Array;
  /** Scale-free oracle q* / (contract · F). */
  relative: Float64Array;
}

/** Options of {@link featureOracleReport}. */
export interface FeatureOracleReportOptions {
  /** Rows of the forward realized vol (`rv_<w>d` must be a feature). */
  forwardVolWindow: number;
  /** Features of the correlation matrices. */
  corr: readonly string[];
  /** Who names the frame in errors (e.g. "synthetic frame"). */
  label: string;
}

/** {@link featureOracleReport}'s result. */
export interface FeatureOracleReport {
  rows: number;
  features: number;
  /** Forward-group features other than the futures curve's (`curve_*`, `roll_yield`): the option-surface ones. */
  surfaceFeatures: number;
  completeRows: number;
  stats: Record<string, ColumnSummary>;
  corr: CorrelationMatrix;
  oracle: {
    multiplier: ColumnSummary;
    oracleRel: ColumnSummary;
    corr: Record<string, { multiplier: number | null; oracleRel: number | null; fwdRv: number | null; n: number }>;
    topByAbsCorrWithMultiplier: string[];
  };
}

/**
 * Report of `frame` (every row) against the oracle columns.
 *
 * @throws {RangeError} naming the feature when a named feature is not in the frame
 * @example
 * ```ts
 * import { featureOracleReport } from "./feature_oracle_report.ts";
 * import { assembleFeatureFrame } from "./feature_frame.ts";
 * const T = 60, x = Float64Array.from({ length: T }, (_, t) => Math.sin(t) + 2);
 * const frame = assembleFeatureFrame(Array.from({ length: T }, (_, t) => `2020-${String(1 + Math.floor(t / 28)).padStart(2, "0")}-${String(1 + (t % 28)).padStart(2, "0")}`), [
 *   { name: "rv_5d", values: x, description: "vol", unit: "1/yr", group: "historical", lookback: 6 },
 *   { name: "ovx", values: x.map((v) => 2 * v), description: "ovx", unit: "1", group: "forward", lookback: 1 },
 * ]);
 * const r = featureOracleReport(frame, { multiplier: x, relative: x }, { forwardVolWindow: 5, corr: ["ovx", "rv_5d"], label: "demo" });
 * console.assert(r.oracle.corr.ovx.multiplier! > 0.999 && r.surfaceFeatures === 1);
 * ```
 */
export function featureOracleReport(
  frame: FeatureFrame,
  oracle: OracleColumns,
  opts: FeatureOracleReportOptions,
): FeatureOracleReport {
  const T = frame.dates.length;
  const { multiplier: mult, relative: rel } = oracle;
  const idx = [...Array(T).keys()];
  const stats: Record<string, ColumnSummary> = {};
  for (const n of frame.names) stats[n] = columnSummary(featureColumn(frame, n), idx);
  const fwdVol = forwardRealizedVol(frame, opts.forwardVolWindow, opts.label);
  const corrCols: Record<string, Float64Array> = {};
  for (const n of opts.corr) corrCols[n] = requireFeature(frame, n, `${opts.label} corr`);
  corrCols.oracle_multiplier = mult;
  corrCols.oracle_rel = rel;
  corrCols[`fwd_rv_${opts.forwardVolWindow}d`] = fwdVol;
  const withOracle: FeatureOracleReport["oracle"]["corr"] = {};
  for (const n of frame.names) {
    const x = featureColumn(frame, n);
    const a = pearsonOver(x, mult, idx), b = pearsonOver(x, rel, idx), c = pearsonOver(x, fwdVol, idx);
    withOracle[n] = { multiplier: a.r, oracleRel: b.r, fwdRv: c.r, n: a.n };
  }
  const ranked = Object.entries(withOracle)
    .filter(([, v]) => v.multiplier !== null)
    .sort((x, y) => Math.abs(y[1].multiplier!) - Math.abs(x[1].multiplier!) || (x[0] < y[0] ? -1 : 1))
    .map(([k]) => k);
  const complete = completeRows(frame);
  return {
    rows: T,
    features: frame.names.length,
    surfaceFeatures:
      frame.names.filter((n) => frame.meta[n].group === "forward" && !n.startsWith("curve_") && n !== "roll_yield")
        .length,
    completeRows: idx.filter((t) => complete[t] === 1).length,
    stats,
    corr: correlationMatrix(corrCols, idx),
    oracle: {
      multiplier: columnSummary(mult, idx),
      oracleRel: columnSummary(rel, idx),
      corr: withOracle,
      topByAbsCorrWithMultiplier: ranked.slice(0, 5),
    },
  };
}
