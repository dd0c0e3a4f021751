/**
 * e06 figures, a pure function of the committed full-profile outputs:
 * - `e06_scatter`: predicted vs SPAN 2-like margin on a seeded sample of the
 *   test portfolios, one panel each for SPAN-like, the MLP baseline and the
 *   transformer (symlog axes; the diagonal is a perfect prediction);
 * - `e06_errors`: distribution of absolute errors against SPAN 2 on all test
 *   portfolios (log10 bins), SPAN-like, constant δ, MLP, transformer.
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { Metrics, Series } from "./outputs.ts";

function thousands(x: number): string {
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series: Series }): { id: string; spec: VlSpec }[] {
  const { metrics: m, series: s } = input;
  const panels = [
    { key: "span", label: `SPAN-like (MedAE ${thousands(m.test.span.medae)} USD)` },
    { key: "mlp", label: `MLP, seed 1 (MedAE ${thousands(m.test.mlp.seeds[0].medae)} USD)` },
    { key: "transformer", label: `Transformer, seed 1 (MedAE ${thousands(m.test.transformer.seeds[0].medae)} USD)` },
  ] as const;
  const pts: Record<string, unknown>[] = [];
  for (const p of panels) {
    for (const r of s.scatter) pts.push({ model: p.label, span2: Math.round(r.span2), pred: Math.round(r[p.key]) });
  }
  const max = Math.max(...s.scatter.map((r) => r.span2));
  const axis = { type: "symlog", constant: 10000, domain: [0, max] };
  const scatter: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Predicted vs SPAN 2-like margin, test portfolios",
      subtitle: `${thousands(s.scatter.length)} of ${
        thousands(m.test.n)
      } test portfolios (seeded sample); symlog axes, USD`,
    },
    data: { values: pts },
    columns: 3,
    facet: {
      field: "model",
      type: "nominal",
      title: null,
      sort: panels.map((p) => p.label),
      header: { labelLimit: 0 },
    },
    spec: {
      width: 230,
      height: 230,
      layer: [
        {
          mark: { type: "circle", size: 6, opacity: 0.35, color: "#1f77b4" },
          encoding: {
            x: { field: "span2", type: "quantitative", title: "SPAN 2-like (USD)", scale: axis },
            y: { field: "pred", type: "quantitative", title: "Prediction (USD)", scale: axis },
          },
        },
        {
          data: { values: [{ a: 0, b: 0 }, { a: max, b: max }] },
          mark: { type: "line", color: "#d62728", strokeWidth: 1 },
          encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } },
        },
      ],
    },
  };
  const models = [
    { key: "span", label: "SPAN-like" },
    { key: "constDelta", label: "SPAN × constant (1+δ)" },
    { key: "mlp", label: "MLP (seed 1)" },
    { key: "transformer", label: "Transformer (seed 1)" },
  ] as const;
  const rows: Record<string, unknown>[] = [];
  for (const mo of models) {
    const counts = s.histograms[mo.key];
    const total = counts.reduce((a, b) => a + b, 0);
    counts.forEach((c, i) => rows.push({ model: mo.label, bin: (i + 0.5) * s.histograms.binWidth, share: c / total }));
  }
  const errors: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Absolute error against the SPAN 2-like margin, test portfolios",
      subtitle: `Share of ${thousands(m.test.n)} test portfolios per bin of log10(|error| + 1 USD)`,
    },
    width: 620,
    height: 280,
    data: { values: rows },
    mark: { type: "line", interpolate: "step", strokeWidth: 1.5 },
    encoding: {
      x: { field: "bin", type: "quantitative", title: "log10(|error| + 1), USD" },
      y: { field: "share", type: "quantitative", title: "Share of portfolios" },
      color: {
        field: "model",
        type: "nominal",
        title: null,
        sort: models.map((x) => x.label),
        scale: { domain: models.map((x) => x.label), range: ["#7f7f7f", "#ff7f0e", "#2ca02c", "#1f77b4"] },
        legend: { orient: "bottom", columns: 4, labelLimit: 0 },
      },
      // SPAN × constant nearly coincides with SPAN-like: dashed so that both stay visible
      strokeDash: {
        field: "model",
        type: "nominal",
        sort: models.map((x) => x.label),
        scale: { domain: models.map((x) => x.label), range: [[1, 0], [5, 3], [1, 0], [1, 0]] },
        legend: null,
      },
    },
  };
  return [{ id: "e06_scatter", spec: scatter }, { id: "e06_errors", spec: errors }];
}
