/**
 * e07 figures, a pure function of the committed full-profile outputs: the
 * stress panel (dynamic margin, static and HS margin, realised loss and
 * breaches; the multiplier with its seed range) per historical window and
 * side, and the multiplier's response to hypothetical feature shocks.
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { FeatureShocks } from "../../../lib/features/feature_shocks.ts";
import type { Metrics, Series, WindowSeries } from "./outputs.ts";

/** Display names of the windows. */
const WINDOWS: Record<string, string> = {
  gfc2008: "2008 crisis (Sep–Dec)",
  oil2014: "Oil collapse 2014–16",
  covid2020: "Mar–May 2020",
  energy2022: "Jan–Feb 2022 (data end)",
};

const SHOCKS: Record<keyof FeatureShocks, string> = {
  volX: "Vol features ×3",
  priceJump: "Price jump −30%",
  curveInversion: "Curve inversion",
  combined: "All three",
};

function panel(label: string, h: number, s: Record<string, WindowSeries>): VlSpec[] {
  const margin: Record<string, unknown>[] = [],
    mult: Record<string, unknown>[] = [],
    br: Record<string, unknown>[] = [];
  for (const [w, v] of Object.entries(s)) {
    const win = WINDOWS[w] ?? w;
    v.dates.forEach((d, i) => {
      margin.push({ window: win, date: d, series: "Realised loss", value: v.loss[i] });
      margin.push({ window: win, date: d, series: "HS VaR (m = 1)", value: v.im[i] });
      margin.push({ window: win, date: d, series: "Static", value: Math.round(v.static * v.im[i]) });
      margin.push({ window: win, date: d, series: "MLP (seed mean)", value: Math.round(v.m[i] * v.im[i]) });
      mult.push({ window: win, date: d, m: v.m[i], lo: v.mLo[i], hi: v.mHi[i], st: v.static });
      if (v.breachMlp[i]) br.push({ window: win, date: d, value: v.loss[i] });
    });
  }
  const colors = {
    domain: ["Realised loss", "HS VaR (m = 1)", "Static", "MLP (seed mean)"],
    range: ["#bbbbbb", "#2ca02c", "#ff7f0e", "#1f77b4"],
  };
  const top: VlSpec = {
    title: `${label}: margin and realised ${h}-day loss (USD), MLP breaches ▲`,
    facet: { column: { field: "window", type: "nominal", title: null, sort: Object.values(WINDOWS) } },
    data: { values: [...margin.map((r) => ({ ...r, kind: "line" })), ...br.map((r) => ({ ...r, kind: "breach" }))] },
    spec: {
      width: 190,
      height: 150,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'line'" }],
          mark: { type: "line", strokeWidth: 0.9 },
          encoding: {
            x: {
              field: "date",
              type: "temporal",
              title: null,
              axis: { format: "%Y-%m", labelAngle: -30, tickCount: 4 },
            },
            y: { field: "value", type: "quantitative", title: "USD per contract" },
            color: { field: "series", type: "nominal", title: null, scale: colors },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'breach'" }],
          mark: { type: "point", shape: "triangle-up", filled: true, size: 30, color: "#000000" },
          encoding: { x: { field: "date", type: "temporal" }, y: { field: "value", type: "quantitative" } },
        },
      ],
    },
    resolve: { scale: { x: "independent", y: "independent" } },
  };
  const bottom: VlSpec = {
    title: `${label}: multiplier m (MLP seed mean and range; static dashed)`,
    facet: { column: { field: "window", type: "nominal", title: null, sort: Object.values(WINDOWS) } },
    data: { values: mult },
    spec: {
      width: 190,
      height: 90,
      layer: [
        {
          mark: { type: "area", opacity: 0.25, color: "#1f77b4" },
          encoding: {
            x: {
              field: "date",
              type: "temporal",
              title: null,
              axis: { format: "%Y-%m", labelAngle: -30, tickCount: 4 },
            },
            y: { field: "lo", type: "quantitative", title: "m", scale: { domain: [0.8, 1.5] } },
            y2: { field: "hi" },
          },
        },
        {
          mark: { type: "line", color: "#1f77b4", strokeWidth: 1.2 },
          encoding: { x: { field: "date", type: "temporal" }, y: { field: "m", type: "quantitative" } },
        },
        {
          mark: { type: "line", color: "#ff7f0e", strokeDash: [4, 3] },
          encoding: { x: { field: "date", type: "temporal" }, y: { field: "st", type: "quantitative" } },
        },
      ],
    },
    resolve: { scale: { x: "independent" } },
  };
  return [top, bottom];
}

const SIDES = [["long", "Long 1 CL"], ["short", "Short 1 CL"]] as const;

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series: Series }): { id: string; spec: VlSpec }[] {
  const s = input.series, m = input.metrics;
  const h = m.params.mpor;
  const parts: VlSpec[] = [];
  for (const [side, label] of SIDES) {
    if (s[side]) parts.push(...panel(label, h, s[side]));
  }
  const stress: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    vconcat: parts,
    config: { legend: { orient: "bottom", labelLimit: 0 }, title: { fontSize: 12 } },
  };
  const rows: Record<string, unknown>[] = [];
  for (const [side, label] of SIDES) {
    for (const r of Object.values(m[side]?.shocks ?? {})) {
      for (const [k, name] of Object.entries(SHOCKS)) {
        const v = r[k as keyof FeatureShocks];
        if (!v) continue;
        rows.push({ side: label, date: r.date, shock: name, dm: v.dm, lo: v.dm - v.dmSd, hi: v.dm + v.dmSd });
      }
    }
  }
  const shocks: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Response of the multiplier to hypothetical feature shocks (MLP, mean ± sd over seeds)",
    data: { values: rows },
    facet: { column: { field: "side", type: "nominal", title: null } },
    spec: {
      width: 380,
      height: 220,
      encoding: {
        x: { field: "shock", type: "nominal", title: null, sort: Object.values(SHOCKS), axis: { labelAngle: -20 } },
        xOffset: { field: "date", type: "nominal" },
      },
      layer: [
        {
          mark: { type: "bar" },
          encoding: {
            y: { field: "dm", type: "quantitative", title: "Change in m" },
            color: { field: "date", type: "nominal", title: "Shocked date" },
          },
        },
        {
          mark: { type: "rule", color: "#333333" },
          encoding: { y: { field: "lo", type: "quantitative" }, y2: { field: "hi" } },
        },
      ],
    },
    config: { legend: { orient: "bottom" }, axisX: { labelLimit: 0 } },
  };
  return [{ id: "e07_stress", spec: stress }, { id: "e07_shocks", spec: shocks }];
}
