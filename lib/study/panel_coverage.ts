/**
 * The equal-coverage comparison over a multi-asset panel (issue 14 §1). Positions hold P&L in different units (USD
 * per barrel, per MMBtu, per 100 face), so before pooling each position is put in units of its own static margin
 * ({@link normalizeCoveragePosition}: every loss and margin divided by the mean static margin on its test days —
 * each position then weighs the same in a pooled sum; every per-position ratio, breach rate and test is unchanged).
 * Positions whose test days coincide (a position group) pool with `evaluateEqualCoverage`; the whole panel, whose
 * futures end in 2021 while spot and rates run to 2025, pools on its union calendar ({@link panelAtTarget}, via
 * `marginRatioOnCalendar`).
 *
 * @example
 * ```ts
 * import { normalizeCoveragePosition } from "./panel_coverage.ts";
 * const m = Float64Array.of(2, 2), rule = { margin: m, fit: [m] };
 * const pos = normalizeCoveragePosition({ id: "p", loss: Float64Array.of(1, 3), base: m, years: [2020, 2020],
 *   foldSizes: [2], fitLoss: [Float64Array.of(1, 1)], rules: { static: rule } }, "static");
 * console.assert(pos.loss[1] === 1.5 && pos.rules.static.margin[0] === 1);
 * ```
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { marginRatioOnCalendar } from "../evaluation/calendar_coverage.ts";
import type { CoveragePosition, RuleSeries } from "./equal_coverage_study.ts";

/**
 * The position with every loss and margin (test and fitting rows) divided by the mean of `reference`'s margin on
 * its test days; multipliers and bounds are unchanged.
 *
 * @throws {RangeError} when the reference rule is missing or its mean margin is not > 0
 * @example
 * ```ts
 * import { normalizeCoveragePosition } from "./panel_coverage.ts";
 * const m = Float64Array.of(4, 4), rule = { margin: m, fit: [m], multiplier: Float64Array.of(1, 1) };
 * const pos = normalizeCoveragePosition({ id: "p", loss: Float64Array.of(1, 3), base: m, years: [2020, 2020],
 *   foldSizes: [2], fitLoss: [Float64Array.of(1, 1)], rules: { static: rule } }, "static");
 * console.assert(pos.base[0] === 1 && pos.rules.static.multiplier![0] === 1);
 * ```
 */
export function normalizeCoveragePosition(pos: CoveragePosition, reference: string): CoveragePosition {
  const ref = pos.rules[reference];
  if (ref === undefined) throw new RangeError(`normalizeCoveragePosition: ${pos.id} has no rule "${reference}"`);
  let s = 0;
  for (let i = 0; i < ref.margin.length; i++) s += ref.margin[i];
  const c = s / ref.margin.length;
  if (!(c > 0)) throw new RangeError(`normalizeCoveragePosition: ${pos.id}: mean ${reference} margin is ${c}`);
  const d = (x: Float64Array) => x.map((v) => v / c);
  const rules: Record<string, RuleSeries> = {};
  for (const [k, r] of Object.entries(pos.rules)) rules[k] = { ...r, margin: d(r.margin), fit: r.fit.map(d) };
  return { ...pos, loss: d(pos.loss), base: d(pos.base), fitLoss: pos.fitLoss.map(d), rules };
}

/** Options of {@link panelAtTarget}. */
export interface PanelAtTargetOptions {
  tau: number;
  blockLength: number;
  resamples: number;
  /** Seed of the block draws (the same draws for every rule: the comparison is paired). */
  seed: number;
  reference: string;
}

/**
 * Per rule: the panel's average margin at the 1 − τ breach rate over the reference's, pooled on the union calendar
 * of the positions' test days, with the paired moving-block bootstrap interval.
 *
 * @throws {RangeError} when `dates` and `positions` differ in number or length, a rule is missing, or from
 *   `marginRatioOnCalendar`
 * @example
 * ```ts
 * import { panelAtTarget } from "./panel_coverage.ts";
 * const n = 100, dates = Array.from({ length: n }, (_, i) => `d${String(i).padStart(3, "0")}`);
 * const loss = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.3)), m = new Float64Array(n).fill(1);
 * const pos = { id: "p", loss, base: m, years: new Array(n).fill(2020), foldSizes: [n], fitLoss: [loss],
 *   rules: { static: { margin: m, fit: [m] } } };
 * const r = panelAtTarget([pos], [dates], ["static"], { tau: 0.95, blockLength: 20, resamples: 50, seed: 1,
 *   reference: "static" });
 * console.assert(r.static.estimate === 1);
 * ```
 */
export function panelAtTarget(
  positions: readonly CoveragePosition[],
  dates: readonly (readonly string[])[],
  rules: readonly string[],
  o: PanelAtTargetOptions,
): Record<string, { estimate: number; lo: number; hi: number }> {
  if (dates.length !== positions.length) {
    throw new RangeError(`panelAtTarget: ${dates.length} date lists for ${positions.length} positions`);
  }
  const out: Record<string, { estimate: number; lo: number; hi: number }> = {};
  for (const r of rules) {
    const series = positions.map((pos, j) => {
      const rule = pos.rules[r], ref = pos.rules[o.reference];
      if (rule === undefined || ref === undefined) {
        throw new RangeError(`panelAtTarget: position ${pos.id} lacks rule "${r}" or "${o.reference}"`);
      }
      return { dates: dates[j], loss: pos.loss, margin: rule.margin, reference: ref.margin };
    });
    out[r] = marginRatioOnCalendar(series, 1 - o.tau, {
      blockLength: o.blockLength,
      resamples: o.resamples,
      prng: createPrng(o.seed),
    });
  }
  return out;
}

/**
 * Where a margin ratio's interval lies against 1 (static): `"below"` (the rule holds significantly less margin than
 * static at equal coverage), `"above"`, or `"includes 1"` (no significant difference).
 *
 * @example
 * ```ts
 * import { intervalVerdict } from "./panel_coverage.ts";
 * console.assert(intervalVerdict({ lo: 0.85, hi: 0.95 }) === "below");
 * console.assert(intervalVerdict({ lo: 0.9, hi: 1.04 }) === "includes 1");
 * ```
 */
export function intervalVerdict(iv: { lo: number; hi: number }): "below" | "above" | "includes 1" {
  return iv.hi < 1 ? "below" : iv.lo > 1 ? "above" : "includes 1";
}
