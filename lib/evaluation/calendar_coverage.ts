/**
 * {@link marginRatioAtTarget} for positions whose test days differ (a panel whose futures end in 2021 and whose
 * spot and rates positions run to 2025): the days of every position are placed on their union calendar, the
 * moving blocks are drawn on that calendar, and each position takes the drawn days it has (with repeats). The
 * statistic is `Σ_positions avgMargin_model / Σ_positions avgMargin_reference` at the target breach rate, each
 * position's rules scaled separately on its own drawn days; a position with no drawn day drops out of that draw.
 * With identical calendars it is {@link marginRatioAtTarget} (the same draws give the same numbers).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { marginRatioOnCalendar } from "./calendar_coverage.ts";
 * const loss = [1, 2, 3, 4, 5, 6, 7, 8], m = new Array(8).fill(5);
 * const r = marginRatioOnCalendar([
 *   { dates: ["a", "b", "c", "d", "e", "f", "g", "h"], loss, margin: m, reference: m },
 *   { dates: ["e", "f", "g", "h"], loss: loss.slice(4), margin: m.slice(4), reference: m.slice(4) },
 * ], 0.2, { blockLength: 2, resamples: 20, prng: createPrng(1) });
 * console.assert(r.estimate === 1 && r.lo === 1 && r.hi === 1);
 * ```
 * @module
 */
import { checkConfidence } from "../core/check.ts";
import { blockBootstrapCi } from "./block_bootstrap.ts";
import type { CoverageSeries, EqualCoverageOptions } from "./equal_coverage.ts";
import { breachScaleOn, type BreachScaleSeries, prepareBreachScale } from "./frontier.ts";

/** A position with its own test days (ISO dates, strictly increasing). */
export interface CalendarCoverageSeries extends CoverageSeries {
  dates: readonly string[];
}

/**
 * Pooled average margin at the target breach rate, model over reference, on the union calendar of the positions,
 * with a paired moving-block bootstrap interval (see the module doc).
 *
 * @throws {RangeError} on no positions, lengths that disagree with a position's dates, dates not strictly
 *   increasing (naming the position and the index), bad series, a target outside (0, 1) or bad bootstrap options
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { marginRatioOnCalendar } from "./calendar_coverage.ts";
 * const dates = Array.from({ length: 200 }, (_, i) => `d${String(i).padStart(3, "0")}`);
 * const loss = dates.map((_, i) => (i % 50 < 25 ? 1 : 3) * Math.sin(i * 1.7));
 * const vol = dates.map((_, i) => (i % 50 < 25 ? 1 : 3)), flat = dates.map(() => 2);
 * const r = marginRatioOnCalendar([{ dates, loss, margin: vol, reference: flat }], 0.05,
 *   { blockLength: 10, resamples: 50, prng: createPrng(3) });
 * console.assert(r.estimate < 1);
 * ```
 */
export function marginRatioOnCalendar(
  positions: readonly CalendarCoverageSeries[],
  target: number,
  opts: EqualCoverageOptions,
): { estimate: number; lo: number; hi: number } {
  const fn = "marginRatioOnCalendar";
  if (!Array.isArray(positions) || positions.length === 0) {
    throw new RangeError(`${fn}: positions must be a non-empty array, got ${String(positions)}`);
  }
  checkConfidence(fn, target, "target");
  const all = new Set<string>();
  positions.forEach((p, j) => {
    const n = p.dates.length;
    for (const k of ["loss", "margin", "reference"] as const) {
      if (p[k]?.length !== n) {
        throw new RangeError(`${fn}: positions[${j}].${k} has ${p[k]?.length} values for ${n} dates`);
      }
    }
    for (let i = 1; i < n; i++) {
      if (!(p.dates[i] > p.dates[i - 1])) {
        throw new RangeError(
          `${fn}: positions[${j}].dates must increase: [${i - 1}] ${p.dates[i - 1]}, [${i}] ${p.dates[i]}`,
        );
      }
    }
    for (const d of p.dates) all.add(d);
  });
  const calendar = [...all].sort(), at = new Map(calendar.map((d, i) => [d, i]));
  // Per position: its index on each calendar day (−1 where it has none).
  const local = positions.map((p) => {
    const m = new Int32Array(calendar.length).fill(-1);
    for (let i = 0; i < p.dates.length; i++) m[at.get(p.dates[i])!] = i;
    return m;
  });
  const model: BreachScaleSeries[] = positions.map((p) => prepareBreachScale(p.loss, p.margin));
  const ref: BreachScaleSeries[] = positions.map((p) => prepareBreachScale(p.loss, p.reference));
  const buf = new Int32Array(calendar.length);
  const statistic = (idx: Int32Array): number => {
    let a = 0, b = 0;
    for (let j = 0; j < positions.length; j++) {
      let n = 0;
      for (let q = 0; q < idx.length; q++) {
        const i = local[j][idx[q]];
        if (i >= 0) buf[n++] = i;
      }
      if (n === 0) continue;
      const sub = buf.subarray(0, n);
      a += breachScaleOn(model[j], sub, target).avgMargin;
      b += breachScaleOn(ref[j], sub, target).avgMargin;
    }
    if (!(b > 0)) throw new RangeError(`${fn}: the reference holds no margin at target ${target} on a draw`);
    return a / b;
  };
  const ci = blockBootstrapCi(calendar.length, statistic, opts);
  return { estimate: ci.estimate, lo: ci.lo, hi: ci.hi };
}
