import assert from "node:assert/strict";
import { renderSvg, svgToPng } from "./render.ts";

const spec = {
  data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
  mark: "line",
  encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
};

Deno.test("renderSvg: deterministic bytes; PNG rasterises with the bundled fonts", async () => {
  const a = await renderSvg(spec), b = await renderSvg(structuredClone(spec));
  assert.equal(a, b);
  assert.match(a, /^<svg /);
  const wasm = await Deno.readFile("node_modules/@resvg/resvg-wasm/index_bg.wasm");
  const font = await Deno.readFile("node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
  const p1 = await svgToPng(a, wasm, [font]), p2 = await svgToPng(a, wasm, [font]);
  assert.deepEqual(p1.slice(0, 8), new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]));
  assert.deepEqual(p1, p2);
});

Deno.test("renderSvg: a spec without inline data is refused", async () => {
  await assert.rejects(() => renderSvg({ data: { url: "x.csv" }, mark: "point" }), /must carry its data inline/);
});

Deno.test("deepMerge: a figure's own config refines the house style instead of replacing it", async () => {
  const { deepMerge, FIGURE_CONFIG } = await import("./render.ts");
  const m = deepMerge(FIGURE_CONFIG as never, { legend: { orient: "bottom" } });
  assert.equal(m.legend.orient, "bottom");
  assert.equal(m.legend.labelFontSize, 11);
  assert.equal(m.font, "DejaVu Sans");
});

Deno.test("renderSvg: a figure's bytes do not depend on figures rendered before it in the process", async () => {
  const clipped = {
    data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
    mark: { type: "line", clip: true },
    encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
  };
  const first = await renderSvg(clipped);
  await renderSvg(clipped);
  await renderSvg(clipped);
  assert.equal(await renderSvg(clipped), first);
});
