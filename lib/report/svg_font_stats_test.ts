import assert from "node:assert/strict";
import { svgFontStats } from "./svg_font_stats.ts";

Deno.test("svgFontStats: attributes, styles and the font shorthand; width from the attribute or the viewBox", () => {
  assert.deepEqual(
    svgFontStats(
      '<svg width="700px"><text font-size="14">a</text><text style="font: bold 9px sans-serif">b</text></svg>',
    ),
    { minFontPx: 9, widthPx: 700 },
  );
  assert.deepEqual(svgFontStats('<svg viewBox="0 0 640 300"><text font-size="10px"/></svg>'), {
    minFontPx: 10,
    widthPx: 640,
  });
});
