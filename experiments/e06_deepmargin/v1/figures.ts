/**
 * e06 figures, a pure function of the committed full-profile outputs:
 * - `e06_scatter`: predicted vs SPAN 2-like margin on a seeded sample of the
 *   test portfolios, one panel each for SPAN-like, the MLP baseline and the
 *   transformer (symlog axes with ticks at 0 and powers of ten, "1k", "1M";
 *   the diagonal is a perfect prediction);
 * - `e06_errors`: distribution of absolute errors against SPAN 2 on all test
 *   portfolios (log10 bins), SPAN-like, constant δ, MLP, transformer;
 * - `e06_training_curves`: every network's training loss and validation
 *   median absolute error per epoch (one line per seed; ● the kept epoch).
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { Metrics, Params, Series } from "./outputs.ts";
import { SI_LABEL, symlogTicks, thousands } from "../shared_figures.ts";

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
  const top = Math.max(...pts.map((r) => r.pred as number), max);
  // constant 1,000 USD: linear below ~1k, logarithmic above, so 0, 1k, 10k, … are evenly spread
  const scale = { type: "symlog", constant: 1000, domain: [0, top], nice: false };
  const axis = { values: symlogTicks(0, top), labelExpr: SI_LABEL, grid: true };
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
            x: { field: "span2", type: "quantitative", title: "SPAN 2-like margin (USD)", scale, axis },
            y: { field: "pred", type: "quantitative", title: "Predicted margin (USD)", scale, axis },
          },
        },
        {
          data: { values: [{ a: 0, b: 0 }, { a: top, b: top }] },
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
  return [
    { id: "e06_scatter", spec: scatter },
    { id: "e06_errors", spec: errors },
    { id: "e06_training_curves", spec: trainingFigure(m as Metrics & { params: Params }, s.history) },
  ];
}

/** Display names of the trained jobs' families (`<family>_s<seed>`), in legend order. */
const FAMILIES: [string, string][] = [
  ["mlp", "MLP (aggregated features)"],
  ["transformer", "Transformer"],
  ["transformer_small", "Transformer, small portfolios only (size test)"],
];

/** e06_training_curves: loss and validation error per epoch, every job, one line per seed. */
function trainingFigure(m: Metrics & { params: Params }, history: Series["history"]): VlSpec {
  const rows: Record<string, unknown>[] = [], kept: Record<string, unknown>[] = [];
  for (const [job, h] of Object.entries(history)) {
    const at = job.lastIndexOf("_s");
    const fam = job.slice(0, at), seed = Number(job.slice(at + 2));
    const model = FAMILIES.find((f) => f[0] === fam)?.[1] ?? fam;
    let best = 0;
    h.forEach((e, i) => {
      rows.push({ model, seed, epoch: e.epoch + 1, loss: Number(e.loss.toPrecision(6)), val: Math.round(e.val) });
      if (e.val < h[best].val) best = i;
    });
    kept.push({ model, seed, epoch: h[best].epoch + 1, val: Math.round(h[best].val) });
  }
  const models = FAMILIES.map((f) => f[1]).filter((l) => rows.some((r) => r.model === l));
  const color = {
    field: "model",
    type: "nominal",
    title: null,
    scale: { domain: models, range: ["#2ca02c", "#1f77b4", "#9467bd"] },
    legend: { orient: "bottom", direction: "vertical", labelLimit: 0 },
  };
  const x = { field: "epoch", type: "quantitative", title: "epoch", axis: { tickMinStep: 1, format: "d" } };
  const line = { type: "line", strokeWidth: 1.2, point: { size: 14 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "DeepMargin networks: training curves",
      subtitle: [
        `one line per seed (${m.params.seeds.length} seeds; the size-test model one seed); ● the kept epoch (lowest validation error)`,
        `training loss: Huber (δ = ${m.params.huberDelta}) on the target ln((SPAN 2 + c) / (SPAN + c)), c = ${
          thousands(m.params.offset)
        } USD`,
      ],
    },
    data: { values: rows },
    hconcat: [
      {
        title: "Training loss",
        width: 300,
        height: 220,
        mark: line,
        encoding: {
          x,
          y: { field: "loss", type: "quantitative", title: "Huber loss (log scale)", scale: { type: "log" } },
          color,
          detail: { field: "seed", type: "nominal" },
        },
      },
      {
        title: "Validation error",
        width: 300,
        height: 220,
        layer: [
          {
            mark: line,
            encoding: {
              x,
              y: { field: "val", type: "quantitative", title: "median absolute error (USD)" },
              color,
              detail: { field: "seed", type: "nominal" },
            },
          },
          {
            data: { values: kept },
            mark: { type: "point", filled: true, size: 60, stroke: "#000000", strokeWidth: 0.8 },
            encoding: { x: { field: "epoch", type: "quantitative" }, y: { field: "val", type: "quantitative" }, color },
          },
        ],
      },
    ],
    config: { axis: { labelFontSize: 11, titleFontSize: 11 }, legend: { labelFontSize: 11 } },
  };
}
