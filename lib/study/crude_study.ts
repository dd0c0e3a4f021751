/**
 * The real-track study dataset (docs/architecture.md §1.1–1.2): one NYMEX WTI front-month
 * contract (rolled at each last trading day), long or short, P&L in USD over an
 * MPOR of h days. For each sample date t:
 *
 * - `im[t]`: baseline IM = HS VaR at `imTau` of the last `lookback`
 *   overlapping h-day P&Ls ending at t (data ≤ t only);
 * - `loss[t]` = L_{t,t+h}: the position's loss over (t, t+h] (target side, looks forward);
 * - `r[t]` = `loss[t] / im[t]`: the ratio whose τ-quantile the models learn;
 * - `x[t, ·]`: the requested features of `buildCrudeFeatures` at t, plus the
 *   optional study-local feature `ewma_to_im` (EWMA vol over the annualised
 *   vol implied by IM_t, both known at t).
 *
 * The sample is the contiguous span of dates where every feature, IM and the
 * loss exist; a gap inside that span is an error, not a silently dropped row.
 *
 * @example
 * ```ts
 * import { buildCrudeStudy } from "./crude_study.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts"; // a small synthetic crude panel
 * const s = buildCrudeStudy(makeCrudePanel(400, 1), {
 *   mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, side: "long",
 *   features: ["rv_20d", "vix", "ewma_to_im"],
 * });
 * console.assert(s.x.length === s.dates.length * s.featureNames.length);
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "../market/cl_roll.ts";
import { hsMargin } from "../margin/hs.ts";
import { rollingMargin } from "../margin/rolling_margin.ts";
import { buildCrudeFeatures } from "../features/crude_features.ts";
import { featureColumn, selectFeatures } from "../features/feature_frame.ts";
import { targetForwardLossFromDailyPnl } from "../targets/forward_loss.ts";

/** Name of the study-local feature: EWMA vol relative to the vol implied by IM_t. */
export const EWMA_TO_IM = "ewma_to_im";

/** Position side: long or short one contract. */
export type StudySide = "long" | "short";

/** Options of {@link buildCrudeStudy} (no defaults: every number is the caller's parameter). */
export interface CrudeStudyOptions {
  /** Margin period of risk h in trading days (integer ≥ 1). */
  mpor: number;
  /** Quantile level τ of the HS VaR baseline, in (0.5, 1). */
  imTau: number;
  /** HS window in overlapping h-day P&Ls (integer ≥ 20). */
  lookback: number;
  /** Barrels per contract (> 0), 1000 for CL. */
  contractBbl: number;
  /** Feature names: columns of `buildCrudeFeatures` or {@link EWMA_TO_IM}; unique, at least one. */
  features: readonly string[];
  side: StudySide;
}

/** The study dataset: `n` sample dates, `d` features. */
export interface CrudeStudy {
  /** Sample dates (ascending), length n. */
  dates: string[];
  /** Features, n × d row-major; row i is known at `dates[i]`. */
  x: Float64Array;
  /** Column names, length d (the requested order). */
  featureNames: string[];
  /** Number of feature columns. */
  d: number;
  /** Ratio target `loss / im`, length n. */
  r: Float64Array;
  /** Loss L_{t,t+h} in USD (positive = loss), length n. */
  loss: Float64Array;
  /** Baseline IM_t in USD (> 0), length n. */
  im: Float64Array;
  /** Index in `panel.dates` of sample row 0. */
  panelOffset: number;
  mpor: number;
  side: StudySide;
}

function checkOptions(o: CrudeStudyOptions): void {
  const fn = "buildCrudeStudy";
  if (o === null || typeof o !== "object") throw new TypeError(`${fn}: options must be an object`);
  if (!Number.isInteger(o.mpor) || o.mpor < 1 || o.mpor > 60) {
    throw new RangeError(`${fn}: mpor must be an integer in [1, 60], got ${o.mpor}`);
  }
  if (!(o.imTau > 0.5 && o.imTau < 1)) {
    throw new RangeError(`${fn}: imTau must be in (0.5, 1), got ${o.imTau}`);
  }
  if (!Number.isInteger(o.lookback) || o.lookback < 20) {
    throw new RangeError(`${fn}: lookback must be an integer >= 20, got ${o.lookback}`);
  }
  if (!(o.contractBbl > 0) || !Number.isFinite(o.contractBbl)) {
    throw new RangeError(`${fn}: contractBbl must be a finite number > 0, got ${o.contractBbl}`);
  }
  if (o.side !== "long" && o.side !== "short") {
    throw new RangeError(`${fn}: side must be "long" or "short", got ${JSON.stringify(o.side)}`);
  }
  if (!Array.isArray(o.features) || o.features.length === 0) {
    throw new RangeError(`${fn}: features must be a non-empty array of names`);
  }
  if (new Set(o.features).size !== o.features.length) {
    throw new RangeError(`${fn}: features has duplicates: ${o.features.join(", ")}`);
  }
}

/**
 * Build the real-track study dataset for one side from a crude panel (columns
 * `cl1..cl4` and the market series `buildCrudeFeatures` reads). Pass the panel
 * truncated at the intended sample end; rows after the futures history ends
 * simply fall outside the sample.
 *
 * @throws {RangeError} on bad options, an unknown feature, a panel too short
 *   for the lookbacks, or a missing feature / IM value inside the sample span
 *   (naming the date and the feature)
 * @example
 * ```ts
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const s = buildCrudeStudy(makeCrudePanel(400, 1), {
 *   mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, side: "short", features: ["rv_20d"],
 * });
 * console.assert(s.r.every((v, i) => v === s.loss[i] / s.im[i]));
 * ```
 */
export function buildCrudeStudy(panel: Panel, opts: CrudeStudyOptions): CrudeStudy {
  const fn = "buildCrudeStudy";
  checkOptions(opts);
  const { mpor: h, imTau, lookback, contractBbl, side } = opts;
  const sign = side === "long" ? 1 : -1;
  const dates = panel.dates, T = dates.length;
  for (const k of ["cl1", "cl2"]) {
    if (!(panel.columns[k] instanceof Float64Array)) throw new RangeError(`${fn}: panel has no column "${k}"`);
  }
  const frameAll = buildCrudeFeatures(panel);
  const libNames = opts.features.filter((f) => f !== EWMA_TO_IM);
  for (const f of libNames) {
    if (!frameAll.names.includes(f)) {
      throw new RangeError(`${fn}: "${f}" is not a crude feature (known: ${frameAll.names.join(", ")}, ${EWMA_TO_IM})`);
    }
  }
  const frame = selectFeatures(frameAll, libNames);
  const needLocal = opts.features.includes(EWMA_TO_IM);
  const ewma = needLocal ? featureColumn(frameAll, "ewma_vol") : undefined;
  const level = needLocal ? featureColumn(frameAll, "level_scale") : undefined;

  // P&L of one long contract, rolled; h-day overlapping sums ending at t.
  const daily = rolledDailyPnl(panel.columns.cl1, panel.columns.cl2, clLastTradingDays(dates), contractBbl);
  const pnlH = overlappingSum(daily, h);
  const first = pnlH.findIndex((v) => Number.isFinite(v));
  if (first < 0) throw new RangeError(`${fn}: panel has no ${h}-day P&L (too few cl1/cl2 prices)`);
  let last = first;
  while (last + 1 < T && Number.isFinite(pnlH[last + 1])) last++;
  const im = new Float64Array(T).fill(NaN);
  const seg = new Float64Array(last - first + 1);
  for (let i = 0; i < seg.length; i++) seg[i] = sign * pnlH[first + i];
  const var_ = (w: Float64Array) => hsMargin(w, { tau: imTau, measure: "var" });
  im.set(rollingMargin(seg, var_, { lookback }), first);
  const loss = targetForwardLossFromDailyPnl(daily, h, sign);

  const F = libNames.length, D = opts.features.length;
  const scaleH = contractBbl * Math.sqrt(h / 252);
  const colOf = opts.features.map((f) => f === EWMA_TO_IM ? -1 : libNames.indexOf(f));
  /** Feature value at (t, j) of the output, NaN when undefined. */
  const value = (t: number, j: number): number => {
    const c = colOf[j];
    if (c >= 0) return frame.values[t * F + c];
    return ewma![t] / (im[t] / (scaleH * level![t]));
  };
  const bad = (t: number): string | null => {
    if (!(im[t] > 0)) return `IM is ${im[t]}`;
    if (!Number.isFinite(loss[t])) return `loss is ${loss[t]}`;
    for (let j = 0; j < D; j++) {
      if (!Number.isFinite(value(t, j))) return `feature "${opts.features[j]}" is ${value(t, j)}`;
    }
    return null;
  };
  let s0 = 0;
  while (s0 < T && bad(s0) !== null) s0++;
  if (s0 >= T) {
    throw new RangeError(
      `${fn}: no date has every feature, IM (lookback ${lookback}) and the ${h}-day loss; panel too short (${T} rows)`,
    );
  }
  let s1 = T - 1;
  while (s1 > s0 && bad(s1) !== null) s1--;
  for (let t = s0; t <= s1; t++) {
    const why = bad(t);
    if (why !== null) {
      throw new RangeError(
        `${fn}: gap inside the sample ${dates[s0]}…${dates[s1]} on ${
          dates[t]
        }: ${why}; fix the panel or drop the feature`,
      );
    }
  }
  const n = s1 - s0 + 1;
  const x = new Float64Array(n * D), r = new Float64Array(n), lo = new Float64Array(n), m = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = s0 + i;
    for (let j = 0; j < D; j++) x[i * D + j] = value(t, j);
    lo[i] = loss[t];
    m[i] = im[t];
    r[i] = loss[t] / im[t];
  }
  return {
    dates: dates.slice(s0, s1 + 1),
    x,
    featureNames: [...opts.features],
    d: D,
    r,
    loss: lo,
    im: m,
    panelOffset: s0,
    mpor: h,
    side,
  };
}
