/**
 * Evaluation of fitted multipliers: backtest evaluation, oracle capture, feature ablation, Diebold-Mariano on pinball
 * loss, seed ensembles and run summaries.
 * @module
 */
export * from "./evaluate.ts";
export * from "./evaluate_backtest.ts";
export * from "./oracle_capture.ts";
export * from "./pinball_dm.ts";
export * from "./feature_ablation.ts";
export * from "./summarise.ts";
export * from "./seed_ensemble.ts";
export * from "./mean_sd_by_key.ts";
export * from "./multiplier_path_stats.ts";
export * from "./shock_response.ts";
export * from "./group_breakdown.ts";
export * from "./hindsight_multiplier.ts";
export * from "./classification_metrics.ts";
export * from "./frontier.ts";
export * from "./block_bootstrap.ts";
export * from "./equal_coverage.ts";
export * from "./adaptive_conformal.ts";
