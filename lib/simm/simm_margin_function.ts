/**
 * Bridge from CRIF records to a margin function of unit weights, `(weights: Float64Array) => number`
 * — the `UnitMarginFn` every method of `lib/attribution` takes (`lib/attribution/simm_attribution.ts`
 * runs them over it). It groups records into units (by trade id, portfolio, or any key) and returns
 * `margin(weights)` = SIMM (call side, winning regulation, summed over portfolios) with each unit's
 * sensitivity, notional and fixed add-on amounts scaled by its weight. Units with weight 0 are removed;
 * multiplier and notional-factor rows are portfolio parameters and are kept unscaled.
 *
 * @example
 * ```ts
 * import { simmMarginFunction } from "./simm_margin_function.ts";
 * import { parseCrif } from "./crif.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * const crif = parseCrif("TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nA,RatesFX,Risk_FX,EUR,,,,100,USD\nB,RatesFX,Risk_FX,EUR,,,,-100,USD");
 * const f = simmMarginFunction(crif.records, (r) => r.tradeId, { calibration: cal, mpor: 10, calculationCurrency: "USD" });
 * console.assert(f.units.join() === "A,B" && f.margin(new Float64Array([1, 1])) === 0);
 * ```
 * @module
 */

import type { CrifRecord } from "./crif.ts";
import { computeSimm } from "./regulation.ts";
import type { SimmSettings } from "./risk_class_margin.ts";

/**
 * Units and their margin function.
 *
 * @example
 * ```ts
 * import { simmMarginFunction } from "./simm_margin_function.ts";
 * import { loadCalibration } from "./load.ts";
 * const u = simmMarginFunction([], (r) => r.tradeId, { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" });
 * console.assert(u.margin(new Float64Array(0)) === 0);
 * ```
 */
export interface SimmUnits {
  /** Unit keys in first-seen order. */
  readonly units: readonly string[];
  /** SIMM as a function of unit weights (length `units.length`; 1 = as held, 0 = removed). */
  readonly margin: (weights: Float64Array) => number;
}

/**
 * Build the margin function.
 *
 * @param unitOf key of a record's unit (multiplier and notional-factor rows are shared, never scaled)
 * @example
 * ```ts
 * import { simmMarginFunction } from "./simm_margin_function.ts";
 * import { parseSimmCalibration } from "./calibration.ts";
 * const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
 * console.assert(simmMarginFunction([], (r) => r.tradeId, { calibration: cal, mpor: 10, calculationCurrency: "USD" }).units.length === 0);
 * ```
 */
export function simmMarginFunction(
  records: readonly CrifRecord[],
  unitOf: (r: CrifRecord) => string,
  settings: SimmSettings,
): SimmUnits {
  const units: string[] = [];
  const index = new Map<string, number>();
  const unitIdx = new Int32Array(records.length);
  records.forEach((r, i) => {
    const isShared = r.riskType === "Param_ProductClassMultiplier" || r.riskType === "Param_AddOnNotionalFactor";
    if (isShared) {
      unitIdx[i] = -1;
      return;
    }
    const key = unitOf(r);
    let at = index.get(key);
    if (at === undefined) {
      at = units.length;
      index.set(key, at);
      units.push(key);
    }
    unitIdx[i] = at;
  });
  const margin = (weights: Float64Array): number => {
    if (weights.length !== units.length) {
      throw new RangeError(`simm margin function: expected ${units.length} weights, got ${weights.length}`);
    }
    const scaled: CrifRecord[] = [];
    for (let i = 0; i < records.length; i++) {
      const u = unitIdx[i];
      if (u < 0) {
        scaled.push(records[i]);
        continue;
      }
      const wt = weights[u];
      if (wt === 0) continue;
      const r = records[i];
      scaled.push(wt === 1 ? r : { ...r, amount: r.amount * wt, amountUsd: r.amountUsd * wt });
    }
    return computeSimm(scaled, settings).sides.Call.total;
  };
  return { units, margin };
}
