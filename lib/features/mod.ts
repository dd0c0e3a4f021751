/**
 * Feature definitions → `FeatureFrame` (docs/architecture.md §1.3). Every feature is a
 * named pure function of data ≤ t; `buildCrudeFeatures` (real track, from a
 * `Panel`) and `buildSyntheticFeatures` (synthetic track, from a
 * `SyntheticMarket`) assemble them. The forward loss `L_{t,t+h}` looks forward
 * and is never a feature: it lives with the targets (`lib/targets/forward_loss.ts`).
 *
 * @example
 * ```ts
 * import { buildSyntheticFeatures } from "./mod.ts";
 * import { generateSyntheticMarket } from "../market/mod.ts";
 * const m = generateSyntheticMarket(1, { days: 30 });
 * const x = buildSyntheticFeatures(m);
 * ```
 * @module
 */
export * from "./feature_frame.ts";
export * from "./panel_column.ts";
export * from "./robust_scale.ts";
export * from "./price_return.ts";
export * from "./realized_vol.ts";
export * from "./bipower_variation.ts";
export * from "./drawdown.ts";
export * from "./curve_shape.ts";
export * from "./level_change.ts";
export * from "./futures_features.ts";
export * from "./crude_features.ts";
export * from "./surface_features.ts";
export * from "./synthetic_features.ts";
export * from "./held_return.ts";
export * from "./feature_shocks.ts";
export * from "./correlation.ts";
export * from "./column_summary.ts";
export * from "./require_feature.ts";
export * from "./forward_realized_vol.ts";
export * from "./feature_frame_report.ts";
export * from "./feature_oracle_report.ts";
export * from "./synthetic_surface_fits.ts";
