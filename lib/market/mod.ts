/**
 * Instruments and pricing: Black-76 / Black–Scholes, and the synthetic market.
 * @module
 */
export * from "./black76.ts";
