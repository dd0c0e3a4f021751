/**
 * The real-track study dataset shared by the core-study experiments: rolled
 * WTI front-month P&L, HS VaR baseline IM, ratio target and crude features
 * ({@link buildCrudeStudy}); chronological train / valid / test splits with a
 * purge of h rows and an embargo ({@link chronologicalSplit}); and rows as a
 * model `Dataset` ({@link studyDataset}); the panel cut at the sample end
 * ({@link panelUntil}); coverage/efficiency of a multiplier ({@link evaluateMultiplier}).
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
export { studyColumns, studyDataset } from "./dataset.ts";
export * from "./panel_until.ts";
export * from "./evaluate.ts";
