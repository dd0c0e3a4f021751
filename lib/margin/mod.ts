/**
 * Margin engines: historical simulation (HS) and filtered HS VaR/ES on
 * scenario P&L matrices, EMIR anti-procyclicality wrappers, and (see
 * `span.ts`, `span2.ts`) SPAN-like and SPAN 2-like margins for futures and
 * options portfolios (products, positions and pricers live in `lib/market`; ISDA SIMM in `lib/simm`).
 *
 * @example
 * ```ts
 * import { buildScenarios, createMatrix, hsVarEsBatch } from "./mod.ts";
 * const sc = buildScenarios([[70, 71, 69, 72, 68]], { mpor: 1 });
 * const r = hsVarEsBatch(createMatrix(1, 1, [1000]), sc, 0.75);
 * ```
 * @module
 */
export * from "./matrix.ts";
export * from "./var_es.ts";
export * from "./hs.ts";
export * from "./scenarios.ts";
export * from "./ewma.ts";
export * from "./fhs.ts";
export * from "./rolling_margin.ts";
export * from "./apc.ts";
export * from "./span.ts";
export * from "./scan_range.ts";
export * from "./span2.ts";
export * from "./floored_hs_var.ts";
