/**
 * e08 figures, a pure function of the committed full-profile metrics: test
 * breach rate vs average margin relative to the static benchmark for every
 * sensitivity setting (MLP, mean ± sd over seeds), one panel per side.
 * Dashed lines: the static benchmark's margin (1) and the nominal 1% breach rate at τ = 0.99.
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { Metrics, Series } from "./outputs.ts";

/** Display names of the setting groups. */
const GROUPS: Record<string, string> = {
  base: "Base",
  features: "No forward features",
  hidden: "Hidden width",
  lr: "Learning rate",
  tau: "Coverage level τ",
  mpor: "MPOR h",
  bounds: "Bounds",
  lookback: "HS lookback",
  selected: "Chosen on validation",
};

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series: Series }): { id: string; spec: VlSpec }[] {
  const m = input.metrics;
  const rows: Record<string, unknown>[] = [];
  for (const side of ["long", "short"] as const) {
    const s = m[side];
    if (!s) continue;
    for (const [id, v] of Object.entries(s)) {
      if (id === "ablation" || id === "selection" || !("mlp" in v)) continue;
      const br = v.mlp.breachRate, mr = v.mlp.marginRatio;
      rows.push({
        side: side === "long" ? "Long 1 CL" : "Short 1 CL",
        setting: v.label,
        group: GROUPS[v.group] ?? v.group,
        breach: br.mean * 100,
        breachLo: (br.mean - br.sd) * 100,
        breachHi: (br.mean + br.sd) * 100,
        ratio: mr.mean,
        ratioLo: mr.mean - mr.sd,
        ratioHi: mr.mean + mr.sd,
        staticBreach: v.static.breachRate.mean * 100,
      });
    }
  }
  const color = {
    field: "group",
    type: "nominal",
    title: null,
    scale: {
      domain: Object.values(GROUPS),
      range: ["#000000", "#d62728", "#1f77b4", "#17becf", "#9467bd", "#8c564b", "#ff7f0e", "#2ca02c", "#e377c2"],
    },
  };
  const spec: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "MLP sensitivity on the 2018–2021 test period (mean ± sd over seeds)",
    data: { values: rows },
    facet: { column: { field: "side", type: "nominal", title: null } },
    spec: {
      width: 330,
      height: 280,
      layer: [
        {
          mark: { type: "rule", strokeDash: [4, 3], color: "#888888" },
          encoding: { y: { datum: 1 } },
        },
        {
          mark: { type: "rule", strokeDash: [2, 2], color: "#888888" },
          encoding: { x: { datum: 1 } },
        },
        {
          mark: { type: "rule", strokeWidth: 1 },
          encoding: {
            x: { field: "breachLo", type: "quantitative" },
            x2: { field: "breachHi" },
            y: { field: "ratio", type: "quantitative" },
            color,
          },
        },
        {
          mark: { type: "rule", strokeWidth: 1 },
          encoding: {
            x: { field: "breach", type: "quantitative" },
            y: { field: "ratioLo", type: "quantitative" },
            y2: { field: "ratioHi" },
            color,
          },
        },
        {
          mark: { type: "point", filled: true, size: 45 },
          encoding: {
            x: {
              field: "breach",
              type: "quantitative",
              title: "Test breach rate (%)",
              scale: { zero: false },
            },
            y: {
              field: "ratio",
              type: "quantitative",
              title: "Average margin / static margin",
              scale: { zero: false },
            },
            color,
            shape: { field: "group", type: "nominal", title: null },
          },
        },
        {
          mark: { type: "text", fontSize: 8, align: "left", dx: 5, dy: -6, color: "#444444" },
          encoding: {
            x: { field: "breach", type: "quantitative" },
            y: { field: "ratio", type: "quantitative" },
            text: { field: "setting" },
          },
        },
      ],
    },
    config: { legend: { orient: "bottom", columns: 3, labelLimit: 0 } },
  };
  return [{ id: "e08_sensitivity", spec }];
}
