/**
 * e03 figures, a pure function of the committed full-profile outputs:
 * - `e03_allocation`: HS-ES IM of each unit at the main as-of date under each
 *   allocation method (grouped bars; the negative Euler component stands out);
 * - `e03_component_history`: month-end Euler components of HS-ES, the total,
 *   and the pro-rata and Shapley allocations of the hedging unit.
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { MetricsFile, Series } from "./outputs.ts";

const METHODS = [
  { key: "standalone", label: "Standalone" },
  { key: "euler", label: "Euler (component)" },
  { key: "proRata", label: "Pro-rata by standalone" },
  { key: "shapley", label: "Shapley (exact)" },
  { key: "incremental", label: "Incremental" },
] as const;
const METHOD_COLORS = ["#bbbbbb", "#d62728", "#1f77b4", "#2ca02c", "#9467bd"];

/** Integer with thousands separators (locale-free, so the bytes never depend on the machine). */
function thousands(x: number): string {
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: MetricsFile; series: Series }): { id: string; spec: VlSpec }[] {
  const m = input.metrics, s = input.series;
  const conf = `${Math.round(m.params.imTau * 100)}%`;
  const ids = m.params.unitIds, labels = m.params.unitLabels;

  const bars: Record<string, unknown>[] = [];
  ids.forEach((id, j) => {
    for (const meth of METHODS) {
      bars.push({ unit: labels[j], method: meth.label, value: Math.round(m.main.es[meth.key][id]) });
    }
  });
  const allocation: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `IM attribution of three desks: HS-ES ${conf}, ${m.params.mpor}-day MPOR, as of ${m.main.asOf}`,
      subtitle: `Total IM ${thousands(m.main.es.total)} USD; ${m.params.lookback} scenarios`,
    },
    width: 540,
    height: 280,
    data: { values: bars },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x: { field: "unit", type: "nominal", title: null, sort: labels, axis: { labelAngle: 0, labelLimit: 0 } },
          xOffset: { field: "method", type: "nominal", sort: METHODS.map((x) => x.label) },
          y: { field: "value", type: "quantitative", title: "USD" },
          color: {
            field: "method",
            type: "nominal",
            title: null,
            scale: { domain: METHODS.map((x) => x.label), range: METHOD_COLORS },
            legend: { orient: "bottom", columns: 3, labelLimit: 0 },
          },
        },
      },
      { mark: { type: "rule", color: "#000000" }, encoding: { y: { datum: 0 } } },
    ],
  };

  const rows: Record<string, unknown>[] = [];
  const names: string[] = ["Total IM (HS-ES)"];
  s.dates.forEach((d, i) => rows.push({ date: d, series: names[0], value: s.es.total[i] }));
  s.unitIds.forEach((id, j) => {
    const n = `${s.unitLabels[j]}: Euler`;
    names.push(n);
    s.dates.forEach((d, i) => rows.push({ date: d, series: n, value: s.es.euler[id][i] }));
  });
  const neg = m.main.es.negativeEuler;
  for (const id of neg) {
    const label = s.unitLabels[s.unitIds.indexOf(id)];
    for (const [k, what] of [["proRata", "pro-rata"], ["shapley", "Shapley"]] as const) {
      const n = `${label}: ${what}`;
      names.push(n);
      s.dates.forEach((d, i) => rows.push({ date: d, series: n, value: s.es[k][id][i] }));
    }
  }
  const palette = ["#000000", "#1f77b4", "#d62728", "#2ca02c", "#ff9896", "#e377c2", "#8c564b", "#17becf"];
  const dashes = names.map((n) => n.endsWith("pro-rata") ? [6, 3] : n.endsWith("Shapley") ? [2, 2] : [1, 0]);
  const history: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `Month-end Euler components of HS-ES ${conf} IM`,
      subtitle: `${m.params.lookback}-scenario window ending each month; dotted rules: sensitivity dates`,
    },
    width: 560,
    height: 300,
    layer: [
      {
        data: { values: rows },
        mark: { type: "line", strokeWidth: 1.2 },
        encoding: {
          x: { field: "date", type: "temporal", title: null },
          y: { field: "value", type: "quantitative", title: "USD" },
          color: {
            field: "series",
            type: "nominal",
            title: null,
            scale: { domain: names, range: palette.slice(0, names.length) },
            legend: { orient: "bottom", columns: 2, labelLimit: 0, symbolStrokeWidth: 2 },
          },
          strokeDash: { field: "series", type: "nominal", scale: { domain: names, range: dashes } },
        },
      },
      {
        data: { values: m.params.sensitivityDates.map((d) => ({ date: d })) },
        mark: { type: "rule", strokeDash: [1, 3], color: "#555555" },
        encoding: { x: { field: "date", type: "temporal" } },
      },
      {
        data: { values: [{ y: 0 }] },
        mark: { type: "rule", color: "#000000" },
        encoding: { y: { field: "y", type: "quantitative" } },
      },
    ],
  };
  return [{ id: "e03_allocation", spec: allocation }, { id: "e03_component_history", spec: history }];
}
