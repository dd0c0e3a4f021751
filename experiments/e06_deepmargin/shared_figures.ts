/**
 * The e06 figure helpers that v1 and v2 share: integers with thousands separators (locale-free, so the bytes never
 * depend on the machine), the tick values of a symlog USD axis and the Vega expression that labels them "1k", "1M".
 * @module
 */

/**
 * An integer with thousands separators.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { thousands } from "./shared_figures.ts";
 * assert.equal(thousands(1234567.4), "1,234,567");
 * ```
 */
export function thousands(x: number): string {
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * Tick values of a symlog axis over [lo, hi]: 0 and ±10^k (k ≥ 3) inside the range — a symlog axis left to itself
 * labels only its ends.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { symlogTicks } from "./shared_figures.ts";
 * assert.ok(symlogTicks(0, 2.4e6).join() === "0,1000,10000,100000,1000000");
 * assert.ok(symlogTicks(-2e4, 5e3).join() === "-10000,-1000,0,1000");
 * ```
 */
export function symlogTicks(lo: number, hi: number): number[] {
  const ticks = lo <= 0 && hi >= 0 ? [0] : [];
  for (let v = 1e3; v <= Math.max(Math.abs(lo), Math.abs(hi)); v *= 10) {
    if (v <= hi) ticks.push(v);
    if (-v >= lo) ticks.unshift(-v);
  }
  return ticks;
}

/**
 * Vega expression labelling a tick as "0", "1k", "10k", "1M", "−10k" (USD amounts on a symlog axis).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SI_LABEL } from "./shared_figures.ts";
 * const axis = { values: [0, 1e3, 1e6], labelExpr: SI_LABEL }; // "0", "1k", "1M"
 * assert.ok(axis.labelExpr.includes("'M'"));
 * ```
 */
export const SI_LABEL =
  "(datum.value < 0 ? '−' : '') + (abs(datum.value) >= 1e6 ? format(abs(datum.value) / 1e6, '~g') + 'M'" +
  " : abs(datum.value) >= 1e3 ? format(abs(datum.value) / 1e3, '~g') + 'k' : format(abs(datum.value), '~g'))";
