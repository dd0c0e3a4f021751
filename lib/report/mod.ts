/**
 * Reporting: figure rendering (Vega-Lite → SVG → PNG) and metric bindings for the paper.
 * @module
 */
export * from "./render.ts";
export * from "./bindings.ts";
