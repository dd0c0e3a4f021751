/**
 * The maths ground floor shared by every layer: seeded PRNG, hashing, the logistic function, empirical quantiles,
 * the standard normal (pdf, cdf, erfc, quantile), χ² and binomial distributions, mean / sd, and the argument checks.
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
