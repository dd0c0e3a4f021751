/**
 * DeepMargin: a permutation-invariant transformer over portfolio instrument
 * tokens that turns the fast SPAN-like margin into a SPAN 2-like estimate,
 * `SPAN2 ≈ (1 + δ)·SPAN` — market days from the crude panel, a seeded
 * portfolio generator, exact cached SPAN 2-like labels, the tokenizer, the
 * tfjs model (and MLP baseline, both trained through lib/nn), a
 * plain-TypeScript predictor, the study's training jobs, its evaluation
 * against the SPAN 2-like reference and the latency measurement.
 *
 * @example
 * ```ts
 * import { buildMarketDay, createPrng, createTokenizer, generatePortfolio, syntheticPanel } from "./mod.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const pf = generatePortfolio(createPrng(1), day);
 * createTokenizer(day).tokenize(pf).span;
 * ```
 * @module
 */
export * from "./market_day.ts";
export * from "./generator.ts";
export * from "./span2_cache.ts";
export * from "./dataset.ts";
export * from "./tokenizer.ts";
export * from "./model.ts";
export * from "./inference.ts";
export * from "./training.ts";
export * from "./dataset_plan.ts";
export * from "./evaluation.ts";
export * from "./latency.ts";
export * from "./synthetic_panel.ts";
export * from "./anchor_tokenizer.ts";
export * from "./duplicate_portfolios.ts";
export * from "./pooled_features.ts";
export * from "./delta_baselines.ts";
export * from "./surrogate_metrics.ts";
export * from "./warm_cold_latency.ts";
export * from "./input_sets.ts";
export * from "./surrogate_jobs.ts";
export * from "./surrogate_study.ts";
export * from "./surrogate_summary.ts";
export { createPrng } from "../core/prng.ts";
