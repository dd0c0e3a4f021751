/**
 * The statistics report of a feature frame over a date window: counts by group, complete rows, per-feature summary
 * statistics, the Pearson/Spearman matrices of a chosen subset plus the forward realized vol, and every feature's
 * correlation with the forward realized vol (an analysis column that looks forward), and a thinned, rounded
 * figure series of chosen features.
 * @module
 */
import { roundTo } from "../core/round_to.ts";
import { rowsBetween } from "../data/rows_between.ts";
import { type ColumnSummary, columnSummary } from "./column_summary.ts";
import { type CorrelationMatrix, correlationMatrix, pearsonOver, ranksOver } from "./correlation.ts";
import { completeRows, featureColumn, type FeatureFrame, type FeatureGroup } from "./feature_frame.ts";
import { forwardRealizedVol } from "./forward_realized_vol.ts";
import { requireFeature } from "./require_feature.ts";

/** Options of {@link featureFrameReport}. */
export interface FeatureFrameReportOptions {
  /** Window (ISO dates, inclusive); it must select at least 250 rows. */
  from: string;
  to: string;
  /** Rows of the forward realized vol (`rv_<w>d` must be a feature). */
  forwardVolWindow: number;
  /** Features of the correlation matrices (at least 2). */
  corr: readonly string[];
  /** Who names the frame in errors (e.g. "crude frame"). */
  label: string;
}

/** Correlations of one feature with the forward realized vol. */
export interface ForwardVolCorrelation {
  pearson: number | null;
  spearman: number | null;
  n: number;
}

/** {@link featureFrameReport}'s result. */
export interface FeatureFrameReport {
  window: { from: string; to: string; rows: number };
  features: number;
  historical: number;
  forward: number;
  completeRows: number;
  stats: Record<string, { group: FeatureGroup } & ColumnSummary>;
  corr: CorrelationMatrix;
  corrWithFwdRv: Record<string, ForwardVolCorrelation>;
}

/**
 * Statistics report of `frame` over the window of `opts`.
 *
 * @throws {RangeError} when the window selects fewer than 250 rows, or a named feature is not in the frame
 * @example
 * ```ts
 * import { featureFrameReport } from "./feature_frame_report.ts";
 * import { buildCrudeFeatures } from "./crude_features.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const frame = buildCrudeFeatures(makeCrudePanel(400));
 * const r = featureFrameReport(frame, { from: "2000", to: "2100", forwardVolWindow: 20, corr: ["rv_20d", "ewma_vol"], label: "demo" });
 * console.assert(r.window.rows === 400 && r.corr.matrix.rv_20d.rv_20d === 1);
 * ```
 */
export function featureFrameReport(frame: FeatureFrame, opts: FeatureFrameReportOptions): FeatureFrameReport {
  const idx = rowsBetween(frame.dates, opts.from, opts.to);
  if (idx.length < 250) {
    throw new RangeError(`${opts.label}: ${opts.from}..${opts.to} selects only ${idx.length} rows; need at least 250`);
  }
  const stats: Record<string, { group: FeatureGroup } & ColumnSummary> = {};
  for (const n of frame.names) {
    stats[n] = { group: frame.meta[n].group, ...columnSummary(featureColumn(frame, n), idx) };
  }
  const fwdName = `fwd_rv_${opts.forwardVolWindow}d`;
  const fwdVol = forwardRealizedVol(frame, opts.forwardVolWindow, opts.label);
  const cols: Record<string, Float64Array> = {};
  for (const n of opts.corr) cols[n] = requireFeature(frame, n, `${opts.label} corr`);
  cols[fwdName] = fwdVol;
  const withFwd: Record<string, ForwardVolCorrelation> = {};
  for (const n of frame.names) {
    const x = featureColumn(frame, n);
    const rows = idx.filter((t) => Number.isFinite(x[t]) && Number.isFinite(fwdVol[t]));
    withFwd[n] = {
      pearson: pearsonOver(x, fwdVol, rows).r,
      spearman: pearsonOver(ranksOver(x, rows), ranksOver(fwdVol, rows), rows).r,
      n: rows.length,
    };
  }
  const complete = completeRows(frame);
  return {
    window: { from: frame.dates[idx[0]], to: frame.dates[idx[idx.length - 1]], rows: idx.length },
    features: frame.names.length,
    historical: frame.names.filter((n) => frame.meta[n].group === "historical").length,
    forward: frame.names.filter((n) => frame.meta[n].group === "forward").length,
    completeRows: idx.filter((t) => complete[t] === 1).length,
    stats,
    corr: correlationMatrix(cols, idx),
    corrWithFwdRv: withFwd,
  };
}

/** {@link featureFigureSeries}'s result: dates and rounded values of the chosen features, with their units. */
export interface FeatureFigureSeries {
  dates: string[];
  features: Record<string, (number | null)[]>;
  units: Record<string, string>;
}

/**
 * Every `every`-th row of the window [from, to] of the features `names`, rounded to `digits` decimals (null: missing).
 *
 * @throws {RangeError} when a named feature is not in the frame
 * @example
 * ```ts
 * import { featureFigureSeries } from "./feature_frame_report.ts";
 * import { buildCrudeFeatures } from "./crude_features.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const s = featureFigureSeries(buildCrudeFeatures(makeCrudePanel(100)), { from: "2000", to: "2100", names: ["rv_20d"], every: 5, digits: 4, label: "demo" });
 * console.assert(s.dates.length === 20 && s.features.rv_20d.length === 20);
 * ```
 */
export function featureFigureSeries(
  frame: FeatureFrame,
  opts: { from: string; to: string; names: readonly string[]; every: number; digits: number; label: string },
): FeatureFigureSeries {
  const weekly = rowsBetween(frame.dates, opts.from, opts.to).filter((_, i) => i % opts.every === 0);
  const features: Record<string, (number | null)[]> = {};
  for (const n of opts.names) {
    const x = requireFeature(frame, n, opts.label);
    features[n] = weekly.map((t) => roundTo(x[t], opts.digits));
  }
  return {
    dates: weekly.map((t) => frame.dates[t]),
    features,
    units: Object.fromEntries(opts.names.map((n) => [n, frame.meta[n].unit])),
  };
}
