/**
 * One position of the multi-asset panel (issue 14 §1) as a study matrix the walk-forward fits read: the rows of a
 * {@link PositionSeries} where every feature is finite (`featureRows`), its features, the ratio target
 * `r = loss / HS IM`, the loss, the HS IM (the baseline the learned multipliers scale) and the FHS IM; plus its
 * clearing-house baselines on the same rows and its yearly folds.
 *
 * Clearing-house baselines (as `ccpMargins` on the core study's WTI front month, from the position's own P&L):
 * `fhs` (the series' FHS IM), `flooredHs` (HS floored at the HS VaR of the last `floorLookback` MPOR P&Ls of the
 * sample), and the EMIR Art. 28 tools on the FHS margin (`apcBuffer`, `apcStressWeight` with the running maximum of
 * the HS IM as the stressed margin, `apcFloor` at the long-window HS VaR). Unlike `ccpMargins`, the floor and
 * stressed windows start at the position's first sample row (the series carries no P&L before it), i.e.
 * `lookback` rows later than the first computable P&L.
 *
 * @example
 * ```ts
 * import { positionStudy } from "./position_study.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const [s] = buildPositionPanel(makePositionPanel(700, 1), DEFAULT_POSITIONS.slice(0, 1),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const st = positionStudy(s);
 * console.assert(st.id === "cl1_long" && st.r[0] === st.loss[0] / st.im[0]);
 * ```
 * @module
 */
import { apcBuffer, apcFloor, apcStressedWeight } from "../margin/apc.ts";
import { hsMargin } from "../margin/hs.ts";
import { rollingMargin } from "../margin/rolling_margin.ts";
import type { StudyMatrix } from "./dataset.ts";
import type { CcpRule } from "./margin_rules.ts";
import type { PositionSeries } from "./position_panel.ts";
import { type Fold, yearlyFolds } from "./walk_forward.ts";

/** A position's study matrix on its feature rows, with its loss and baseline IMs. */
export interface PositionStudy extends StudyMatrix {
  id: string;
  group: string;
  /** Loss L_{t,t+h} (label), HS IM and FHS IM on the rows. */
  loss: Float64Array;
  im: Float64Array;
  fhs: Float64Array;
  /** Index of row 0 in the series' sample rows (`featureRows.start`). */
  seriesOffset: number;
}

/**
 * The study matrix of a position on its feature rows.
 *
 * @throws {RangeError} naming the position when it has no feature rows
 * @example
 * ```ts
 * import { positionStudy } from "./position_study.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const [s] = buildPositionPanel(makePositionPanel(700, 1), DEFAULT_POSITIONS.slice(11, 12),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * console.assert(positionStudy(s).featureNames.includes("slope_2s10s"));
 * ```
 */
export function positionStudy(s: PositionSeries): PositionStudy {
  const { start, end } = s.featureRows, id = s.definition.id;
  if (!(end > start)) throw new RangeError(`positionStudy: position ${id} has no row with every feature`);
  const F = s.features.names.length;
  const im = s.hsIm.slice(start, end), loss = s.loss.slice(start, end);
  return {
    id,
    group: s.definition.group,
    dates: s.dates.slice(start, end),
    x: s.features.values.slice(start * F, end * F),
    d: F,
    featureNames: [...s.features.names],
    r: loss.map((v, i) => v / im[i]),
    loss,
    im,
    fhs: s.fhsIm.slice(start, end),
    seriesOffset: start,
  };
}

/** Options of {@link positionCcpMargins}. */
export interface PositionCcpOptions {
  imTau: number;
  /** Floor window in MPOR P&Ls (EMIR: 10 years, 2520), ≥ 20. */
  floorLookback: number;
  apcBuffer?: number;
  apcStressWeight?: number;
}

/**
 * The clearing-house baselines of a position on its study rows (see the module doc).
 *
 * @throws {RangeError} on a floor window below 20 rows or from the margin engines
 * @example
 * ```ts
 * import { positionCcpMargins, positionStudy } from "./position_study.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const [s] = buildPositionPanel(makePositionPanel(700, 1), DEFAULT_POSITIONS.slice(0, 1),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const st = positionStudy(s), b = positionCcpMargins(s, st, { imTau: 0.99, floorLookback: 300 });
 * console.assert(b.flooredHs.every((v, i) => v >= st.im[i]) && b.fhs[0] === st.fhs[0]);
 * ```
 */
export function positionCcpMargins(
  s: PositionSeries,
  study: PositionStudy,
  o: PositionCcpOptions,
): Record<CcpRule, Float64Array> {
  if (!Number.isInteger(o.floorLookback) || o.floorLookback < 20) {
    throw new RangeError(`positionCcpMargins: floorLookback must be an integer >= 20, got ${o.floorLookback}`);
  }
  const varFn = (w: Float64Array) => hsMargin(w, { tau: o.imTau, measure: "var" });
  const hsLong = rollingMargin(s.pnl, varFn, { lookback: o.floorLookback });
  const n = study.dates.length, off = study.seriesOffset;
  const floor = new Float64Array(n), stressed = new Float64Array(n), longAt = new Float64Array(n);
  let runMax = -Infinity, k = 0;
  for (let i = 0; i < n; i++) {
    const j = off + i, hs = s.hsIm[j];
    longAt[i] = hsLong[j];
    floor[i] = Number.isNaN(hsLong[j]) ? hs : Math.max(hs, hsLong[j]);
    for (; k <= j; k++) if (s.hsIm[k] > runMax) runMax = s.hsIm[k];
    stressed[i] = runMax;
  }
  const fhs = study.fhs.slice();
  return {
    fhs,
    flooredHs: floor,
    apcBuffer: apcBuffer(fhs, { buffer: o.apcBuffer ?? 0.25 }),
    apcStressWeight: apcStressedWeight(fhs, stressed, o.apcStressWeight ?? 0.25),
    apcFloor: apcFloor(fhs, longAt),
  };
}

/** Options of {@link positionFolds}. */
export interface PositionFoldOptions {
  /** Candidate test years; a year is kept when the position's last row is on or after `${year}-12-${fullYearDay}`. */
  testYears: readonly number[];
  horizon: number;
  embargo: number;
  validShare: number;
  /** Fewest training rows (default 250). */
  minTrain?: number;
  /** Day of December a full test year must reach (default 20: the last sessions of a year may be holidays). */
  fullYearDay?: number;
}

/**
 * The yearly folds of a position: every candidate year the position covers in full (rows in the year, its last row
 * on or after December `fullYearDay`) and with at least `minTrain` training rows before it.
 *
 * @throws {RangeError} from the folds
 * @example
 * ```ts
 * import { positionFolds } from "./position_study.ts";
 * import { businessDays } from "../market/synthetic_market.ts";
 * const dates = businessDays("2015-01-02", 1400); // to mid-2020
 * const f = positionFolds({ dates }, { testYears: [2015, 2018, 2019, 2020], horizon: 2, embargo: 2, validShare: 0.2 });
 * console.assert(f.map((x) => x.id).join() === "2018,2019");
 * ```
 */
export function positionFolds(study: Pick<StudyMatrix, "dates">, o: PositionFoldOptions): Fold[] {
  const dates = study.dates, last = dates[dates.length - 1], first = dates[0];
  const minTrain = o.minTrain ?? 250, day = String(o.fullYearDay ?? 20).padStart(2, "0");
  const years = o.testYears.filter((y) => {
    if (last < `${y}-12-${day}` || first >= `${y}-01-01`) return false;
    const before = dates.findIndex((d) => d >= `${y}-01-01`);
    return before * (1 - o.validShare) >= minTrain + o.horizon + o.embargo;
  });
  if (years.length === 0) return [];
  return yearlyFolds(dates, { years, horizon: o.horizon, embargo: o.embargo, validShare: o.validShare, minTrain });
}
