/**
 * The margin rules a clearing house runs, on the core study's positions (issue 13 §3), as margin series aligned
 * with a {@link CrudeStudy}'s sample rows (all known at t, from the position's rolled P&L up to t):
 *
 * - `fhs`: filtered historical simulation (`buildFhsScenarios`, EWMA λ): the last `lookback` overlapping h-day
 *   scenarios of the rolled P&L, each daily change re-scaled to today's EWMA vol; VaR at `imTau`;
 * - `flooredHs`: the study's HS VaR floored at the HS VaR of a `floorLookback` (10-year) window (`flooredHsVar`);
 * - the EMIR Art. 28 anti-procyclicality tools (`lib/margin/apc.ts`) on the FHS margin, the procyclical model they
 *   exist for: `apcBuffer` (a 25% buffer released when the margin rises sharply), `apcStressWeight` (25% weight on
 *   the stressed margin: the largest `lookback`-window HS VaR of the history up to t) and `apcFloor` (the FHS
 *   margin floored at the 10-year HS VaR).
 *
 * The FHS filter runs on the cumulative rolled P&L (its daily differences are the P&L) over the last
 * `lookback + h + fhsBurnIn` days, so the EWMA has `fhsBurnIn` days to settle before the first scenario.
 *
 * @example
 * ```ts
 * import { ccpMargins } from "./margin_rules.ts";
 * import { buildCrudeStudy } from "./crude_study.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts"; // a small synthetic crude panel
 * const panel = makeCrudePanel(400, 1);
 * const o = { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000 };
 * const study = buildCrudeStudy(panel, { ...o, side: "long", features: ["rv_20d"] });
 * const rules = ccpMargins(panel, study, { ...o, floorLookback: 150, fhsLambda: 0.94, fhsBurnIn: 50 });
 * console.assert(rules.flooredHs.every((v, i) => v >= study.im[i]) && rules.fhs.length === study.dates.length);
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "../market/cl_roll.ts";
import { apcBuffer, apcFloor, apcStressedWeight } from "../margin/apc.ts";
import { buildFhsScenarios } from "../margin/fhs.ts";
import { hsMargin } from "../margin/hs.ts";
import { rollingMargin } from "../margin/rolling_margin.ts";
import type { CrudeStudy } from "./crude_study.ts";

/**
 * The clearing-house baselines, in table order.
 *
 * @example
 * ```ts
 * import { CCP_RULES } from "./margin_rules.ts";
 * console.assert(CCP_RULES.length === 5 && CCP_RULES[0] === "fhs");
 * ```
 */
export const CCP_RULES = ["fhs", "flooredHs", "apcBuffer", "apcStressWeight", "apcFloor"] as const;

/** One clearing-house baseline. */
export type CcpRule = typeof CCP_RULES[number];

/** Options of {@link ccpMargins} (the study's position settings plus the rules' own). */
export interface CcpRuleOptions {
  mpor: number;
  /** Quantile level τ of the baseline IM (HS VaR), beside the target's `tau`. */
  imTau: number;
  /** HS and FHS window in overlapping h-day P&Ls. */
  lookback: number;
  contractBbl: number;
  /** Floor window in h-day P&Ls (EMIR: 10 years, 2520). */
  floorLookback: number;
  /** EWMA decay of the FHS filter, in [0, 1). */
  fhsLambda: number;
  /** Days of EWMA history before the oldest FHS scenario (integer ≥ 0). */
  fhsBurnIn: number;
  /** APC buffer fraction (default 0.25, the EMIR minimum). */
  apcBuffer?: number;
  /** APC stressed-margin weight (default 0.25, the EMIR minimum). */
  apcStressWeight?: number;
}

/**
 * Every clearing-house baseline's margin on the study's sample rows (USD, > 0).
 *
 * @throws {RangeError} naming the option on a bad window or decay, when the panel and study disagree (the study's
 *   HS VaR is recomputed and must match bit for bit), or from the margin engines
 * @example
 * ```ts
 * import { ccpMargins } from "./margin_rules.ts";
 * import { buildCrudeStudy } from "./crude_study.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const panel = makeCrudePanel(400, 2);
 * const o = { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000 };
 * const study = buildCrudeStudy(panel, { ...o, side: "short", features: ["rv_20d"] });
 * const r = ccpMargins(panel, study, { ...o, floorLookback: 150, fhsLambda: 0.94, fhsBurnIn: 50 });
 * console.assert(r.apcFloor.every((v, i) => v >= r.fhs[i]));
 * ```
 */
export function ccpMargins(panel: Panel, study: CrudeStudy, o: CcpRuleOptions): Record<CcpRule, Float64Array> {
  const fn = "ccpMargins";
  const h = o.mpor, sign = study.side === "long" ? 1 : -1;
  if (!Number.isInteger(o.floorLookback) || o.floorLookback < o.lookback) {
    throw new RangeError(`${fn}: floorLookback must be an integer >= lookback (${o.lookback}), got ${o.floorLookback}`);
  }
  if (!Number.isInteger(o.fhsBurnIn) || o.fhsBurnIn < 0) {
    throw new RangeError(`${fn}: fhsBurnIn must be an integer >= 0, got ${o.fhsBurnIn}`);
  }
  if (!(o.fhsLambda >= 0 && o.fhsLambda < 1)) {
    throw new RangeError(`${fn}: fhsLambda must be in [0, 1), got ${o.fhsLambda}`);
  }
  const daily = rolledDailyPnl(
    panel.columns.cl1,
    panel.columns.cl2,
    clLastTradingDays(panel.dates),
    o.contractBbl,
  );
  const pnlH = overlappingSum(daily, h);
  const first = pnlH.findIndex((v) => Number.isFinite(v));
  let last = first;
  while (last + 1 < pnlH.length && Number.isFinite(pnlH[last + 1])) last++;
  const seg = new Float64Array(last - first + 1);
  for (let i = 0; i < seg.length; i++) seg[i] = sign * pnlH[first + i];
  const var_ = (w: Float64Array) => hsMargin(w, { tau: o.imTau, measure: "var" });
  const hs = rollingMargin(seg, var_, { lookback: o.lookback });
  const hsLong = rollingMargin(seg, var_, { lookback: o.floorLookback });
  const n = study.dates.length, at = (i: number) => study.panelOffset + i - first;
  // Cumulative P&L from the first daily value: a "price" whose daily differences are the rolled P&L.
  const d0 = first - (h - 1);
  const cum = new Float64Array(pnlH.length - d0 + 1);
  for (let t = d0; t < pnlH.length && Number.isFinite(daily[t]); t++) cum[t - d0 + 1] = cum[t - d0] + daily[t];
  const win = o.lookback + h + o.fhsBurnIn;
  const out = {} as Record<CcpRule, Float64Array>;
  const floor = new Float64Array(n), stressed = new Float64Array(n);
  const fhs = new Float64Array(n), scen = new Float64Array(o.lookback);
  let runMax = -Infinity, k = 0;
  for (let i = 0; i < n; i++) {
    const j = at(i);
    if (!(hs[j] === study.im[i])) {
      throw new RangeError(`${fn}: HS VaR on ${study.dates[i]} is ${hs[j]}, the study's is ${study.im[i]}`);
    }
    floor[i] = Number.isNaN(hsLong[j]) ? hs[j] : Math.max(hs[j], hsLong[j]);
    for (; k <= j; k++) if (hs[k] > runMax) runMax = hs[k];
    stressed[i] = runMax;
    const tEnd = study.panelOffset + i - d0 + 1; // cum index of date t
    const from = Math.max(0, tEnd + 1 - win);
    const { scenarios } = buildFhsScenarios([cum.subarray(from, tEnd + 1)], {
      mpor: h,
      lookback: Math.min(o.lookback, tEnd - from + 1 - h),
      lambda: o.fhsLambda,
    });
    const sc = scenarios.data.length === o.lookback ? scen : new Float64Array(scenarios.data.length);
    for (let s = 0; s < sc.length; s++) sc[s] = sign * scenarios.data[s];
    fhs[i] = var_(sc);
  }
  out.fhs = fhs;
  out.flooredHs = floor;
  out.apcBuffer = apcBuffer(fhs, { buffer: o.apcBuffer ?? 0.25 });
  out.apcStressWeight = apcStressedWeight(fhs, stressed, o.apcStressWeight ?? 0.25);
  const longAt = Float64Array.from({ length: n }, (_, i) => hsLong[at(i)]);
  out.apcFloor = apcFloor(fhs, longAt);
  return out;
}
