/**
 * The multi-asset position panel (issue 14 §1): for each position of a validated list (`position_definition.ts`),
 * from one aligned `Panel` (`loadPositionPanel`), its sample dates and, per date t,
 *
 * - `pnl[t]`: the position's MPOR P&L over (t−h, t] (known at t);
 * - `loss[t]` = L_{t,t+h}: the position's loss over (t, t+h] (positive = loss) — a **label**, it looks forward and
 *   is never a feature; `loss[t] = −pnl[t+h]`;
 * - `hsIm[t]`: baseline IM, HS VaR at `imTau` of the last `lookback` overlapping MPOR P&Ls ending at t
 *   (`rollingMargin` + `hsMargin`, as the core study's IM);
 * - `fhsIm[t]`: filtered HS VaR at `imTau`: the last `lookback` h-day scenarios of the position's daily P&L, each
 *   daily P&L re-scaled to today's EWMA vol (`buildFhsScenarios`, λ = `fhsLambda`), over the last
 *   `lookback + h + fhsBurnIn` days — the core study's `ccpMargins` FHS rule;
 * - `features`: the position's own history features (`pnlHistoryFeatureColumns` of its signed daily P&L per unit)
 *   and the forward-looking features of its group (`position_forward_features.ts`): OVX and the WTI futures curve for
 *   futures and spreads, OVX for WTI and Brent spot, none for Henry Hub, the rates term structure for Treasuries.
 *
 * The position's P&L is `side × quantity × Σ weight × instrument P&L` (legs in order); IM and loss scale with the
 * quantity, the features are per unit. The sample is the contiguous run of dates in the definition's
 * `[from, to]` where the loss and both IMs exist (IMs > 0); a gap inside it is an error naming the position, date and
 * cause. The features may start later or end earlier than the sample (OVX starts 2007-05-10 and ends 2026-03-26;
 * the curve features end with the futures): `featureRows` is the sub-range where every feature is finite, and a
 * gap inside that is an error too.
 *
 * Scenarios are the position's own past P&Ls in its own units (as the core study's HS on the rolled front month):
 * for a Treasury, a past MPOR scenario is the P&L of the par bond issued then, with that day's duration — not
 * today's bond under past yield moves (a rates desk's HS; over a 250-day window the difference is the drift of the
 * duration within the year). The FHS of a Treasury filters and sums its daily P&Ls (each a one-day par bond), an
 * approximation of the fixed-bond MPOR P&L that the HS and the label use.
 *
 * With one leg `cl1`, weight 1 and quantity 1000, `hsIm` and `loss` equal the core study's `buildCrudeStudy` (im,
 * loss) bit for bit on the common dates, and `fhsIm` its `ccpMargins` FHS.
 *
 * @example
 * ```ts
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts"; // a synthetic panel with every column
 * const [s] = buildPositionPanel(makePositionPanel(700, 1), [{ id: "ust10y_long", group: "rates", side: "long",
 *   quantity: 1, description: "", legs: [{ instrument: "ust10y", weight: 1 }] }],
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * console.assert(s.hsIm.every((v) => v > 0) && s.forwardFeatures.includes("slope_2s10s"));
 * ```
 * @module
 */
import { checkInt, checkRange } from "../core/check.ts";
import type { Panel } from "../data/panel.ts";
import { clLastTradingDays, overlappingSum } from "../market/cl_roll.ts";
import { buildFhsScenarios } from "../margin/fhs.ts";
import { hsMargin } from "../margin/hs.ts";
import { rollingMargin } from "../margin/rolling_margin.ts";
import {
  assembleFeatureFrame,
  checkIncreasingDates,
  type FeatureColumn,
  type FeatureFrame,
} from "../features/feature_frame.ts";
import { panelColumn } from "../features/panel_column.ts";
import { pnlHistoryFeatureColumns, type PnlHistoryOptions } from "../features/pnl_history_features.ts";
import {
  oilCurveFeatureColumns,
  ovxFeatureColumns,
  ratesTermFeatureColumns,
} from "../features/position_forward_features.ts";
import {
  type InstrumentSpec,
  POSITION_INSTRUMENTS,
  type PositionDefinition,
  validatePositions,
} from "./position_definition.ts";
import { type InstrumentPnl, instrumentPnl } from "./position_instruments.ts";

/** Options of {@link buildPositionPanel} (no defaults for the margin settings: they are the caller's parameters). */
export interface PositionPanelOptions {
  /** Margin period of risk h in trading days (integer in [1, 60]). */
  mpor: number;
  /** Quantile level τ of the HS and FHS VaR, in (0.5, 1). */
  imTau: number;
  /** HS and FHS window in overlapping h-day P&Ls (integer ≥ 20). */
  lookback: number;
  /** EWMA decay of the FHS filter, in [0, 1). */
  fhsLambda: number;
  /** Days of EWMA history before the oldest FHS scenario (integer ≥ 0). */
  fhsBurnIn: number;
  /** Options of the history features (default `defaultPnlHistoryOptions()`). */
  history?: Partial<PnlHistoryOptions>;
  /** Horizon of the OVX and yield changes (default 5). */
  changeHorizon?: number;
  /** Largest number of calendar days between two consecutive panel dates (default 10); more is a gap error. */
  maxDateGapDays?: number;
  /**
   * CL last-trading-day flags on the panel's rows (default `clLastTradingDays(panel.dates)`). The last trading days
   * are an exchange calendar known in advance, but `clLastTradingDays` infers them from the panel's own dates and
   * cannot place the flag of a month the panel ends in: pass flags computed on the full calendar when the panel is
   * cut mid-month (walk-forward, no-look-ahead checks).
   */
  lastTradingDay?: ArrayLike<number>;
}

/** One position's series on its sample dates. */
export interface PositionSeries {
  definition: PositionDefinition;
  /** Unit of P&L, loss and IM (of the legs, times the quantity). */
  unit: string;
  /** Sample dates (ascending), length n. */
  dates: string[];
  /** Index in `panel.dates` of sample row 0. */
  panelOffset: number;
  /** MPOR P&L over (t−h, t], known at t (length n). */
  pnl: Float64Array;
  /** Label: loss L_{t,t+h} over (t, t+h], positive = loss (length n). */
  loss: Float64Array;
  /** Baseline IM: HS VaR at imTau, > 0 (length n). */
  hsIm: Float64Array;
  /** Baseline IM: FHS VaR at imTau, > 0 (length n). */
  fhsIm: Float64Array;
  /** History and forward-looking features on `dates` (NaN only outside `featureRows`). */
  features: FeatureFrame;
  /** Rows `[start, end)` of the sample where every feature is finite (`start === end`: none). */
  featureRows: { start: number; end: number };
  historyFeatures: string[];
  forwardFeatures: string[];
  mpor: number;
}

function checkOptions(o: PositionPanelOptions): void {
  const fn = "buildPositionPanel";
  if (o === null || typeof o !== "object") throw new TypeError(`${fn}: options must be an object`);
  checkRange(fn, "mpor", checkInt(fn, "mpor", o.mpor, 1), 1, 60);
  if (!(o.imTau > 0.5 && o.imTau < 1)) throw new RangeError(`${fn}: imTau must be in (0.5, 1), got ${o.imTau}`);
  checkInt(fn, "lookback", o.lookback, 20);
  if (!(o.fhsLambda >= 0 && o.fhsLambda < 1)) {
    throw new RangeError(`${fn}: fhsLambda must be in [0, 1), got ${o.fhsLambda}`);
  }
  checkInt(fn, "fhsBurnIn", o.fhsBurnIn, 0);
  checkInt(fn, "maxDateGapDays", o.maxDateGapDays ?? 10, 1);
}

/** Throws when two consecutive panel dates are more than `maxDays` calendar days apart. */
function checkCalendar(dates: readonly string[], maxDays: number): void {
  checkIncreasingDates(dates, "panel");
  for (let i = 1; i < dates.length; i++) {
    const days = (Date.parse(dates[i]) - Date.parse(dates[i - 1])) / 86_400_000;
    if (!(days <= maxDays)) {
      throw new RangeError(
        `panel: ${days} calendar days between ${dates[i - 1]} and ${dates[i]} (rows ${i - 1}, ${i}), more than ` +
          `maxDateGapDays = ${maxDays}: a hole in the calendar`,
      );
    }
  }
}

/** The contiguous finite run [first, last] of `x`; a NaN inside is an error naming the date. */
function finiteRun(x: Float64Array, dates: readonly string[], what: string): { first: number; last: number } {
  const first = x.findIndex((v) => Number.isFinite(v));
  if (first < 0) throw new RangeError(`${what} is never computable on this panel (${dates.length} rows)`);
  let last = x.length - 1;
  while (!Number.isFinite(x[last])) last--;
  for (let t = first; t <= last; t++) {
    if (!Number.isFinite(x[t])) {
      throw new RangeError(
        `${what} is ${x[t]} on ${dates[t]} (row ${t}) inside its run ${dates[first]} … ${dates[last]}`,
      );
    }
  }
  return { first, last };
}

/** The forward-looking feature columns of a position's group. */
function forwardColumns(panel: Panel, def: PositionDefinition, changeHorizon: number): FeatureColumn[] {
  const spec: InstrumentSpec = POSITION_INSTRUMENTS[def.legs[0].instrument];
  if (def.group === "oil-futures" || def.group === "oil-spread") {
    const strip = ["cl1", "cl2", "cl3", "cl4"].map((c) => panelColumn(panel, c));
    return oilCurveFeatureColumns(strip, panelColumn(panel, "ovx"), { changeHorizon });
  }
  if (def.group === "spot") {
    return spec.column === "hh_spot" ? [] : ovxFeatureColumns(panelColumn(panel, "ovx"), changeHorizon);
  }
  const curve = {
    ust2y: panelColumn(panel, "ust2y"),
    ust10y: panelColumn(panel, "ust10y"),
    ust30y: panelColumn(panel, "ust30y"),
  };
  return ratesTermFeatureColumns(curve, panelColumn(panel, spec.column!), changeHorizon);
}

/**
 * Build one position's series (see the module doc). `def` must already be validated (`validatePositions`).
 *
 * @throws {RangeError} naming the position and the date on a gap inside its sample or its feature rows, or from
 *   the instruments' data checks (column, date, value)
 */
function buildOne(
  panel: Panel,
  def: PositionDefinition,
  o: PositionPanelOptions,
  cache: Map<string, InstrumentPnl>,
  ltd: Uint8Array,
): PositionSeries {
  const h = o.mpor, dates = panel.dates, T = dates.length;
  const who = `position ${def.id}`;
  const sign = def.side === "long" ? 1 : -1;
  const legs = def.legs.map((l) => {
    let p = cache.get(l.instrument);
    if (p === undefined) cache.set(l.instrument, p = instrumentPnl(panel, l.instrument, h, ltd));
    return { p, coef: sign * def.quantity * l.weight, unitCoef: sign * l.weight };
  });
  const additive = legs.every((l) => l.p.additive);
  // Position daily P&L (quantity) and per unit (features).
  const daily = new Float64Array(T), unitDaily = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = legs[0].coef * legs[0].p.daily[t], u = legs[0].unitCoef * legs[0].p.daily[t];
    for (let k = 1; k < legs.length; k++) {
      s += legs[k].coef * legs[k].p.daily[t];
      u += legs[k].unitCoef * legs[k].p.daily[t];
    }
    daily[t] = s;
    unitDaily[t] = u;
  }
  let pnlH: Float64Array;
  if (additive) pnlH = overlappingSum(daily, h);
  else {
    pnlH = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let s = legs[0].coef * legs[0].p.mpor[t];
      for (let k = 1; k < legs.length; k++) s += legs[k].coef * legs[k].p.mpor[t];
      pnlH[t] = s;
    }
  }
  // HS VaR on the finite run of MPOR P&Ls.
  const run = finiteRun(pnlH, dates, `${who}: the ${h}-day P&L`);
  const varFn = (w: Float64Array) => hsMargin(w, { tau: o.imTau, measure: "var" });
  const hs = new Float64Array(T).fill(NaN);
  hs.set(rollingMargin(pnlH.subarray(run.first, run.last + 1), varFn, { lookback: o.lookback }), run.first);
  // FHS on the cumulative daily P&L (its differences are the daily P&L), as ccpMargins.
  const d0 = run.first - (h - 1);
  const cum = new Float64Array(run.last - d0 + 2);
  for (let t = d0; t <= run.last; t++) cum[t - d0 + 1] = cum[t - d0] + daily[t];
  const win = o.lookback + h + o.fhsBurnIn;
  const fhs = new Float64Array(T).fill(NaN);
  for (let t = run.first + o.lookback - 1; t <= run.last; t++) {
    const tEnd = t - d0 + 1, from = Math.max(0, tEnd + 1 - win);
    const { scenarios } = buildFhsScenarios([cum.subarray(from, tEnd + 1)], {
      mpor: h,
      lookback: Math.min(o.lookback, tEnd - from + 1 - h),
      lambda: o.fhsLambda,
    });
    fhs[t] = varFn(scenarios.data);
  }
  const loss = new Float64Array(T).fill(NaN);
  for (let t = 0; t + h < T; t++) loss[t] = -pnlH[t + h];
  // Sample: dates in [from, to] with the loss and both IMs.
  const lo = def.from ?? "0000-01-01", hi = def.to ?? "9999-12-31";
  const bad = (t: number): string | null => {
    if (!(hs[t] > 0)) return `HS IM is ${hs[t]}`;
    if (!(fhs[t] > 0)) return `FHS IM is ${fhs[t]}`;
    if (!Number.isFinite(loss[t])) return `the ${h}-day loss is ${loss[t]}`;
    return null;
  };
  let s0 = 0;
  while (s0 < T && (dates[s0] < lo || bad(s0) !== null)) s0++;
  let s1 = T - 1;
  while (s1 >= s0 && (dates[s1] > hi || bad(s1) !== null)) s1--;
  if (s1 < s0) {
    throw new RangeError(
      `${who}: no date in [${lo}, ${hi}] has the ${h}-day loss and both IMs (lookback ${o.lookback}); ` +
        `panel ${dates[0]} … ${dates[T - 1]}`,
    );
  }
  for (let t = s0; t <= s1; t++) {
    const why = bad(t);
    if (why !== null) {
      throw new RangeError(`${who}: gap inside the sample ${dates[s0]} … ${dates[s1]} on ${dates[t]}: ${why}`);
    }
  }
  // Features on the whole panel, then the sample rows.
  const hist = pnlHistoryFeatureColumns(unitDaily, o.history ?? {});
  const fwd = forwardColumns(panel, def, o.changeHorizon ?? 5);
  const all = [...hist, ...fwd];
  const n = s1 - s0 + 1;
  const features = assembleFeatureFrame(
    dates.slice(s0, s1 + 1),
    all.map((c) => ({ ...c, values: c.values.slice(s0, s1 + 1) })),
  );
  const F = all.length, v = features.values;
  const complete = (i: number) => {
    for (let j = 0; j < F; j++) if (!Number.isFinite(v[i * F + j])) return j;
    return -1;
  };
  let f0 = 0;
  while (f0 < n && complete(f0) >= 0) f0++;
  let f1 = n;
  while (f1 > f0 && complete(f1 - 1) >= 0) f1--;
  for (let i = f0; i < f1; i++) {
    const j = complete(i);
    if (j >= 0) {
      throw new RangeError(
        `${who}: feature "${features.names[j]}" is ${v[i * F + j]} on ${features.dates[i]} inside the feature rows ` +
          `${features.dates[f0]} … ${features.dates[f1 - 1]}`,
      );
    }
  }
  const unit = POSITION_INSTRUMENTS[def.legs[0].instrument].unit;
  return {
    definition: def,
    unit: def.quantity === 1 ? unit : `${unit} × ${def.quantity}`,
    dates: dates.slice(s0, s1 + 1),
    panelOffset: s0,
    pnl: pnlH.slice(s0, s1 + 1),
    loss: loss.slice(s0, s1 + 1),
    hsIm: hs.slice(s0, s1 + 1),
    fhsIm: fhs.slice(s0, s1 + 1),
    features,
    featureRows: { start: f0, end: f1 },
    historyFeatures: hist.map((c) => c.name),
    forwardFeatures: fwd.map((c) => c.name),
    mpor: h,
  };
}

/**
 * Build every position's series from one aligned panel (columns: `cl1..cl4`, `ovx`, the spot prices and the
 * Treasury yields the positions use — `loadPositionPanel` has them all). Instruments shared by several positions
 * are priced once.
 *
 * @throws {TypeError|RangeError} on invalid definitions or options (naming the field), a hole in the calendar, bad
 *   data (naming the column, date and value), or a gap inside a position's sample or feature rows
 * @example
 * ```ts
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const panel = buildPositionPanel(makePositionPanel(700, 2), DEFAULT_POSITIONS,
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * console.assert(panel.length === 14 && panel.every((s) => s.loss.length === s.dates.length));
 * ```
 */
export function buildPositionPanel(
  panel: Panel,
  positions: readonly PositionDefinition[],
  opts: PositionPanelOptions,
): PositionSeries[] {
  checkOptions(opts);
  const defs = validatePositions(positions);
  checkCalendar(panel.dates, opts.maxDateGapDays ?? 10);
  const ltd = opts.lastTradingDay === undefined ? clLastTradingDays(panel.dates) : Uint8Array.from(opts.lastTradingDay);
  if (ltd.length !== panel.dates.length) {
    throw new RangeError(`buildPositionPanel: lastTradingDay has ${ltd.length} flags for ${panel.dates.length} dates`);
  }
  const cache = new Map<string, InstrumentPnl>();
  return defs.map((d) => buildOne(panel, d, opts, cache, ltd));
}

/** One row of {@link positionSpans}. */
export interface PositionSpan {
  id: string;
  group: string;
  side: string;
  /** First and last sample date, and the number of sample rows. */
  first: string;
  last: string;
  rows: number;
  /** First and last date with every feature (empty strings when none), and their number. */
  featureFirst: string;
  featureLast: string;
  featureRows: number;
}

/**
 * The date spans of a built panel, for reports.
 *
 * @example
 * ```ts
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const spans = positionSpans(buildPositionPanel(makePositionPanel(700, 2), DEFAULT_POSITIONS.slice(0, 2),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 }));
 * console.assert(spans[0].id === "cl1_long" && spans[0].rows > 0);
 * ```
 */
export function positionSpans(series: readonly PositionSeries[]): PositionSpan[] {
  return series.map((s) => {
    const { start, end } = s.featureRows;
    return {
      id: s.definition.id,
      group: s.definition.group,
      side: s.definition.side,
      first: s.dates[0],
      last: s.dates[s.dates.length - 1],
      rows: s.dates.length,
      featureFirst: end > start ? s.dates[start] : "",
      featureLast: end > start ? s.dates[end - 1] : "",
      featureRows: end - start,
    };
  });
}
