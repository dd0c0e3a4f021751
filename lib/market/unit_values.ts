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

/** Scratch of the American grouping (grown as needed): floored prices, their values, their indices, done flags. */
let scratchF = new Float64Array(64), scratchV = new Float64Array(64), scratchI = new Int32Array(64);
let scratchDone = new Uint8Array(64);

/**
 * `out[k] = unitValue(inst, F[k], sigma[k] (or sigma), rate, treeSteps)` for `k < F.length`, bitwise. No checks on
 * the instrument or the market values (validated inputs, as `unitValue`). `powCache`: see `binomialAmericanBatch`
 * (e.g. one per market day and engine).
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
  powCache?: Map<number, Float64Array>,
): Float64Array {
  const n = F.length;
  if (out.length < n) throw new RangeError(`unitValues: out has ${out.length} elements, fewer than F's ${n}`);
  const one = typeof sigma === "number";
  if (!one && sigma.length < n) {
    throw new RangeError(`unitValues: sigma has ${sigma.length} elements, fewer than F's ${n}`);
  }
  const sig = (k: number): number => Math.max(one ? sigma : sigma[k], 1e-8);
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
  // American: one batch per distinct (floored) volatility
  if (scratchF.length < n) {
    scratchF = new Float64Array(n);
    scratchV = new Float64Array(n);
    scratchI = new Int32Array(n);
    scratchDone = new Uint8Array(n);
  }
  const f = scratchF, v = scratchV, idx = scratchI, done = scratchDone;
  done.fill(0, 0, n);
  for (let k = 0; k < n; k++) {
    if (done[k] === 1) continue;
    const s = sig(k);
    let m = 0;
    for (let j = k; j < n; j++) {
      if (done[j] === 0 && (one || sig(j) === s)) {
        done[j] = 1;
        idx[m] = j;
        f[m++] = Math.max(F[j], 1e-8);
      }
    }
    binomialAmericanBatch(isCall, f.subarray(0, m), K, T, s, rate, treeSteps, v, powCache);
    for (let i = 0; i < m; i++) out[idx[i]] = v[i];
  }
  return out;
}
