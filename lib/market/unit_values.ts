/**
 * {@link unitValue} of one instrument at many (futures price, volatility) points — how the margin engines revalue
 * an instrument in its scenarios (SPAN-like risk arrays, the SPAN 2-like per-date cache, the DeepMargin tokenizer's
 * risk moves). Each value is **bitwise equal** to `unitValue(inst, F[k], sigma[k], rate, treeSteps)`: futures are
 * `F`, European options Black-76 at `max(F, 1e-8)`, `max(sigma, 1e-8)` as `unitValue` prices them; American options
 * go through `binomialAmericanBatch` (`binomial_batch.ts`), the points that share a volatility in one batch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unitValue } from "./portfolio.ts";
 * import { unitValues } from "./unit_values.ts";
 * const put = { type: "put", underlying: "WTI", expiry: 0.5, strike: 65, style: "american" } as const;
 * const F = [60, 65, 70, 75], sigma = [0.4, 0.4, 0.4, 0.45];
 * const v = unitValues(put, F, sigma, 0.04, 50);
 * F.forEach((f, k) => assert.ok(Object.is(v[k], unitValue(put, f, sigma[k], 0.04, 50))));
 * ```
 * @module
 */
import { black76PriceUnchecked } from "./black76.ts";
import { binomialAmericanBatch } from "./binomial_batch.ts";
import type { Instrument } from "./portfolio.ts";

/**
 * `out[k] = unitValue(inst, F[k], sigma[k] (or sigma), rate, treeSteps)` for `k < F.length`, bitwise. No checks on
 * the instrument or the market values (validated inputs, as `unitValue`).
 *
 * @throws {RangeError} when `sigma` (an array) or `out` is shorter than `F`
 * @example
 * ```ts
 * import { unitValues } from "./unit_values.ts";
 * const call = { type: "call", underlying: "HH", expiry: 0.25, strike: 3, style: "american" } as const;
 * unitValues(call, Float64Array.of(2.8, 3, 3.2), 0.6, 0.03, 50); // three American call premiums, one batch
 * ```
 */
export function unitValues(
  inst: Instrument,
  F: ArrayLike<number>,
  sigma: ArrayLike<number> | number,
  rate: number,
  treeSteps: number,
  out: Float64Array = new Float64Array(F.length),
): Float64Array {
  const n = F.length;
  if (out.length < n) throw new RangeError(`unitValues: out has ${out.length} elements, fewer than F's ${n}`);
  if (typeof sigma !== "number" && sigma.length < n) {
    throw new RangeError(`unitValues: sigma has ${sigma.length} elements, fewer than F's ${n}`);
  }
  const sig = (k: number): number => Math.max(typeof sigma === "number" ? sigma : sigma[k], 1e-8);
  if (inst.type === "future") {
    for (let k = 0; k < n; k++) out[k] = F[k];
    return out;
  }
  const isCall = inst.type === "call";
  const K = inst.strike as number, T = inst.expiry;
  if (inst.style !== "american") {
    const df = Math.exp(-rate * T);
    for (let k = 0; k < n; k++) out[k] = black76PriceUnchecked(isCall, Math.max(F[k], 1e-8), K, T, sig(k), df);
    return out;
  }
  // American: one batch per distinct (floored) volatility, in order of first appearance
  const groups = new Map<number, number[]>();
  for (let k = 0; k < n; k++) {
    const s = sig(k);
    const g = groups.get(s);
    if (g === undefined) groups.set(s, [k]);
    else g.push(k);
  }
  for (const [s, idx] of groups) {
    const m = idx.length;
    const f = new Float64Array(m);
    for (let i = 0; i < m; i++) f[i] = Math.max(F[idx[i]], 1e-8);
    const v = binomialAmericanBatch(isCall, f, K, T, s, rate, treeSteps);
    for (let i = 0; i < m; i++) out[idx[i]] = v[i];
  }
  return out;
}
