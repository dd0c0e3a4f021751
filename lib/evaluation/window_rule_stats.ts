/**
 * Every margin rule scored inside one window (a stress period) with the same statistics: exceptions, breach rate,
 * Kupiec POF (binomial, and with the null simulated under overlapping h-day windows as in the core study), the
 * average margin and its ratio to the reference rule's (static), and procyclicality: peak-to-trough, the largest
 * relative 5- and 30-day rise and the mean absolute day-on-day change of the margin (`lib/backtest` `procyclicality`,
 * `stability`, the definitions of `marginStability`).
 *
 * @example
 * ```ts
 * import { windowRuleStats } from "./window_rule_stats.ts";
 * const loss = Float64Array.from({ length: 40 }, (_, t) => (t === 10 ? 5 : 1));
 * const s = windowRuleStats(loss, { static: new Float64Array(40).fill(4), high: new Float64Array(40).fill(6) }, {
 *   reference: "static", tau: 0.99, mpor: 2, kupiecSims: 200, seed: 1,
 * });
 * console.assert(s.static.exceptions === 1 && s.high.exceptions === 0 && s.high.marginVsStatic === 1.5);
 * ```
 * @module
 */
import { exceptions, kupiecPof, OverlapNullCache, procyclicality, stability } from "../backtest/mod.ts";

/** One rule inside one window. */
export interface WindowRuleStats {
  n: number;
  exceptions: number;
  breachRate: number;
  /** Kupiec POF p-value, binomial null. */
  kupiecP: number;
  /** Kupiec POF p-value, null simulated under overlapping `mpor`-day windows. */
  kupiecOverlapP: number;
  /** Average margin (USD). */
  avgMargin: number;
  /** Σ margin / Σ reference margin. */
  marginVsStatic: number;
  /** max(margin) / min(margin). */
  peakToTrough: number;
  /** Largest margin_{t+5} / margin_t − 1 (null when the window has ≤ 5 days). */
  maxInc5d: number | null;
  /** Largest margin_{t+30} / margin_t − 1 (null when the window has ≤ 30 days). */
  maxInc30d: number | null;
  /** Mean |margin_t − margin_{t−1}| (USD). */
  meanAbsChange: number;
}

/** Options of {@link windowRuleStats}. */
export interface WindowRuleOptions {
  /** The rule the margin ratio is taken against (a key of the margins). */
  reference: string;
  /** Quantile level τ of the margins (Kupiec's null breach rate is 1 − τ). */
  tau: number;
  /** Margin period of risk h in days (overlap of the losses). */
  mpor: number;
  /** Simulations of the overlapping-window Kupiec null (≥ 100). */
  kupiecSims: number;
  /** Seed of that simulation (the same draws for every rule: equal counts give equal p-values). */
  seed: number;
  /** Memo of simulated nulls shared across calls (e.g. windows and sides of one stage); default a fresh one. */
  nullCache?: OverlapNullCache;
}

/**
 * Score each rule's margins (same length as `loss`, ≥ 2 days) inside the window; keys in the order given.
 *
 * @throws {RangeError} naming the rule on a missing reference or a length mismatch, or from the backtests
 * @example
 * ```ts
 * import { windowRuleStats } from "./window_rule_stats.ts";
 * const r = windowRuleStats(Float64Array.of(1, 2, 3), { s: Float64Array.of(2, 2, 4) }, {
 *   reference: "s", tau: 0.99, mpor: 1, kupiecSims: 100, seed: 3,
 * });
 * console.assert(r.s.exceptions === 0 && r.s.peakToTrough === 2 && r.s.maxInc5d === null);
 * ```
 */
export function windowRuleStats(
  loss: Float64Array,
  margins: Record<string, Float64Array>,
  o: WindowRuleOptions,
): Record<string, WindowRuleStats> {
  const fn = "windowRuleStats", n = loss.length;
  const ref = margins[o.reference];
  if (ref === undefined) throw new RangeError(`${fn}: reference rule "${o.reference}" is not among the margins`);
  if (n < 2) throw new RangeError(`${fn}: the window needs at least 2 days, got ${n}`);
  const sum = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i];
    return s;
  };
  const refSum = sum(ref), memo = new Map<number, number>(), nulls = o.nullCache ?? new OverlapNullCache();
  const fin = (x: number) => (Number.isNaN(x) ? null : x);
  const out: Record<string, WindowRuleStats> = {};
  for (const [rule, m] of Object.entries(margins)) {
    if (m.length !== n) throw new RangeError(`${fn}: rule "${rule}" has ${m.length} margins, the window ${n} days`);
    const ex = exceptions(loss, m);
    if (!memo.has(ex.count)) {
      memo.set(ex.count, nulls.kupiec(ex.count, n, o.tau, o.mpor, { simulations: o.kupiecSims, seed: o.seed }).pValue);
    }
    const pc = procyclicality(m, { horizons: [5, 30] }), s = sum(m);
    out[rule] = {
      n,
      exceptions: ex.count,
      breachRate: ex.rate,
      kupiecP: kupiecPof(ex.count, n, o.tau).pValue,
      kupiecOverlapP: memo.get(ex.count)!,
      avgMargin: s / n,
      marginVsStatic: s / refSum,
      peakToTrough: pc.peakToTrough,
      maxInc5d: fin(pc.maxIncrease["5"]),
      maxInc30d: fin(pc.maxIncrease["30"]),
      meanAbsChange: stability(m).meanAbsChange,
    };
  }
  return out;
}
