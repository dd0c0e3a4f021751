/**
 * Instruments and pricing: Black-76 / Black–Scholes, the binomial American futures option (one tree, or many
 * futures prices at once: `binomialAmericanBatch`, `unitValues`), CL roll handling,
 * portfolios and their valuation, and the synthetic market with ground truth.
 * @module
 */
export * from "./black76.ts";
export * from "./synthetic_params.ts";
export * from "./synthetic_dynamics.ts";
export * from "./synthetic_chain.ts";
export * from "./synthetic_market.ts";
export * from "./synthetic_panel.ts";
export * from "./synthetic_oracle.ts";
export * from "./cl_roll.ts";
export * from "./portfolio.ts";
export * from "./american.ts";
export * from "./binomial_batch.ts";
export * from "./unit_values.ts";
