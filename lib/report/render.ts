/**
 * Deterministic figure rendering: a Vega-Lite spec (with its data inline) is
 * compiled to Vega, rendered headless to SVG (`renderer: "none"`, no canvas:
 * text is measured by Vega's built-in estimator, so the bytes are stable), and
 * rasterised to PNG with resvg (WebAssembly) using fonts passed in as bytes.
 *
 * No file I/O here: callers pass the resvg wasm module and font bytes.
 *
 * @example
 * ```ts
 * import { renderSvg } from "./render.ts";
 * const svg = await renderSvg({ data: { values: [{ x: 1, y: 2 }] }, mark: "point",
 *   encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } });
 * ```
 * @module
 */

import * as vl from "vega-lite";
import * as vega from "vega";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

/** A Vega-Lite spec with inline data. */
// deno-lint-ignore no-explicit-any
export type VlSpec = Record<string, any>;

/** House style applied to every figure (fonts must match the PNG font set). */
export const FIGURE_CONFIG = {
  font: "DejaVu Sans",
  background: "white",
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: "#e6e6e6" },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: "start" },
  view: { stroke: null },
} as const;

/**
 * Render a Vega-Lite spec to SVG text (byte-stable for equal input).
 * @throws {TypeError} when the spec has no inline data values (figures must carry their data)
 */
export async function renderSvg(spec: VlSpec): Promise<string> {
  if (!hasInlineData(spec)) {
    throw new TypeError("renderSvg: the spec must carry its data inline (data.values or datasets)");
  }
  const config = deepMerge(FIGURE_CONFIG as unknown as VlSpec, spec.config ?? {});
  const compiled = vl.compile({ ...spec, config } as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return renumberSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths and gradients with a process-wide counter, so a figure's SVG would depend on what
 * was rendered before it. Renumber those ids per document, in order of first appearance.
 *
 * @example
 * ```ts
 * renumberSvgIds('<clipPath id="clip7"/><g clip-path="url(#clip7)"/>'); // '<clipPath id="clip1"/><g clip-path="url(#clip1)"/>'
 * ```
 */
export function renumberSvgIds(svg: string): string {
  const maps = new Map<string, Map<string, number>>();
  return svg.replace(/\b(clip|gradient|pattern|mask)(_?)(\d+)\b/g, (_m, kind: string, sep: string, n: string) => {
    let m = maps.get(kind);
    if (!m) maps.set(kind, m = new Map());
    if (!m.has(n)) m.set(n, m.size + 1);
    return `${kind}${sep}${m.get(n)}`;
  });
}

/** Recursive merge of plain objects (`b` wins); arrays and scalars are replaced. */
export function deepMerge(a: VlSpec, b: VlSpec): VlSpec {
  const out: VlSpec = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const isObj = (x: unknown) => x !== null && typeof x === "object" && !Array.isArray(x);
    out[k] = isObj(v) && isObj(a[k]) ? deepMerge(a[k], v) : v;
  }
  return out;
}

function hasInlineData(spec: VlSpec): boolean {
  if (spec.datasets && Object.keys(spec.datasets).length > 0) return true;
  if (spec.data && Array.isArray(spec.data.values)) return true;
  for (const k of ["layer", "vconcat", "hconcat", "concat"]) {
    if (Array.isArray(spec[k]) && spec[k].some((s: VlSpec) => hasInlineData(s))) return true;
  }
  return false;
}

let wasmReady: Promise<void> | null = null;

/**
 * Rasterise SVG to PNG at `scale`× using the given fonts.
 *
 * @param resvgWasm bytes of `@resvg/resvg-wasm/index_bg.wasm`
 * @param fonts TTF bytes (e.g. DejaVu Sans regular and bold)
 */
export async function svgToPng(
  svg: string,
  resvgWasm: Uint8Array,
  fonts: Uint8Array[],
  scale = 2,
): Promise<Uint8Array> {
  // initWasm may only run once per process; this memo is the one process-wide state of the module.
  wasmReady ??= initWasm(resvgWasm);
  await wasmReady;
  const r = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    background: "white",
  });
  const png = r.render().asPng();
  r.free();
  return png;
}
