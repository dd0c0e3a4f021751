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

/** A Vega-Lite DateTime (local time, month 1–12). */
interface DateTime {
  year: number;
  month: number;
  date: number;
}

/**
 * The x domain (from the first of the window's first month to its last day) and month ticks of a window: every 1, 2, 3, 6 or 12 months so that
 * at most four label it, each month once, formatted "Sep 2008".
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { monthAxis } from "./figures.ts";
 * const a = monthAxis("2020-03-02", "2020-05-29");
 * assert.ok(a.values.map((v) => v.month).join() === "3,4,5" && a.domain[1].date === 29);
 * assert.ok(monthAxis("2014-06-02", "2016-02-29").values.length === 4); // every 6 months
 * ```
 */
export function monthAxis(from: string, to: string): { domain: [DateTime, DateTime]; values: DateTime[] } {
  const y0 = Number(from.slice(0, 4)), m0 = Number(from.slice(5, 7));
  const y1 = Number(to.slice(0, 4)), m1 = Number(to.slice(5, 7));
  const n = (y1 - y0) * 12 + (m1 - m0) + 1;
  const step = [1, 2, 3, 6, 12].find((k) => Math.ceil(n / k) <= 4) ?? 12;
  const values: DateTime[] = [];
  for (let k = 0; k < n; k += step) {
    const mm = m0 - 1 + k;
    values.push({ year: y0 + Math.floor(mm / 12), month: (mm % 12) + 1, date: 1 });
  }
  return { domain: [{ year: y0, month: m0, date: 1 }, { year: y1, month: m1, date: Number(to.slice(8, 10)) }], values };
}

/** Losses beyond this multiple of the window's largest margin are drawn at the panel's edge, their value written. */
const CLIP = 2.5;

function usd(x: number): string {
  return (x < 0 ? "−" : "") + String(Math.round(Math.abs(x))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** The series colours of the margin panels. */
const COLORS = {
  domain: ["Realised loss", "HS VaR (m = 1)", "Static", "MLP (seed mean)"],
  range: ["#bbbbbb", "#2ca02c", "#ff7f0e", "#1f77b4"],
};

/**
 * One window of one side: margins, realised loss and MLP breaches above, the multiplier with its seed range below.
 * `first` (the left column) carries the y-axis titles. `clipped` is true when a loss was drawn at the edge.
 */
function cell(title: string, v: WindowSeries, first: boolean): { spec: VlSpec; clipped: boolean } {
  const margin: Record<string, unknown>[] = [], mult: Record<string, unknown>[] = [];
  const br: Record<string, unknown>[] = [], off: Record<string, unknown>[] = [];
  let top = 0;
  v.dates.forEach((_, i) => top = Math.max(top, v.im[i], v.static * v.im[i], v.m[i] * v.im[i]));
  const lim = CLIP * top;
  const over = v.loss.some((l) => Math.abs(l) > lim);
  const clip = (x: number) => over ? Math.max(-lim, Math.min(lim, x)) : x;
  v.dates.forEach((d, i) => {
    margin.push({ date: d, series: "Realised loss", value: clip(v.loss[i]) });
    margin.push({ date: d, series: "HS VaR (m = 1)", value: v.im[i] });
    margin.push({ date: d, series: "Static", value: Math.round(v.static * v.im[i]) });
    margin.push({ date: d, series: "MLP (seed mean)", value: Math.round(v.m[i] * v.im[i]) });
    mult.push({ date: d, m: v.m[i], lo: v.mLo[i], hi: v.mHi[i], st: v.static });
    if (v.breachMlp[i]) br.push({ date: d, value: clip(v.loss[i]) });
    if (over && Math.abs(v.loss[i]) > lim) {
      off.push({ date: d, value: clip(v.loss[i]), text: usd(v.loss[i]), up: v.loss[i] > 0 });
    }
  });
  const ax = monthAxis(v.dates[0], v.dates[v.dates.length - 1]);
  const x = (labels: boolean) => ({
    field: "date",
    type: "temporal",
    title: null,
    scale: { domain: ax.domain },
    // the explicit month values label each month once
    axis: labels ? { values: ax.values, format: "%b %Y", labelAngle: 0, labelOverlap: false, labelFlush: false } : {
      values: ax.values,
      labels: false,
    },
  });
  const y = { field: "value", type: "quantitative", title: first ? "USD" : null, axis: { tickCount: 4 } };
  const yScale = over ? { domain: [-Math.round(lim), Math.round(lim)], nice: false } : {};
  const upper: VlSpec = {
    title: { text: title, fontSize: 11.5, fontWeight: "normal" },
    width: 235,
    height: 90,
    layer: [
      {
        data: { values: margin },
        mark: { type: "line", strokeWidth: 0.9, clip: true },
        encoding: {
          x: x(false),
          y: { ...y, scale: yScale },
          color: { field: "series", type: "nominal", title: null, scale: COLORS },
        },
      },
      {
        data: { values: br },
        mark: { type: "point", shape: "triangle-up", filled: true, size: 30, color: "#000000" },
        encoding: { x: { field: "date", type: "temporal" }, y: { field: "value", type: "quantitative" } },
      },
      // values of losses drawn at the edge: below the point at the top edge, above it at the bottom edge
      ...([["top", true], ["bottom", false]] as const).filter(([, up]) => off.some((o) => o.up === up)).map((
        [baseline, up],
      ) => ({
        data: { values: off.filter((o) => o.up === up) },
        mark: { type: "text", fontSize: 11, align: "left", dx: 4, baseline, color: "#555555" },
        encoding: {
          x: { field: "date", type: "temporal" },
          y: { field: "value", type: "quantitative" },
          text: { field: "text" },
        },
      })),
    ],
  };
  const lower: VlSpec = {
    width: 235,
    height: 48,
    data: { values: mult },
    layer: [
      {
        mark: { type: "area", opacity: 0.25, color: "#1f77b4" },
        encoding: {
          x: x(true),
          y: {
            field: "lo",
            type: "quantitative",
            title: first ? "m" : null,
            scale: { domain: [0.8, 1.5] },
            // Vega thins explicit values to the tick count, which defaults to one per 40 px of height
            axis: { values: [0.8, 1.1, 1.4], tickCount: 3, format: ".1f" },
          },
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
  };
  return { spec: { vconcat: [upper, lower], spacing: 4 }, clipped: over };
}

/**
 * The stress panel: one row per window, the sides side by side (each cell: margins over the multiplier), so that
 * the figure fits the print width with legible text.
 */
function stressFigure(h: number, s: Series): VlSpec {
  const sides = SIDES.filter(([side]) => s[side]);
  const windows = new Set<string>();
  for (const [side] of sides) for (const w of Object.keys(s[side]!)) windows.add(w);
  const order = [...Object.keys(WINDOWS).filter((w) => windows.has(w)), ...[...windows].filter((w) => !(w in WINDOWS))];
  let clipped = false;
  const rows = order.map((w) => ({
    hconcat: sides.filter(([side]) => s[side]![w]).map(([side, label], j) => {
      const c = cell(`${label}: ${WINDOWS[w] ?? w}`, s[side]![w], j === 0);
      clipped ||= c.clipped;
      return c.spec;
    }),
    resolve: { scale: { x: "independent", y: "independent" } },
  }));
  const edge = `; losses beyond ±${CLIP}× the window's largest margin`;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `Margin and realised ${h}-day loss in stress windows (USD per contract)`,
      subtitle: [
        "▲ MLP breaches; lower panels: the multiplier m (MLP seed mean, band: seed range,",
        `static dashed)${clipped ? edge : ""}`,
        ...(clipped ? ["drawn at the edge, value written"] : []),
      ],
    },
    vconcat: rows,
    spacing: 14,
    config: { legend: { orient: "bottom", labelLimit: 0 } },
  };
}

const SIDES = [["long", "Long 1 CL"], ["short", "Short 1 CL"]] as const;

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series: Series }): { id: string; spec: VlSpec }[] {
  const s = input.series, m = input.metrics;
  const h = m.params.mpor;
  const stress = stressFigure(h, s);
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
    title: {
      text: "Response of the multiplier to hypothetical feature shocks",
      subtitle: "MLP, mean ± sd over seeds; one bar per shocked date",
    },
    data: { values: rows },
    facet: { column: { field: "side", type: "nominal", title: null } },
    spec: {
      width: 250,
      height: 200,
      encoding: {
        x: { field: "shock", type: "nominal", title: null, sort: Object.values(SHOCKS), axis: { labelAngle: -30 } },
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
