/**
 * Forward-looking features by position group (issue 14 §1): what the market prices about the future of the
 * position's risk, known at t.
 *
 * - **oil futures and calendar spreads** ({@link oilCurveFeatureColumns}): OVX level and n-day change, and the WTI
 *   futures curve's slope, curvature and roll yield — the same definitions and defaults as the crude frame
 *   (`futures_features.ts`: divided by the robust level, the trailing 20-day median of |cl1| floored at 1 USD/bbl);
 * - **oil spot** ({@link ovxFeatureColumns}): OVX level and change only (the futures curve ends 2022-02-15 in the
 *   vendored data, the spot series run to 2026);
 * - **Treasuries** ({@link ratesTermFeatureColumns}): the rates term structure — the position's own par yield and its
 *   n-day change, the 2s10s and 10s30s slopes and the 2s10s30s butterfly.
 *
 * Henry Hub has none: the vendored data hold no natural-gas implied volatility or gas futures curve.
 *
 * @example
 * ```ts
 * import { ratesTermFeatureColumns } from "./position_forward_features.ts";
 * const y = (v: number) => Float64Array.from({ length: 10 }, (_, i) => v + i / 100);
 * const cols = ratesTermFeatureColumns({ ust2y: y(4), ust10y: y(4.2), ust30y: y(4.5) }, y(4.2), 5);
 * console.assert(cols[2].name === "slope_2s10s" && Math.abs(cols[2].values[0] - 0.2) < 1e-12);
 * ```
 * @module
 */
import type { FeatureColumn } from "./feature_frame.ts";
import { curveCurvature, curveSlope, rollYield } from "./curve_shape.ts";
import { levelChange, seriesSpread } from "./level_change.ts";
import { robustScale } from "./robust_scale.ts";

const FWD = "forward" as const;

function checkLengths(fn: string, xs: Record<string, ArrayLike<number>>): number {
  const entries = Object.entries(xs), n = entries[0][1].length;
  for (const [k, v] of entries) {
    if (v.length !== n) throw new RangeError(`${fn}: ${k} has ${v.length} values, ${entries[0][0]} has ${n}`);
  }
  return n;
}

function checkHorizon(fn: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${fn}: changeHorizon must be an integer >= 1, got ${n}`);
}

/**
 * OVX level and its `changeHorizon`-day change (index points).
 *
 * @throws {RangeError} on a bad horizon
 * @example
 * ```ts
 * const [lvl, chg] = ovxFeatureColumns(Float64Array.of(30, 31, 35), 2);
 * console.assert(lvl.name === "ovx" && chg.name === "ovx_chg_2d" && chg.values[2] === 5);
 * ```
 */
export function ovxFeatureColumns(ovx: Float64Array, changeHorizon = 5): FeatureColumn[] {
  checkHorizon("ovxFeatureColumns", changeHorizon);
  return [
    {
      name: "ovx",
      values: ovx.slice(),
      unit: "index pts",
      group: FWD,
      lookback: 1,
      description: "Cboe crude oil volatility index OVX",
    },
    {
      name: `ovx_chg_${changeHorizon}d`,
      values: levelChange(ovx, changeHorizon),
      unit: "index pts",
      group: FWD,
      lookback: changeHorizon + 1,
      description: `${changeHorizon}-day change of OVX`,
    },
  ];
}

/** Options of {@link oilCurveFeatureColumns}. */
export interface OilCurveFeatureOptions {
  /** Horizon of the OVX change (days, default 5). */
  changeHorizon?: number;
  /** Window of the robust level (default 20, as the crude frame). */
  scaleWindow?: number;
  /** Floor of the robust level in USD/bbl (default 1). */
  scaleFloor?: number;
}

/**
 * OVX features and the WTI futures curve's shape from the strip `[cl1, cl2, cl3, cl4]`.
 *
 * @throws {RangeError} on a strip without 4 contracts, unequal lengths or a bad option
 * @example
 * ```ts
 * const c = (v: number) => Float64Array.from({ length: 40 }, () => v);
 * const cols = oilCurveFeatureColumns([c(70), c(71), c(72), c(73)], c(35));
 * console.assert(cols.find((x) => x.name === "curve_slope")!.values[39] === 3 / 70);
 * ```
 */
export function oilCurveFeatureColumns(
  strip: readonly Float64Array[],
  ovx: Float64Array,
  opts: OilCurveFeatureOptions = {},
): FeatureColumn[] {
  const fn = "oilCurveFeatureColumns";
  if (strip.length !== 4) throw new RangeError(`${fn}: need the 4 contracts cl1..cl4, got ${strip.length}`);
  const [c1, c2, c3, c4] = strip;
  checkLengths(fn, { cl1: c1, cl2: c2, cl3: c3, cl4: c4, ovx });
  const W = opts.scaleWindow ?? 20;
  const scale = robustScale(c1, W, opts.scaleFloor ?? 1);
  return [
    ...ovxFeatureColumns(ovx, opts.changeHorizon ?? 5),
    {
      name: "curve_slope",
      values: curveSlope(c1, c4, scale),
      unit: "1",
      group: FWD,
      lookback: W,
      description: "Curve slope (cl4 − cl1) / robust level (> 0 contango)",
    },
    {
      name: "curve_curvature",
      values: curveCurvature(c1, c2, c3, scale),
      unit: "1",
      group: FWD,
      lookback: W,
      description: "Curve curvature (cl1 − 2 cl2 + cl3) / robust level",
    },
    {
      name: "roll_yield",
      values: rollYield(c1, c2, scale, 1),
      unit: "1/yr",
      group: FWD,
      lookback: W,
      description: "Annualized roll yield 12 (cl1 − cl2) / robust level (> 0 backwardation)",
    },
  ];
}

/** The par yields (percent) the rates term-structure features read. */
export interface TermStructure {
  ust2y: Float64Array;
  ust10y: Float64Array;
  ust30y: Float64Array;
}

/**
 * The rates term structure seen by a Treasury position: `yield_level` (its own maturity's par yield, percent),
 * `yield_chg_{n}d` (its n-day change, percentage points), `slope_2s10s`, `slope_10s30s` and `curvature_2s10s30s`
 * (`2·y10 − y2 − y30`), all in percentage points.
 *
 * @throws {RangeError} on unequal lengths or a bad horizon
 * @example
 * ```ts
 * const y = (v: number) => Float64Array.of(v, v);
 * const cols = ratesTermFeatureColumns({ ust2y: y(4), ust10y: y(4.5), ust30y: y(4.75) }, y(4.75));
 * console.assert(cols[4].name === "curvature_2s10s30s" && cols[4].values[1] === 0.25);
 * ```
 */
export function ratesTermFeatureColumns(curve: TermStructure, own: Float64Array, changeHorizon = 5): FeatureColumn[] {
  const fn = "ratesTermFeatureColumns";
  checkHorizon(fn, changeHorizon);
  checkLengths(fn, { ust2y: curve.ust2y, ust10y: curve.ust10y, ust30y: curve.ust30y, own });
  const { ust2y: y2, ust10y: y10, ust30y: y30 } = curve;
  return [
    {
      name: "yield_level",
      values: own.slice(),
      unit: "percent",
      group: FWD,
      lookback: 1,
      description: "Par yield of the position's maturity",
    },
    {
      name: `yield_chg_${changeHorizon}d`,
      values: levelChange(own, changeHorizon),
      unit: "pct pts",
      group: FWD,
      lookback: changeHorizon + 1,
      description: `${changeHorizon}-day change of the position's par yield`,
    },
    {
      name: "slope_2s10s",
      values: seriesSpread(y10, y2),
      unit: "pct pts",
      group: FWD,
      lookback: 1,
      description: "Term-structure slope ust10y − ust2y",
    },
    {
      name: "slope_10s30s",
      values: seriesSpread(y30, y10),
      unit: "pct pts",
      group: FWD,
      lookback: 1,
      description: "Long-end slope ust30y − ust10y",
    },
    {
      name: "curvature_2s10s30s",
      values: y10.map((m, t) => 2 * m - y2[t] - y30[t]),
      unit: "pct pts",
      group: FWD,
      lookback: 1,
      description: "Butterfly 2·ust10y − ust2y − ust30y",
    },
  ];
}
