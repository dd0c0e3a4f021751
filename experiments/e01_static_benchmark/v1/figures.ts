/**
 * e01 figures, a pure function of the committed full-profile outputs.
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { MetricsFile, Series } from "./outputs.ts";

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: MetricsFile; series: Series }): { id: string; spec: VlSpec }[] {
  const s = input.series;
  const rows: Record<string, unknown>[] = [];
  const breaches: Record<string, unknown>[] = [];
  s.dates.forEach((d, i) => {
    rows.push({ date: d, series: "Realised 2-day loss", value: s.long.loss[i] });
    rows.push({ date: d, series: "HS VaR 99% (250d)", value: s.long.imHs[i] });
    rows.push({ date: d, series: "HS VaR 99% with 10y floor", value: s.long.imHsFloor[i] });
    if (s.long.imCme[i] !== null) rows.push({ date: d, series: "CME CL initial margin", value: s.long.imCme[i] });
    if (s.long.breachHs[i]) breaches.push({ date: d, value: s.long.loss[i] });
  });
  const spec: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Long 1 WTI front-month contract: initial margin vs realised 2-day loss",
    width: 560,
    height: 280,
    layer: [
      {
        data: { values: rows },
        mark: { type: "line", strokeWidth: 0.8, clip: true },
        encoding: {
          x: { field: "date", type: "temporal", title: null },
          y: { field: "value", type: "quantitative", title: "USD per contract", scale: { domain: [-5000, 20000] } },
          color: {
            field: "series",
            type: "nominal",
            title: null,
            scale: {
              domain: [
                "Realised 2-day loss",
                "HS VaR 99% (250d)",
                "HS VaR 99% with 10y floor",
                "CME CL initial margin",
              ],
              range: ["#bbbbbb", "#1f77b4", "#2ca02c", "#d62728"],
            },
          },
        },
      },
      {
        data: { values: breaches },
        mark: { type: "point", shape: "triangle-up", filled: true, size: 28, color: "#000000", clip: true },
        encoding: { x: { field: "date", type: "temporal" }, y: { field: "value", type: "quantitative" } },
      },
    ],
    config: { legend: { orient: "bottom", columns: 2, labelLimit: 0 } },
  };
  return [{ id: "e01_im_vs_loss", spec }];
}
