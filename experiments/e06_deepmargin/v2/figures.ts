/**
 * e06 v2 figures, a pure function of the committed full-profile outputs (out-of-time portfolios: the headline):
 * - `e06_scatter`: predicted vs SPAN 2-like margin on a seeded sample of the out-of-time portfolios, one panel each
 *   for SPAN-like, the anchor-like MLP, the anchor-like transformer and the wide transformer (first seed; symlog
 *   axes with ticks at 0 and powers of ten; the diagonal is a perfect prediction);
 * - `e06_errors`: distribution of absolute errors against SPAN 2 on all out-of-time portfolios (log10 bins):
 *   SPAN-like, constant δ, ridge and forest (anchor-like pooled tokens), the anchor-like MLP and transformer, the
 *   wide transformer;
 * - `e06_training_curves`: every network's training loss and validation median absolute error per epoch (one
 *   line per seed; ● the kept epoch; every network stops early on validation within its family's cap).
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { Metrics, Params, Series } from "./outputs.ts";
import { SI_LABEL, symlogTicks, thousands } from "../shared_figures.ts";

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series: Series }): { id: string; spec: VlSpec }[] {
  const { series: s } = input;
  const m = input.metrics as Metrics & { params: Params };
  const s0 = m.params.seeds[0], w0 = m.params.wideSeeds[0];
  const seedMedae = (r: { seeds: { all: { medae: number } }[] }) => thousands(r.seeds[0].all.medae);
  const panels = [
    { key: "span", label: `SPAN-like: MedAE ${thousands(m.oot.span.all.medae)}` },
    { key: `mlp_anchor_s${s0}`, label: `MLP, anchor-like: ${seedMedae(m.oot.anchor.mlp)}` },
    { key: `transformer_anchor_s${s0}`, label: `Transformer, anchor-like: ${seedMedae(m.oot.anchor.transformer)}` },
    { key: `transformer_wide_s${w0}`, label: `Transformer, wide: ${seedMedae(m.oot.wide.transformer)}` },
  ];
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
      text: "Predicted vs SPAN 2-like margin, out-of-time portfolios",
      subtitle: [
        `${thousands(s.scatter.length)} of ${thousands(m.oot.n)} out-of-time portfolios (seeded sample),`,
        `first seed; symlog axes, USD; panel titles: median absolute error (USD)`,
      ],
    },
    data: { values: pts },
    columns: 2,
    facet: {
      field: "model",
      type: "nominal",
      title: null,
      sort: panels.map((p) => p.label),
      header: { labelLimit: 0, labelFontSize: 11 },
    },
    spec: {
      width: 210,
      height: 190,
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
    { key: "span", label: "SPAN-like", dash: [1, 0], color: "#7f7f7f" },
    { key: "constant", label: "SPAN × constant (1+δ)", dash: [5, 3], color: "#ff7f0e" },
    { key: "ridge_anchor", label: "Ridge, anchor-like", dash: [2, 2], color: "#8c564b" },
    { key: "forest_anchor", label: "Forest, anchor-like", dash: [2, 2], color: "#e377c2" },
    { key: `mlp_anchor_s${s0}`, label: "MLP, anchor-like", dash: [1, 0], color: "#2ca02c" },
    { key: `transformer_anchor_s${s0}`, label: "Transformer, anchor-like", dash: [1, 0], color: "#1f77b4" },
    { key: `transformer_wide_s${w0}`, label: "Transformer, wide", dash: [4, 2], color: "#9467bd" },
  ];
  const rows: Record<string, unknown>[] = [];
  for (const mo of models) {
    const counts = s.histograms.counts[mo.key];
    const total = counts.reduce((a, b) => a + b, 0);
    counts.forEach((c, i) => rows.push({ model: mo.label, bin: (i + 0.5) * s.histograms.binWidth, share: c / total }));
  }
  const errors: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Absolute error against SPAN 2-like, out of time",
      subtitle: [
        `Share of ${thousands(m.oot.n)} out-of-time portfolios per bin of log10(|error| + 1 USD);`,
        "networks: first seed",
      ],
    },
    width: 420,
    height: 240,
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
        scale: { domain: models.map((x) => x.label), range: models.map((x) => x.color) },
        legend: { orient: "bottom", columns: 2, labelLimit: 0 },
      },
      strokeDash: {
        field: "model",
        type: "nominal",
        sort: models.map((x) => x.label),
        scale: { domain: models.map((x) => x.label), range: models.map((x) => x.dash) },
        legend: null,
      },
    },
  };
  return [
    { id: "e06_scatter", spec: { ...scatter, config: FONTS } },
    { id: "e06_errors", spec: { ...errors, config: FONTS } },
    { id: "e06_training_curves", spec: trainingFigure(m, s.history) },
  ];
}

/** Font sizes of every e06 figure (≥ 10 px: the figures are printed at the text width, ≤ 660 px wide). */
const FONTS = {
  title: { fontSize: 13, subtitleFontSize: 11 },
  axis: { labelFontSize: 11, titleFontSize: 11 },
  legend: { labelFontSize: 11, titleFontSize: 11 },
  header: { labelFontSize: 11, titleFontSize: 11 },
};

/** Display names of the trained jobs' families (`<family>_s<seed>`), in legend order. */
const FAMILIES: [string, string][] = [
  ["mlp_anchor", "MLP, anchor-like"],
  ["mlp_wide", "MLP, wide"],
  ["transformer_anchor", "Transformer, anchor-like"],
  ["transformer_wide", "Transformer, wide"],
  ["transformer_small_anchor", "Transformer, anchor-like, small portfolios only (size test)"],
];

/** e06_training_curves: loss and validation error per epoch, every job, one line per seed. */
function trainingFigure(m: Metrics & { params: Params }, history: Series["history"]): VlSpec {
  const rows: Record<string, unknown>[] = [], kept: Record<string, unknown>[] = [];
  for (const [job, h] of Object.entries(history)) {
    const at = job.lastIndexOf("_s");
    const fam = job.slice(0, at), seed = Number(job.slice(at + 2));
    const model = FAMILIES.find((f) => f[0] === fam)?.[1] ?? fam;
    for (const e of h) {
      rows.push({ model, seed, epoch: e.epoch + 1, loss: Number(e.loss.toPrecision(6)), val: Math.round(e.val) });
    }
    const best = m.training[job].bestEpoch - 1; // the kept epoch (0-based): the last material improvement
    kept.push({ model, seed, epoch: h[best].epoch + 1, val: Math.round(h[best].val) });
  }
  const models = FAMILIES.map((f) => f[1]).filter((l) => rows.some((r) => r.model === l));
  const color = {
    field: "model",
    type: "nominal",
    title: null,
    scale: { domain: models, range: ["#2ca02c", "#98df8a", "#1f77b4", "#9467bd", "#17becf"] },
    legend: { orient: "bottom", direction: "vertical", labelLimit: 0 },
  };
  const x = { field: "epoch", type: "quantitative", title: "epoch", axis: { tickMinStep: 1, format: "d" } };
  const line = { type: "line", strokeWidth: 1.2, point: { size: 14 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "DeepMargin networks: training curves",
      subtitle: [
        `one line per seed; ● the kept epoch (last gain above ${m.params.minImprovement} USD);`,
        `an epoch: ${thousands(m.params.epochSample)} training portfolios drawn afresh; cap ${m.params.epochs} epochs;`,
        `learning rate × ${m.params.lrFactor} after ${m.params.lrPatience} epoch(s) without gain, stop after ${m.params.patience};`,
        `loss: Huber (δ = ${m.params.huberDelta}) on ln((SPAN 2 + c)/(SPAN + c))`,
      ],
    },
    data: { values: rows },
    hconcat: [
      {
        title: "Training loss",
        width: 200,
        height: 200,
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
        width: 200,
        height: 200,
        layer: [
          {
            mark: line,
            encoding: {
              x,
              y: { field: "val", type: "quantitative", title: "median abs. error (USD)", scale: { type: "log" } },
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
    config: FONTS,
  };
}
