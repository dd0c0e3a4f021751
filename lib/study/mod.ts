/**
 * The study library shared by the core-study experiments (e04, e07, e08, e09, e10):
 *
 * - datasets: the real track — rolled WTI front-month P&L, HS VaR baseline IM, ratio target and crude features
 *   ({@link buildCrudeStudy}), rows as a model `Dataset` ({@link studyDataset}); the synthetic track — seeded
 *   market paths with their oracle multiplier ({@link buildSyntheticPath});
 * - protocol: chronological splits with purge and embargo ({@link chronologicalSplit}, {@link studySplit}),
 *   walk-forward folds ({@link yearlyFolds}, {@link blockFolds}), fits as independent jobs for `lib/pipeline`'s
 *   worker pool ({@link fitJobHandler}, {@link runFitJobs}), one model factory from the shared parameter names
 *   ({@link makeModel}) and their schema fragments ({@link STUDY_SCHEMA}, {@link NETWORK_SCHEMA}, …);
 * - study compositions, one per experiment design: the walk-forward batch and its evaluation
 *   ({@link walkForwardBatch}, {@link evaluateWalkForward}, {@link evaluateSynthetic}), stress windows and shock
 *   probes ({@link stressSplit}, {@link fitStressWindow}, {@link shockProbes}), the sensitivity grid
 *   ({@link sensitivitySettings}, {@link settingFitter}, {@link selectOnValidation}) and the explained models
 *   ({@link fitExplainedModels}, {@link globalExplanations}, {@link localExplanations}) and the target comparison
 *   ({@link compareTargets}).
 *
 * Metrics (coverage, backtests, oracle capture, ablations, ensembles, summaries) live in `lib/evaluation`.
 *
 * @example
 * ```ts
 * import { buildCrudeStudy, chronologicalSplit, makeModel, studyDataset } from "./mod.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts"; // a small synthetic crude panel (2010–2012)
 * const s = buildCrudeStudy(makeCrudePanel(600, 1), {
 *   mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, side: "long", features: ["rv_20d", "vix"],
 * });
 * const sp = chronologicalSplit(s.dates, {
 *   trainEnd: "2011-06-30", validShare: 0.2, horizon: 2, embargo: 2, testFrom: "2011-09-01", testTo: "2012-03-30",
 * });
 * const model = makeModel("linear", { tau: 0.99, mMin: 0.8, mMax: 1.5, linearRidge: 0.01 }, 1);
 * await model.fit(studyDataset(s, sp.train), studyDataset(s, sp.valid));
 * const m = model.predict(studyDataset(s, sp.test).x);
 * console.assert(m.length === sp.test.end - sp.test.start);
 * ```
 * @module
 */
export * from "./crude_study.ts";
export * from "./split.ts";
export { studyColumns, studyDataset, type StudyMatrix } from "./dataset.ts";
export * from "./model_factory.ts";
export * from "./study_params.ts";
export * from "./walk_forward.ts";
export * from "./fit_jobs.ts";
export * from "./synthetic_path.ts";
export * from "./synthetic_evaluation.ts";
export * from "./walk_forward_batch.ts";
export * from "./walk_forward_evaluation.ts";
export * from "./stress_window.ts";
export * from "./shock_probes.ts";
export * from "./sensitivity_settings.ts";
export * from "./setting_fitter.ts";
export * from "./explained_models.ts";
export * from "./global_explanations.ts";
export * from "./local_explanations.ts";
export * from "./target_comparison.ts";
export * from "./margin_rules.ts";
export * from "./variant_fit_jobs.ts";
export * from "./ood_guard.ts";
export * from "./equal_coverage_params.ts";
export * from "./equal_coverage_study.ts";
export * from "./core_study_headline.ts";
export * from "./training_summary.ts";
export * from "./core_study_rules.ts";
export * from "./core_study_design.ts";
