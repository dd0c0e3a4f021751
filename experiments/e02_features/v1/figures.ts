/**
 * e02 figures, a pure function of the committed full-profile outputs: the
 * fitted VIX smiles against the market quotes, the SVI parameter time series
 * of one synthetic slice, and the crude feature panel over time (weekly).
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { MetricsFile, Series } from "./outputs.ts";

type Num = number | null;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

const CRUDE_LABELS: Record<string, string> = {
  ewma_vol: "EWMA vol (λ 0.94)",
  rv_20d: "Realized vol 20d",
  rv_60d: "Realized vol 60d",
  ovx: "OVX",
  vix: "VIX",
  vix3m_vix: "VIX3M / VIX",
  skew: "SKEW",
  curve_slope: "Curve slope (cl4 − cl1) / level",
  roll_yield: "Roll yield",
  drawdown_250d: "Drawdown 250d",
};

/** Features drawn on a log scale (positive, with the 2020 spike). */
const LOG_FEATURES = new Set(["ewma_vol", "rv_20d", "rv_60d", "ovx", "vix"]);

function smileSpec(s: Series): VlSpec {
  const values: Record<string, unknown>[] = [];
  for (const sl of s.vixSmile) {
    const panel = `${sl.expiry} (F = ${sl.forward === null ? "n/a" : sl.forward.toFixed(2)})`;
    for (const q of sl.quotes) {
      values.push({ panel, K: q.K, mid: q.mid, bid: q.bid, ask: q.ask, series: "Market mid (bid–ask)" });
    }
    for (const c of sl.curve) {
      values.push({ panel, K: c.K, vol: c.svi, series: "SVI fit" }, {
        panel,
        K: c.K,
        vol: c.sabr,
        series: "SABR fit (β = 1)",
      });
    }
  }
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: {
      domain: ["Market mid (bid–ask)", "SVI fit", "SABR fit (β = 1)"],
      range: ["#000000", "#1f77b4", "#d62728"],
    },
  };
  return {
    $schema: SCHEMA,
    title: "VIX options, 2016-06-01 15:45: implied vols and fitted smiles per expiry",
    data: { values },
    facet: { column: { field: "panel", type: "nominal", title: null, sort: null } },
    spec: {
      width: 165,
      height: 220,
      layer: [
        {
          transform: [{ filter: "datum.vol != null" }],
          mark: { type: "line", strokeWidth: 1.5, clip: true },
          encoding: {
            x: { field: "K", type: "quantitative", title: "Strike", scale: { zero: false } },
            y: { field: "vol", type: "quantitative", title: "Black-76 implied vol", axis: { format: ".0%" } },
            color,
          },
        },
        {
          transform: [{ filter: "datum.ask != null" }],
          mark: { type: "rule", strokeWidth: 1, color: "#888888", clip: true },
          encoding: {
            x: { field: "K", type: "quantitative" },
            y: { field: "bid", type: "quantitative" },
            y2: { field: "ask" },
          },
        },
        {
          transform: [{ filter: "datum.mid != null" }],
          mark: { type: "point", filled: true, size: 22, clip: true },
          encoding: { x: { field: "K", type: "quantitative" }, y: { field: "mid", type: "quantitative" }, color },
        },
      ],
    },
    resolve: { scale: { x: "independent" } },
    config: { legend: { orient: "bottom", labelLimit: 0 } },
  };
}

/** One panel of a stacked time-series figure. */
interface Panel {
  label: string;
  values: Num[];
  log?: boolean;
}

/** Stacked small multiples sharing the time axis, each with its own y scale (log where asked). */
function panelsSpec(title: string, dates: string[], panels: Panel[], color: string, width = 560, height = 64): VlSpec {
  const values: Record<string, unknown>[] = [];
  for (const p of panels) {
    dates.forEach((d, i) => {
      const v = p.values[i];
      if (v !== null && (!p.log || v > 0)) values.push({ date: d, panel: p.label, value: v });
    });
  }
  const first = dates[0], last = dates[dates.length - 1];
  return {
    $schema: SCHEMA,
    title,
    data: { values },
    spacing: 14,
    vconcat: panels.map((p, i) => ({
      width,
      height,
      title: { text: p.label + (p.log ? " (log scale)" : ""), fontSize: 11, fontWeight: "normal", anchor: "start" },
      transform: [{ filter: { field: "panel", equal: p.label } }],
      mark: { type: "line", strokeWidth: 0.9, color },
      encoding: {
        x: {
          field: "date",
          type: "temporal",
          title: null,
          scale: { domain: [first, last] },
          axis: i === panels.length - 1 ? {} : { labels: false, ticks: false },
        },
        y: {
          field: "value",
          type: "quantitative",
          title: null,
          scale: p.log ? { type: "log" } : { zero: false },
          axis: { tickCount: 3 },
        },
      },
    })),
  };
}

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: MetricsFile; series: Series }): { id: string; spec: VlSpec }[] {
  const s = input.series;
  const v = s.synthSvi;
  const svi = panelsSpec(
    `Synthetic track: raw SVI parameters of the ${v.expiryDays}-business-day slice (weekly)`,
    v.dates,
    [
      { label: "ATM implied vol (SVI fit)", values: v.atmVol },
      { label: "a (level)", values: v.a },
      { label: "b (wing slope)", values: v.b },
      { label: "ρ (skew)", values: v.rho },
      { label: "m (shift)", values: v.m },
      { label: "σ (ATM curvature)", values: v.sigma, log: true },
    ],
    "#1f77b4",
  );
  const c = s.crude;
  // canonical JSON sorts keys: take the panel order from the echoed params
  const order = input.metrics.params.crudeFigure;
  const crude = panelsSpec(
    "Crude-oil feature panel (weekly)",
    c.dates,
    order.map((n) => ({ label: CRUDE_LABELS[n] ?? n, values: c.features[n], log: LOG_FEATURES.has(n) })),
    "#2ca02c",
  );
  return [
    { id: "e02_vix_smile", spec: smileSpec(s) },
    { id: "e02_svi_params", spec: svi },
    { id: "e02_crude_features", spec: crude },
  ];
}
