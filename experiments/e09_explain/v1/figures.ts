/**
 * e09 figures, a pure function of the committed full-profile outputs: global
 * importance bars (MLP KernelSHAP, forest TreeSHAP of the mean prediction,
 * MLP permutation importance), PDP/ICE of the MLP's top features (with the
 * forest's quantile PDP), and local SHAP explanations on stress dates.
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { Metrics, Series } from "./outputs.ts";

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
      width: 200,
      height: 260,
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
    config: { legend: { orient: "bottom" } },
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
      width: 170,
      height: 140,
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
    config: { legend: { orient: "bottom", labelLimit: 0 } },
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
    columns: 4,
    spec: {
      width: 150,
      height: { step: 12 },
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
  ];
}
