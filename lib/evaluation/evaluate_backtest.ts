/**
 * The full backtest of a multiplier series (docs/architecture.md §1.5): everything of
 * {@link evaluateMultiplier} plus Kupiec's LR, Christoffersen independence and
 * conditional coverage (on all days, and on every h-th day, since exceptions
 * of overlapping h-day windows cluster mechanically), the Basel traffic-light
 * zone of the pooled sample and of each group (test year), excess margin,
 * breach severity, procyclicality (peak-to-trough, largest 1/5/30-day rise),
 * stability of the margin and of the multiplier, and a Diebold–Mariano test of
 * its pinball loss against the benchmark multiplier's (Newey–West for the
 * overlap; negative = better than the benchmark).
 *
 * @example
 * ```ts
 * import { evaluateBacktest } from "./evaluate_backtest.ts";
 * import { trafficLightZones } from "../backtest/mod.ts";
 * const n = 250, im = new Float64Array(n).fill(100), bench = new Float64Array(n).fill(1);
 * const r = Float64Array.from({ length: n }, (_, i) => 0.8 * Math.sin(i));
 * const loss = Float64Array.from(r, (v, i) => v * im[i]), m = new Float64Array(n).fill(0.9);
 * const zone = trafficLightZones(n, 0.99), groupZone = (k: number) => trafficLightZones(k, 0.99);
 * const years = Array.from({ length: n }, (_, i) => (i < 125 ? 2020 : 2021));
 * const e = evaluateBacktest({ loss, im, r, m, bench, tau: 0.99, mpor: 2, zone, groups: years, groupZone });
 * console.assert(e.exceptions === 0 && e.zoneScore === 0 && e.marginRatio === 0.9); // zone: 0 green, 1 yellow, 2 red
 * ```
 * @module
 */
import {
  breachSeverity,
  christoffersen,
  efficiency,
  exceptions,
  kupiecPof,
  procyclicality,
  stability,
  trafficLight,
  type ZoneLimits,
} from "../backtest/mod.ts";
import { type EvaluateInput, evaluateMultiplier, type EvaluateResult } from "./evaluate.ts";
import { pinballDm } from "./pinball_dm.ts";

/** Inputs of {@link evaluateBacktest}: those of {@link evaluateMultiplier} plus the horizon and zones. */
export interface BacktestInput extends EvaluateInput {
  /** MPOR in rows (h): the Newey–West lag of the DM test and the stride of the non-overlapping Christoffersen test. */
  mpor: number;
  /** Traffic-light limits of the pooled sample. */
  zone: ZoneLimits;
  /** Group (test year) of each row, for per-group zones. */
  groups: readonly number[];
  /** Traffic-light limits of a group of `n` rows. */
  groupZone: (n: number) => ZoneLimits;
}

/** Metrics of {@link evaluateBacktest}. */
export interface BacktestResult extends EvaluateResult {
  kupiecLR: number;
  christoffersenIndP: number;
  christoffersenCcP: number;
  /** Independence p-value on every h-th day. */
  christoffersenIndPNonOverlap: number;
  /** Pooled zone: 0 green, 1 yellow, 2 red. */
  zoneScore: number;
  yellowYears: number;
  redYears: number;
  /** Mean of margin − loss. */
  meanExcess: number;
  meanShortfall: number;
  maxShortfall: number;
  peakToTrough: number;
  maxInc1d: number;
  maxInc5d: number;
  maxInc30d: number;
  /** Mean |Δ margin|. */
  meanAbsChange: number;
  /** Mean |Δ m|. */
  meanAbsChangeMult: number;
  dmStat: number;
  dmP: number;
}

const ZONE_SCORE = { green: 0, yellow: 1, red: 2 } as const;

/**
 * Backtest one multiplier series against its benchmark.
 *
 * @throws {RangeError} on mismatched lengths (including `groups`), an empty input, τ outside (0, 1) or h < 1
 * @example
 * ```ts
 * import { trafficLightZones } from "../backtest/mod.ts";
 * const n = 250, im = new Float64Array(n).fill(100), bench = new Float64Array(n).fill(1);
 * const r = Float64Array.from({ length: n }, (_, i) => 0.8 * Math.sin(i));
 * const loss = Float64Array.from(r, (v, i) => v * im[i]), m = new Float64Array(n).fill(0.9);
 * const zone = trafficLightZones(n, 0.99), groupZone = (k: number) => trafficLightZones(k, 0.99);
 * const groups = new Array<number>(n).fill(2020);
 * const e = evaluateBacktest({ loss, im, r, m: bench, bench, tau: 0.99, mpor: 2, zone, groups, groupZone });
 * console.assert(e.dmP === 1); // DM p-value against the benchmark: 1 when m is the benchmark
 * ```
 */
export function evaluateBacktest(e: BacktestInput): BacktestResult {
  const base = evaluateMultiplier(e);
  const n = base.n;
  if (e.groups.length !== n) throw new RangeError(`evaluateBacktest: groups has length ${e.groups.length}, m has ${n}`);
  if (!Number.isInteger(e.mpor) || e.mpor < 1) {
    throw new RangeError(`evaluateBacktest: mpor must be an integer >= 1, got ${e.mpor}`);
  }
  const margin = new Float64Array(n);
  for (let i = 0; i < n; i++) margin[i] = e.m[i] * e.im[i];
  const ex = exceptions(e.loss, margin);
  const kup = kupiecPof(ex.count, ex.n, e.tau);
  const chr = christoffersen(ex.flags, e.tau);
  const chrNo = christoffersen(ex.flags.filter((_, i) => i % e.mpor === 0), e.tau);
  const eff = efficiency(e.loss, margin);
  const sev = breachSeverity(e.loss, margin);
  const pro = procyclicality(margin, { horizons: [1, 5, 30] });
  const stab = stability(margin);
  const stabM = stability(e.m);
  const dm = pinballDm(e.r, e.m, e.bench, e.tau, e.mpor);
  let yellowYears = 0, redYears = 0;
  for (const g of new Set(e.groups)) {
    let c = 0, k = 0;
    for (let i = 0; i < n; i++) {
      if (e.groups[i] === g) {
        k++;
        c += ex.flags[i];
      }
    }
    const z = trafficLight(c, e.groupZone(k));
    if (z === "yellow") yellowYears++;
    if (z === "red") redYears++;
  }
  return {
    ...base,
    kupiecLR: kup.lr,
    christoffersenIndP: chr.independence.pValue,
    christoffersenCcP: chr.conditionalCoverage.pValue,
    christoffersenIndPNonOverlap: chrNo.independence.pValue,
    zoneScore: ZONE_SCORE[trafficLight(ex.count, e.zone)],
    yellowYears,
    redYears,
    meanExcess: eff.meanExcess,
    meanShortfall: sev.meanShortfall,
    maxShortfall: sev.maxShortfall,
    peakToTrough: pro.peakToTrough,
    maxInc1d: pro.maxIncrease["1"],
    maxInc5d: pro.maxIncrease["5"],
    maxInc30d: pro.maxIncrease["30"],
    meanAbsChange: stab.meanAbsChange,
    meanAbsChangeMult: stabM.meanAbsChange,
    dmStat: dm.stat,
    dmP: dm.pValue,
  };
}
