/**
 * Multiplier targets: the ratio `r = L/IM`, its pinball loss at `τ`, the scaled
 * sigmoid bounds, the backtest-optimal multiplier and the raise/keep/lower label.
 * @module
 */
export * from "./target_config.ts";
export * from "./bounded_multiplier.ts";
export * from "./ratio_series.ts";
export * from "./pinball_loss.ts";
export * from "./empirical_quantile.ts";
export * from "./backtest_optimal_multiplier.ts";
export * from "./action_label.ts";
export * from "./forward_loss.ts";
export * from "./oracle_multiplier.ts";
