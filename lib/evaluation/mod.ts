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
