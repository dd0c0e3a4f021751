/**
 * Core utilities shared by every layer: seeded PRNG.
 * @module
 */
export * from "./prng.ts";
export * from "./hash.ts";
export * from "./logistic.ts";
export * from "./quantile.ts";
