/**
 * The one place that reads a figure SVG's smallest font size and its width, for the print-size rule (figure text at
 * least 7 pt when the figure is printed at the text width): used by the renderer's `smallestPrintFontPt` and by the
 * paper check.
 * @module
 */

/**
 * Smallest `font-size` in an SVG (attribute, style or the `font` shorthand, px) and its width (`width` attribute of the
 * root element, else the viewBox), px. `minFontPx` is `Infinity` without text and `widthPx` `NaN` without a width.
 *
 * @example
 * ```ts
 * import { svgFontStats } from "./svg_font_stats.ts";
 * const s = svgFontStats('<svg width="600"><text font-size="11"/><text style="font-size: 12px"/></svg>');
 * console.assert(s.minFontPx === 11 && s.widthPx === 600);
 * ```
 */
export function svgFontStats(svg: string): { minFontPx: number; widthPx: number } {
  const sizes = [...svg.matchAll(/font-size\s*[=:]\s*"?\s*([\d.]+)(?:px)?/g)].map((m) => Number(m[1]));
  for (const m of svg.matchAll(/\bfont\s*:\s*[^;"]*?([\d.]+)px/g)) sizes.push(Number(m[1]));
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const w = /\swidth="([\d.]+)(?:px)?"/.exec(root)?.[1] ??
    /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)/.exec(root)?.[1];
  return { minFontPx: sizes.length === 0 ? Infinity : Math.min(...sizes), widthPx: w === undefined ? NaN : Number(w) };
}
