/**
 * Backtesting of margin models: exceptions, Kupiec POF, Christoffersen
 * independence / conditional coverage, Basel traffic light (binomial and
 * overlapping-window), breach severity, efficiency, procyclicality,
 * stability and the Diebold–Mariano test (on any loss series, e.g. `pinballLosses` from lib/targets); the
 * overlap-aware statistics for an MPOR h > 1 (Kupiec with the null simulated under overlapping windows, Christoffersen
 * on the non-overlapping subsample), the Holm correction of a family of p-values and the stability record of a margin
 * rule (procyclicality, mean |Δm|, days at a bound); the χ²/binomial/normal maths is in lib/core.
 *
 * @example
 * ```ts
 * import { exceptions, kupiecPof, trafficLight, trafficLightZones } from "./mod.ts";
 * const e = exceptions([1, 5, 2], [3, 3, 3]);
 * kupiecPof(e.count, e.n, 0.99);
 * trafficLight(e.count, trafficLightZones(e.n, 0.99));
 * ```
 * @module
 */
export * from "./exceptions.ts";
export * from "./kupiec.ts";
export * from "./christoffersen.ts";
export * from "./traffic_light.ts";
export * from "./severity.ts";
export * from "./efficiency.ts";
export * from "./procyclicality.ts";
export * from "./stability.ts";
export * from "./diebold_mariano.ts";
export * from "./margin_backtest.ts";
export * from "./kupiec_overlap.ts";
export * from "./holm.ts";
export * from "./margin_stability.ts";
export * from "./overlap_backtest.ts";
export * from "./overlap_null_cache.ts";
