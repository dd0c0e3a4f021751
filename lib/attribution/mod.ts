/**
 * Attribution of any margin function over units (trades, desks, funds):
 * standalone, diversification benefit, Euler/component (HS-ES exact,
 * HS-VaR kernel-smoothed), pro-rata, incremental, marginal (finite
 * difference) and Shapley (exact ≤ 12 units, sampled above); ISDA SIMM by
 * trade through `simmAttribution` (the SIMM engine supplies the margin function).
 *
 * @example
 * ```ts
 * import { proRata, shapley, standalone } from "./mod.ts";
 * const fn = (w: Float64Array) => Math.hypot(3 * w[0], 4 * w[1]);
 * standalone(fn, 2); // [3, 4]
 * proRata(fn, 2);
 * shapley(fn, 2).values; // [2, 3]
 * ```
 * @module
 */
export * from "./unit_margin_fn.ts";
export * from "./standalone.ts";
export * from "./pro_rata.ts";
export * from "./incremental.ts";
export * from "./marginal.ts";
export * from "./euler.ts";
export * from "./shapley.ts";
export * from "./simm_attribution.ts";
export * from "./desk_pnl.ts";
export * from "./desk_attribution.ts";
export * from "./attribution_history.ts";
