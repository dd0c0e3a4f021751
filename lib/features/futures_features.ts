/**
 * Historical and curve features of a futures strip `cl1..cl4` (front first),
 * shared by the real (WTI) and synthetic tracks. Names, with the default options:
 *
 * | name | meaning | unit |
 * |---|---|---|
 * | `level_scale` | robust price level: trailing 20-d median of \|cl1\|, floored at 1 | USD/bbl |
 * | `ret_usd_{n}d` | n-day change of the held front position, n ∈ {1, 5, 20} | USD/bbl |
 * | `ret_scaled_{n}d` | `ret_usd_{n}d / level_scale_{t−n}` | 1 |
 * | `ret_log_{n}d` | sum of daily log returns; a day with a price ≤ 0 uses its scaled change | 1 |
 * | `rv_{w}d` | realized vol of daily scaled returns, w ∈ {5, 20, 60, 250}, annualized | 1/√yr |
 * | `ewma_vol` | EWMA vol (λ = 0.94) of daily scaled returns, annualized | 1/√yr |
 * | `jump_ratio_20d` | `max(0, 1 − BV/RV)` over 20 days | 1 |
 * | `jump_flag` | 1 if \|r_t\| > 4·(bipower daily vol of the previous 20 days) | 0/1 |
 * | `drawdown_250d` | (P&L index − its 250-d max) / level_scale_t | 1 |
 * | `curve_slope` | `(cl4 − cl1) / level_scale` | 1 |
 * | `curve_curvature` | `(cl1 − 2 cl2 + cl3) / level_scale` | 1 |
 * | `roll_yield` | `12 (cl1 − cl2) / level_scale` | 1/yr |
 *
 * Returns, vols, jumps and drawdown are those of the *held* front position: with
 * roll flags, rolled into cl2 at each last trading day (the generic series' jump
 * to the next contract is not P&L), exactly like the target's P&L.
 *
 * @example
 * ```ts
 * import { futuresFeatureColumns, defaultFuturesFeatureOptions } from "./futures_features.ts";
 * const cl = Float64Array.from({ length: 300 }, (_, i) => 50 + Math.sin(i / 10));
 * const cols = futuresFeatureColumns([cl, cl, cl, cl], defaultFuturesFeatureOptions());
 * ```
 * @module
 */

import { jumpFlag, jumpRatio } from "./bipower_variation.ts";
import { curveCurvature, curveSlope, rollYield } from "./curve_shape.ts";
import { drawdown } from "./drawdown.ts";
import { ewmaVol } from "../margin/ewma.ts";
import type { FeatureColumn } from "./feature_frame.ts";
import { divideLagged, heldDailyChange, heldLogReturn, heldPriceIndex, rollingSum } from "./held_return.ts";
import { realizedVol } from "./realized_vol.ts";
import { robustScale } from "./robust_scale.ts";

/** Options of the futures features (all have defaults). */
export interface FuturesFeatureOptions {
  /** Return horizons in days. */
  returnHorizons: number[];
  /** Realized-vol windows in days. */
  volWindows: number[];
  /** EWMA decay λ. */
  ewmaLambda: number;
  /** Returns before the EWMA vol is reported. */
  ewmaMinPeriods: number;
  /** Window of the robust level (trailing median of |cl1|). */
  scaleWindow: number;
  /** Floor of the robust level (USD/bbl). */
  scaleFloor: number;
  /** Bipower window. */
  jumpWindow: number;
  /** Jump-flag threshold in bipower daily vols. */
  jumpThreshold: number;
  /** Drawdown window. */
  drawdownWindow: number;
}

/**
 * Default options (1/5/20-day returns, 5/20/60/250-day vols, λ = 0.94, …).
 *
 * @example
 * ```ts
 * defaultFuturesFeatureOptions().ewmaLambda; // 0.94
 * ```
 */
export function defaultFuturesFeatureOptions(): FuturesFeatureOptions {
  return {
    returnHorizons: [1, 5, 20],
    volWindows: [5, 20, 60, 250],
    ewmaLambda: 0.94,
    ewmaMinPeriods: 20,
    scaleWindow: 20,
    scaleFloor: 1,
    jumpWindow: 20,
    jumpThreshold: 4,
    drawdownWindow: 250,
  };
}

/**
 * Feature columns of a 4-contract strip (`strip[0]` = front). Inputs must already
 * be validated (see `panelColumn`). With `lastTradingDay` flags (1 on a front
 * contract's last trading day) the returns, vols, jumps and drawdown are those of
 * the held position rolled into cl2 at each flag (`held_return.ts`); without, of
 * `cl1` as given (constant-maturity or adjusted series).
 *
 * @throws {RangeError} when the strip does not have 4 equal-length series
 * @example
 * ```ts
 * const cl1 = Float64Array.from({ length: 300 }, (_, i) => 60 + 5 * Math.sin(i / 15));
 * futuresFeatureColumns([cl1, cl1.map((x) => x + 1), cl1.map((x) => x + 2), cl1.map((x) => x + 3)]);
 * ```
 */
export function futuresFeatureColumns(
  strip: readonly Float64Array[],
  o: FuturesFeatureOptions = defaultFuturesFeatureOptions(),
  lastTradingDay?: ArrayLike<number>,
): FeatureColumn[] {
  if (strip.length !== 4) throw new RangeError(`futuresFeatureColumns: need 4 contracts cl1..cl4, got ${strip.length}`);
  const [c1, c2, c3, c4] = strip;
  for (const c of strip) {
    if (c.length !== c1.length) throw new RangeError(`futuresFeatureColumns: contracts have different lengths`);
  }
  const W = o.scaleWindow;
  const scale = robustScale(c1, W, o.scaleFloor);
  const held = heldDailyChange(c1, c2, lastTradingDay);
  const r1 = divideLagged(held.change, scale, 1);
  const index = heldPriceIndex(c1, held.change);
  const roll = lastTradingDay !== undefined ? " (held position, rolled at last trading days)" : "";
  const cols: FeatureColumn[] = [];
  const hist = "historical" as const, fwd = "forward" as const;
  cols.push({
    name: "level_scale",
    values: scale,
    unit: "USD/bbl",
    group: hist,
    lookback: W,
    description: `Robust price level: trailing ${W}-day median of |cl1|, floored at ${o.scaleFloor} USD/bbl`,
  });
  for (const n of o.returnHorizons) {
    cols.push({
      name: `ret_usd_${n}d`,
      values: rollingSum(held.change, n),
      unit: "USD/bbl",
      group: hist,
      lookback: n + 1,
      description: `${n}-day front-futures price change${roll} (P&L per bbl)`,
    });
  }
  for (const n of o.returnHorizons) {
    cols.push({
      name: `ret_scaled_${n}d`,
      values: n === 1 ? r1 : divideLagged(rollingSum(held.change, n), scale, n),
      unit: "1",
      group: hist,
      lookback: n + W,
      description: `${n}-day price change${roll} divided by the robust level at t−${n} (defined for negative prices)`,
    });
  }
  for (const n of o.returnHorizons) {
    cols.push({
      name: `ret_log_${n}d`,
      values: heldLogReturn(c1, held, n, scale),
      unit: "1",
      group: hist,
      lookback: n + W,
      description: `${n}-day log return${roll}: sum of daily ln(cl1_t/p_{t−1}), a daily term with a price ≤ 0 ` +
        `replaced by the scaled daily change`,
    });
  }
  for (const w of o.volWindows) {
    cols.push({
      name: `rv_${w}d`,
      values: realizedVol(r1, w),
      unit: "1/sqrt(yr)",
      group: hist,
      lookback: w + W,
      description: `Realized vol of daily scaled returns over ${w} days, annualized (√252)`,
    });
  }
  cols.push({
    name: "ewma_vol",
    values: ewmaVol(r1, {
      convention: "filter",
      lambda: o.ewmaLambda,
      annualization: 252,
      minPeriods: o.ewmaMinPeriods,
    }),
    unit: "1/sqrt(yr)",
    group: hist,
    lookback: o.ewmaMinPeriods + W,
    description: `EWMA vol (λ = ${o.ewmaLambda}) of daily scaled returns, annualized; uses all history, ` +
      `reported after ${o.ewmaMinPeriods} returns`,
  });
  cols.push({
    name: `jump_ratio_${o.jumpWindow}d`,
    values: jumpRatio(r1, o.jumpWindow),
    unit: "1",
    group: hist,
    lookback: o.jumpWindow + W,
    description: `Jump share of variance max(0, 1 − BV/RV) over ${o.jumpWindow} days (bipower variation)`,
  });
  cols.push({
    name: "jump_flag",
    values: jumpFlag(r1, o.jumpWindow, o.jumpThreshold),
    unit: "0/1",
    group: hist,
    lookback: o.jumpWindow + 1 + W,
    description: `1 if |r_t| > ${o.jumpThreshold} × bipower daily vol of the previous ${o.jumpWindow} days`,
  });
  cols.push({
    name: `drawdown_${o.drawdownWindow}d`,
    values: drawdown(index, o.drawdownWindow, scale),
    unit: "1",
    group: hist,
    lookback: Math.max(o.drawdownWindow, W),
    description: `Drawdown of the held position's P&L index from its ${o.drawdownWindow}-day peak, / robust level`,
  });
  cols.push({
    name: "curve_slope",
    values: curveSlope(c1, c4, scale),
    unit: "1",
    group: fwd,
    lookback: W,
    description: "Curve slope (cl4 − cl1) / robust level (> 0 contango)",
  });
  cols.push({
    name: "curve_curvature",
    values: curveCurvature(c1, c2, c3, scale),
    unit: "1",
    group: fwd,
    lookback: W,
    description: "Curve curvature (cl1 − 2 cl2 + cl3) / robust level",
  });
  cols.push({
    name: "roll_yield",
    values: rollYield(c1, c2, scale, 1),
    unit: "1/yr",
    group: fwd,
    lookback: W,
    description: "Annualized roll yield 12 (cl1 − cl2) / robust level (> 0 backwardation)",
  });
  return cols;
}

/** Check options: unknown key → TypeError, bad value → RangeError. */
export function validateFuturesFeatureOptions(o: Partial<FuturesFeatureOptions>, where: string): FuturesFeatureOptions {
  const d = defaultFuturesFeatureOptions();
  for (const k of Object.keys(o)) {
    if (!(k in d)) throw new TypeError(`${where}: unknown option "${k}"`);
  }
  const r = { ...d, ...o };
  const posInt = (name: string, x: number, min = 1) => {
    if (!Number.isInteger(x) || x < min) {
      throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${x}`);
    }
  };
  r.returnHorizons.forEach((n, i) => posInt(`returnHorizons[${i}]`, n));
  r.volWindows.forEach((n, i) => posInt(`volWindows[${i}]`, n));
  posInt("ewmaMinPeriods", r.ewmaMinPeriods);
  posInt("scaleWindow", r.scaleWindow);
  posInt("jumpWindow", r.jumpWindow, 2);
  posInt("drawdownWindow", r.drawdownWindow);
  if (!(r.ewmaLambda > 0 && r.ewmaLambda < 1)) {
    throw new RangeError(`${where}: ewmaLambda must be in (0, 1), got ${r.ewmaLambda}`);
  }
  if (!(r.scaleFloor > 0)) throw new RangeError(`${where}: scaleFloor must be > 0, got ${r.scaleFloor}`);
  if (!(r.jumpThreshold > 0)) throw new RangeError(`${where}: jumpThreshold must be > 0, got ${r.jumpThreshold}`);
  return r;
}
