/**
 * The maths ground floor shared by every layer: seeded PRNG, hashing, the logistic function, empirical quantiles,
 * the standard normal (pdf, cdf, erfc, quantile), χ² and binomial distributions, mean / sd, the argument checks and
 * the Cholesky factor and solve.
 * @module
 */
export * from "./prng.ts";
export * from "./hash.ts";
export * from "./logistic.ts";
export * from "./quantile.ts";
export * from "./normal.ts";
export * from "./distributions.ts";
export * from "./stats.ts";
export * from "./check.ts";
export * from "./cholesky.ts";
export * from "./correlation.ts";
export * from "./column_max.ts";
export * from "./distribution_summary.ts";
export * from "./round_to.ts";
