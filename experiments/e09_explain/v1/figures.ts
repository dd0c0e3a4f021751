/**
 * e09 figures, a pure function of the committed full-profile outputs: global
 * importance bars (MLP KernelSHAP, forest TreeSHAP of the mean prediction,
 * MLP permutation importance), PDP/ICE of the MLP's top features (with the
 * forest's quantile PDP), local SHAP explanations on stress dates, and SHAP beeswarms (`e09_shap_beeswarm`: per
 * side, the mean |SHAP| bars next to one dot per explained test row and feature, coloured by the feature's value).
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { BeeswarmSeries, Metrics, Series } from "./outputs.ts";

const SIDES = [["long", "Long 1 CL"], ["short", "Short 1 CL"]] as const;

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series: Series }): { id: string; spec: VlSpec }[] {
  const s = input.series;
  const params = input.metrics.params;
  const fwd = new Set(params.forwardFeatures);
  const kind = (f: string) => fwd.has(f) ? "forward-looking" : "historical";
  // ---- importance bars ----
  const imp: Record<string, unknown>[] = [];
  const longImp = s.long!.importance;
  const order = [...longImp].sort((a, b) => b.mlpShap - a.mlpShap).map((r) => r.feature);
  for (const [side, label] of SIDES) {
    const ss = s[side];
    if (!ss) continue;
    for (const r of ss.importance) {
      const base = { side: label, feature: r.feature, kind: kind(r.feature) };
      imp.push({ ...base, method: "MLP: mean |KernelSHAP|", value: r.mlpShap });
      imp.push({ ...base, method: "Forest mean: mean |TreeSHAP|", value: r.forestShap });
      imp.push({ ...base, method: "MLP: permutation Δ pinball", value: r.permMlp });
    }
  }
  const shapSummary: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Global importance on 2018–2021 test rows",
    data: { values: imp },
    facet: {
      row: { field: "side", type: "nominal", title: null },
      column: {
        field: "method",
        type: "nominal",
        title: null,
        sort: ["MLP: mean |KernelSHAP|", "Forest mean: mean |TreeSHAP|", "MLP: permutation Δ pinball"],
      },
    },
    spec: {
      width: 125,
      height: 240,
      mark: { type: "bar" },
      encoding: {
        y: { field: "feature", type: "nominal", sort: order, title: null },
        x: { field: "value", type: "quantitative", title: null },
        color: {
          field: "kind",
          type: "nominal",
          title: null,
          scale: { domain: ["historical", "forward-looking"], range: ["#7f7f7f", "#1f77b4"] },
        },
      },
    },
    resolve: { scale: { x: "independent" } },
    // "Forest mean: mean |TreeSHAP|" on two lines, so that the narrow columns keep their headers apart
    config: { legend: { orient: "bottom" }, header: { labelExpr: "split(datum.value, ': ')" } },
  };
  // ---- PDP / ICE ----
  const pdpRows: Record<string, unknown>[] = [];
  for (const [side, label] of SIDES) {
    const ss = s[side];
    if (!ss) continue;
    for (const q of ss.pdp) {
      const panel = `${label}: ${q.feature}`;
      q.grid.forEach((g, k) => pdpRows.push({ panel, x: g, y: q.mlp[k], curve: "MLP (PDP)", id: "pdp-mlp" }));
      q.forestGrid.forEach((g, k) =>
        pdpRows.push({ panel, x: g, y: q.forest[k], curve: "Quantile forest (PDP)", id: "pdp-forest" })
      );
      q.iceMlp.forEach((row, i) =>
        row.forEach((v, k) => pdpRows.push({ panel, x: q.grid[k], y: v, curve: "MLP (ICE)", id: `ice${i}` }))
      );
    }
  }
  const pdp: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Partial dependence of the multiplier on the MLP's top features",
    data: { values: pdpRows },
    facet: { field: "panel", type: "nominal", title: null },
    columns: 4,
    spec: {
      width: 118,
      height: 130,
      encoding: {
        x: { field: "x", type: "quantitative", title: "feature value", scale: { zero: false } },
        y: { field: "y", type: "quantitative", title: "multiplier m", scale: { domain: [0.8, 1.5] } },
        detail: { field: "id", type: "nominal" },
        color: {
          field: "curve",
          type: "nominal",
          title: null,
          scale: {
            domain: ["MLP (ICE)", "MLP (PDP)", "Quantile forest (PDP)"],
            range: ["#c7c7c7", "#1f77b4", "#ff7f0e"],
          },
        },
      },
      layer: [
        { transform: [{ filter: "datum.curve === 'MLP (ICE)'" }], mark: { type: "line", strokeWidth: 0.6 } },
        { transform: [{ filter: "datum.curve !== 'MLP (ICE)'" }], mark: { type: "line", strokeWidth: 2.2 } },
      ],
    },
    resolve: { scale: { x: "independent" } },
    // "Long 1 CL: skew" on two lines, so that the narrow panels keep their headers apart
    config: { legend: { orient: "bottom", labelLimit: 0 }, header: { labelExpr: "split(datum.value, ': ')" } },
  };
  // ---- local explanations ----
  const names = s.features;
  const locRows: Record<string, unknown>[] = [];
  for (const [side, label] of SIDES) {
    const ss = s[side];
    if (!ss) continue;
    for (const l of ss.local) {
      const ord = names.map((_, j) => j).sort((a, b) => Math.abs(l.phiMlp[b]) - Math.abs(l.phiMlp[a]) || a - b);
      const panel = `${label}, ${l.date} (${l.period})`;
      for (const j of ord.slice(0, 6)) {
        locRows.push({ panel, feature: names[j], model: "MLP", phi: l.phiMlp[j] });
        locRows.push({ panel, feature: names[j], model: "Quantile forest", phi: l.phiForest[j] });
      }
    }
  }
  const local: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "KernelSHAP of the multiplier on stress dates (six largest MLP contributions)",
    data: { values: locRows },
    facet: { field: "panel", type: "nominal", title: null },
    columns: 2,
    spec: {
      width: 190,
      height: { step: 9 },
      mark: { type: "bar" },
      encoding: {
        y: { field: "feature", type: "nominal", title: null, sort: null },
        yOffset: { field: "model", type: "nominal" },
        x: { field: "phi", type: "quantitative", title: "SHAP value (multiplier units)" },
        color: {
          field: "model",
          type: "nominal",
          title: null,
          scale: { domain: ["MLP", "Quantile forest"], range: ["#1f77b4", "#ff7f0e"] },
        },
      },
    },
    resolve: { scale: { y: "independent" } },
    config: { legend: { orient: "bottom" } },
  };
  return [
    { id: "e09_shap_summary", spec: shapSummary },
    { id: "e09_pdp", spec: pdp },
    { id: "e09_local", spec: local },
    { id: "e09_shap_beeswarm", spec: beeswarmFigure(s) },
  ];
}

/** Features shown in the beeswarm: the largest mean |SHAP| of the MLP on that side. */
const BEESWARM_TOP = 10;

/** Mean |SHAP| per feature over a beeswarm's rows. */
function meanAbs(b: BeeswarmSeries, nFeatures: number): number[] {
  const out = new Array<number>(nFeatures).fill(0);
  for (const row of b.phi) row.forEach((v, j) => out[j] += Math.abs(v) / b.phi.length);
  return out;
}

/**
 * Beeswarm dots of one model on one side for the features `show`: x = SHAP value; a vertical offset in [−0.45, 0.45]
 * of the feature's band that stacks dots falling into the same of 80 x-bins (so that dense regions look dense);
 * colour = the feature value's rank among the rows (0 low … 1 high).
 */
function swarm(b: BeeswarmSeries, show: number[], names: string[], model: string): Record<string, unknown>[] {
  let lo = Infinity, hi = -Infinity;
  for (const row of b.phi) for (const j of show) lo = Math.min(lo, row[j]), hi = Math.max(hi, row[j]);
  const width = (hi - lo) / 80 || 1;
  const dots: Record<string, unknown>[] = [];
  for (const j of show) {
    const order = b.phi.map((_, i) => i).sort((p, q) => b.x[p][j] - b.x[q][j] || p - q);
    const rank = new Array<number>(b.phi.length);
    order.forEach((i, r) => rank[i] = b.phi.length > 1 ? r / (b.phi.length - 1) : 0.5);
    const bins = new Map<number, number[]>();
    b.phi.forEach((row, i) => {
      const k = Math.floor((row[j] - lo) / width);
      bins.set(k, [...(bins.get(k) ?? []), i]);
    });
    const most = Math.max(...[...bins.values()].map((v) => v.length));
    const step = Math.min(0.08, 0.9 / Math.max(most, 1));
    for (const members of bins.values()) {
      members.forEach((i, n) => {
        const off = (n % 2 === 0 ? 1 : -1) * Math.ceil(n / 2) * step;
        dots.push({
          model,
          feature: names[j],
          phi: Math.round(b.phi[i][j] * 1e5) / 1e5,
          off: Math.round(off * 1000) / 1000,
          value: Math.round(rank[i] * 100) / 100,
        });
      });
    }
  }
  return dots;
}

/**
 * e09_shap_beeswarm: per side, mean |SHAP| bars (MLP KernelSHAP, forest TreeSHAP on the rows shown) next to a
 * beeswarm of each model, the MLP's top features. A series without beeswarm rows gives a figure that says so.
 */
function beeswarmFigure(s: Series): VlSpec {
  const names = s.features;
  const rows: VlSpec[] = [];
  let nMlp = 0, nForest = 0;
  for (const [side, label] of SIDES) {
    const ss = s[side] as Series["long"] | undefined;
    if (!ss?.beeswarm || !ss.beeswarmMlp || ss.beeswarmMlp.phi.length === 0) continue;
    nMlp = ss.beeswarmMlp.phi.length;
    nForest = ss.beeswarm.phi.length;
    const mlpMean = meanAbs(ss.beeswarmMlp, names.length), forestMean = meanAbs(ss.beeswarm, names.length);
    const show = names.map((_, j) => j).sort((a, b) => mlpMean[b] - mlpMean[a] || a - b).slice(0, BEESWARM_TOP);
    const order = show.map((j) => names[j]);
    const bars = show.flatMap((j) => [
      { feature: names[j], model: "MLP (KernelSHAP)", value: Math.round(mlpMean[j] * 1e5) / 1e5 },
      { feature: names[j], model: "Forest mean (TreeSHAP)", value: Math.round(forestMean[j] * 1e5) / 1e5 },
    ]);
    const y = (labels: boolean) => ({
      field: "feature",
      type: "nominal",
      sort: order,
      title: null,
      axis: labels ? {} : { labels: false, ticks: false, domain: false },
    });
    const height = 22 * show.length;
    const beeswarmPanel = (b: BeeswarmSeries, model: string, title: string) => ({
      title: { text: title, fontSize: 12 },
      width: 165,
      height,
      data: { values: swarm(b, show, names, model) },
      layer: [
        {
          data: { values: [{ v: 0 }] },
          mark: { type: "rule", color: "#888888", strokeDash: [3, 2] },
          encoding: { x: { field: "v", type: "quantitative" } },
        },
        {
          mark: { type: "circle", size: 9, opacity: 0.8 },
          encoding: {
            x: { field: "phi", type: "quantitative", title: "SHAP (multiplier units)", axis: { tickCount: 5 } },
            y: y(false),
            yOffset: { field: "off", type: "quantitative", scale: { domain: [-0.5, 0.5] } },
            // fill (not color): its own scale shared by every panel, so one gradient legend for the figure
            fill: {
              field: "value",
              type: "quantitative",
              title: "feature value (rank among the rows: low → high)",
              scale: { domain: [0, 1], range: ["#1f77b4", "#d62728"] },
              legend: { direction: "horizontal", gradientLength: 160, format: ".0%", titleLimit: 0 },
            },
          },
        },
      ],
    });
    rows.push({
      title: { text: label, anchor: "start", fontSize: 13 },
      hconcat: [
        {
          title: { text: "mean |SHAP|", fontSize: 12 },
          width: 105,
          height,
          data: { values: bars },
          mark: { type: "bar" },
          encoding: {
            y: y(true),
            yOffset: { field: "model", type: "nominal", sort: ["MLP (KernelSHAP)", "Forest mean (TreeSHAP)"] },
            x: { field: "value", type: "quantitative", title: "multiplier units" },
            color: {
              field: "model",
              type: "nominal",
              title: null,
              scale: { domain: ["MLP (KernelSHAP)", "Forest mean (TreeSHAP)"], range: ["#1f77b4", "#ff7f0e"] },
              legend: { direction: "vertical", labelLimit: 0 },
            },
          },
        },
        beeswarmPanel(ss.beeswarmMlp, "mlp", "MLP: KernelSHAP"),
        beeswarmPanel(ss.beeswarm, "forest", "Forest mean: TreeSHAP"),
      ],
    });
  }
  if (rows.length === 0) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: "SHAP beeswarm",
      width: 500,
      height: 60,
      data: { values: [{ t: "this series has no beeswarm rows: re-run e09 (deno task e09)" }] },
      mark: { type: "text", fontSize: 12 },
      encoding: { text: { field: "t" } },
    };
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "SHAP values of the multiplier on the 2018–2021 test rows",
      subtitle: [
        `the MLP's ${BEESWARM_TOP} largest mean |SHAP| features; one dot per explained test row (MLP ${nMlp} rows,`,
        `forest ${nForest} evenly spaced rows), coloured by the feature's value; dots right of 0 raise the multiplier`,
      ],
    },
    vconcat: rows,
    config: { legend: { orient: "bottom" } },
  };
}
