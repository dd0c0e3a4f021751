/**
 * The e04 figure builders that v1 and v2 share (v2's figures.ts adds its own): the multiplier over time (best network
 * vs the static benchmark, with breaches), the coverage/efficiency frontier across models, and on the synthetic
 * market the share of the oracle's pinball gain each model captures (mean ± sd across market paths, one dot per
 * path). Each version passes its own model labels; the specs are pure functions of the committed outputs.
 * @module
 */
import type { VlSpec } from "../../lib/report/render.ts";
import type { Summary } from "../../lib/evaluation/summarise.ts";
import type { WalkForwardSideMetrics } from "../../lib/study/walk_forward_evaluation.ts";
import type { SyntheticMetrics } from "../../lib/study/synthetic_evaluation.ts";
import type { SideSeries } from "./v2/outputs.ts";

/** One side's test-period series as both versions write it (v2's type; v1's is the same shape). */
export type MultiplierSide = SideSeries;

/** What {@link multiplierFigure} reads from a version's series. */
export interface MultiplierSeries {
  dates: string[];
  long: MultiplierSide;
  short: MultiplierSide;
}

/** What {@link frontierFigure} reads from a version's metrics. */
export interface FrontierMetrics {
  params: { tau: number };
  long: WalkForwardSideMetrics;
  short: WalkForwardSideMetrics;
}

/** The positions, in panel order. */
export const SIDES = ["long", "short"] as const;

/**
 * The walk-forward multiplier over time per side: the best network's seed mean and range against static, with each
 * one's breaches at L/IM (capped at 2). `labels` names the models.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { multiplierFigure } from "./shared_figures.ts";
 * const side = { loss: [1, 3], im: [2, 2], static: [1.1, 1.1] };
 * const spec = multiplierFigure({ dates: ["2020-01-02", "2020-01-03"], long: side, short: side }, {});
 * assert.ok(Array.isArray(spec.vconcat) && spec.vconcat.length === 2);
 * ```
 */
export function multiplierFigure(s: MultiplierSeries, labels: Readonly<Record<string, string>>): VlSpec {
  const panels = SIDES.map((side) => {
    const x = s[side];
    const best = x.best ?? "static";
    const bestLabel = `${labels[best] ?? best} (seed mean; band: seed range)`;
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
      width: 560,
      height: 190,
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
                  title: "m; breaches at L/IM (≤ 2)",
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
    title: {
      text: "Walk-forward multiplier on HS VaR 99% (2-day MPOR)",
      subtitle: "best network vs static; breaches at the loss-to-margin ratio L/IM: ▲ static, ○ network",
    },
    vconcat: panels,
    resolve: { scale: { color: "independent" } },
    config: { legend: { orient: "bottom", labelLimit: 0 } },
  };
}

/**
 * Coverage against efficiency per side: every model of `labels` present in the metrics at its mean average margin
 * over static and mean breach rate, ± 1 sd over seeds (in `labels` order).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { frontierFigure } from "./shared_figures.ts";
 * const run = { marginRatio: { mean: 0.9, sd: 0.01 }, breachRate: { mean: 0.011, sd: 0.001 } };
 * const side = { mlp: run } as never;
 * const spec = frontierFigure({ params: { tau: 0.99 }, long: side, short: side }, { mlp: "MLP" });
 * assert.ok(Array.isArray(spec.hconcat) && spec.hconcat.length === 2);
 * ```
 */
export function frontierFigure(metrics: FrontierMetrics, labels: Readonly<Record<string, string>>): VlSpec {
  const tau = metrics.params.tau;
  const panels = SIDES.map((side) => {
    const m = metrics[side];
    const rows: Record<string, unknown>[] = [];
    for (const [k, label] of Object.entries(labels)) {
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
      width: 250,
      height: 230,
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
    title: {
      text: "Coverage vs efficiency, test years pooled",
      subtitle: "bars: ± 1 sd over seeds; dashed: target breach rate",
    },
    hconcat: panels,
    config: { legend: { orient: "bottom", columns: 3, labelLimit: 0 } },
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

/**
 * The synthetic market: per side, the share of the oracle's pinball gain over static each model captures (bar:
 * mean, line: ± 1 sd across market paths, dots: paths). Needs `metrics.synthetic`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { oracleFigure } from "./shared_figures.ts";
 * const side = { linear: { pinballGainCaptured: { mean: 0.4, sd: 0.1 } } };
 * const spec = oracleFigure({ synthetic: { long: side, short: side, paths: [] } as never });
 * assert.ok(Array.isArray(spec.vconcat) && spec.vconcat.length === 2);
 * ```
 */
export function oracleFigure(metrics: { synthetic?: SyntheticMetrics }): VlSpec {
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
    const x = {
      type: "quantitative",
      title: "share of the oracle's pinball gain over static",
      axis: { format: "%", tickCount: 6 },
    };
    return {
      title: side === "long" ? "Long" : "Short",
      width: 420,
      height: 150,
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
    vconcat: panels,
    config: { axis: { labelLimit: 0 } },
  };
}
