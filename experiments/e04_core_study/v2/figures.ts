/**
 * e04 v2 figures, a pure function of the committed full-profile outputs: every rule's out-of-sample frontier
 * (margin over static against breach rate as the margin is scaled, one panel per position, the static frontier
 * through them), and v1's three: the multiplier over time (best network vs the static benchmark, with
 * breaches), the coverage/efficiency frontier across models, and on the
 * synthetic market the share of the oracle's pinball gain each model captures
 * (mean ± sd across market paths, one dot per path); and two more: the exceptions of static and of the best network
 * per day with each test year's Basel traffic-light zone (`e04_exceptions_timeline`), and the networks' training
 * curves on the first test year's fit (`e04_training_curves`).
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import { type Metrics, MODEL_LABELS, type Series, type TrainingCurveSeries } from "./outputs.ts";
import { frontierFigure, multiplierFigure, oracleFigure, SIDES } from "../shared_figures.ts";

/** Rules drawn in the frontier figure (those present), static first; the headline's best model is added. */
const FRONTIER_RULES = ["static", "baselineHs", "fhs", "flooredHs", "linear", "forest", "mlp", "mlpHist", "lstm"];

function equalCoverageFigure(m: Metrics, s: Series): VlSpec {
  const positions = Object.keys(s.frontier);
  const rules = [...FRONTIER_RULES, "transformer", m.headline.wti.bestModel].filter((r, i, a) =>
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
    config: { legend: { orient: "bottom", columns: 3, labelLimit: 0 } },
  };
}

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series: Series }): { id: string; spec: VlSpec }[] {
  const metrics = input.metrics;
  return [
    { id: "e04_frontier", spec: equalCoverageFigure(metrics, input.series) },
    { id: "e04_multiplier_over_time", spec: multiplierFigure(input.series, MODEL_LABELS) },
    { id: "e04_coverage_efficiency", spec: frontierFigure(metrics, MODEL_LABELS) },
    { id: "e04_synthetic_oracle", spec: oracleFigure(metrics) },
    { id: "e04_exceptions_timeline", spec: exceptionsFigure(metrics, input.series) },
    { id: "e04_training_curves", spec: trainingFigure(metrics, input.series) },
  ];
}

/** Light fills of the traffic-light zones. */
const ZONE_COLORS = { domain: ["green", "yellow", "red"], range: ["#b7e1a1", "#fde68a", "#f4a3a3"] };

/**
 * e04_exceptions_timeline: per position, one row for static and one for the best network (seed-mean multiplier):
 * a tick per day whose h-day loss exceeded the margin, each test year's cell coloured by its traffic-light zone
 * (the stage's zones for overlapping windows, `equalCoverage.<rule>.positions.<side>.zones`) and labelled with its
 * exception count.
 */
function exceptionsFigure(m: Metrics, s: Series): VlSpec {
  const h = m.params.mpor;
  const panels = SIDES.map((side) => {
    const x = s[side];
    const rules: [string, string, ArrayLike<number>][] = [["static", "Static", x.static]];
    if (x.best && x.bestMean) {
      rules.push([x.best, `${MODEL_LABELS[x.best] ?? x.best} (seed mean)`, x.bestMean]);
    }
    const ticks: Record<string, unknown>[] = [], cells: Record<string, unknown>[] = [];
    const years = new Map<string, { from: string; to: string; days: string[] }>();
    for (const d of s.dates) {
      const y = years.get(d.slice(0, 4));
      if (y) {
        y.to = d;
        y.days.push(d);
      } else years.set(d.slice(0, 4), { from: d, to: d, days: [d] });
    }
    for (const [rule, label, mult] of rules) {
      const count = new Map<string, number>();
      s.dates.forEach((d, i) => {
        if (x.loss[i] > mult[i] * x.im[i]) {
          ticks.push({ rule: label, date: d });
          count.set(d.slice(0, 4), (count.get(d.slice(0, 4)) ?? 0) + 1);
        }
      });
      const zones = m.equalCoverage[rule]?.positions[side]?.zones ?? {};
      for (const [y, r] of years) {
        const n = count.get(y) ?? 0;
        const mid = r.days[r.days.length >> 1];
        cells.push({ rule: label, from: r.from, to: r.to, mid, zone: zones[y] ?? "n/a", n: `${n}` });
      }
    }
    const labels = rules.map((r) => r[1]);
    const y = {
      field: "rule",
      type: "nominal",
      title: null,
      sort: labels,
      // the same label width in both panels, so that their time axes line up
      axis: { labelLimit: 0, grid: false, ticks: false, domain: false, minExtent: 200 },
    };
    const xEnc = {
      field: "date",
      type: "temporal",
      title: null,
      axis: { format: "%Y", tickCount: { interval: "year", step: 1 }, grid: false },
    };
    return {
      title: `${side === "long" ? "Long" : "Short"} 1 WTI front-month contract`,
      width: 440,
      height: { step: 40 },
      layer: [
        {
          data: { values: cells },
          mark: { type: "rect", stroke: "#ffffff", strokeWidth: 2 },
          encoding: {
            x: { ...xEnc, field: "from" },
            x2: { field: "to" },
            y,
            color: {
              field: "zone",
              type: "nominal",
              title: "test-year zone",
              scale: ZONE_COLORS,
              legend: { orient: "bottom" },
            },
          },
        },
        {
          data: { values: ticks },
          mark: { type: "tick", color: "#000000", thickness: 1.2, size: 14, yOffset: 5 },
          encoding: { x: xEnc, y },
        },
        {
          data: { values: cells },
          mark: { type: "text", fontSize: 11, dy: -11, color: "#333333" },
          encoding: { x: { field: "mid", type: "temporal" }, y, text: { field: "n" } },
        },
      ],
    };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: [`Exceptions and Basel traffic-light zones per test year`, `(${h}-day MPOR, walk-forward)`],
      subtitle: [
        `tick: a day whose ${h}-day loss exceeded the margin; rows: static and the best`,
        "network (seed mean); number: exceptions in the year; cell colour: the year's",
        "zone (limits simulated for overlapping windows)",
      ],
    },
    vconcat: panels,
    resolve: { scale: { y: "independent" } },
    config: { view: { stroke: null } },
  };
}

/**
 * e04_training_curves: training objective and validation loss per epoch of every network fit on the first test
 * year (one panel per rule, one line per seed and position; ● the kept epoch). A series without training histories
 * (written before they were recorded) gives a figure that says so.
 */
function trainingFigure(m: Metrics, s: Series): VlSpec {
  // a series written before the histories were recorded has none
  const curves: TrainingCurveSeries[] = (s as Partial<Series>).training ?? [];
  if (curves.length === 0) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: "Training curves of the networks",
      width: 500,
      height: 60,
      data: { values: [{ t: "this series has no training histories: re-run e04 v2 (deno task e04)" }] },
      mark: { type: "text", fontSize: 12 },
      encoding: { text: { field: "t" } },
    };
  }
  const rowsOf = (c: TrainingCurveSeries) => {
    const rule = `${MODEL_LABELS[c.model] ?? c.model}${c.baseline === "fhs" ? " on FHS" : ""}`;
    const position = c.position === "long" ? "Long" : c.position === "short" ? "Short" : c.position;
    return { rule, position, seed: c.seed };
  };
  const rows: Record<string, unknown>[] = [], kept: Record<string, unknown>[] = [];
  for (const c of curves) {
    const k = rowsOf(c);
    c.epochs.forEach((e, i) => {
      rows.push({ ...k, epoch: e, curve: "training", loss: c.train[i] });
      rows.push({ ...k, epoch: e, curve: "validation", loss: c.val[i] });
    });
    const b = c.epochs.indexOf(c.bestEpoch);
    if (b >= 0) kept.push({ ...k, epoch: c.bestEpoch, curve: "validation", loss: c.val[b] });
  }
  const rules = [...new Set(rows.map((r) => r.rule as string))];
  const years = [...new Set(curves.map((c) => c.testYear))];
  const seeds = new Set(curves.map((c) => c.seed)).size;
  const color = {
    field: "position",
    type: "nominal",
    title: "position",
    scale: { domain: ["Long", "Short"], range: ["#1f77b4", "#d62728"] },
  };
  const x = {
    field: "epoch",
    type: "quantitative",
    title: "epoch",
    scale: { zero: false, nice: false },
    axis: { tickMinStep: 1, format: "d" },
  };
  const y = { field: "loss", type: "quantitative", title: "loss", scale: { zero: false } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `Training curves of the networks (the fits for test year ${years.join(", ")})`,
      subtitle: [
        `solid: training objective, dashed: validation pinball loss (τ = ${m.params.tau}); both in units of loss / IM;`,
        `one line per position and seed (${seeds} seeds); ● the kept epoch; y scales differ by panel`,
        "(the smoothness-penalty MLP's training objective includes its penalty)",
      ],
    },
    data: { values: [...rows.map((r) => ({ ...r, kind: "line" })), ...kept.map((r) => ({ ...r, kind: "kept" }))] },
    columns: 3,
    // one panel per rule (a concat, not a facet: each panel keeps its own axes and title without header gaps)
    concat: rules.map((rule, i) => ({
      title: { text: rule, fontSize: 11.5, fontWeight: "normal", anchor: "middle" },
      width: 150,
      height: 110,
      transform: [{ filter: `datum.rule === ${JSON.stringify(rule)}` }],
      layer: [
        {
          transform: [{ filter: "datum.kind === 'line'" }],
          mark: { type: "line", strokeWidth: 1 },
          encoding: {
            x,
            y: { ...y, title: i % 3 === 0 ? y.title : null },
            color,
            strokeDash: {
              field: "curve",
              type: "nominal",
              title: "curve",
              scale: { domain: ["training", "validation"], range: [[1, 0], [4, 2]] },
            },
            detail: { field: "seed", type: "nominal" },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'kept'" }],
          mark: { type: "point", filled: true, size: 25 },
          encoding: { x, y: { ...y, title: i % 3 === 0 ? y.title : null }, color },
        },
      ],
    })),
    resolve: { scale: { x: "independent", y: "independent" } },
    config: { legend: { orient: "bottom" } },
  };
}
