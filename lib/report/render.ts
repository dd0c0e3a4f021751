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
import { svgFontStats } from "./svg_font_stats.ts";

/** A Vega-Lite spec with inline data. */
// deno-lint-ignore no-explicit-any
export type VlSpec = Record<string, any>;

/** Width in pt at which every figure is printed: the full text width of the PDF. */
export const PRINT_WIDTH_PT = 470;

/** The smallest figure text allowed at print size, in pt (checked by {@link smallestPrintFontPt}). */
export const MIN_PRINT_FONT_PT = 7;

/**
 * The widest a figure's SVG may be, in px, with the house style's smallest font (11 px): 11 × 470 / 660 ≈ 7.8 pt
 * printed. A figure module sizes its panels so that panels, axes, legends and padding fit in this.
 */
export const FIGURE_MAX_WIDTH_PX = 660;

/**
 * House style applied to every figure (fonts must match the PNG font set). Sized for print at
 * {@link PRINT_WIDTH_PT}: no text under 11 px in a figure at most {@link FIGURE_MAX_WIDTH_PX} wide. A figure's own
 * `config` refines it (merged, see {@link deepMerge}); figure modules should not set smaller fonts.
 */
export const FIGURE_CONFIG = {
  font: "DejaVu Sans",
  background: "white",
  axis: { labelFontSize: 11, titleFontSize: 11.5, grid: true, gridColor: "#e6e6e6" },
  legend: { labelFontSize: 11, titleFontSize: 11 },
  // at print width, quantitative tick labels that would touch are thinned instead (nominal labels are never hidden)
  axisQuantitative: { labelOverlap: true },
  header: { labelFontSize: 11.5, titleFontSize: 11.5 },
  title: { fontSize: 13, subtitleFontSize: 11, anchor: "start" },
  text: { fontSize: 11 },
  view: { stroke: null },
} as const;

/**
 * The smallest text of an SVG as printed at `printWidthPt` wide, in pt: the smallest `font-size` (attribute or
 * style, px) × `printWidthPt` / the SVG's width (px). `Infinity` when the SVG has no sized text.
 * @throws {RangeError} when `printWidthPt` is not positive or the root `<svg>` has no positive numeric width
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { smallestPrintFontPt } from "./render.ts";
 * const svg = '<svg width="940" height="100"><text font-size="14px">a</text><text font-size="20">b</text></svg>';
 * assert.equal(smallestPrintFontPt(svg, 470), 7); // 14 px in 940 px printed at 470 pt
 * ```
 */
export function smallestPrintFontPt(svg: string, printWidthPt: number): number {
  if (!(printWidthPt > 0)) {
    throw new RangeError(`render.ts smallestPrintFontPt: printWidthPt must be > 0 (got ${printWidthPt})`);
  }
  const { minFontPx, widthPx } = svgFontStats(svg);
  if (!(widthPx > 0)) {
    const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
    throw new RangeError(
      `render.ts smallestPrintFontPt: the root <svg> has no positive width (got ${JSON.stringify(root.slice(0, 120))})`,
    );
  }
  return minFontPx * printWidthPt / widthPx;
}

/**
 * Advance widths of DejaVu Sans (the PNG font), in 1/1000 em, read from the bundled TTFs: printable ASCII (32–126)
 * in order, then the characters of {@link DEJAVU_EXTRA} in order.
 */
const DEJAVU_WIDTHS = {
  regular: {
    ascii: "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636 " +
      "636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 " +
      "695 635 611 732 684 989 685 611 685 390 337 390 838 500 500 613 635 550 635 615 352 635 634 278 278 " +
      "579 278 974 634 612 635 635 411 521 392 634 592 818 592 592 525 636 337 636 838",
    extra: "636 500 500 838 401 401 636 318 969 969 969 838 838 684 632 659 638 592 612 541 612 592 636 602 635 " +
      "634 602 660 837 500 1000 318 318 518 518 590 1000 636 838 838 838 838 674 838 637 833 838 838 838 " +
      "838 945 945 769 769 769 873 873",
  },
  bold: {
    ascii: "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696 696 " +
      "696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 " +
      "770 720 682 812 774 1103 771 724 725 457 365 457 838 500 500 675 716 593 716 678 435 716 712 343 343 " +
      "665 343 1042 712 687 716 716 493 595 478 712 652 924 645 652 582 712 365 712 838",
    extra: "696 500 500 838 438 438 736 380 1035 1035 1035 838 838 774 683 687 716 681 687 557 687 633 736 791 " +
      "716 779 638 782 869 500 1000 380 380 657 657 639 1000 696 838 838 838 838 718 838 667 833 838 838 " +
      "838 838 945 945 769 769 769 873 873",
  },
};

/** The non-ASCII characters with a width in {@link DEJAVU_WIDTHS} (those the figures use, and common symbols). */
const DEJAVU_EXTRA = "£§°±²³µ·¼½¾×÷ΔΣαβγδεθλμπρστφω–—‘’“”•…€←↑→↓∑−√∞≈≠≤≥■□▲▼◆○●";

/** Width of a character missing from the table, in 1/1000 em (about DejaVu Sans's widest lowercase). */
const DEJAVU_FALLBACK = 700;

function widthMap(t: { ascii: string; extra: string }): Map<string, number> {
  const m = new Map<string, number>();
  t.ascii.split(" ").forEach((w, i) => m.set(String.fromCharCode(32 + i), Number(w)));
  const extra = t.extra.split(" ");
  [...DEJAVU_EXTRA].forEach((c, i) => m.set(c, Number(extra[i])));
  return m;
}

const WIDTHS = { regular: widthMap(DEJAVU_WIDTHS.regular), bold: widthMap(DEJAVU_WIDTHS.bold) };

/**
 * Width in px of `text` set in DejaVu Sans at `fontSize` px, from the font's advance widths (no kerning): what the
 * PNG will draw. Vega's own estimate without a canvas is 0.8 em per character, which made figures up to a third
 * wider than their content (the bounds of titles, legends and axis labels); {@link renderSvg} lays text out with
 * this instead.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { textWidthPx } from "./render.ts";
 * assert.equal(textWidthPx("0", 10), 6.36); // a DejaVu Sans digit is 0.636 em
 * assert.ok(textWidthPx("Long", 11, true) > textWidthPx("Long", 11));
 * ```
 */
export function textWidthPx(text: string, fontSize: number, bold = false): number {
  const m = bold ? WIDTHS.bold : WIDTHS.regular;
  let w = 0;
  for (const c of text) w += m.get(c) ?? DEJAVU_FALLBACK;
  return w * fontSize / 1000;
}

/**
 * Vega's text-width hook (`vega.textMetrics.width`): the DejaVu width of the trimmed text at the item's size and
 * weight, capped at the item's `limit` (Vega truncates such text to fit the limit, and its truncation search only
 * compares widths with the limit, so the cap keeps that search exact).
 */
// deno-lint-ignore no-explicit-any
function vegaTextWidth(item: any, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const t = text == null ? "" : String(text).trim();
  const weight = item.fontWeight;
  const w = textWidthPx(t, size, weight === "bold" || weight === "bolder" || Number(weight) >= 600);
  return item.limit > 0 ? Math.min(w, Number(item.limit)) : w;
}

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
  // lay text out with the PNG font's widths (a process-wide hook of Vega's; the same function every time)
  (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
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
