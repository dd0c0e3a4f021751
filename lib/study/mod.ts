/**
 * The study library shared by the core-study experiments (e04, e07, e08, e09):
 *
 * - data: the real-track dataset — rolled WTI front-month P&L, HS VaR baseline IM, ratio target and crude
 *   features ({@link buildCrudeStudy}), the panel cut at the sample end ({@link panelUntil}), rows as a model
 *   `Dataset` ({@link studyDataset});
 * - protocol: chronological splits with purge and embargo ({@link chronologicalSplit}), walk-forward folds
 *   ({@link yearlyFolds}, {@link blockFolds}), fits as independent, parallelisable jobs ({@link runFitJobs});
 * - models: one factory from the shared parameter names ({@link makeModel}) and their schema fragments
 *   ({@link STUDY_SCHEMA}, {@link NETWORK_SCHEMA}, …);
 * - evaluation: coverage/efficiency ({@link evaluateMultiplier}), the full backtest ({@link evaluateBacktest}),
 *   distance to an oracle ({@link oracleCapture}), DM on pinball loss ({@link pinballDm}), feature ablations
 *   ({@link featureAblation}), seed ensembles ({@link seedEnsemble}) and summaries over runs ({@link summarise}).
 *
 * @example
 * ```ts
 * import { buildCrudeStudy, chronologicalSplit, studyDataset } from "./mod.ts";
 * const s = buildCrudeStudy(panel, {
 *   mpor: 2, confidence: 0.99, lookback: 250, contractBbl: 1000, side: "long", features: ["rv_20d", "ovx"],
 * });
 * const sp = chronologicalSplit(s.dates, {
 *   trainEnd: "2016-12-31", validShare: 0.2, horizon: 2, embargo: 2, testFrom: "2018-01-01", testTo: "2021-12-31",
 * });
 * const train = studyDataset(s, sp.train), valid = studyDataset(s, sp.valid);
 * ```
 * @module
 */
export * from "./crude_study.ts";
export * from "./split.ts";
export { studyColumns, studyDataset, type StudyMatrix } from "./dataset.ts";
export * from "./panel_until.ts";
export * from "./evaluate.ts";
export * from "./evaluate_backtest.ts";
export * from "./oracle_capture.ts";
export * from "./pinball_dm.ts";
export * from "./feature_ablation.ts";
export * from "./summarise.ts";
export * from "./seed_ensemble.ts";
export * from "./model_factory.ts";
export * from "./study_params.ts";
export * from "./walk_forward.ts";
export * from "./fit_jobs.ts";
