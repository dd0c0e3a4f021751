/**
 * e04 v2 figures, a pure function of the committed full-profile outputs: every rule's out-of-sample frontier
 * (margin over static against breach rate as the margin is scaled, one panel per position, the static frontier
 * through them), and v1's three: the multiplier over time (best network vs the static benchmark, with
 * breaches), the coverage/efficiency frontier across models, and on the
 * synthetic market the share of the oracle's pinball gain each model captures
 * (mean ± sd across market paths, one dot per path).
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { Summary } from "../../../lib/evaluation/summarise.ts";
import type { Metrics, Series } from "./outputs.ts";

/** Display names of the models. */
export const MODEL_LABELS: Record<string, string> = {
  baselineHs: "HS VaR (m = 1)",
  static: "Static",
  linear: "Linear QR",
  forest: "Quantile forest",
  mlp: "MLP",
  mlpHist: "MLP, historical features",
  lstm: "LSTM",
  transformer: "Transformer",
  fhs: "FHS",
  flooredHs: "Floored HS (10 y)",
  apcBuffer: "FHS + 25% buffer",
  apcStressWeight: "FHS + 25% stressed weight",
  apcFloor: "FHS + 10-year floor",
  mlpSmooth: "MLP, smoothness penalty",
  mlpAddOn: "MLP, add-on only [1, 1.5]",
  mlpGuard: "MLP with OOD guard",
  staticFhs: "Static on FHS",
  linearFhs: "Linear QR on FHS",
  mlpFhs: "MLP on FHS",
};

/** Rules drawn in the frontier figure (those present), static first; the headline's best model is added. */
const FRONTIER_RULES = ["static", "baselineHs", "fhs", "flooredHs", "linear", "forest", "mlp", "mlpHist", "lstm"];

function equalCoverageFigure(m: Metrics, s: Series): VlSpec {
  const positions = Object.keys(s.frontier);
  const rules = [...FRONTIER_RULES, "transformer", m.headline.bestModel].filter((r, i, a) =>
    a.indexOf(r) === i && positions.every((p) => s.frontier[p][r] !== undefined)
  );
  const labels = rules.map((r) => MODEL_LABELS[r] ?? r);
  const palette = [
    "#000000",
    "#7f7f7f",
    "#8c564b",
    "#bcbd22",
    "#1f77b4",
    "#2ca02c",
    "#d62728",
    "#ff7f0e",
    "#9467bd",
    "#17becf",
    "#e377c2",
  ];
  const target = 1 - m.params.tau;
  const panels = positions.map((pos) => {
    const rows = rules.flatMap((r, j) =>
      s.frontier[pos][r]
        .filter((f) => f.breachRate <= 3 * target)
        .map((f) => ({
          rule: labels[j],
          k: f.k,
          breach: Math.round(f.breachRate * 1e6) / 1e4,
          margin: Math.round(f.marginVsStatic * 1e4) / 1e4,
        }))
    );
    return {
      title: `${pos === "long" ? "Long" : pos === "short" ? "Short" : pos} 1 WTI front-month contract`,
      width: 250,
      height: 210,
      layer: [
        {
          data: { values: [{ v: 100 * target }] },
          mark: { type: "rule", strokeDash: [4, 3], color: "#888888" },
          encoding: { x: { field: "v", type: "quantitative" } },
        },
        {
          data: { values: rows },
          mark: { type: "line", interpolate: "step-after", clip: true },
          encoding: {
            x: { field: "breach", type: "quantitative", title: "out-of-sample breach rate (%)" },
            y: { field: "margin", type: "quantitative", title: "average margin / static", scale: { domain: [0.6, 2] } },
            color: { field: "rule", type: "nominal", title: null, scale: { domain: labels, range: palette } },
            order: { field: "k", type: "quantitative" },
          },
        },
        {
          data: { values: rows.filter((r) => r.rule === labels[0]) },
          mark: { type: "line", interpolate: "step-after", clip: true, strokeWidth: 2.6, color: "#000000" },
          encoding: {
            x: { field: "breach", type: "quantitative" },
            y: { field: "margin", type: "quantitative" },
            order: { field: "k", type: "quantitative" },
          },
        },
      ],
    };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Margin against breach rate as each rule is scaled by k (out of sample)",
      subtitle: [
        "dashed: the 1% target; a rule beats static (black) where its line",
        "lies below the black one at the same breach rate",
      ],
    },
    hconcat: panels,
    config: {
      axis: { labelFontSize: 12, titleFontSize: 12 },
      legend: { orient: "bottom", columns: 3, labelLimit: 0, labelFontSize: 12 },
      title: { fontSize: 13, subtitleFontSize: 12 },
    },
  };
}

const SIDES = ["long", "short"] as const;

function multiplierFigure(s: Series): VlSpec {
  const panels = SIDES.map((side) => {
    const x = s[side];
    const best = x.best ?? "static";
    const bestLabel = `${MODEL_LABELS[best] ?? best} (mean of seeds; band: seed range)`;
    const rows: Record<string, unknown>[] = [];
    const breaches: Record<string, unknown>[] = [];
    s.dates.forEach((d, i) => {
      rows.push(
        x.bestMean
          ? { date: d, static: x.static[i], best: x.bestMean[i], lo: x.bestLo![i], hi: x.bestHi![i] }
          : { date: d, static: x.static[i] },
      );
      const ratio = Math.round(Math.min(x.loss[i] / x.im[i], 2) * 1000) / 1000;
      if (x.loss[i] > x.static[i] * x.im[i]) breaches.push({ date: d, model: "Static", value: ratio });
      if (x.bestMean && x.loss[i] > x.bestMean[i] * x.im[i]) breaches.push({ date: d, model: bestLabel, value: ratio });
    });
    const domain = ["Static", bestLabel];
    const range = ["#1f77b4", "#d62728"];
    const yScale = { domain: [0.7, 2.05] };
    const xEnc = { field: "date", type: "temporal", title: null };
    return {
      title: `${side === "long" ? "Long" : "Short"} 1 WTI front-month contract`,
      width: 720,
      height: 200,
      layer: [
        {
          data: { values: rows },
          layer: [
            {
              mark: { type: "area", opacity: 0.2, color: "#d62728", clip: true },
              encoding: {
                x: xEnc,
                y: { field: "lo", type: "quantitative", scale: yScale },
                y2: { field: "hi" },
              },
            },
            {
              transform: [
                { fold: ["static", "best"], as: ["key", "value"] },
                { calculate: `datum.key === 'static' ? 'Static' : '${bestLabel}'`, as: "series" },
              ],
              mark: { type: "line", strokeWidth: 0.9, clip: true },
              encoding: {
                x: xEnc,
                y: {
                  field: "value",
                  type: "quantitative",
                  title: "multiplier m; breaches at L/IM (capped at 2)",
                  scale: yScale,
                },
                color: { field: "series", type: "nominal", title: null, scale: { domain, range } },
              },
            },
          ],
        },
        ...([[bestLabel, "circle", range[1]], ["Static", "triangle-up", range[0]]] as const).map((
          [who, shape, color],
        ) => ({
          data: { values: breaches.filter((b) => b.model === who) },
          mark: {
            type: "point",
            filled: shape !== "circle",
            size: shape === "circle" ? 45 : 25,
            shape,
            color,
            clip: true,
          },
          encoding: {
            x: { field: "date", type: "temporal" },
            y: { field: "value", type: "quantitative", scale: yScale },
          },
        })),
      ],
    };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Walk-forward multiplier on HS VaR 99% (2-day MPOR), best network vs static; breaches: ▲ static, ○ network",
    vconcat: panels,
    resolve: { scale: { color: "independent" } },
    config: { legend: { orient: "bottom", labelLimit: 0 } },
  };
}

function frontierFigure(metrics: Metrics): VlSpec {
  const tau = metrics.params.tau;
  const panels = SIDES.map((side) => {
    const m = metrics[side];
    const rows: Record<string, unknown>[] = [];
    for (const [k, label] of Object.entries(MODEL_LABELS)) {
      const v = m[k];
      if (!v) continue;
      const x = v.marginRatio, y = v.breachRate;
      rows.push({
        model: label,
        x: x.mean,
        xLo: x.mean - x.sd,
        xHi: x.mean + x.sd,
        y: y.mean,
        yLo: Math.max(0, y.mean - y.sd),
        yHi: y.mean + y.sd,
      });
    }
    const enc = {
      x: {
        field: "x",
        type: "quantitative",
        title: "average margin / static benchmark",
        scale: { zero: false },
      },
      y: { field: "y", type: "quantitative", title: "breach rate", axis: { format: ".1%" }, scale: { zero: true } },
    };
    return {
      title: side === "long" ? "Long" : "Short",
      width: 330,
      height: 260,
      layer: [
        {
          data: { values: [{ target: 1 - tau }] },
          mark: { type: "rule", strokeDash: [4, 3], color: "#888888" },
          encoding: { y: { field: "target", type: "quantitative" } },
        },
        {
          data: { values: rows },
          mark: { type: "rule", strokeWidth: 1 },
          encoding: {
            x: { field: "xLo", type: "quantitative" },
            x2: { field: "xHi" },
            y: { field: "y", type: "quantitative" },
            color: { field: "model", type: "nominal", title: null },
          },
        },
        {
          data: { values: rows },
          mark: { type: "rule", strokeWidth: 1 },
          encoding: {
            x: { field: "x", type: "quantitative" },
            y: { field: "yLo", type: "quantitative" },
            y2: { field: "yHi" },
            color: { field: "model", type: "nominal", title: null },
          },
        },
        {
          data: { values: rows },
          mark: { type: "point", filled: true, size: 60 },
          encoding: { ...enc, color: { field: "model", type: "nominal", title: null }, shape: { field: "model" } },
        },
      ],
    };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Coverage vs efficiency, test years pooled (bars: ± 1 sd over seeds; dashed: target breach rate)",
    hconcat: panels,
    config: { legend: { orient: "bottom", columns: 4, labelLimit: 0 } },
  };
}

/** Models of the synthetic-track figure, in display order. */
const SYNTH_MODELS: [string, string][] = [
  ["linear", "Linear QR"],
  ["forest", "Quantile forest"],
  ["mlp", "MLP (per seed)"],
  ["mlpEns", "MLP (seed ensemble)"],
  ["mlpHist", "MLP, historical (per seed)"],
  ["mlpHistEns", "MLP, historical (ensemble)"],
];

/** A model's pinball-gain share from a metrics entry (a summary's mean, or the number itself). */
function gainCaptured(entry: unknown): Summary | number | undefined {
  if (entry === null || typeof entry !== "object" || !("pinballGainCaptured" in entry)) return undefined;
  const g = entry.pinballGainCaptured;
  return typeof g === "number" || (typeof g === "object" && g !== null && "mean" in g)
    ? g as Summary | number
    : undefined;
}

function oracleFigure(metrics: Metrics): VlSpec {
  const syn = metrics.synthetic!;
  const paths = syn.paths ?? [];
  const value = (v: Summary | number) => typeof v === "number" ? v : v.mean;
  const panels = SIDES.map((side) => {
    const m = syn[side];
    const bars: Record<string, unknown>[] = [], dots: Record<string, unknown>[] = [];
    for (const [k, label] of SYNTH_MODELS) {
      const g = gainCaptured(m[k]);
      if (typeof g !== "object") continue;
      const r3 = (x: number) => Math.round(x * 1000) / 1000;
      bars.push({ model: label, mean: r3(g.mean), lo: r3(g.mean - g.sd), hi: r3(g.mean + g.sd) });
      for (const p of paths) {
        const pg = gainCaptured(p[side][k]);
        if (pg !== undefined) dots.push({ model: label, value: r3(value(pg)), path: p.seed });
      }
    }
    const y = { field: "model", type: "nominal", title: null, sort: SYNTH_MODELS.map((x) => x[1]) };
    const x = { type: "quantitative", title: "share of the oracle's pinball gain over static", axis: { format: "%" } };
    return {
      title: side === "long" ? "Long" : "Short",
      width: 300,
      height: 170,
      layer: [
        {
          data: { values: [{ v: 0 }, { v: 1 }] },
          mark: { type: "rule", strokeDash: [4, 3], color: "#888888" },
          encoding: { x: { field: "v", type: "quantitative" } },
        },
        {
          data: { values: bars },
          layer: [
            { mark: { type: "bar", color: "#9ecae1", height: 14 }, encoding: { y, x: { field: "mean", ...x } } },
            {
              mark: { type: "rule", color: "#08519c" },
              encoding: { y, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } },
            },
          ],
        },
        {
          data: { values: dots },
          mark: { type: "point", filled: true, size: 22, color: "#d62728", opacity: 0.8 },
          encoding: { y, x: { field: "value", type: "quantitative" } },
        },
      ],
    };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Synthetic market: share of the oracle's pinball gain over static captured",
      subtitle: "bar: mean, line: ± 1 sd across market paths, dots: paths; dashed: static (0) and oracle (1)",
    },
    hconcat: panels,
    config: { axis: { labelLimit: 0 } },
  };
}

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series: Series }): { id: string; spec: VlSpec }[] {
  const metrics = input.metrics;
  return [
    { id: "e04_frontier", spec: equalCoverageFigure(metrics, input.series) },
    { id: "e04_multiplier_over_time", spec: multiplierFigure(input.series) },
    { id: "e04_coverage_efficiency", spec: frontierFigure(metrics) },
    { id: "e04_synthetic_oracle", spec: oracleFigure(metrics) },
  ];
}
