/**
 * e08 figures, a pure function of the committed full-profile metrics: for every sensitivity setting (one row each,
 * grouped), the MLP's test breach rate and its average margin relative to the static benchmark (mean ± sd over seeds),
 * long and short side by side in each row. Dashed lines: the nominal 1% breach rate at τ = 0.99 and the static
 * benchmark's margin (1). (A scatter of one against the other, labelled per point, overprinted its labels.)
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
  const groupOrder = Object.keys(GROUPS);
  const order: { label: string; group: number }[] = [];
  for (const side of ["long", "short"] as const) {
    const s = m[side];
    if (!s) continue;
    for (const [id, v] of Object.entries(s)) {
      if (id === "ablation" || id === "selection" || !("mlp" in v)) continue;
      const br = v.mlp.breachRate, mr = v.mlp.marginRatio;
      // a bare range such as "[0.5, 2]" is a bounds setting: say so on its row
      const setting = v.label.startsWith("[") ? `bounds ${v.label}` : v.label;
      if (!order.some((o) => o.label === setting)) {
        const g = groupOrder.indexOf(v.group);
        order.push({ label: setting, group: g < 0 ? groupOrder.length : g });
      }
      rows.push({
        side: side === "long" ? "Long 1 CL" : "Short 1 CL",
        setting,
        breach: br.mean * 100,
        breachLo: (br.mean - br.sd) * 100,
        breachHi: (br.mean + br.sd) * 100,
        ratio: mr.mean,
        ratioLo: mr.mean - mr.sd,
        ratioHi: mr.mean + mr.sd,
      });
    }
  }
  // rows by setting group (base first), in the metrics' order within a group
  const sort = order.map((o, i) => ({ ...o, i })).sort((a, b) => a.group - b.group || a.i - b.i).map((o) => o.label);
  const y = { field: "setting", type: "nominal", title: null, sort };
  const color = {
    field: "side",
    type: "nominal",
    title: null,
    scale: { domain: ["Long 1 CL", "Short 1 CL"], range: ["#1f77b4", "#d62728"] },
  };
  const yOffset = { field: "side", type: "nominal", scale: { paddingOuter: 0.3 } };
  const panel = (field: string, title: string, ref: number, labels: boolean): VlSpec => ({
    width: 215,
    height: 22 * sort.length,
    layer: [
      {
        data: { values: [{ v: ref }] },
        mark: { type: "rule", strokeDash: [4, 3], color: "#888888" },
        encoding: { x: { field: "v", type: "quantitative" } },
      },
      {
        mark: { type: "rule", strokeWidth: 1.2 },
        encoding: {
          y: { ...y, axis: labels ? {} : { labels: false, ticks: false, domain: false } },
          yOffset,
          x: { field: `${field}Lo`, type: "quantitative", title, scale: { zero: false } },
          x2: { field: `${field}Hi` },
          color,
        },
      },
      {
        mark: { type: "point", filled: true, size: 40 },
        encoding: { y, yOffset, x: { field, type: "quantitative" }, color },
      },
    ],
  });
  const spec: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "MLP sensitivity on the 2018–2021 test period",
      subtitle: [
        "mean ± sd over seeds per setting; dashed: the nominal 1% breach rate at the base",
        "coverage level (left) and the static benchmark's margin (right)",
      ],
    },
    data: { values: rows },
    hconcat: [
      panel("breach", "Test breach rate (%)", 1, true),
      panel("ratio", "Average margin / static margin", 1, false),
    ],
    spacing: 12,
    resolve: { scale: { y: "shared" } },
    config: { legend: { orient: "bottom" } },
  };
  return [{ id: "e08_sensitivity", spec }];
}
